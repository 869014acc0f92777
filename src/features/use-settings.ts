import { useMemo } from 'react';
import type { Filters } from '../metrics/filters';
import type { MetricSettings } from '../metrics/settings';
import { selectAsOf, useAppStore } from '../store/app-store';

/** The filters and metric settings in force; settings are null until the data gives an as-of date. */
export function useMetricInputs(): { filters: Filters; settings: MetricSettings | null } {
  const filters = useAppStore((s) => s.filters);
  const asOf = useAppStore(selectAsOf);
  const k = useAppStore((s) => s.suppressionK);
  const aggregatesAsOf = useAppStore((s) => s.aggregatesAsOf);
  const settings = useMemo(() => (asOf ? { asOf, k, aggregatesAsOf } : null), [asOf, k, aggregatesAsOf]);
  return { filters, settings };
}
