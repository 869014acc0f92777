import type { Row } from '../../engine/engine';
import { quantileCont } from '../did';
import { didCellsSql, quarterIndex, type DidOutcome } from '../did-cells';
import type { Filters } from '../filters';
import type { MetricSettings } from '../settings';
import { employersSql } from '../sources/employers';

/** One employer's quarters of an outcome: quarter index, hires and sum of the outcome, in quarter order. */
export interface PanelUnit {
  q: number[];
  n: number[];
  s: number[];
}

/** A pilot's shape (DESIGN §8): J employers, a share P of them adopting, m quarters observed before adoption and r from it. */
export interface Design {
  J: number;
  P: number;
  m: number;
  r: number;
}

/** What pilot design reads of the data: the panel of untreated employer-quarters, and the data's own design. */
export interface PanelData {
  /** Never-adopting employers' quarters, and adopting employers' quarters before their adoption. */
  units: PanelUnit[];
  /** null when no employer has hires, or none or all of them adopted. */
  design: Design | null;
}

/**
 * Each employer with cells of the DiD outcome, with its adoption quarter index (null if it had not adopted
 * by the as-of date) and its cells as lists in quarter order. Employer ids stay in the engine: what follows
 * depends only on the cells, so a pool of pseudonymous contributions gives what its rows give.
 */
export function pilotPanelSql(filters: Filters, settings: MetricSettings, outcome: DidOutcome): string {
  return `WITH cells AS (${didCellsSql(filters, settings, outcome)})
    SELECT CASE WHEN e.adopted THEN ${quarterIndex('e.adoption_q')} END::INTEGER AS g,
      list(c.q::INTEGER ORDER BY c.q) AS q, list(c.n::DOUBLE ORDER BY c.q) AS n, list(c.s::DOUBLE ORDER BY c.q) AS s
    FROM cells c JOIN (${employersSql(filters, settings)}) e USING (employer_id) GROUP BY e.employer_id, e.adopted, e.adoption_q`;
}

const numbers = (value: unknown): number[] => (Array.isArray(value) ? value.map(Number) : []);

/** Orders units by their cells, so that the order (and a seeded simulation) does not depend on employer ids. */
function compareUnits(a: PanelUnit, b: PanelUnit): number {
  const fields = (u: PanelUnit) => u.q.flatMap((q, i) => [q, u.n[i] ?? 0, u.s[i] ?? 0]);
  const [x, y] = [fields(a), fields(b)];
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
  return x.length - y.length;
}

/**
 * The panel and the data's own design from pilotPanelSql's rows: J the employers with hires, P the share
 * of them adopting, m and r the median over adopting employers of their quarters with hires before, and
 * from, their adoption quarter, rounded (halves up) and at least 1.
 */
export function readPanel(rows: readonly Row[]): PanelData {
  const employers = rows.map((row) => ({
    g: typeof row.g === 'number' ? row.g : null,
    unit: { q: numbers(row.q), n: numbers(row.n), s: numbers(row.s) },
  }));
  const units = employers
    .map(({ g, unit }) => {
      const keep = unit.q.map((q) => g === null || q < g);
      const pick = (values: number[]) => values.filter((_, i) => keep[i]);
      return { q: pick(unit.q), n: pick(unit.n), s: pick(unit.s) };
    })
    .filter((u) => u.q.length > 0)
    .sort(compareUnits);
  const adopters = employers.filter((e): e is { g: number; unit: PanelUnit } => e.g !== null);
  const J = employers.length;
  const quarters = (before: boolean) =>
    Math.max(
      1,
      Math.round(
        quantileCont(
          adopters.map(({ g, unit }) => unit.q.filter((q) => q < g === before).length).sort((a, b) => a - b),
          0.5,
        ),
      ),
    );
  const design =
    adopters.length === 0 || adopters.length === J ? null : { J, P: adopters.length / J, m: quarters(true), r: quarters(false) };
  return { units, design };
}
