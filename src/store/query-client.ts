import { MutationObserver, notifyManager, QueryClient } from '@tanstack/react-query';
import type { Row } from '../engine/engine';
import { engineReady } from './engine-slice';

/**
 * The app's query cache (TanStack Query). A query's rows are keyed by the data version and the SQL
 * text, never go stale (the data only changes through a new version) and are not retried: a failed
 * query fails the same way again.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    // Rows of one key never change, so comparing a new answer with the last one deeply is work for nothing.
    queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, structuralSharing: false },
  },
});

// The library tells views about new answers in a setTimeout(0) batch; a page with seven queries waited for
// each such timer (Chromium clamps nested ones to 4 ms). A microtask batches them as well, without the wait.
notifyManager.setScheduler(queueMicrotask);

/** The cache key of a query's rows. */
export const sqlKey = (dataVersion: number, sql: string) => ['sql', dataVersion, sql] as const;

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

/** Runs SQL on the engine; a failure keeps the SQL for "Show SQL" and bug reports. */
export async function runSql(sql: string): Promise<Row[]> {
  const engine = await engineReady();
  try {
    return await engine.query(sql);
  } catch (err) {
    throw new QueryError(err instanceof Error ? err.message : String(err), sql);
  }
}

/** The rows of SQL on this version of the data: from the cache when computed (or being computed) already. */
export const fetchRows = (dataVersion: number, sql: string): Promise<Row[]> =>
  queryClient.fetchQuery({ queryKey: sqlKey(dataVersion, sql), queryFn: () => runSql(sql) });

/** Runs work that changes what the engine holds (the background build of the source tables) as a mutation, so the busy indicator counts it. */
export const runEngineWork = <T>(work: () => Promise<T>): Promise<T> => new MutationObserver(queryClient, { mutationFn: work }).mutate();
