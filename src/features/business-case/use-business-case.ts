import { useMemo } from 'react';
import { effectsFromResults, EFFECT_KEYS, overrideEffect, type BusinessCaseEffects, type Evidence } from '../../business-case/effects';
import type { ResultsFile } from '../../metrics/results';
import { baselineSql, readBaseline, type Baseline } from '../../business-case/baseline';
import { latestValue, useFigures } from '../use-sql';
import { useMetricInputs } from '../use-settings';
import type { CaseSettings } from '../../store/business-case-slice';

/** The effects in force: the strongest sources', replaced by the user's overrides (which make them assumptions). */
export function applyOverrides(measured: BusinessCaseEffects, overrides: CaseSettings['overrides']): BusinessCaseEffects {
  const effects = { ...measured };
  for (const key of EFFECT_KEYS) {
    const value = overrides[key];
    if (value !== undefined) effects[key] = overrideEffect(measured[key], value);
  }
  return effects;
}

/** The business-case inputs measured in the loaded data under the current filters (none until they arrive). */
export function useBaseline(): Baseline {
  const { filters, settings } = useMetricInputs();
  const result = useFigures(settings ? baselineSql(filters, settings) : null, readBaseline);
  const latest = latestValue(result);
  return latest?.value ?? NO_BASELINE;
}

const NO_BASELINE: Baseline = {};

/** The effects from the strongest source for each (the loaded data's results, else the evidence file), memoised. */
export function useStrongestEffects(results: ResultsFile | null, evidence: Evidence | null): BusinessCaseEffects | null {
  return useMemo(() => (results ? effectsFromResults(results, evidence) : null), [results, evidence]);
}
