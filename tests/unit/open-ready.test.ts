/** Opening ready (src/taskpane/open-ready.ts) on a strict stand-in of Office.addin and the workbook's settings. */
import { startupStandIn, type StartupStandIn } from "../support/office-startup";
import {
  askToLoadOnOpen,
  chooseLoadOnOpen,
  LOAD_ON_OPEN_SETTING,
  loadOnOpenNote,
  officeStartupHost,
} from "../../src/taskpane/open-ready";

let standIn: StartupStandIn;
const g = globalThis as any;

function install(options: { sharedRuntime?: boolean } = {}): StartupStandIn {
  standIn = startupStandIn(options);
  g.Office = standIn.office;
  return standIn;
}

afterEach(() => {
  delete g.Office;
});

describe("the stand-in", () => {
  test("takes only StartupBehavior values, applies them from the next open, and keeps only saved settings", async () => {
    const s = install();
    await expect(s.office.addin.setStartupBehavior("load")).rejects.toThrow(/StartupBehavior values/);
    expect(s.reopen()).toBe(false);
    await s.office.addin.setStartupBehavior("Load");
    expect(await s.office.addin.getStartupBehavior()).toBe("Load");
    expect(s.reopen()).toBe(true);
    s.office.context.document.settings.set("x", 1);
    s.reopen();
    expect(s.office.context.document.settings.get("x")).toBeNull();
    s.office.context.document.settings.set("x", 1);
    await new Promise((resolve) => s.office.context.document.settings.saveAsync(resolve));
    s.reopen();
    expect(s.office.context.document.settings.get("x")).toBe(1);
    expect(s.calls).toEqual(["load", "Load"]);
  });
});

describe("opening ready", () => {
  test("after Insert, Excel is asked to load the add-in with this workbook from its next open", async () => {
    const s = install();
    expect(await askToLoadOnOpen(officeStartupHost())).toBe(true);
    expect(s.calls).toEqual(["Load"]);
    expect(await officeStartupHost()!.loadsOnOpen()).toBe(true);
    expect(s.reopen()).toBe(true);
  });

  test("a workbook opened before anything asked does not load the add-in", () => {
    const s = install();
    expect(s.reopen()).toBe(false);
    expect(s.calls).toEqual([]);
  });

  test("the pane's setting turns it off for this workbook, and a later Insert does not turn it on again", async () => {
    const s = install();
    await askToLoadOnOpen(officeStartupHost());
    await chooseLoadOnOpen(officeStartupHost()!, false);
    expect(s.calls).toEqual(["Load", "None"]);
    expect(s.office.context.document.settings.get(LOAD_ON_OPEN_SETTING)).toBe("off");
    expect(s.reopen()).toBe(false);
    // the choice is in the saved workbook: after reopening, Insert again asks nothing
    expect(officeStartupHost()!.turnedOff()).toBe(true);
    expect(await askToLoadOnOpen(officeStartupHost())).toBe(false);
    expect(s.calls).toEqual(["Load", "None"]);
    expect(s.reopen()).toBe(false);
  });

  test("turning it on again clears the choice and loads on open", async () => {
    const s = install();
    await chooseLoadOnOpen(officeStartupHost()!, false);
    await chooseLoadOnOpen(officeStartupHost()!, true);
    expect(s.calls).toEqual(["None", "Load"]);
    expect(s.office.context.document.settings.get(LOAD_ON_OPEN_SETTING)).toBeNull();
    expect(s.reopen()).toBe(true);
    expect(await askToLoadOnOpen(officeStartupHost())).toBe(true);
  });

  test("when the workbook's settings cannot be saved, the startup behaviour is left as it was", async () => {
    const s = install();
    await askToLoadOnOpen(officeStartupHost());
    s.failNextSave();
    await expect(chooseLoadOnOpen(officeStartupHost()!, false)).rejects.toThrow(/could not be saved/);
    expect(s.calls).toEqual(["Load"]);
    expect(s.reopen()).toBe(true);
  });

  test("an Excel without the shared runtime, or outside Office, is asked nothing", async () => {
    const s = install({ sharedRuntime: false });
    expect(officeStartupHost()).toBeNull();
    expect(await askToLoadOnOpen(officeStartupHost())).toBe(false);
    expect(s.calls).toEqual([]);
    delete g.Office;
    expect(officeStartupHost()).toBeNull();
  });

  test("the setting's note says what the analyst will see either way", () => {
    expect(loadOnOpenNote(true)).toMatch(/next time this workbook is opened/);
    expect(loadOnOpenNote(false)).toMatch(/#NAME\? or #BUSY!/);
  });
});
