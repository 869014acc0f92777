import { useState } from 'react';
import { formatCount } from '../../components/format';
import type { Design, PanelUnit } from '../../metrics/pilot-design/panel';
import { SIMULATION, type SimulatedPower } from '../../metrics/pilot-design/simulate';
import { useAppStore } from '../../store/app-store';
import { OUTCOME_SCALE } from './outcome-scale';
import type { useSimulation } from './use-simulation';

/** More draws give a steadier answer; 500 is the default of results@1. */
const DRAW_CHOICES = [SIMULATION.runs, 2_000, 10_000] as const;

/** Beyond this many points from the nominal 80%, the analytic MDE misleads for the design (issue 16). */
const WARN_POINTS = 10;

/**
 * The simulation check of DESIGN §8 for the planned design at its analytic MDE, run in a worker on
 * request, with progress and cancel; it warns when simulated power is far from 80%.
 */
export function SimulationCard({
  units,
  design,
  mde,
  analyticSe,
  simulation,
  start,
  cancel,
}: {
  units: PanelUnit[];
  design: Design;
  mde: number;
  /** The formula's standard error of the estimate, in the outcome's shown unit. */
  analyticSe: number;
} & ReturnType<typeof useSimulation>) {
  const outcome = useAppStore((s) => s.plan.outcome);
  const { perModelUnit: scale, format } = OUTCOME_SCALE[outcome];
  const [runs, setRuns] = useState<number>(SIMULATION.runs);
  return (
    <article className="card simulation" aria-label="Check by simulation">
      <h3>Check by simulation</h3>
      <p className="muted">
        {formatCount(runs)} draws on the loaded data’s panel: each picks about {formatCount(Math.round(design.P * design.J))} adopters and
        gives each a random adoption quarter, adds an effect of {format(mde * scale)} from adoption on, and runs this product’s
        difference-in-differences; power is the share of draws whose estimate exceeds in size the 95th percentile of the estimates’ sizes
        without the effect (randomization inference). Seed {SIMULATION.seed}: the same inputs give the same answer.
      </p>
      {simulation.state === 'running' ? (
        <div className="load-progress" role="status">
          <p>
            Simulating: draw {formatCount(simulation.done)} of {formatCount(simulation.runs)}
          </p>
          <progress max={simulation.runs} value={simulation.done} />
          <button type="button" onClick={cancel}>
            Cancel simulation
          </button>
        </div>
      ) : (
        <div className="simulation-start">
          <label>
            Draws{' '}
            <select value={runs} onChange={(e) => setRuns(Number(e.target.value))}>
              {DRAW_CHOICES.map((n) => (
                <option key={n} value={n}>
                  {formatCount(n)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => start({ units, design, effect: mde, runs })}>
            {simulation.state === 'done' ? 'Simulate again' : `Simulate ${formatCount(runs)} pilots`}
          </button>
        </div>
      )}
      {simulation.state === 'cancelled' && (
        <p role="status">
          Cancelled after {formatCount(simulation.done)} of {formatCount(simulation.runs)} draws; nothing is shown from a partial run.
        </p>
      )}
      {simulation.state === 'failed' && <p role="alert">The simulation failed: {simulation.message}</p>}
      {simulation.state === 'done' &&
        (simulation.result === null ? (
          <p role="status">The panel cannot host this pilot: no employer is observed in two quarters, or no draw gave an estimate.</p>
        ) : (
          <SimulationResult result={simulation.result} design={design} analyticSe={analyticSe} mde={mde} format={format} scale={scale} />
        ))}
    </article>
  );
}

function SimulationResult({
  result,
  design,
  analyticSe,
  mde,
  format,
  scale,
}: {
  result: SimulatedPower;
  mde: number;
  design: Design;
  analyticSe: number;
  format: (x: number) => string;
  scale: number;
}) {
  const points = result.power * 100;
  const off = Math.abs(points - 80) > WARN_POINTS;
  return (
    <div role="status" className="simulation-result">
      <dl className="figures">
        <div className="figure">
          <dt>Simulated power at the analytic MDE</dt>
          <dd className="value">{points.toFixed(1)}%</dd>
          <dd className="muted">nominal 80% · {formatCount(result.runs)} draws</dd>
        </div>
        <div className="figure">
          <dt>Simulated MDE</dt>
          <dd className="value">{format(result.simulated_mde * scale)}</dd>
          <dd className="muted">detected 8 times in 10 by the simulated pilots; the formula says {format(mde * scale)}</dd>
        </div>
        <div className="figure">
          <dt>Standard error of the estimate</dt>
          <dd className="value">{format(result.se * scale)}</dd>
          <dd className="muted">over the draws; the formula gives {format(analyticSe)}</dd>
        </div>
      </dl>
      {off && (
        <p className="warning" role="alert">
          Simulated power is {Math.abs(points - 80).toFixed(0)} points {points < 80 ? 'below' : 'above'} the nominal 80%: the analytic
          formula misleads for this design. Plan on the simulated MDE. This product’s estimate compares each quarter after adoption with the
          one quarter before it and weights employers by their hires; the formula assumes every quarter before adoption counts and every
          employer weighs the same, and the panel may not hold the quarters the design asks for.
        </p>
      )}
      {result.full_windows === 0 && (
        <p className="muted">
          No employer in the panel is observed for all {design.m + design.r} quarters, so the simulated adopters are observed for fewer.
        </p>
      )}
      {result.scaled_from !== null && (
        <p className="muted">
          Each draw holds {formatCount(result.scaled_from)} employers, fewer than the pilot’s {formatCount(design.J)} (the panel has no
          more, or the simulation stops there to stay quick): the estimates are scaled by √({formatCount(result.scaled_from)} /{' '}
          {formatCount(design.J)}), as the variance falls with the number of employers.
        </p>
      )}
      {result.fewer_adopters && (
        <p className="muted">Some draws had too few employers observed for two quarters to give every adopter the design asks for.</p>
      )}
    </div>
  );
}
