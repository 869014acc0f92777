import { useId, useState } from 'react';
import { businessCaseScenarios } from '../../business-case/calculate';
import type { BusinessCaseEffects } from '../../business-case/effects';
import { useAppStore } from '../../store/app-store';
import { editedInputs, type CaseSettings } from '../../store/business-case-slice';
import { inputsInForce, type Baseline } from '../../business-case/baseline';
import { savedCases, type SavedCase } from '../../store/saved-cases';
import { OUTPUT_LINES } from './case-outputs';
import { applyOverrides } from './use-business-case';

const CURRENT = '(current)';

/** Save, load and delete named cases in this browser, and compare two side by side. */
export function SavedCasesPanel({ measured, baseline }: { measured: BusinessCaseEffects; baseline: Baseline }) {
  const current = useAppStore((s) => s.businessCase);
  const loadCase = useAppStore((s) => s.loadCase);
  const [cases, setCases] = useState<SavedCase[]>(() => savedCases.read());
  const [name, setName] = useState('');
  const [pair, setPair] = useState<[string, string]>([CURRENT, CURRENT]);
  const ids = { name: useId(), a: useId(), b: useId() };
  const settingsOf = (n: string): CaseSettings => (n === CURRENT ? current : (cases.find((c) => c.name === n)?.settings ?? current));
  const compared = pair.map((n) => {
    const settings = settingsOf(n);
    return businessCaseScenarios(
      inputsInForce(settings.inputs, editedInputs(settings), baseline),
      applyOverrides(measured, settings.overrides),
    ).expected;
  });
  const options = [CURRENT, ...cases.map((c) => c.name)];
  return (
    <div className="card saved-cases">
      <h3>Scenarios</h3>
      <form
        className="case-field-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim() !== '') setCases(savedCases.save({ name: name.trim(), savedAt: new Date().toISOString(), settings: current }));
        }}
      >
        <label htmlFor={ids.name}>Name this scenario</label>
        <input id={ids.name} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={name.trim() === ''}>
          Save in this browser
        </button>
      </form>
      {cases.length > 0 && (
        <ul className="saved-list">
          {cases.map((c) => (
            <li key={c.name}>
              <span>{c.name}</span>
              <button type="button" onClick={() => loadCase(c.settings)}>
                Load
              </button>
              <button type="button" onClick={() => setCases(savedCases.remove(c.name))}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <p className="footnote">
        Saved scenarios hold inputs only and stay in this browser. The address bar always holds the current inputs, so copying it shares
        them.
      </p>
      <div className="case-field-row">
        <label htmlFor={ids.a}>Compare</label>
        <select id={ids.a} value={pair[0]} onChange={(e) => setPair([e.target.value, pair[1]])}>
          {options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        <label htmlFor={ids.b}>with</label>
        <select id={ids.b} value={pair[1]} onChange={(e) => setPair([pair[0], e.target.value])}>
          {options.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      </div>
      <div className="table-wrap">
        <table className="report" aria-label="Scenario comparison">
          <thead>
            <tr>
              <th scope="col">Expected, per year</th>
              <th scope="col">{pair[0]}</th>
              <th scope="col">{pair[1]}</th>
            </tr>
          </thead>
          <tbody>
            {OUTPUT_LINES.map((line) => (
              <tr key={line.label}>
                <th scope="row">{line.label}</th>
                {compared.map((c, i) => (
                  <td key={i}>{line.value(c)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
