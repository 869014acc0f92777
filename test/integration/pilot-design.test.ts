/**
 * Pilot design (DESIGN §8) on the engine: the variance components of the sample's panel against a
 * least-squares computation over its raw rows, the data's own design, and, on generated panels with
 * known variance and autocorrelation, their recovery and the simulation's agreement with the formula.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { ingestFiles } from '../../src/ingest/batch';
import { didVariance, minimumDetectableEffect } from '../../src/metrics/pilot-design/mde';
import { pilotPanelSql, readPanel, type PanelUnit } from '../../src/metrics/pilot-design/panel';
import { componentsOf, pilotDesignOf, type PilotDesign } from '../../src/metrics/pilot-design/pilot-design';
import { simulatedMde, simulatedPowerAt, simulatePower } from '../../src/metrics/pilot-design/simulate';
import { varianceComponents } from '../../src/metrics/pilot-design/variance';
import { computeResults } from '../../src/metrics/results';
import { freshEngine } from '../support/engine';
import { fileFrom, SAMPLE, SAMPLE_FILES } from '../support/files';
import { dayNumber, readPlainCsv } from '../support/plain-csv';
import { didCohorts, panelComponents, quarterIndex, timeToFillPanel } from '../support/reference-metrics';

const AS_OF = '2025-12-31';
const settings = { asOf: AS_OF, k: 10 };
const employers = readPlainCsv(path.join(SAMPLE, 'employers.csv'));
const hires = readPlainCsv(path.join(SAMPLE, 'hires.csv'));

let engine: Engine;
let design: PilotDesign;
beforeAll(async () => {
  engine = await freshEngine();
  await ingestFiles(engine, SAMPLE_FILES.map(fileFrom));
  design = (await computeResults((sql) => engine.query(sql), {}, settings, undefined, { subgroups: false })).pilot_design;
}, 120_000);

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('the sample’s panel', () => {
  const reference = panelComponents(timeToFillPanel(employers, hires, AS_OF));

  it('σ² and γ(ℓ) equal least squares on the raw rows (1e-9)', () => {
    expect(design.sigma2).not.toBeNull();
    expect(relative(design.sigma2 ?? Number.NaN, reference.sigma2)).toBeLessThan(1e-9);
    expect(design.employers_used).toBe(reference.employers);
    expect(design.cells_used).toBe(reference.cells);
    const lags = Object.keys(design.gamma).map(Number);
    expect(lags).toEqual(
      Array.from({ length: (design.m ?? 0) + (design.r ?? 0) - 1 }, (_, i) => i + 1).filter((l) => reference.gamma.has(l)),
    );
    for (const lag of lags)
      expect(Math.abs((design.gamma[String(lag)] ?? Number.NaN) - (reference.gamma.get(lag) ?? Number.NaN))).toBeLessThan(1e-9);
  });

  it('the data’s own design: employers with hires, the share adopting, median quarters before and from adoption', () => {
    const cohortOf = didCohorts(employers, AS_OF);
    const quarters = new Map<string, Set<number>>();
    for (const hire of hires) {
      if (dayNumber(hire.offer_accepted_on ?? '') > dayNumber(AS_OF)) continue;
      const id = hire.employer_id ?? '';
      quarters.set(id, (quarters.get(id) ?? new Set()).add(quarterIndex(hire.requisition_opened_on ?? '')));
    }
    const adopters = [...quarters].filter(([id]) => (cohortOf.get(id) ?? null) !== null);
    const median = (values: number[]) => {
      const s = [...values].sort((a, b) => a - b);
      return s.length % 2 ? (s[(s.length - 1) / 2] ?? 0) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
    };
    const before = adopters.map(([id, qs]) => [...qs].filter((q) => q < (cohortOf.get(id) ?? 0)).length);
    const from = adopters.map(([id, qs]) => [...qs].filter((q) => q >= (cohortOf.get(id) ?? 0)).length);
    expect(design.J).toBe(quarters.size);
    expect(design.P).toBeCloseTo(adopters.length / quarters.size, 12);
    expect(design.m).toBe(Math.max(1, Math.round(median(before))));
    expect(design.r).toBe(Math.max(1, Math.round(median(from))));
  });

  it('the MDE is the formula’s on the reference components, and the simulation ran its draws', () => {
    const components = { sigma2: reference.sigma2, gamma: reference.gamma };
    const own = { J: design.J ?? 0, P: design.P ?? 0, m: design.m ?? 0, r: design.r ?? 0 };
    expect(relative(design.mde ?? Number.NaN, minimumDetectableEffect(own, components) ?? Number.NaN)).toBeLessThan(1e-9);
    expect(design.runs).toBe(500);
    expect(design.simulated_power_at_mde).toBeGreaterThan(0);
  });

  it('does not depend on the order the employers come in (a pool’s pseudonymous ids order them differently)', async () => {
    const rows = await engine.query(pilotPanelSql({}, settings, 'time_to_fill_days'));
    const reversed = pilotDesignOf(readPanel([...rows].reverse()), 'time_to_fill_days');
    expect(reversed).toEqual(design);
  });

  it('a pilot larger than the panel is drawn at its size and scaled, so power still grows with employers', async () => {
    const panel = readPanel(await engine.query(pilotPanelSql({}, settings, 'time_to_fill_days')));
    const shape = { P: 2 / 3, m: 8, r: 9 };
    const [within, beyond] = [60, 240].map((J) => simulatePower(panel.units, { ...shape, J }, 3));
    expect([within?.scaled_from, beyond?.scaled_from]).toEqual([null, 60]);
    // Four times the employers: the same draws' estimates at half the spread.
    expect(relative(beyond?.se ?? 0, (within?.se ?? 0) / 2)).toBeLessThan(1e-12);
    expect(beyond?.power ?? 0).toBeGreaterThan((within?.power ?? 1) + 0.1);
  });

  it('the effect moves every draw’s estimate by exactly itself, so one simulation gives power at every effect', async () => {
    const panel = readPanel(await engine.query(pilotPanelSql({}, settings, 'time_to_fill_days')));
    for (const effect of [1, 2.5, 4]) {
      const simulated = simulatePower(panel.units, { J: 40, P: 0.5, m: 4, r: 4 }, effect, { runs: 200 });
      expect(simulated && simulatedPowerAt(simulated, effect)).toBe(simulated?.power);
    }
  });

  it('with fewer than 5 employers there are no components, and so no MDE', async () => {
    const few = { employer_id: ['E001', 'E011', 'E037', 'E040'] };
    const rows = await engine.query(pilotPanelSql(few, settings, 'time_to_fill_days'));
    const small = pilotDesignOf(readPanel(rows), 'time_to_fill_days');
    expect(readPanel(rows).units.length).toBeGreaterThan(0);
    expect([small.sigma2, small.mde, small.simulated_power_at_mde]).toEqual([null, null, null]);
  });
});

/** A seeded standard normal generator (Box–Muller on a linear congruential stream). */
function normals(seed: number): () => number {
  let state = seed;
  const uniform = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state + 0.5) / 4_294_967_296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/**
 * A panel of `employers` × `quarters` cells of `hires` each, y = employer effect + quarter effect + ε,
 * ε an AR(1) of variance σ² and autocorrelation ρ within employer.
 */
