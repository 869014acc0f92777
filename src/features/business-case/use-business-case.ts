import { useMemo } from 'react';
import { effectsFromResults, EFFECT_KEYS, overrideEffect, type BusinessCaseEffects } from '../../business-case/effects';
import { computeResults, type ResultsFile } from '../../metrics/results';
import { useAppStore } from '../../store/app-store';
import type { CaseSettings } from '../../store/business-case-slice';
import { runCached } from '../../store/query-cache';
import { useLatest, type Latest } from '../use-latest';
import { useMetricInputs } from '../use-settings';

/** The results for the current filters, from which the measured effects come. */
export function useCaseResults(): Latest<ResultsFile> {
  const { filters, settings } = useMetricInputs();
  const dataVersion = useAppStore((s) => s.dataVersion);
  const assumptions = useAppStore((s) => s.upskillingAssumptions);
  const ready = useAppStore((s) => s.engine.state === 'ready') && dataVersion > 0 && settings !== null;
  const key = ready ? JSON.stringify([dataVersion, filters, settings, assumptions]) : null;
  return useLatest(
    key,
    () => computeResults((sql) => runCached(dataVersion, sql), filters, settings ?? { asOf: '', k: 1 }, assumptions),
    dataVersion,
  );
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
