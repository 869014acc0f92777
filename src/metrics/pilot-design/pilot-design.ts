import type { Row } from '../../engine/engine';
import type { DidOutcome } from '../did-cells';
import { minimumDetectableEffect, type Components } from './mde';
import { readPanel, type Design, type PanelData } from './panel';
import { SIMULATION, simulatePower } from './simulate';
import { varianceComponents, type VarianceComponents } from './variance';

/** The results@1 `pilot_design` block (DESIGN §8): the data's own design, its MDE and the simulation's check of it. */
export type PilotDesign = {
  outcome: DidOutcome;
  sigma2: number | null;
  /** γ by lag, for each lag up to m + r − 1 the panel can estimate. */
  gamma: Record<string, number>;
  employers_used: number;
  cells_used: number;
  mde: number | null;
  simulated_power_at_mde: number | null;
  runs: number;
  seed: number;
} & ({ [K in keyof Design]: Design[K] } | { [K in keyof Design]: null });

/** σ² and γ as the MDE formula takes them. */
export const componentsOf = (variance: VarianceComponents): Components => ({
  sigma2: variance.sigma2,
  gamma: new Map(variance.gamma.map((g) => [g.lag, g.gamma])),
});

/** The pilot_design block from a panel: the MDE of the data's own design, checked by SIMULATION.runs draws at that effect. */
export function pilotDesignOf(panel: PanelData, outcome: DidOutcome): PilotDesign {
  const variance = varianceComponents(panel.units);
  const { design } = panel;
  const mde = design && variance ? minimumDetectableEffect(design, componentsOf(variance)) : null;
  const simulated = design && mde !== null ? simulatePower(panel.units, design, mde) : null;
  const lags = design ? design.m + design.r - 1 : 0;
  return {
    outcome,
    sigma2: variance?.sigma2 ?? null,
    gamma: Object.fromEntries((variance?.gamma ?? []).filter((g) => g.lag <= lags).map((g) => [String(g.lag), g.gamma])),
    employers_used: variance?.employers_used ?? 0,
    cells_used: variance?.cells_used ?? 0,
    ...(design ?? { J: null, P: null, m: null, r: null }),
    mde,
    simulated_power_at_mde: simulated?.power ?? null,
    runs: simulated?.runs ?? 0,
    seed: SIMULATION.seed,
  };
}

/** The pilot_design block from pilotPanelSql's rows. */
export const readPilotDesign = (rows: readonly Row[], outcome: DidOutcome): PilotDesign => pilotDesignOf(readPanel(rows), outcome);