function generatedPanel(employers: number, quarters: number, sigma2: number, rho: number, seed: number): PanelUnit[] {
  const z = normals(seed);
  const hires = 10;
  const quarterEffect = Array.from({ length: quarters }, () => 5 * z());
  return Array.from({ length: employers }, () => {
    const level = 40 + 8 * z();
    let e = Math.sqrt(sigma2) * z();
    const y = Array.from({ length: quarters }, (_, t) => {
      if (t > 0) e = rho * e + Math.sqrt(sigma2 * (1 - rho * rho)) * z();
      return level + (quarterEffect[t] ?? 0) + e;
    });
    return { q: y.map((_, t) => 8_000 + t), n: y.map(() => hires), s: y.map((v) => v * hires) };
  });
}

describe('generated panels', () => {
  for (const rho of [0, 0.5]) {
    it(`recover σ² = 30 and γ(ℓ) = σ²·${rho}^ℓ (400 employers × 80 quarters)`, () => {
      const components = varianceComponents(generatedPanel(400, 80, 30, rho, 7));
      expect(components).not.toBeNull();
      const gamma = new Map(components?.gamma.map((g) => [g.lag, g.gamma]));
      // Fixed effects pull both down by about σ²(1 + ρ)/((1 − ρ)·80): 1.25% at ρ = 0, 3.75% at ρ = 0.5.
      expect(Math.abs((components?.sigma2 ?? 0) - 30)).toBeLessThan(0.06 * 30);
      for (const lag of [1, 2, 3]) expect(Math.abs((gamma.get(lag) ?? Number.NaN) - 30 * rho ** lag)).toBeLessThan(0.06 * 30);
      expect(components?.employers_used).toBe(400);
      expect(components?.cells_used).toBe(32_000);
    });
  }

  it('where the formula’s assumptions hold (one adoption date, many employers), simulated power at the MDE is 80% ± 8', () => {
    // 400 employers observed 1 quarter before and 4 after one common adoption quarter, errors independent:
    // the product's DiD compares each quarter after with the base quarter, the formula's m = 1.
    const units = generatedPanel(400, 5, 25, 0, 11);
    const pilot = { J: 400, P: 0.5, m: 1, r: 4 };
    const components = varianceComponents(units);
    expect(components).not.toBeNull();
    const variance = components && didVariance(pilot, componentsOf(components));
    const mde = components && minimumDetectableEffect(pilot, componentsOf(components));
    const simulated = simulatePower(units, pilot, mde ?? 0, { runs: 1_000 });
    expect(simulated?.runs).toBe(1_000);
    expect(simulated?.full_windows).toBe(400);
    expect(Math.abs((simulated?.power ?? 0) - 0.8)).toBeLessThanOrEqual(0.08);
    // The estimator's spread over the draws is the formula's standard error, and the simulated MDE its MDE.
    expect(relative(simulated?.se ?? 0, Math.sqrt(variance ?? Number.NaN))).toBeLessThan(0.1);
    expect(relative(simulated ? simulatedMde(simulated) : 0, mde ?? Number.NaN)).toBeLessThan(0.1);
  });

  it('on a panel too short for the design, reports that no employer is observed for m + r quarters', () => {
    const units = generatedPanel(50, 5, 25, 0, 3);
    const simulated = simulatePower(units, { J: 50, P: 0.5, m: 4, r: 4 }, 3);
    expect(simulated?.full_windows).toBe(0);
  });
});
