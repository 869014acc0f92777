import { useId } from 'react';
import { formatPercent, formatUsd } from '../../components/format';
import { SourceTag } from '../../components/source-tag';
import { DEFAULT_UPSKILLING_ASSUMPTIONS } from '../../metrics/upskilling';
import { useAppStore } from '../../store/app-store';

/** The upskilling ROI's editable assumptions, with their defaults' sources; `saving` is the internal-fill saving in force and where it came from. */
export function Assumptions({ saving }: { saving: { value: number; source: string } }) {
  const assumptions = useAppStore((s) => s.upskillingAssumptions);
  const set = useAppStore((s) => s.setUpskillingAssumptions);
  const ids = { ler: useId(), saving: useId(), share: useId() };
  const number = (text: string) => (text.trim() === '' ? null : Number(text));
  return (
    <form className="card assumptions" aria-label="Upskilling assumptions" onSubmit={(e) => e.preventDefault()}>
      <h3>
        Assumptions <SourceTag kind="assumed" />
      </h3>
      <div className="assumption">
        <label htmlFor={ids.share}>Replacement cost of a separation (% of annual pay)</label>
        <input
          id={ids.share}
          type="number"
          min={0}
          max={300}
          step={1}
          value={Math.round(assumptions.replacementCostShare * 100)}
          onChange={(e) => set({ replacementCostShare: Math.max(0, number(e.target.value) ?? 21) / 100 })}
        />
        <p className="footnote">
          Default 21%: median cost of replacing an employee, Boushey &amp; Glynn, Center for American Progress (2012); about 16% for jobs
          under $30,000. Gallup puts the all-in cost at one-half to two times salary.
        </p>
      </div>
      <div className="assumption">
        <label htmlFor={ids.saving}>Saving when a promotion fills a role internally (USD)</label>
        <input
          id={ids.saving}
          type="number"
          min={0}
          step={100}
          placeholder={saving.value.toFixed(0)}
          value={assumptions.internalFillSaving ?? ''}
          onChange={(e) => set({ internalFillSaving: number(e.target.value) })}
        />
        <p className="footnote">
          In use: {formatUsd(saving.value)} ({saving.source}). Leave empty for the default: the mean hiring_cost of the filtered hires, else
          SHRM&apos;s “nearly $4,700” per hire.
        </p>
      </div>
      <div className="assumption">
        <label htmlFor={ids.ler}>Cost per credential issued as an LER (USD)</label>
        <input
          id={ids.ler}
          type="number"
          min={0}
          step={1}
          value={assumptions.lerCostPerCredential}
          onChange={(e) => set({ lerCostPerCredential: Math.max(0, number(e.target.value) ?? 0) })}
        />
        <p className="footnote">Default $0: no published per-credential price; enter your issuer&apos;s.</p>
      </div>
      <button type="button" className="inline" onClick={() => set(DEFAULT_UPSKILLING_ASSUMPTIONS)}>
        Reset to defaults
      </button>
      <p className="footnote">
        Replacement cost in use: {formatPercent(assumptions.replacementCostShare)} of the mean wage_before of the enrollments.
      </p>
    </form>
  );
}
