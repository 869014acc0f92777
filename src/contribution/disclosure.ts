import { ident, literal } from '../sql/quote';
import { OTHER_OCCUPATIONS } from '../metrics/sources/pool';

/**
 * The disclosure rule of DESIGN §7, as SQL over a contribution's full count tables: a cell (employer ×
 * occupation × quarter × group, or the table's own cell) with fewer than k persons is merged within its
 * employer, occupation into "(other occupations)", then quarter into year, then year into all; what is
 * still under k is withheld and counted. Small cells are merged only with each other.
 */

/** How a table's cells are kept: the columns that are never merged, and whether quarters merge into years. */
export interface CellShape {
  /** Kept through every merge besides the employer (e.g. the group, or the training subset). */
  fixed: readonly string[];
  /** The cells have a requisition quarter `q`, merged into its year and then into all. */
  quarters: boolean;
}

/**
 * The merge level of every cell of `cells` (a relation of the cell columns and its persons `n`): 1 kept as
 * it is, 2 occupation merged, 3 quarter into year, 4 year into all, null withheld.
 */
export function mergeLevelsSql(cells: string, k: number, shape: CellShape): string {
  const K = literal(k);
  const same = (a: string, b: string, columns: readonly string[]) => columns.map((c) => `${a}.${ident(c)} = ${b}.${ident(c)}`);
  const fixed = ['employer_id', ...shape.fixed];
  const byQuarter = shape.quarters ? [...fixed, 'q'] : fixed;
  const sumBy = (from: string, columns: readonly string[]) =>
    `SELECT ${columns.map(ident).join(', ')}, sum(n) AS n FROM ${from} WHERE n < ${K} GROUP BY ALL`;
  const ctes = [`c AS (${cells})`, `l2 AS (${sumBy('c', byQuarter)})`];
  const joins = [`LEFT JOIN l2 ON c.n < ${K} AND ${same('l2', 'c', byQuarter).join(' AND ')}`];
  let level = `CASE WHEN c.n >= ${K} THEN 1 WHEN l2.n >= ${K} THEN 2`;
  if (shape.quarters) {
    ctes.push(`l3 AS (SELECT ${fixed.map(ident).join(', ')}, year(q) AS y, sum(n) AS n FROM l2 WHERE n < ${K} GROUP BY ALL)`);
    ctes.push(`l4 AS (SELECT ${fixed.map(ident).join(', ')}, sum(n) AS n FROM l3 WHERE n < ${K} GROUP BY ALL)`);
    joins.push(`LEFT JOIN l3 ON l2.n < ${K} AND ${[...same('l3', 'c', fixed), 'l3.y = year(c.q)'].join(' AND ')}`);
    joins.push(`LEFT JOIN l4 ON l3.n < ${K} AND ${same('l4', 'c', fixed).join(' AND ')}`);
    level += ` WHEN l3.n >= ${K} THEN 3 WHEN l4.n >= ${K} THEN 4`;
  }
  return `WITH ${ctes.join(', ')}
    SELECT c.*, ${level} END AS level FROM c ${joins.join(' ')}`;
}

/**
 * The released rows of a full table: its cells mapped through their merge levels (a relation from
 * mergeLevelsSql) and summed; withheld cells dropped.
 */
export function releasedSql(
  full: string,
  levels: string,
  shape: CellShape,
  columns: { rest: readonly string[]; measures: readonly string[] },
): string {
  const match = [
    't.employer_id = m.employer_id',
    't.occupation IS NOT DISTINCT FROM m.occupation',
    ...(shape.quarters ? ['t.q = m.q'] : []),
    ...shape.fixed.map((c) => `t.${ident(c)} IS NOT DISTINCT FROM m.${ident(c)}`),
  ];
  const cell = [
    't.employer_id',
    `CASE WHEN m.level = 1 THEN t.occupation ELSE ${literal(OTHER_OCCUPATIONS)} END AS occupation`,
    ...(shape.quarters ? ['CASE WHEN m.level <= 2 THEN t.q END AS q', 'CASE WHEN m.level <= 3 THEN year(t.q) END AS year'] : []),
  ];
  const rest = columns.rest.map((c) => `t.${ident(c)}`);
  const sums = columns.measures.map((c) => `sum(t.${ident(c)}) AS ${ident(c)}`);
  return `SELECT ${[...cell, ...rest, ...sums].join(', ')}
    FROM ${full} t JOIN ${levels} m ON ${match.join(' AND ')} WHERE m.level IS NOT NULL GROUP BY ALL`;
}

/** Persons in the withheld cells of a full table, counted by `persons` (an aggregate over its rows). */
export function withheldSql(full: string, levels: string, shape: CellShape, persons: string): string {
  const match = [
    't.employer_id = m.employer_id',
    't.occupation IS NOT DISTINCT FROM m.occupation',
    ...(shape.quarters ? ['t.q = m.q'] : []),
    ...shape.fixed.map((c) => `t.${ident(c)} IS NOT DISTINCT FROM m.${ident(c)}`),
  ];
  return `SELECT coalesce(${persons}, 0) AS n FROM ${full} t JOIN ${levels} m ON ${match.join(' AND ')} WHERE m.level IS NULL`;
}
