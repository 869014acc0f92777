import type { StateCreator } from 'zustand';
import type { EffectKey, Evidence } from '../business-case/effects';
import { dailyVacancyCostFromSalary, DEFAULT_INPUTS, type BusinessCaseInputs, type InputKey } from '../business-case/inputs';

/** A business case as the user set it: inputs and effect overrides, never data. */
export interface CaseSettings {
  inputs: BusinessCaseInputs;
  overrides: Partial<Record<EffectKey, number>>;
}

export interface BusinessCaseSlice {
  businessCase: CaseSettings;
  /** Another pilot's results file whose effects the case may take (kept in this tab only, like the data). */
  evidence: Evidence | null;
  setEvidence: (evidence: Evidence | null) => void;
  setCaseInput: (key: InputKey, value: number) => void;
  setEffectOverride: (key: EffectKey, value: number | null) => void;
  loadCase: (settings: CaseSettings) => void;
}

export const DEFAULT_CASE: CaseSettings = { inputs: DEFAULT_INPUTS, overrides: {} };

export const createBusinessCaseSlice: StateCreator<BusinessCaseSlice, [], [], BusinessCaseSlice> = (set) => ({
  businessCase: DEFAULT_CASE,
  evidence: null,
  setEvidence: (evidence) => set({ evidence }),
  setCaseInput: (key, value) =>
    set(({ businessCase }) => {
      const inputs = { ...businessCase.inputs, [key]: value };
      // The daily vacancy cost follows the salary until the user sets it.
      const derived = dailyVacancyCostFromSalary(businessCase.inputs.annualSalary);
      if (key === 'annualSalary' && businessCase.inputs.dailyVacancyCost === derived)
        inputs.dailyVacancyCost = dailyVacancyCostFromSalary(value);
      return { businessCase: { ...businessCase, inputs } };
    }),
  setEffectOverride: (key, value) =>
    set(({ businessCase }) => {
      const overrides = Object.fromEntries(Object.entries({ ...businessCase.overrides, [key]: value }).filter(([, v]) => v !== null));
      return { businessCase: { ...businessCase, overrides } };
    }),
  loadCase: (businessCase) => set({ businessCase }),
});
