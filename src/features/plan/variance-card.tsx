import { DataTable } from '../../components/data-table';
import { formatCount } from '../../components/format';
import type { PanelData } from '../../metrics/pilot-design/panel';
import { MIN_PANEL, type VarianceComponents } from '../../metrics/pilot-design/variance';
import type { PlanSettings } from '../../store/plan-slice';
import { OUTCOME_SCALE } from './outcome-scale';
import { PlanNumber } from './plan-inputs';

/**
 * What the MDE rests on: σ² and γ(ℓ) of the panel, with the employers, cells and pairs behind each; or,
 * when the panel is too small to give them, fields for typed values.
 */
export function VarianceCard({ variance, panel, plan }: { variance: VarianceComponents | null; panel: PanelData; plan: PlanSettings }) {
  const { unit, perModelUnit: scale } = OUTCOME_SCALE[plan.outcome];
  const squared = (x: number) => `${(x * scale ** 2).toFixed(2)} ${unit === 'days' ? 'days²' : 'points²'}`;
  if (!variance) {
    const quarters = new Set(panel.units.flatMap((u) => u.q)).size;
    return (
      <fieldset className="card plan-inputs" aria-label="Variance to plan with">
        <legend>Variance to plan with</legend>
        <p>
          The loaded data cannot give the variance: its never-adopting employers and the quarters before adoption make a panel of{' '}
          {formatCount(panel.units.length)} employer{panel.units.length === 1 ? '' : 's'} and {formatCount(quarters)} quarter
          {quarters === 1 ? '' : 's'}, and at least {MIN_PANEL.employers} employers and {MIN_PANEL.quarters} quarters are needed. Type
          values from another pilot or from published figures instead.
        </p>
        <PlanNumber
          field="sd"
          label={`Standard deviation of an employer’s quarterly mean (${unit})`}
          hint="after employer and quarter averages are taken out"
        />
        <PlanNumber field="rho" label="Correlation between an employer’s consecutive quarters" hint="γ(ℓ) = σ²·ρ^ℓ; 0 if unknown" />
      </fieldset>
    );
  }
  const lags = plan.before + plan.after - 1;
  const lagOne = variance.gamma.find((g) => g.lag === 1);
  const rows = variance.gamma
    .filter((g) => g.lag <= lags)
    .map((g) => ({ lag: g.lag, gamma: Number((g.gamma * scale ** 2).toPrecision(4)), pairs: g.pairs, employers: g.employers }));
  return (
    <article className="card" aria-label="Variance from the data">
      <h3>Variance from the data</h3>
      <dl className="figures">
        <div className="figure">
          <dt>σ² (residual variance)</dt>
          <dd className="value">{squared(variance.sigma2)}</dd>
          <dd className="muted">
            {formatCount(variance.employers_used)} employers, {formatCount(variance.cells_used)} employer-quarters,{' '}
            {formatCount(variance.quarters_used)} quarters
          </dd>
        </div>
        <div className="figure">
          <dt>γ(1) (covariance one quarter apart)</dt>
          <dd className="value">{lagOne ? squared(lagOne.gamma) : '—'}</dd>
          <dd className="muted">
            {lagOne
              ? `${formatCount(lagOne.pairs)} pairs of quarters, ${formatCount(lagOne.employers)} employers`
              : 'no employer has two quarters in a row: counts as 0'}
          </dd>
        </div>
      </dl>
      <p className="muted">
        From the mean {OUTCOME_SCALE[plan.outcome].name} of each employer in each quarter, for never-adopting employers and for adopting
        ones before they adopted, less each employer’s and each quarter’s average. σ² is the residuals’ mean square; γ(ℓ) the mean product
        of one employer’s residuals ℓ quarters apart, for each lag up to m + r − 1 = {lags} (a lag with no pairs counts as 0). In short
        panels, taking out the employer averages pulls γ below zero; the simulation below shows whether that misleads.
      </p>
      <details className="table-alt">
        <summary>γ(ℓ) by lag ({rows.length} lags)</summary>
        <DataTable rows={rows} columns={['lag', 'gamma', 'pairs', 'employers']} label="Autocovariance by lag" />
      </details>
    </article>
  );
}
