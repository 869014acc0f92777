import { useId } from 'react';
import { EFFECT_KEYS, EFFECT_SPECS, type BusinessCaseEffects } from '../../business-case/effects';
import { INPUT_SPECS, validateInput, type InputSpec } from '../../business-case/inputs';
import { SourceTag } from '../../components/source-tag';
import { useAppStore } from '../../store/app-store';
import { formatEffect, toModelUnit, toTypedUnit } from './format-effect';

/** The three effects: measured from the loaded data by default, each overridable as an assumption. */
export function EffectsForm({ measured, effects }: { measured: BusinessCaseEffects; effects: BusinessCaseEffects }) {
  const overrides = useAppStore((s) => s.businessCase.overrides);
  const setOverride = useAppStore((s) => s.setEffectOverride);
  return (
    <fieldset className="card case-effects">
      <legend>Effects of LERs</legend>
      {EFFECT_KEYS.map((key) => {
        const effect = effects[key];
        const source = measured[key];
        const spec = EFFECT_SPECS[key];
        const overridden = overrides[key] !== undefined;
        return (
          <EffectRow
            key={key}
            label={spec.label}
            unit={spec.unit === 'days' ? 'days' : 'percentage points'}
            note={[
              overridden && effect ? `In use (assumed): ${formatEffect(key, effect)}.` : null,
              source
                ? `Measured: ${formatEffect(key, source)}. ${source.source}`
                : 'Not measurable in the loaded data with these filters: enter an assumption.',
            ]
              .filter(Boolean)
              .join(' ')}
            provenance={effect?.provenance ?? null}
            value={overridden ? toTypedUnit(key, overrides[key] ?? 0) : null}
            placeholder={source ? toTypedUnit(key, source.estimate).toFixed(1) : ''}
            onChange={(typed) => setOverride(key, typed === null ? null : toModelUnit(key, typed))}
          />
        );
      })}
    </fieldset>
  );
}

function EffectRow(props: {
  label: string;
  unit: string;
  note: string;
  provenance: 'measured' | 'assumed' | null;
  value: number | null;
  placeholder: string;
  onChange: (typed: number | null) => void;
}) {
  const id = useId();
  return (
    <div className="case-field">
      <label htmlFor={id}>
        {props.label} ({props.unit}) {props.provenance && <SourceTag kind={props.provenance} />}
      </label>
      <div className="case-field-row">
        <input
          id={id}
          type="number"
          step="0.1"
          value={props.value ?? ''}
          placeholder={props.placeholder}
          onChange={(e) => props.onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
        {props.value !== null && (
          <button type="button" onClick={() => props.onChange(null)}>
            Use measured
          </button>
        )}
      </div>
      <p className="footnote">{props.note}</p>
    </div>
  );
}

const GROUPS: { title: string; keys: InputSpec['key'][] }[] = [
  { title: 'Hiring', keys: ['annualHires', 'lerHireSharePct', 'currentTimeToFillDays', 'annualSalary', 'dailyVacancyCost'] },
  { title: 'Retention', keys: ['annualTurnoverPct', 'replacementCostPct'] },
  {
    title: 'Training',
    keys: ['employeesTrainedPerYear', 'costPerTrainee', 'trainedLerSharePct', 'newTrainingSpendPct', 'internalFillSaving'],
  },
  { title: 'LER costs', keys: ['platformFeeAnnual', 'costPerCredential', 'staffHoursPerVerification', 'staffHourlyCost'] },
];

/** The employer's own numbers, grouped, each with its unit, where its default comes from, and validation. */
export function InputsForm() {
  const inputs = useAppStore((s) => s.businessCase.inputs);
  const setInput = useAppStore((s) => s.setCaseInput);
  return (
    <div className="case-inputs">
      {GROUPS.map((group) => (
        <fieldset key={group.title} className="card">
          <legend>{group.title}</legend>
          {group.keys.map((key) => {
            const spec = INPUT_SPECS.find((s) => s.key === key);
            return spec ? <InputField key={key} spec={spec} value={inputs[key]} onChange={(v) => setInput(key, v)} /> : null;
          })}
        </fieldset>
      ))}
    </div>
  );
}

function InputField({ spec, value, onChange }: { spec: InputSpec; value: number; onChange: (value: number) => void }) {
  const id = useId();
  const errorId = useId();
  const error = validateInput(spec, value);
  return (
    <div className="case-field">
      <label htmlFor={id}>
        {spec.label} <span className="muted">({spec.unit})</span>{' '}
        <SourceTag kind={spec.provenance === 'benchmark' ? 'benchmark' : 'assumed'} />
      </label>
      <input
        id={id}
        type="number"
        min={spec.min}
        max={spec.max ?? undefined}
        step={spec.step}
        value={Number.isFinite(value) ? Number(value.toFixed(2)) : ''}
        aria-invalid={error !== null}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
      />
      {error && (
        <p id={errorId} role="alert" className="field-error">
          {error}
        </p>
      )}
      {spec.source && <p className="footnote">{spec.source}</p>}
      {spec.publishedRange && (
        <p className="footnote">
          Published range: {spec.publishedRange.low.toLocaleString('en-US')}–{spec.publishedRange.high.toLocaleString('en-US')} {spec.unit};
          the sensitivity chart uses it.
        </p>
      )}
    </div>
  );
}
