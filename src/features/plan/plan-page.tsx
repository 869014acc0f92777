import { memo, useMemo } from 'react';
import { ChartCard } from '../../components/chart-card';
import { formatCount } from '../../components/format';
import { didVariance, minimumDetectableEffect, power, requiredEmployers, type Components } from '../../metrics/pilot-design/mde';
import { pilotPanelSql, readPanel, type Design, type PanelData } from '../../metrics/pilot-design/panel';
import { componentsOf } from '../../metrics/pilot-design/pilot-design';
import { simulatedPowerAt } from '../../metrics/pilot-design/simulate';
import { varianceComponents } from '../../metrics/pilot-design/variance';
import { useAppStore } from '../../store/app-store';
import type { PlanSettings } from '../../store/plan-slice';
import { NO_HIRES, QueryView } from '../query-view';
import { useFigures } from '../use-sql';
import { useMetricInputs } from '../use-settings';
import { OUTCOME_SCALE } from './outcome-scale';
import { PlanInputs } from './plan-inputs';
import { PowerChart, powerRows, type PowerCurve } from './power-chart';
import { SimulationCard } from './simulation-card';
import { useSimulation } from './use-simulation';
import { VarianceCard } from './variance-card';

/** Plan a pilot (DESIGN §8): what effect a pilot of a given shape could detect, from the loaded data's own variation. */
export function PlanPage() {
  const { filters, settings } = useMetricInputs();
  const outcome = useAppStore((s) => s.plan.outcome);
  const sql = settings ? pilotPanelSql(filters, settings, outcome) : null;
  const panel = useFigures(sql, readPanel);
  return (
    <section aria-labelledby="plan-title" className="page">
      <div className="section-head">
        <h2 id="plan-title">Plan a pilot</h2>
        <p className="muted">
          How many employers, and how many quarters, does a pilot need to detect an effect of LERs? Worked out from the variation in the
          loaded data, by the formula of Burlig, Preonas &amp; Woerman (2020), and checked by simulating the pilot with this product’s own
          estimate.
        </p>
      </div>
      <PlanInputs />
      {sql && (
        <QueryView result={panel} empty={NO_HIRES}>
          {(data) => <PlanAnswer panel={data} sql={sql} />}
        </QueryView>
      )}
    </section>
  );
}

/** γ(ℓ) = σ²ρ^ℓ, the autocovariance of a first-order autoregression, for typed values. */
function typedComponents(plan: Pick<PlanSettings, 'sd' | 'rho' | 'before' | 'after'>, scale: number): Components | null {
  if (plan.sd === null) return null;
  const sigma2 = (plan.sd / scale) ** 2;
  const lags = plan.before + plan.after;
  return { sigma2, gamma: new Map(Array.from({ length: lags }, (_, i) => [i + 1, sigma2 * (plan.rho ?? 0) ** (i + 1)])) };
}

/** A chance in words: "6 times in 10", or near certainty as what it is. */
function times(p: number): string {
  if (p >= 0.95) return 'more than 19 times in 20';
  const tenths = Math.round(p * 10);
  return tenths === 1 ? 'once in 10' : `${tenths} times in 10`;
}
const adoptingText = (p: number) => (p === 0.5 ? 'half adopting' : `${Math.round(p * 1000) / 10}% adopting`);
const quarters = (n: number) => `${n} quarter${n === 1 ? '' : 's'}`;

export const designText = ({ J, P, m, r }: Design) =>
  `${formatCount(J)} employers, ${adoptingText(P)}, ${quarters(m)} before and ${r} after`;

