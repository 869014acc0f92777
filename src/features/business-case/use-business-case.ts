import { useMemo } from 'react';
import { effectsFromResults, EFFECT_KEYS, overrideEffect, type BusinessCaseEffects, type Evidence } from '../../business-case/effects';
import type { ResultsFile } from '../../metrics/results';
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

/** The effects from the strongest source for each (the loaded data's results, else the evidence file), memoised. */
export function useStrongestEffects(results: ResultsFile | null, evidence: Evidence | null): BusinessCaseEffects | null {
  return useMemo(() => (results ? effectsFromResults(results, evidence) : null), [results, evidence]);
}
