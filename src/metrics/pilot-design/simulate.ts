import { estimateDid, quantileCont } from '../did';
import type { Design, PanelUnit } from './panel';

/** The simulation's defaults: draws, and the seed that makes its answer repeatable. */
/**
 * The simulation's defaults: draws, the seed that makes its answer repeatable, and the most employers a
 * draw holds (a larger pilot is simulated at this size and scaled: 500 draws of 12,000 employers took 40 s).
 */
export const SIMULATION = { runs: 500, seed: 20_240_101, maxEmployers: 500 } as const;

export interface SimulatedPower {
  /** Share of draws whose |ATT| with the effect exceeds the 95th percentile of |ATT| without it. */
  power: number;
  /** Standard deviation of the ATT over the draws without an effect: the estimator's own standard error for this design. */
  se: number;
  /** Each draw's ATT without an effect, and the 95th percentile of their sizes that an estimate must exceed. */
  null_atts: number[];
  critical: number;
  /** The smallest effect the simulated pilots detect 8 times in 10 (simulatedMde). */
  simulated_mde: number;
  /** Draws with an estimate (a draw whose cohorts all lack their base quarter has none). */
  runs: number;
  seed: number;
  /** Employers the panel observes for m + r quarters: an adopter drawn among the others is observed for fewer. */
  full_windows: number;
  /**
   * For a pilot larger than the panel or SIMULATION.maxEmployers: the employers each draw held, their
   * estimates then scaled by √(that / J), as the variance falls with 1/J; null otherwise.
   */
  scaled_from: number | null;
  /** Whether some draws had fewer employers observed for two quarters than the adopters asked for (then fewer adopt). */
  fewer_adopters: boolean;
}

/** The draws' estimates without an effect and the size an estimate must exceed: all that power at any effect needs. */
type Draws = Pick<SimulatedPower, 'null_atts' | 'critical'>;

/** A seeded uniform generator on [0, 1) (mulberry32): the same seed gives the same draws on every engine. */
function uniforms(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** k of `pool` (k at most its length) in random order, without replacement: a partial Fisher–Yates shuffle. */
function choose(pool: readonly number[], k: number, random: () => number): number[] {
  const copy = [...pool];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] ?? 0, copy[i] ?? 0];
  }
  return copy.slice(0, k);
}

const span = (u: PanelUnit) => (u.q.at(-1) ?? 0) - (u.q[0] ?? 0) + 1;

/**
 * An adopter's adoption quarter and window: a random quarter leaving m quarters before it and r from it
 * within the employer's observed span (the window shrinking to a shorter span, quarters before adoption
 * first, down to the base quarter), among those whose base quarter has hires where there are any.
 */
function adopterWindow(u: PanelUnit, m: number, r: number, random: () => number) {
  const lead = Math.max(1, Math.min(m, span(u) - r));
  const trail = Math.min(r, span(u) - lead);
  const first = (u.q[0] ?? 0) + lead;
  const candidates = Array.from({ length: span(u) - lead - trail + 1 }, (_, i) => first + i);
  const observed = new Set(u.q);
  const based = candidates.filter((g) => observed.has(g - 1));
  const pool = based.length > 0 ? based : candidates;
  const g = pool[Math.floor(random() * pool.length)] ?? first;
  return { u, g, from: g - m, to: g + r - 1 };
}

/**
 * Power of the product's own DiD (DESIGN §4) for a design, by randomization inference on the panel (§8).
 * Each draw takes J of the panel's employers and makes round(P·J) of them (at least one, and one short of
 * all) adopters, at random among those observed for two quarters or more; the rest are never-adopting
 * controls. Each adopter gets an adoption quarter and window (adopterWindow) and keeps its quarters from m
 * before adoption to r − 1 after; controls keep the quarters the adopters span. The DiD runs once as drawn
 * and once with `effect` added to every adopter's outcome from adoption on. A pilot larger than the panel,
 * or than SIMULATION.maxEmployers, is drawn at that size and scaled (see scaled_from). null when no employer can play an adopter, or
 * no draw gives an estimate.
 */
