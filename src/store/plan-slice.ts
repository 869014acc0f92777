import type { StateCreator } from 'zustand';
import type { DidOutcome } from '../metrics/did-cells';

/**
 * A pilot being planned (DESIGN §8), as the user set it: the outcome, J employers, the share adopting,
 * quarters before and from adoption, the effect to detect (days, or percentage points of retention),
 * and, for data too thin to give them, a typed standard deviation and quarter-to-quarter correlation.
 */
export interface PlanSettings {
  outcome: DidOutcome;
  employers: number;
  adopting: number;
  before: number;
  after: number;
  effect: number;
  sd: number | null;
  rho: number | null;
}

export const DEFAULT_PLAN: PlanSettings = {
  outcome: 'time_to_fill_days',
  employers: 40,
  adopting: 0.5,
  before: 4,
  after: 4,
  effect: 3,
  sd: null,
  rho: null,
};

export interface PlanSlice {
  plan: PlanSettings;
  setPlan: (change: Partial<PlanSettings>) => void;
}

export const createPlanSlice: StateCreator<PlanSlice, [], [], PlanSlice> = (set) => ({
  plan: DEFAULT_PLAN,
  setPlan: (change) => set(({ plan }) => ({ plan: { ...plan, ...change } })),
});

/** Each setting's URL parameter and the values it may take; anything else in a link falls back to the default. */
const PARAMS: { key: Exclude<keyof PlanSettings, 'outcome'>; param: string; valid: (x: number) => boolean }[] = [
  { key: 'employers', param: 'employers', valid: (x) => Number.isInteger(x) && x >= 4 && x <= 100_000 },
  { key: 'adopting', param: 'adopting', valid: (x) => x > 0 && x < 1 },
  { key: 'before', param: 'before', valid: (x) => Number.isInteger(x) && x >= 1 && x <= 40 },
  { key: 'after', param: 'after', valid: (x) => Number.isInteger(x) && x >= 1 && x <= 40 },
  { key: 'effect', param: 'effect', valid: (x) => x > 0 },
  { key: 'sd', param: 'sd', valid: (x) => x > 0 },
  { key: 'rho', param: 'rho', valid: (x) => x > -1 && x < 1 },
];

/** Whether a value is one the setting may take. */
export const validPlanValue = (key: Exclude<keyof PlanSettings, 'outcome'>, value: number): boolean =>
  Number.isFinite(value) && (PARAMS.find((p) => p.key === key)?.valid(value) ?? false);

/** Writes the settings that differ from the defaults. */
export function writePlan(plan: PlanSettings, params: URLSearchParams): void {
  if (plan.outcome !== DEFAULT_PLAN.outcome) params.set('outcome', 'retention');
  for (const { key, param } of PARAMS) if (plan[key] !== DEFAULT_PLAN[key] && plan[key] !== null) params.set(param, String(plan[key]));
}

export function readPlan(params: URLSearchParams): PlanSettings {
  const plan: PlanSettings = { ...DEFAULT_PLAN, outcome: params.get('outcome') === 'retention' ? 'retained_365' : 'time_to_fill_days' };
  for (const { key, param } of PARAMS) {
    const text = params.get(param);
    const value = Number(text);
    if (text !== null && text !== '' && validPlanValue(key, value)) plan[key] = value;
  }
  return plan;
}
