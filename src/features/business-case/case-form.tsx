import { useId } from 'react';
import { EFFECT_KEYS, EFFECT_SPECS, type BusinessCaseEffects } from '../../business-case/effects';
import { INPUT_SPECS, validateInput, type BusinessCaseInputs, type InputSpec } from '../../business-case/inputs';
import { unmeasured, type Baseline, type Measured } from '../../business-case/baseline';
import { editedInputs } from '../../store/business-case-slice';
import { useMetricInputs } from '../use-settings';
import { SourceTag, type Provenance } from '../../components/source-tag';
import { StrengthNote, StrengthTag } from '../../components/strength-tag';
import { EvidenceLoader } from './evidence-loader';
import { STRENGTH_LABELS, type DesignStrength } from '../../metrics/design-strength';
import { useAppStore } from '../../store/app-store';
import { formatEffect, toModelUnit, toTypedUnit } from './format-effect';

/**
 * The three effects, each from the strongest source available (DESIGN §4b) with its design-strength
 * label and reading; each can be replaced by an assumption. Another pilot's results file can be loaded
 * as evidence for effects the loaded data cannot give.
 */
export function EffectsForm({
  strongest,
  effects,
  descriptive,
}: {
  strongest: BusinessCaseEffects;
  effects: BusinessCaseEffects;
  descriptive: Partial<BusinessCaseEffects>;
}) {
  const overrides = useAppStore((s) => s.businessCase.overrides);
  const setOverride = useAppStore((s) => s.setEffectOverride);
  return (
    <fieldset className="card case-effects">
      <legend>Effects of LERs</legend>
      <EvidenceLoader />
      {EFFECT_KEYS.map((key) => {
        const effect = effects[key];
        const source = strongest[key];
        const raw = descriptive[key];
        const overridden = overrides[key] !== undefined;
        return (
          <EffectRow
            key={key}
            label={EFFECT_SPECS[key].label}
            unit={EFFECT_SPECS[key].unit === 'days' ? 'days' : 'percentage points'}
            strength={effect?.strength ?? null}
            notes={[
              overridden && effect ? `In use (assumed): ${formatEffect(key, effect)}.` : null,
              source
                ? `${overridden ? 'Strongest source' : 'In use'}: ${formatEffect(key, source)}. ${source.source}`
                : 'No source gives this effect with these data and filters: enter an assumption, or load another pilot’s results as evidence.',
              source?.strength === 'descriptive' && !overridden
                ? 'Used because no stronger source gives this effect: read it as a description of the data, not as what LERs cause.'
                : null,
              raw ? `Raw comparison in the data (descriptive, not used): ${formatEffect(key, raw)}.` : null,
            ].filter((n): n is string => n !== null)}
            value={overridden ? toTypedUnit(key, overrides[key] ?? 0) : null}
            placeholder={source ? toTypedUnit(key, source.estimate).toFixed(1) : ''}
            resetLabel={source ? `Use the ${STRENGTH_LABELS[source.strength]} figure` : 'Clear'}
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
  notes: string[];
  strength: DesignStrength | null;
  value: number | null;
  placeholder: string;
  resetLabel: string;
  onChange: (typed: number | null) => void;
}) {
  const id = useId();
  return (
    <div className="case-field">
      <label htmlFor={id}>
        {props.label} ({props.unit}) {props.strength && <StrengthTag strength={props.strength} />}
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
            {props.resetLabel}
          </button>
        )}
      </div>
      {props.notes.map((note) => (
        <p key={note} className="footnote">
          {note}
        </p>
      ))}
      {props.strength && <StrengthNote strength={props.strength} />}
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

/**
 * The employer's own numbers, grouped: each measured in the loaded data where the data can give it
 * (with what it rests on), else its published or assumed default, and each editable; an edited input
 * is the user's assumption until given back.
 */
export function InputsForm({ inputs, baseline }: { inputs: BusinessCaseInputs; baseline: Baseline }) {
  const businessCase = useAppStore((s) => s.businessCase);
  const setInput = useAppStore((s) => s.setCaseInput);
  const unsetInput = useAppStore((s) => s.unsetCaseInput);
  const settings = useMetricInputs().settings;
  const edited = editedInputs(businessCase);
  const why = settings ? unmeasured(baseline, settings) : {};
  return (
    <div className="case-inputs">
      {GROUPS.map((group) => (
        <fieldset key={group.title} className="card">
          <legend>{group.title}</legend>
          {group.keys.map((key) => {
            const spec = INPUT_SPECS.find((s) => s.key === key);
            return spec ? (
              <InputField
                key={key}
                spec={spec}
                value={inputs[key]}
                measured={baseline[key] ?? null}
                derivedFromMeasured={key === 'dailyVacancyCost' && baseline.annualSalary !== undefined}
                edited={edited.includes(key)}
                unmeasured={why[key] ?? null}
                onChange={(v) => setInput(key, v)}
                onReset={() => unsetInput(key)}
              />
            ) : null;
          })}
        </fieldset>
      ))}
    </div>
  );
}

function InputField(props: {
  spec: InputSpec;
  value: number;
  measured: Measured | null;
  edited: boolean;
  unmeasured: string | null;
  /** A derived input whose basis (the salary) is measured: measured too, until the user sets it. */
  derivedFromMeasured?: boolean;
  onChange: (value: number) => void;
  onReset: () => void;
}) {
  const { spec, value, measured, edited } = props;
  const id = useId();
  const errorId = useId();
  const error = validateInput(spec, value);
  const kind: Provenance = edited
    ? 'assumed'
    : measured || props.derivedFromMeasured
      ? 'measured'
      : spec.provenance === 'benchmark'
        ? 'benchmark'
        : 'assumed';
  const figure = (x: number) => Number(x.toFixed(2)).toLocaleString('en-US');
  return (
    <div className="case-field">
      <label htmlFor={id}>
        {spec.label} <span className="muted">({spec.unit})</span> <SourceTag kind={kind} />
      </label>
      <div className="case-field-row">
        <input
          id={id}
          type="number"
          min={spec.min}
          max={spec.max ?? undefined}
          step={spec.step}
          value={Number.isFinite(value) ? Number(value.toFixed(2)) : ''}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          onChange={(e) => props.onChange(e.target.value === '' ? Number.NaN : Number(e.target.value))}
        />
        {edited && (
          <button type="button" onClick={props.onReset}>
            {measured ? 'Use measured' : 'Use default'}
          </button>
        )}
      </div>
      {error && (
        <p id={errorId} role="alert" className="field-error">
          {error}
        </p>
      )}
      {measured && (
        <p className="footnote">
          {edited ? `Your value; measured: ${figure(measured.value)}` : 'Measured'} from the loaded data: {measured.basis}, n ={' '}
          {measured.n.toLocaleString('en-US')}, under the filters in force.
        </p>
      )}
      {!measured && props.unmeasured && <p className="footnote">{props.unmeasured}</p>}
      {!measured && spec.source && <p className="footnote">{edited ? `Your value; default: ${spec.source}` : spec.source}</p>}
      {spec.publishedRange && (
        <p className="footnote">
          Published range: {spec.publishedRange.low.toLocaleString('en-US')}–{spec.publishedRange.high.toLocaleString('en-US')} {spec.unit};
          the sensitivity chart uses it.
        </p>
      )}
    </div>
  );
}
