/**
 * Opening ready: a workbook that holds IoMT tables asks Excel to load the add-in when it is opened, so that its
 * IOMT.* formulas calculate at once instead of showing #NAME? or #BUSY! until the pane is opened.
 *
 * Microsoft, "Run code in your Office Add-in when the document opens"
 * (https://learn.microsoft.com/office/dev/add-ins/develop/run-code-on-document-open):
 * `Office.addin.setStartupBehavior(Office.StartupBehavior.load)` needs the shared runtime, applies to this
 * document only, and takes effect from the next time it is opened; `Office.StartupBehavior.none` undoes it
 * ("the add-in does not load until opened by the user"). Both are SharedRuntime 1.1.
 *
 * The pane asks for it after Insert, when it finds IoMT tables in the workbook, and when Check workbook finds IOMT.*
 * formulas or Restore puts them back (a workbook of formulas typed by hand, without tables); not after Make portable
 * (a portable workbook calculates without the add-in, and the choice already made for the workbook is left as it
 * is). The pane's setting turns it off for this workbook; the choice is kept in the workbook's settings, so that a
 * later Insert does not turn it on again.
 */
import { $ } from "./dom";

/** The workbook setting that records the analyst's choice: "off" once they turned loading on open off. */
export const LOAD_ON_OPEN_SETTING = "iomt.loadOnOpen";

/** What opening ready needs from Office. */
export interface StartupHost {
  /** whether Excel will load the add-in when this workbook is next opened */
  loadsOnOpen(): Promise<boolean>;
  /** asks Excel to load the add-in when this workbook opens (true) or not (false) */
  setLoadsOnOpen(load: boolean): Promise<void>;
  /** whether the analyst turned loading on open off for this workbook */
  turnedOff(): boolean;
  /** records the analyst's choice in the workbook's settings */
  recordChoice(on: boolean): Promise<void>;
}

/** Office's startup behaviour and the workbook's settings, or null where this Excel has no shared runtime. */
export function officeStartupHost(): StartupHost | null {
  if (typeof Office === "undefined" || !Office.context?.requirements?.isSetSupported("SharedRuntime", "1.1"))
    return null;
  const addin = Office.addin;
  const settings = Office.context.document?.settings;
  if (!addin || typeof addin.setStartupBehavior !== "function" || !settings) return null;
  return {
    loadsOnOpen: async () => (await addin.getStartupBehavior()) === Office.StartupBehavior.load,
    setLoadsOnOpen: (load) =>
      addin.setStartupBehavior(load ? Office.StartupBehavior.load : Office.StartupBehavior.none),
    turnedOff: () => settings.get(LOAD_ON_OPEN_SETTING) === "off",
    recordChoice: (on) =>
      new Promise<void>((resolve, reject) => {
        if (on) settings.remove(LOAD_ON_OPEN_SETTING);
        else settings.set(LOAD_ON_OPEN_SETTING, "off");
        settings.saveAsync((result) =>
          result.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(result.error),
        );
      }),
  };
}

/** After Insert, or when the workbook holds IoMT tables: load on open, unless the analyst turned it off. */
export async function askToLoadOnOpen(host: StartupHost | null): Promise<boolean> {
  if (!host || host.turnedOff()) return false;
  await host.setLoadsOnOpen(true);
  return true;
}

/** The pane's setting changed: record the choice, then tell Excel. */
export async function chooseLoadOnOpen(host: StartupHost, on: boolean): Promise<void> {
  await host.recordChoice(on);
  await host.setLoadsOnOpen(on);
}

/** What the setting's note says for a state. */
export function loadOnOpenNote(on: boolean): string {
  return on
    ? "From the next time this workbook is opened, Excel loads the add-in with it: IOMT.* formulas calculate at once and the pane stays closed until you open it."
    : "Excel loads the add-in only when you open the pane or the ribbon's Refresh IoMT; until then IOMT.* formulas may show #NAME? or #BUSY! after opening.";
}

/**
 * Wires the pane's setting (#load-on-open, its note and its container, hidden where this Excel cannot load add-ins
 * on open) and returns what the pane calls after Insert and when it finds IoMT tables: load on open unless turned
 * off, and show it.
 */
export function setupLoadOnOpen(host: StartupHost | null): () => Promise<void> {
  if (!host) return async () => undefined;
  const box = $<HTMLInputElement>("load-on-open");
  const note = $("load-on-open-note");
  const show = (on: boolean, prefix = "") => {
    box.checked = on;
    note.textContent = `${prefix}${loadOnOpenNote(on)}`;
  };
  box.addEventListener("change", () => {
    const on = box.checked;
    box.disabled = true;
    chooseLoadOnOpen(host, on)
      .then(() => show(on))
      .catch(() => show(!on, "Excel did not take the setting; it is as before. "))
      .finally(() => {
        box.disabled = false;
      });
  });
  const current = () => host.loadsOnOpen().then((on) => show(!host.turnedOff() && on));
  current()
    .then(() => {
      $("load-on-open-setting").hidden = false;
    })
    .catch(() => undefined);
  return () =>
    askToLoadOnOpen(host)
      .then(current)
      .catch(() => show(false, "Excel did not take the request to load the add-in on open. "));
}
