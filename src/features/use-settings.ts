import { useMemo } from 'react';
import type { Filters } from '../metrics/filters';
import type { MetricSettings } from '../metrics/settings';
import { selectAsOf, selectPooled, selectRowsLoaded, useAppStore } from '../store/app-store';

/** The filters and metric settings in force; settings are null until the data gives an as-of date. */
export function useMetricInputs(): { filters: Filters; settings: MetricSettings | null } {
  const filters = useAppStore((s) => s.filters);
  return { filters, settings: useMetricSettings() };
}

/** The metric settings in force (as-of date, k, what the metrics read), without the filters. */
export function useMetricSettings(): MetricSettings | null {
  const asOf = useAppStore(selectAsOf);
  const k = useAppStore((s) => s.suppressionK);
  const aggregatesAsOf = useAppStore((s) => s.aggregatesAsOf);
  const rows = useAppStore(selectRowsLoaded);
  const pooled = useAppStore(selectPooled);
  const settings = useMemo(
    (): MetricSettings | null => (asOf ? { asOf, k, aggregatesAsOf, ...(pooled ? { sources: { rows, contributions: true } } : {}) } : null),
    [asOf, k, aggregatesAsOf, rows, pooled],
  );
  return settings;
}
