/**
 * Settles every request once the engine's worker has died. AsyncDuckDB forgets pending requests when its
 * worker fails, leaving their promises unsettled forever (https://github.com/duckdb/duckdb-wasm/issues/1588);
 * guarded, they reject with the reason instead, and so does every request made afterwards.
 */
export class CrashGuard {
  private failure: Error | null = null;
  private reject: (err: Error) => void = () => undefined;
  private readonly died = new Promise<never>((_, reject) => {
    this.reject = reject;
  });

  constructor() {
    this.died.catch(() => undefined);
  }

  /** Runs `task`, rejecting with the failure if the worker dies before it settles (or has died already). */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.failure ? Promise.reject(this.failure) : Promise.race([task(), this.died]);
  }

  /** Records the failure; true the first time, false if the engine had already failed. */
  fail(err: Error): boolean {
    if (this.failure) return false;
    this.failure = err;
    this.reject(err);
    return true;
  }
}
