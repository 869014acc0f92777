import { formatCount } from '../../components/format';
import type { Design, PanelUnit } from '../../metrics/pilot-design/panel';
import { SIMULATION, type SimulatedPower } from '../../metrics/pilot-design/simulate';
import { useAppStore } from '../../store/app-store';
import { OUTCOME_SCALE } from './outcome-scale';
import { useSimulation } from './use-simulation';

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
  analyticVariance,
}: {
  units: PanelUnit[];
  design: Design;
  mde: number;
  analyticVariance: number;
}) {
  const outcome = useAppStore((s) => s.plan.outcome);
  const { perModelUnit: scale, format } = OUTCOME_SCALE[outcome];
  // What is simulated, named by its answer rather than its SQL, whose text changes when the background build of the source tables ends.
  const { simulation, start, cancel } = useSimulation(JSON.stringify([outcome, design, mde, units.length]));

  return (
    <article className="card simulation" aria-label="Check by simulation">
      <h3>Check by simulation</h3>
      <p className="muted">
        {formatCount(SIMULATION.runs)} draws on the loaded data’s panel: each picks {formatCount(Math.round(design.P * design.J))} adopters
        and gives each a random adoption quarter, adds an effect of {format(mde * scale)} from adoption on, and runs this product’s
        difference-in-differences; power is the share of draws whose estimate exceeds the 95th percentile of the estimates without the
        effect (randomization inference). Seed {SIMULATION.seed}: the same inputs give the same answer.
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
        <button type="button" onClick={() => start({ units, design, effect: mde, runs: SIMULATION.runs })}>
          {simulation.state === 'done' ? 'Simulate again' : `Simulate ${formatCount(SIMULATION.runs)} pilots`}
        </button>
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
          <SimulationResult
            result={simulation.result}
            design={design}
            units={units.length}
            analyticSe={Math.sqrt(analyticVariance) * scale}
            format={format}
            scale={scale}
          />
        ))}
    </article>
  );
}

function SimulationResult({
  result,
  design,
  units,
  analyticSe,
  format,
  scale,
}: {
  result: SimulatedPower;
  design: Design;
  units: number;
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
          <dt>Standard error of the estimate</dt>
          <dd className="value">{format(result.se * scale)}</dd>
          <dd className="muted">over the draws; the formula gives {format(analyticSe)}</dd>
        </div>
      </dl>
      {off && (
        <p className="warning" role="alert">
          Simulated power is {Math.abs(points - 80).toFixed(0)} points {points < 80 ? 'below' : 'above'} the nominal 80%: the analytic
          formula misleads for this design. Plan on the simulation: the pilot needs {points < 80 ? 'more' : 'fewer'} employers or quarters
          than the formula says. This product’s estimate compares each quarter after adoption with the one quarter before it and weights
          employers by their hires; the formula assumes every quarter before adoption counts and every employer weighs the same.
        </p>
      )}
      {result.full_windows === 0 && (
        <p className="muted">
          No employer in the panel is observed for all {design.m + design.r} quarters, so the simulated adopters are observed for fewer.
        </p>
      )}
      {result.reused && (
        <p className="muted">
          The pilot has more employers (or adopters) than the panel can supply ({formatCount(units)} employers), so some play more than one
          part in a draw.
        </p>
      )}
    </div>
  );
}
