/**
 * The ZEGO Express token, asked of the core on the media stream (the core fetches it from the
 * token endpoint, README "ZEGO Express"). One request at a time; every room login shares it, and
 * a token a room refused is forgotten so that the next login asks again. A request the core does
 * not answer in time (lost on the way: browser mode drops what is sent while the page's link to
 * the core is down) fails, so that the logins waiting for it say so and the next one asks again.
 */

/** Longer than the core's own wait for the token endpoint (10 s), which then answers with an error. */
const TOKEN_ANSWER_MS = 15_000;

export class ExpressToken {
  readonly #ask: () => void;
  #pending: { promise: Promise<string>; resolve(token: string): void; reject(error: Error): void } | null = null;
  #token: string | null = null;

  constructor(ask: () => void) {
    this.#ask = ask;
  }

  get(): Promise<string> {
    if (this.#token !== null) return Promise.resolve(this.#token);
    if (!this.#pending) {
      let resolve!: (token: string) => void;
      let reject!: (error: Error) => void;
      const promise = new Promise<string>((ok, fail) => {
        resolve = ok;
        reject = fail;
      });
      const pending = { promise, resolve, reject };
      this.#pending = pending;
      const deadline = setTimeout(() => {
        if (this.#pending !== pending) return;
        this.#pending = null;
        pending.reject(new Error(`no ZEGO Express token: the core did not answer within ${TOKEN_ANSWER_MS / 1000} s`));
      }, TOKEN_ANSWER_MS);
      void promise.then(
        () => clearTimeout(deadline),
        () => clearTimeout(deadline),
      );
      this.#ask();
    }
    return this.#pending.promise;
  }

  resolve(token: string): void {
    this.#token = token;
    this.#pending?.resolve(token);
    this.#pending = null;
  }

  reject(reason: string): void {
    this.#pending?.reject(new Error(`no ZEGO Express token: ${reason}`));
    this.#pending = null;
  }

  forget(): void {
    this.#token = null;
  }
}
