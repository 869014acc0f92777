import { useId, useState } from 'react';
import { useAppStore } from '../../store/app-store';
import { validPlanValue, type PlanSettings } from '../../store/plan-slice';
import { OUTCOME_SCALE } from './outcome-scale';

type NumberKey = Exclude<keyof PlanSettings, 'outcome'>;

/** The planned pilot's inputs: outcome, employers, share adopting, quarters before and after, and the effect to detect. */
export function PlanInputs() {
  const plan = useAppStore((s) => s.plan);
  const setPlan = useAppStore((s) => s.setPlan);
  const scale = OUTCOME_SCALE[plan.outcome];
  return (
    <fieldset className="card plan-inputs">
      <legend>The pilot you plan</legend>
      <div className="case-field">
        <label htmlFor="plan-outcome">Outcome</label>
        <select
          id="plan-outcome"
          value={plan.outcome}
          onChange={(e) => setPlan({ outcome: e.target.value === 'retained_365' ? 'retained_365' : 'time_to_fill_days' })}
        >
          <option value="time_to_fill_days">Time-to-fill (days)</option>
          <option value="retained_365">First-year retention (points)</option>
        </select>
      </div>
      <PlanNumber field="employers" label="Employers in the pilot (J)" hint="adopting and comparison employers together" />
      <PlanNumber field="adopting" label="Share adopting LERs (%)" hint="the rest never adopt and serve as the comparison" percent />
      <PlanNumber field="before" label="Quarters observed before adoption (m)" hint="with hires in each" />
      <PlanNumber field="after" label="Quarters observed from adoption on (r)" hint="the quarter of adoption counts" />
      <PlanNumber field="effect" label={`Effect you want to detect (${scale.unit})`} hint={`a change in ${scale.name}, either direction`} />
    </fieldset>
  );
}

/**
 * One numeric setting: what the user types stays in the field while it is not a valid value (said beside
 * it); each valid value goes to the plan and the URL. `percent` shows a share as a percentage.
 */
export function PlanNumber({ field, label, hint, percent = false }: { field: NumberKey; label: string; hint: string; percent?: boolean }) {
  const id = useId();
  const value = useAppStore((s) => s.plan[field]);
  const setPlan = useAppStore((s) => s.setPlan);
  const shown = value === null ? '' : String(percent ? Math.round(value * 1000) / 10 : value);
  const [draft, setDraft] = useState<{ text: string; from: string } | null>(null);
  const text = draft && draft.from === shown ? draft.text : shown;
  const typed = Number(text) / (percent ? 100 : 1);
  const invalid = text !== shown && (text === '' || !validPlanValue(field, typed));
  return (
    <div className="case-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        aria-invalid={invalid}
        aria-describedby={`${id}-hint`}
        onChange={(e) => {
          const next = Number(e.target.value) / (percent ? 100 : 1);
          setDraft({ text: e.target.value, from: shown });
          if (e.target.value !== '' && validPlanValue(field, next)) setPlan({ [field]: next });
        }}
      />
      <span id={`${id}-hint`} className="muted">
        {invalid ? `Not used: ${RANGES[field]}.` : hint}
      </span>
    </div>
  );
}

const RANGES: Record<NumberKey, string> = {
  employers: 'a whole number from 4 to 100,000',
  adopting: 'between 0% and 100%, both excluded',
  before: 'a whole number of quarters from 1 to 40',
  after: 'a whole number of quarters from 1 to 40',
  effect: 'a number above 0',
  sd: 'a number above 0',
  rho: 'between −1 and 1, both excluded',
};
