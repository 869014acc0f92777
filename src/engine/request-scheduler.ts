/**
 * The order in which requests reach one DuckDB connection. Statements that change data, and streamed
 * runs, are exclusive: they wait for everything scheduled before them and hold the connection alone (a
 * transaction or a pending result must not interleave). Queries are shared: they wait only for the
 * exclusive requests before them, so several go to the worker at once, which answers them in order
 * while the page turns earlier answers into rows and draws them, instead of idling between round trips.
 * A failed request never blocks the ones after it.
 */
export class RequestScheduler {
  /** Settles when everything scheduled so far has. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Settles when the last exclusive request scheduled so far has. */
  private lastExclusive: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every request scheduled before it; requests scheduled later wait for it. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const next = this.tail.then(task, task);
    this.tail = this.lastExclusive = settled(next);
    return next;
  }

  /** Runs `task` once the exclusive requests scheduled before it are done, alongside other shared ones. */
  shared<T>(task: () => Promise<T>): Promise<T> {
    const next = this.lastExclusive.then(task, task);
    this.tail = Promise.all([this.tail, settled(next)]);
    return next;
  }
}

const settled = (p: Promise<unknown>) => p.catch(() => undefined);
