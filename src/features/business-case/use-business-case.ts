import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { effectsFromResults, EFFECT_KEYS, overrideEffect, type BusinessCaseEffects } from '../../business-case/effects';
import { computeResults, type ResultsFile } from '../../metrics/results';
import { useAppStore } from '../../store/app-store';
import type { CaseSettings } from '../../store/business-case-slice';
import { fetchRows } from '../../store/query-client';
import { sameData, useDataVersion, useLatestOf, type Latest } from '../use-sql';
import { useMetricInputs } from '../use-settings';

/** The results for the current filters, from which the measured effects come; their queries share the pages' cache. */
export function useCaseResults(): Latest<ResultsFile> {
  const { filters, settings } = useMetricInputs();
  const { dataVersion, ready } = useDataVersion();
  const assumptions = useAppStore((s) => s.upskillingAssumptions);
  const query = useQuery({
    queryKey: ['results', dataVersion, filters, settings, assumptions],
    queryFn: () => computeResults((sql) => fetchRows(dataVersion, sql), filters, settings ?? { asOf: '', k: 1 }, assumptions),
    enabled: ready && settings !== null,
    placeholderData: sameData<ResultsFile>(dataVersion),
  });
  return useLatestOf(query);
}

/** The effects in force: measured ones, replaced by the user's overrides (which make them assumptions). */
export function applyOverrides(measured: BusinessCaseEffects, overrides: CaseSettings['overrides']): BusinessCaseEffects {
  const effects = { ...measured };
  for (const key of EFFECT_KEYS) {
    const value = overrides[key];
    if (value !== undefined) effects[key] = overrideEffect(measured[key], value);
  }
  return effects;
}

/** Measured effects from results, memoised per results object. */
export function useMeasuredEffects(results: ResultsFile | null): BusinessCaseEffects | null {
  return useMemo(() => (results ? effectsFromResults(results) : null), [results]);
}
