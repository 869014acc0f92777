import { computeOverview, overviewSql, type Overview } from '../../metrics/overview';
import { selectAsOf, useAppStore } from '../../store/app-store';
import { runCached } from '../../store/query-cache';
import { useLatest, type Latest } from '../use-latest';

/** The overview and the SQL it was computed with ("Show SQL" shows what produced the figures on screen). */
export interface ShownOverview {
  overview: Overview;
  sql: ReturnType<typeof overviewSql>;
}

/** The overview for the current data and settings; pending until data and an as-of date exist. */
export function useOverview(): Latest<ShownOverview> {
  const dataVersion = useAppStore((s) => s.dataVersion);
  const asOf = useAppStore(selectAsOf);
  const k = useAppStore((s) => s.suppressionK);
  const ready = useAppStore((s) => s.engine.state === 'ready');
  const filters = useAppStore((s) => s.filters);
  const aggregatesAsOf = useAppStore((s) => s.aggregatesAsOf);
  const key = ready && asOf && dataVersion > 0 ? JSON.stringify([dataVersion, asOf, k, aggregatesAsOf, filters]) : null;
  const settings = { asOf: asOf ?? '', k, aggregatesAsOf };
  return useLatest(
    key,
    async () => ({ overview: await computeOverview((sql) => runCached(dataVersion, sql), settings, filters), sql: overviewSql(filters, settings) }),
    dataVersion,
  );
}
