import type { StateCreator } from 'zustand';
import type { EffectKey, Evidence } from '../business-case/effects';
import { DEFAULT_INPUTS, INPUT_SPECS, type BusinessCaseInputs, type InputKey } from '../business-case/inputs';

/** A business case as the user set it: inputs and effect overrides, never data. */
export interface CaseSettings {
  inputs: BusinessCaseInputs;
  overrides: Partial<Record<EffectKey, number>>;
  /**
   * The inputs the user set; the others take the value measured in the loaded data, else their default.
   * Absent in cases saved before inputs were measured: then the inputs that differ from the defaults.
   */
  edited?: InputKey[];
}

/** The inputs the user set (see CaseSettings.edited). */
export function editedInputs(settings: CaseSettings): InputKey[] {
  return settings.edited ?? INPUT_SPECS.filter((s) => settings.inputs[s.key] !== DEFAULT_INPUTS[s.key]).map((s) => s.key);
}

export interface BusinessCaseSlice {
  businessCase: CaseSettings;
  /** Another pilot's results file whose effects the case may take (kept in this tab only, like the data). */
  evidence: Evidence | null;
  setEvidence: (evidence: Evidence | null) => void;
  setCaseInput: (key: InputKey, value: number) => void;
  /** Gives an input back to the measured value (or the default where nothing is measured). */
  unsetCaseInput: (key: InputKey) => void;
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
      const edited = editedInputs(businessCase);
      return {
        businessCase: {
          ...businessCase,
          inputs: { ...businessCase.inputs, [key]: value },
          edited: edited.includes(key) ? edited : [...edited, key],
        },
      };
    }),
  unsetCaseInput: (key) =>
    set(({ businessCase }) => ({
      businessCase: {
        ...businessCase,
        inputs: { ...businessCase.inputs, [key]: DEFAULT_INPUTS[key] },
        edited: editedInputs(businessCase).filter((k) => k !== key),
      },
    })),
  setEffectOverride: (key, value) =>
    set(({ businessCase }) => {
      const overrides = Object.fromEntries(Object.entries({ ...businessCase.overrides, [key]: value }).filter(([, v]) => v !== null));
      return { businessCase: { ...businessCase, overrides } };
    }),
  loadCase: (businessCase) => set({ businessCase }),
});
