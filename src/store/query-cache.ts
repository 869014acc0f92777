import type { Row } from '../engine/engine';
import { engineReady } from './engine-slice';

const MAX_ENTRIES = 200;
const cache = new Map<string, Promise<Row[]>>();
let pending = 0;
const listeners = new Set<() => void>();
const setPending = (delta: number) => {
  pending += delta;
  for (const listener of listeners) listener();
};

/** How many queries the engine is working on; for the progress indicator. */
export const pendingQueries = {
  subscribe(listener: () => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  count: () => pending,
};

/** Counts engine work (a query, or a background build) in the progress indicator until it settles. */
export function trackBusy<T>(work: Promise<T>): Promise<T> {
  setPending(1);
  return work.finally(() => setPending(-1));
}

/**
 * Runs SQL on the engine, caching by data version and SQL text so repeated views never re-scan;
 * a failed query is not cached. The error keeps the SQL for "Show SQL" and bug reports.
 */
export function runCached(dataVersion: number, sql: string): Promise<Row[]> {
  const key = `${dataVersion}\u0000${sql}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const result = trackBusy(
    engineReady()
      .then((engine) => engine.query(sql))
      .catch((err: unknown) => {
        cache.delete(key);
        throw new QueryError(err instanceof Error ? err.message : String(err), sql);
      }),
  );
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}

/** A failed query, with the SQL that failed. */
export class QueryError extends Error {
  constructor(
    message: string,
    readonly sql: string,
  ) {
    super(message);
    this.name = 'QueryError';
  }
}
