import { useMemo } from 'react';
import { breakEvenStatement, businessCaseScenarios, sensitivity } from '../../business-case/calculate';
import { descriptiveEffects } from '../../business-case/effects';
import { validateInputs } from '../../business-case/inputs';
import { useAppStore } from '../../store/app-store';
import { Brief } from './brief';
import { EffectsForm, InputsForm } from './case-form';
import { ScenarioTable, Tornado } from './case-outputs';
import { SavedCasesPanel } from './saved-cases-panel';
import { useResults } from '../use-results';
import { latestValue } from '../use-sql';
import { inputsInForce } from '../../business-case/baseline';
import { editedInputs } from '../../store/business-case-slice';
import { applyOverrides, useBaseline, useStrongestEffects } from './use-business-case';

/** Business case: an employer's own annual value, cost and payback from the measured effects. */
export function BusinessCasePage() {
  const results = useResults();
  // While newer effects are measured (a filter changed, or the pre-aggregates arrived) the last ones stay in view.
  const shown = latestValue(results) ?? null;
  const evidence = useAppStore((s) => s.evidence);
  const measured = useStrongestEffects(shown, evidence);
  const businessCase = useAppStore((s) => s.businessCase);
  const { overrides } = businessCase;
  const baseline = useBaseline();
  const inputs = useMemo(() => inputsInForce(businessCase.inputs, editedInputs(businessCase), baseline), [businessCase, baseline]);
  const effects = useMemo(() => (measured ? applyOverrides(measured, overrides) : null), [measured, overrides]);
  const errors = validateInputs(inputs);
  const valid = Object.keys(errors).length === 0;
  const cases = useMemo(() => (effects && valid ? businessCaseScenarios(inputs, effects) : null), [effects, inputs, valid]);
  const tornado = useMemo(() => (effects && valid ? sensitivity(inputs, effects) : []), [effects, inputs, valid]);
  return (
    <section aria-labelledby="business-case-title" className="page" aria-busy={results.state === 'pending'}>
      <div className="section-head">
        <h2 id="business-case-title">Business case</h2>
        <p className="muted">What would LERs do for my hiring, turnover and training budget, and when do they pay back?</p>
      </div>
      {results.state === 'pending' && (
        <p role="status" className="muted">
          <span className="spinner" aria-hidden="true" />{' '}
          {shown ? 'Updating the measured effects…' : 'Measuring the effects in the loaded data…'}
        </p>
      )}
      {results.state === 'failed' && (
        <p role="alert" className="card error">
          The effects could not be measured: {results.error.message}
        </p>
      )}
      {measured && effects && (
        <>
          <EffectsForm strongest={measured} effects={effects} descriptive={shown ? descriptiveEffects(shown) : {}} />
          <InputsForm inputs={inputs} baseline={baseline} />
          {!valid && (
            <p role="alert" className="card error">
              Fix the marked inputs to see the business case.
            </p>
          )}
          {cases && (
            <>
              <p className="card break-even" role="status">
                {breakEvenStatement(inputs, effects)}
              </p>
              <ScenarioTable cases={cases} />
              <Tornado rows={tornado} expectedNet={cases.expected.net} />
              <SavedCasesPanel measured={measured} baseline={baseline} />
              {shown && (
                <Brief
                  cases={cases}
                  inputs={inputs}
                  baseline={baseline}
                  edited={editedInputs(businessCase)}
                  effects={effects}
                  results={shown}
                />
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}