export function simulatePower(
  units: readonly PanelUnit[],
  { J, P, m, r }: Design,
  effect: number,
  {
    runs = SIMULATION.runs,
    seed = SIMULATION.seed,
    onProgress,
  }: { runs?: number; seed?: number; onProgress?: (done: number) => void } = {},
): SimulatedPower | null {
  const everyone = units.map((_, i) => i);
  const canAdopt = (i: number) => span(units[i] as PanelUnit) >= 2;
  if (!everyone.some(canAdopt) || J < 2 || units.length < 2) return null;
  // A pilot larger than the panel is drawn at the panel's size (counting an employer twice adds no information), and one larger than maxEmployers at that.
  const drawn = Math.min(J, units.length, SIMULATION.maxEmployers);
  const adopters = Math.min(drawn - 1, Math.max(1, Math.round(P * drawn)));
  const random = uniforms(seed);
  const without: number[] = [];
  const withEffect: number[] = [];
  let fewerAdopters = false;
  for (let run = 0; run < runs; run++) {
    const pilot = choose(everyone, drawn, random);
    const able = pilot.filter(canAdopt);
    const adopting = new Set(choose(able, Math.min(adopters, able.length), random));
    fewerAdopters ||= adopting.size < adopters;
    const treated = pilot.filter((i) => adopting.has(i)).map((i) => adopterWindow(units[i] as PanelUnit, m, r, random));
    const from = treated.reduce((a, t) => Math.min(a, t.from), Infinity);
    const to = treated.reduce((a, t) => Math.max(a, t.to), -Infinity);
    const controls = pilot.filter((i) => !adopting.has(i)).map((i) => ({ u: units[i] as PanelUnit, g: null, from, to }));
    const row = {
      cohorts: [] as (number | null)[],
      unit: [] as number[],
      q: [] as number[],
      n: [] as number[],
      s: [] as number[],
      s_effect: [] as number[],
    };
    [...treated, ...controls].forEach(({ u, g, from: first, to: last }, unit) => {
      row.cohorts.push(g);
      u.q.forEach((q, i) => {
        if (q < first || q > last) return;
        const [n, s] = [u.n[i] ?? 0, u.s[i] ?? 0];
        row.unit.push(unit);
        row.q.push(q);
        row.n.push(n);
        row.s.push(s);
        row.s_effect.push(g !== null && q >= g ? s + effect * n : s);
      });
    });
    const [plain, shifted] = [estimateDid({ ...row, draws: [] }).att, estimateDid({ ...row, s: row.s_effect, draws: [] }).att];
    if (plain !== null && shifted !== null) {
      without.push(plain);
      withEffect.push(shifted);
    }
    onProgress?.(run + 1);
  }
  if (without.length === 0) return null;
  // Scaling a draw's estimate without the effect by √(drawn / J) gives the larger pilot's; with it, the effect stays δ.
  const shrink = Math.sqrt(drawn / J);
  const nullAtts = without.map((att) => att * shrink);
  const shifted = withEffect.map((att, i) => att - (without[i] ?? 0) + (without[i] ?? 0) * shrink);
  const critical = quantileCont(
    nullAtts.map(Math.abs).sort((a, b) => a - b),
    0.95,
  );
  const mean = nullAtts.reduce((a, b) => a + b, 0) / nullAtts.length;
  const draws = { null_atts: nullAtts, critical };
  return {
    power: shifted.filter((att) => Math.abs(att) > critical).length / shifted.length,
    se: Math.sqrt(nullAtts.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, nullAtts.length - 1)),
    ...draws,
    simulated_mde: simulatedMde(draws),
    runs: nullAtts.length,
    seed,
    full_windows: units.filter((u) => span(u) >= m + r).length,
    scaled_from: drawn < J ? drawn : null,
    fewer_adopters: fewerAdopters,
  };
}

/**
 * Simulated power at any effect from one simulation: adding δ to every adopter's outcome from adoption on
 * moves each draw's ATT by exactly δ (every post-adoption cell it averages moves by δ), so the draws
 * without an effect give the power at every δ (the test checks this against injecting δ).
 */
export function simulatedPowerAt(simulation: Draws, effect: number): number {
  let detected = 0;
  for (const att of simulation.null_atts) if (Math.abs(att + effect) > simulation.critical) detected++;
  return detected / simulation.null_atts.length;
}

/** The smallest effect (to 1/1000 of the largest |ATT| plus the critical value) that the simulated pilots detect 8 times in 10. */
export function simulatedMde(simulation: Draws): number {
  const top = simulation.null_atts.reduce((a, att) => Math.max(a, Math.abs(att)), 0) + simulation.critical;
  const steps = 1000;
  for (let i = 1; i <= steps; i++) if (simulatedPowerAt(simulation, (top * i) / steps) >= 0.8) return (top * i) / steps;
  return top;
}
