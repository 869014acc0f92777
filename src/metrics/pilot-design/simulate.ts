import { estimateDid, quantileCont } from '../did';
import type { Design, PanelUnit } from './panel';

/** The simulation's defaults: draws, and the seed that makes its answer repeatable. */
export const SIMULATION = { runs: 500, seed: 20_240_101 } as const;

export interface SimulatedPower {
  /** Share of draws whose |ATT| with the effect exceeds the 95th percentile of |ATT| without it. */
  power: number;
  /** Standard deviation of the ATT over the draws without an effect: the estimator's own standard error for this design. */
  se: number;
  /** Draws with an estimate (a draw whose cohorts all lack their base quarter has none). */
  runs: number;
  seed: number;
  /** Employers the panel observes for m + r quarters: an adopter drawn among the others is observed for fewer. */
  full_windows: number;
  /** Whether the design asks for more employers than the panel has (some then play more than one), or more adopters than its drawn employers can supply (then fewer adopt). */
  reused: boolean;
}

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

/** k of `pool`, without replacement when it has k, else with replacement. */
function choose(pool: readonly number[], k: number, random: () => number): number[] {
  if (k > pool.length) return Array.from({ length: k }, () => pool[Math.floor(random() * pool.length)] ?? 0);
  const copy = [...pool];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (copy.length - i));
    [copy[i], copy[j]] = [copy[j] ?? 0, copy[i] ?? 0];
  }
  return copy.slice(0, k);
}

const span = (u: PanelUnit) => (u.q.at(-1) ?? 0) - (u.q[0] ?? 0) + 1;

/**
 * Power of the product's own DiD (DESIGN §4) for a design, by randomization inference on the panel (§8).
 * Each draw takes J of the panel's employers (all of them, and some again, when J exceeds them) and
 * makes round(P·J) of those observed for at least two quarters adopters, the rest never-adopting
 * controls. An adopter adopts at a random quarter that leaves m quarters before it and r from it within
 * its observed span; when its span is shorter than m + r, the window shrinks to the span, quarters
 * before adoption first (down to the base quarter, the only one the estimate compares with). It keeps
 * its quarters from m before adoption to r − 1 after, controls the quarters the adopters span. The DiD
 * runs once as drawn and once with `effect` added to every adopter's outcome from adoption on. null
 * when no employer can play an adopter, or no draw gives an estimate.
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
  if (!everyone.some(canAdopt) || J < 2) return null;
  const adopters = Math.min(J - 1, Math.max(1, Math.round(P * J)));
  const random = uniforms(seed);
  const without: number[] = [];
  const withEffect: number[] = [];
  let reused = J > units.length;
  for (let run = 0; run < runs; run++) {
    // The pilot's employers: J of the panel's (each once and the rest drawn again when J exceeds them), then its adopters among those that can adopt.
    const pilot = J <= units.length ? choose(everyone, J, random) : [...everyone, ...choose(everyone, J - units.length, random)];
    const able = pilot.flatMap((i, at) => (canAdopt(i) ? [at] : []));
    const adopting = new Set(choose(able, Math.min(adopters, able.length), random));
    reused ||= adopting.size < adopters;
    const treated = pilot
      .filter((_, at) => adopting.has(at))
      .map((i) => {
        const u = units[i] as PanelUnit;
        const lead = Math.max(1, Math.min(m, span(u) - r));
        const trail = Math.min(r, span(u) - lead);
        const g = (u.q[0] ?? 0) + lead + Math.floor(random() * (span(u) - lead - trail + 1));
        return { u, g, from: g - m, to: g + r - 1 };
      });
    const [from, to] = [Math.min(...treated.map((t) => t.from)), Math.max(...treated.map((t) => t.to))];
    const controls = pilot.filter((_, at) => !adopting.has(at)).map((i) => ({ u: units[i] as PanelUnit, g: null, from, to }));
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
  const critical = quantileCont(
    without.map(Math.abs).sort((a, b) => a - b),
    0.95,
  );
  const mean = without.reduce((a, b) => a + b, 0) / without.length;
  return {
    power: withEffect.filter((att) => Math.abs(att) > critical).length / withEffect.length,
    se: Math.sqrt(without.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, without.length - 1)),
    runs: without.length,
    seed,
    full_windows: units.filter((u) => span(u) >= m + r).length,
    reused,
  };
}
