import { useMemo } from 'react';
import { effectsFromResults, EFFECT_KEYS, overrideEffect, type BusinessCaseEffects } from '../../business-case/effects';
import type { ResultsFile } from '../../metrics/results';
import type { CaseSettings } from '../../store/business-case-slice';

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
