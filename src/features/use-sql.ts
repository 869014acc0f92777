import { useSyncExternalStore } from 'react';
import type { Row } from '../metrics/results';
import { useAppStore } from '../store/app-store';
import { pendingQueries, runCached } from '../store/query-cache';
import { useLatest, type Latest } from './use-latest';

/** Rows of a SQL query on the loaded data, rerun when the data changes; null SQL waits. */
export function useSql(sql: string | null): Latest<Row[]> {
  const dataVersion = useAppStore((s) => s.dataVersion);
  const ready = useAppStore((s) => s.engine.state === 'ready') && dataVersion > 0;
  return useLatest(ready && sql ? `${dataVersion}\u0000${sql}` : null, () => runCached(dataVersion, sql ?? ''), dataVersion);
}

/** Whether the engine is working on any query. */
export function useEngineBusy(): boolean {
  return useSyncExternalStore(pendingQueries.subscribe, pendingQueries.count) > 0;
}
