/**
 * What the custom functions ask of office.js: whether it has initialized (Office.onReady), within a bound, and
 * whether this Excel takes data types from functions. Excel may calculate a formula while the add-in is still
 * starting; asking about requirement sets before Office is ready would answer "not supported". A runtime where
 * Office never becomes ready (office.js failed to load or to reach Excel) must not leave a cell pending forever.
 */

/** How long a function waits for Office.onReady before it answers with an error. */
export const OFFICE_READY_TIMEOUT_MS = 5000;

/**
 * Resolves true once office.js has initialized, false when it has not within `timeoutMs`. Without office.js,
 * or when onReady fails, it resolves true at once (there is nothing to wait for; the caller then finds no
 * support). Nothing is remembered between calls: after startup Office.onReady() resolves at once.
 */
export function officeReady(timeoutMs: number = OFFICE_READY_TIMEOUT_MS): Promise<boolean> {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return Promise.resolve(true);
  const ready = Promise.resolve()
    .then(() => Office.onReady())
    .then(
      () => true,
      () => true,
    );
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  return Promise.race([ready, late]).then((answer) => {
    clearTimeout(timer);
    return answer;
  });
}

/** Whether this Excel can take data types from custom functions (CustomFunctionsRuntime 1.4). */
export function supportsEntities(): boolean {
  try {
    const requirements = typeof Office !== "undefined" && Office.context && Office.context.requirements;
    return !!requirements && requirements.isSetSupported("CustomFunctionsRuntime", "1.4");
  } catch {
    return false;
  }
}
