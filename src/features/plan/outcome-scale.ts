import type { DidOutcome } from '../../metrics/did-cells';

/** How a planned outcome is typed and shown: days, or percentage points of a share (the model works in shares). */
export const OUTCOME_SCALE: Record<DidOutcome, { name: string; unit: string; perModelUnit: number; format: (shown: number) => string }> = {
  time_to_fill_days: { name: 'time-to-fill', unit: 'days', perModelUnit: 1, format: (x) => `${x.toFixed(1)} days` },
  retained_365: {
    name: 'first-year retention',
    unit: 'percentage points',
    perModelUnit: 100,
    format: (x) => `${x.toFixed(1)} percentage points`,
  },
};
