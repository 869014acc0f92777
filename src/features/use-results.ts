import { useQuery } from '@tanstack/react-query';
import { computeResults, type ResultsFile } from '../metrics/results';
import { useAppStore } from '../store/app-store';
import { fetchRows } from '../store/query-client';
import { sameData, useDataVersion, useLatestOf, type Latest } from './use-sql';
import { useMetricInputs } from './use-settings';

/** results@1 for the current filters and settings (the business case's effects, the pilot brief: no subgroups); its queries share the pages' cache. */
export function useResults(): Latest<ResultsFile> {
  const { filters, settings } = useMetricInputs();
  const { dataVersion, ready } = useDataVersion();
  const assumptions = useAppStore((s) => s.upskillingAssumptions);
  const query = useQuery({
    queryKey: ['results', dataVersion, filters, settings, assumptions],
    queryFn: () =>
      computeResults((sql) => fetchRows(dataVersion, sql), filters, settings ?? { asOf: '', k: 1 }, assumptions, { subgroups: false }),
    enabled: ready && settings !== null,
    placeholderData: sameData<ResultsFile>(dataVersion),
  });
  return useLatestOf(query);
}
