import { useMemo, type ReactNode } from 'react';
import { ExportSettingContext } from '../components/export-frame';
import { describeFilters } from '../metrics/filters';
import { useAppStore } from '../store/app-store';
import { useShowingSample } from './sample-banner';
import { useMetricInputs } from './use-settings';

/** Gives every chart's exports the data's date, the filters, k and the synthetic mark in force. */
export function ExportSettingProvider({ children }: { children: ReactNode }) {
  const { filters, settings } = useMetricInputs();
  const k = useAppStore((s) => s.suppressionK);
  const synthetic = useShowingSample();
  const asOf = settings?.asOf ?? null;
  const value = useMemo(() => ({ asOf, filters: describeFilters(filters), k, synthetic }), [asOf, filters, k, synthetic]);
  return <ExportSettingContext.Provider value={value}>{children}</ExportSettingContext.Provider>;
}
