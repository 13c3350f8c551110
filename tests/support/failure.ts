/**
 * One way for tests to say "this fails with": `expect(fn).toFailWith(code, message?)` for a function that throws,
 * `await expect(promise).toFailWith(code, message?)` for a promise that rejects. The code is the error's `code`
 * (#N/A, #NUM!, ... for calculations; InvalidArgument, AccessDenied, ... for the Excel stand-in); the message,
 * when given, is the exact text, a RegExp or an asymmetric matcher such as expect.stringContaining(...).
 * `caught` gives the error itself where a test needs more of it. Registered for every test by jest.config.js.
 */

/** The error that `run` throws (fails when it returns), or the reason `promise` rejects with (fails when it resolves). */
export function caught(run: () => unknown): any;
export function caught(promise: PromiseLike<unknown>): Promise<any>;
export function caught(x: (() => unknown) | PromiseLike<unknown>): any {
  if (typeof x === "function") {
    try {
      x();
    } catch (e) {
      return e;
    }
    throw new Error("expected an error, got a result");
  }
  return Promise.resolve(x).then(
    () => {
      throw new Error("expected a rejection, got a result");
    },
    (e: unknown) => e,
  );
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      /** fails with this code (and this message: text, RegExp or asymmetric matcher) */
      toFailWith(code: string, message?: string | RegExp | AsymmetricMatcher): R;
    }
    interface AsymmetricMatcher {
      asymmetricMatch(other: unknown): boolean;
    }
  }
}

function judge(
  this: jest.MatcherContext,
  error: any,
  code: string,
  message?: string | RegExp | jest.AsymmetricMatcher,
): jest.CustomMatcherResult {
  const got = { code: error?.code, message: error?.message };
  const messageOk =
    message === undefined ||
    (message instanceof RegExp
      ? typeof got.message === "string" && message.test(got.message)
      : this.equals(got.message, message));
  const pass = got.code === code && messageOk;
  const want = message === undefined ? code : `${code} ${this.utils.printExpected(message)}`;
  return {
    pass,
    message: () =>
      `expected ${this.isNot ? "not " : ""}to fail with ${want}\n` +
      `received ${error === undefined ? "no error" : `${this.utils.printReceived(got.code)} ${this.utils.printReceived(got.message)}`}`,
  };
}

expect.extend({
  toFailWith(received: unknown, code: string, message?: string | RegExp | jest.AsymmetricMatcher) {
    if (typeof received === "function") {
      let error: unknown;
      try {
        (received as () => unknown)();
      } catch (e) {
        error = e;
      }
      return judge.call(this, error, code, message);
    }
    if (received && typeof (received as PromiseLike<unknown>).then === "function") {
      return Promise.resolve(received).then(
        () => judge.call(this, undefined, code, message),
        (e: unknown) => judge.call(this, e, code, message),
      );
    }
    throw new Error("toFailWith takes a function or a promise");
  },
});
