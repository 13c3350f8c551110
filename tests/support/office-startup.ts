/**
 * A strict stand-in for the parts of office.js that opening ready uses: `Office.addin`'s startup behaviour and the
 * workbook's settings, over a workbook that can be closed and opened again. It records every call.
 *
 * - `setStartupBehavior(behavior)` takes only `Office.StartupBehavior` values ("Load", "None") and applies to this
 *   document from the next time it is opened; the add-in does not load because of it now ("Run code in your Office
 *   Add-in when the document opens": "the add-in won't run the first time a user opens the document ... whenever
 *   the document is reopened, the add-in loads immediately";
 *   https://learn.microsoft.com/office/dev/add-ins/develop/run-code-on-document-open). Without a call it is
 *   "None": "the add-in does not load until opened by the user" (Office.StartupBehavior). Both need SharedRuntime 1.1.
 * - Settings changed with `set` or `remove` are written to the document only by `saveAsync`; on reopen, unsaved
 *   changes are gone (Office.Settings: "changes made to settings ... will not be saved to the document until the
 *   saveAsync method is called"; https://learn.microsoft.com/javascript/api/office/office.settings).
 */
export interface StartupStandIn {
  /** what office.js would be: assign to globalThis.Office */
  office: any;
  /** every setStartupBehavior call, in order */
  calls: string[];
  /** closes the workbook and opens it again: whether Excel loaded the add-in with it */
  reopen(): boolean;
  /** makes the next saveAsync fail, as when the document cannot be written */
  failNextSave(): void;
}

export function startupStandIn(options: { sharedRuntime?: boolean } = {}): StartupStandIn {
  const StartupBehavior = { load: "Load", none: "None" };
  const calls: string[] = [];
  let behavior = "None";
  let saved = new Map<string, unknown>();
  let live = new Map(saved);
  let failSave = false;
  const office = {
    StartupBehavior,
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    context: {
      requirements: {
        isSetSupported: (set: string, version: string) =>
          options.sharedRuntime !== false && set === "SharedRuntime" && Number(version) <= 1.1,
      },
      document: {
        settings: {
          get: (name: string) => (live.has(name) ? live.get(name) : null),
          set: (name: string, value: unknown) => void live.set(name, value),
          remove: (name: string) => void live.delete(name),
          saveAsync: (callback: (r: { status: string; error?: Error }) => void) => {
            const fail = failSave;
            failSave = false;
            if (!fail) saved = new Map(live);
            setTimeout(() =>
              callback(
                fail
                  ? { status: "failed", error: new Error("The document could not be saved.") }
                  : { status: "succeeded" },
              ),
            );
          },
        },
      },
    },
    addin: {
      setStartupBehavior: (value: unknown) => {
        calls.push(String(value));
        if (value !== StartupBehavior.load && value !== StartupBehavior.none)
          return Promise.reject(
            new Error(`setStartupBehavior takes Office.StartupBehavior values, not ${String(value)}`),
          );
        behavior = value;
        return Promise.resolve();
      },
      getStartupBehavior: () => Promise.resolve(behavior),
    },
  };
  return {
    office,
    calls,
    reopen: () => {
      live = new Map(saved);
      return behavior === StartupBehavior.load;
    },
    failNextSave: () => {
      failSave = true;
    },
  };
}