function PlanAnswer({ panel, sql }: { panel: PanelData; sql: string }) {
  const plan = useAppStore((s) => s.plan);
  const { name, unit, perModelUnit: scale, format } = OUTCOME_SCALE[plan.outcome];
  const variance = useMemo(() => varianceComponents(panel.units), [panel]);
  const { sd, rho, before, after } = plan;
  const components = useMemo(
    () => (variance ? componentsOf(variance) : typedComponents({ sd, rho, before, after }, scale)),
    [variance, sd, rho, before, after, scale],
  );
  const { employers, adopting } = plan;
  const planned: Design = useMemo(() => ({ J: employers, P: adopting, m: before, r: after }), [employers, adopting, before, after]);
  const mde = components && minimumDetectableEffect(planned, components);
  const ownMde = components && panel.design && minimumDetectableEffect(panel.design, components);
  const plannedVariance = components ? didVariance(planned, components) * scale ** 2 : 0;
  const simulationKey = JSON.stringify([plan.outcome, planned, mde, panel.units.length]);
  const { simulation, start, cancel } = useSimulation(simulationKey);
  const simulated = simulation.state === 'done' ? simulation.result : null;
  // Memoized, with the chart below, so that the simulation's progress does not redraw it 50 times.
  const { curves, rows } = useMemo(() => {
    const curves: PowerCurve[] = [];
    if (components && mde !== null)
      curves.push({
        key: 'planned',
        label: `Planned: ${designText(planned)}`,
        at: (x) => power(x, plannedVariance),
        mde: mde * scale,
        style: 'planned',
      });
    if (components && panel.design && ownMde) {
      const ownVariance = didVariance(panel.design, components) * scale ** 2;
      curves.push({
        key: 'own',
        label: `The data’s own: ${designText(panel.design)}`,
        at: (x) => power(x, ownVariance),
        mde: ownMde * scale,
        style: 'own',
      });
    }
    if (simulated)
      curves.push({
        key: 'simulated',
        label: 'Planned, simulated with this product’s estimate',
        at: (x) => simulatedPowerAt(simulated, x / scale),
        mde: simulated.simulated_mde * scale,
        style: 'simulated',
      });
    return { curves, rows: curves.length > 0 ? powerRows(curves) : [] };
  }, [components, mde, ownMde, plannedVariance, panel.design, planned, simulated, scale]);
  const target = plan.effect;
  const needed = components && requiredEmployers(planned, components, target / scale);
  return (
    <>
      {components && mde !== null ? (
        <article className="card reading plan-answer" aria-label="What this pilot could detect">
          <h3>What this pilot could detect</h3>
          <p className="plan-headline">
            With {designText(planned)}, a pilot would detect a change of {format(mde * scale)} in {name} 8 times in 10.
          </p>
          <p>
            A change of {format(target)} it would detect {times(power(target, plannedVariance))}.{' '}
            {needed !== null &&
              `To detect ${format(target)} 8 times in 10 it needs ${formatCount(needed)} employers, with the same share adopting and the same quarters.`}
          </p>
          {simulated && (
            <p>
              Simulated with this product’s own estimate on the loaded data, the planned pilot detects{' '}
              {format(simulated.simulated_mde * scale)} 8 times in 10, and {format(target)}{' '}
              {times(simulatedPowerAt(simulated, target / scale))}; to detect {format(target)} 8 times in 10 it needs about{' '}
              {formatCount(Math.ceil(planned.J * (simulated.simulated_mde / (target / scale)) ** 2))} employers, the spread of the estimate
              falling with the square root of their number.
              {Math.abs(simulated.power - 0.8) > 0.1 ? ' Plan on the simulation rather than the formula.' : ''}
            </p>
          )}
          {panel.design && ownMde && (
            <p>
              The loaded data’s own design — {designText(panel.design)} (medians over the adopting employers) — can detect{' '}
              {format(ownMde * scale)}.
            </p>
          )}
          <p className="muted">
            80% power, 5% two-sided test. {variance ? 'Variance from the loaded data (below).' : 'Variance from the values you typed.'} A
            change smaller than this may be real and still go unseen; a pilot that finds nothing has shown only that the effect is probably
            not much larger.
          </p>
        </article>
      ) : (
        components && <p className="card">These values give no positive variance: no minimum detectable effect can be worked out.</p>
      )}
      {curves.length > 0 && (
        <PowerCard
          curves={curves}
          rows={rows}
          name={name}
          unit={unit}
          sql={sql}
          measured={variance !== null}
          headline={
            mde === null
              ? undefined
              : `With ${designText(planned)}, a pilot detects a change of ${format(mde * scale)} in ${name} 8 times in 10 (5% two-sided test)`
          }
        />
      )}
      <VarianceCard variance={variance} panel={panel} plan={plan} />
      {variance && mde !== null && (
        <SimulationCard
          units={panel.units}
          design={planned}
          mde={mde}
          analyticSe={Math.sqrt(plannedVariance)}
          simulation={simulation}
          start={start}
          cancel={cancel}
        />
      )}
    </>
  );
}

const PowerCard = memo(function PowerCard({
  curves,
  rows,
  name,
  unit,
  sql,
  measured,
  headline,
}: {
  headline: string | undefined;
  curves: PowerCurve[];
  rows: Record<string, number>[];
  name: string;
  unit: string;
  sql: string;
  measured: boolean;
}) {
  return (
    <ChartCard
      title="Power by size of effect"
      provenance={measured ? 'measured' : 'assumed'}
      description={`The chance that a pilot detects a true change in ${name} of each size (5% two-sided test), by the formula for the planned design and the loaded data's own, and, once run, by simulating the planned pilot; each minimum detectable effect is marked where its curve crosses 80%.`}
      sql={sql}
      rows={rows}
      columns={['effect', ...curves.map((c) => c.key)]}
      fileStem="pilot-power-curve"
      headline={headline}
    >
      <PowerChart rows={rows} curves={curves} unit={unit} />
    </ChartCard>
  );
});
