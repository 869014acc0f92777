import { computeOverview, type Overview } from '../../metrics/overview';
import { selectAsOf, useAppStore } from '../../store/app-store';
import { runCached } from '../../store/query-cache';
import { useLatest, type Latest } from '../use-latest';

/** The overview for the current data and settings; pending until data and an as-of date exist. */
export function useOverview(): Latest<Overview> {
  const dataVersion = useAppStore((s) => s.dataVersion);
  const asOf = useAppStore(selectAsOf);
  const k = useAppStore((s) => s.suppressionK);
  const ready = useAppStore((s) => s.engine.state === 'ready');
  const filters = useAppStore((s) => s.filters);
  const aggregatesAsOf = useAppStore((s) => s.aggregatesAsOf);
  const key = ready && asOf && dataVersion > 0 ? JSON.stringify([dataVersion, asOf, k, aggregatesAsOf, filters]) : null;
  return useLatest(key, () => computeOverview((sql) => runCached(dataVersion, sql), { asOf: asOf ?? '', k, aggregatesAsOf }, filters));
}
