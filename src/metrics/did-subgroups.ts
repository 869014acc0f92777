import type { Row } from '../engine/engine';
import { ident, str } from '../sql/quote';
import { estimateDid, pilotDidSql } from './did';
import { estimateOf, type Estimate } from './figures';
import type { Filters } from './filters';
import type { MetricSettings } from './settings';
import { employersSql } from './sources/employers';

/** The employer attributes a subgroup ATT is recomputed within (DESIGN §4b). */
export const SUBGROUP_DIMENSIONS = ['industry', 'size_band', 'region'] as const;
export type SubgroupDimension = (typeof SUBGROUP_DIMENSIONS)[number];
export type SubgroupValues = Record<SubgroupDimension, string[]>;

/** Each subgroup dimension's values among the employers that pass the filters, in order, as lists in one row. */
export function subgroupValuesSql(filters: Filters, settings: MetricSettings): string {
  const lists = SUBGROUP_DIMENSIONS.map(
    (d) => `coalesce(list(DISTINCT ${ident(d)} ORDER BY ${ident(d)}) FILTER (WHERE ${ident(d)} IS NOT NULL), []) AS ${ident(d)}`,
  );
  return `SELECT ${lists.join(', ')} FROM (${employersSql(filters, settings)})`;
}

export function readSubgroupValues(rows: readonly Row[]): SubgroupValues {
  const list = (d: SubgroupDimension) => (Array.isArray(rows[0]?.[d]) ? (rows[0][d] as unknown[]).map(String) : []);
  return { industry: list('industry'), size_band: list('size_band'), region: list('region') };
}

/**
 * The DiD's inputs (pilotDidSql) within each subgroup, one row per dimension and value: the filters with
 * that dimension narrowed to the value, so that each subgroup's estimate and bootstrap are exactly those
 * of the pilot filtered to it. Null when there is no subgroup.
 */
export function subgroupDidSql(filters: Filters, settings: MetricSettings, values: SubgroupValues): string | null {
  const parts = SUBGROUP_DIMENSIONS.flatMap((dim) =>
    values[dim].map(
      (value) => `SELECT ${str(dim)} AS dim, ${str(value)} AS value, * FROM (${pilotDidSql({ ...filters, [dim]: [value] }, settings)})`,
    ),
  );
  return parts.length > 0 ? parts.join('\nUNION ALL\n') : null;
}

/** A subgroup's overall ATT, or suppressed when fewer than 2 treated or 2 control employers remain (DESIGN §4b). */
export type SubgroupAtt = { value: string } & (
  ({ suppressed?: never } & Estimate & { treated_employers: number; control_employers: number }) | { suppressed: true }
);
export type Subgroups = Record<SubgroupDimension, SubgroupAtt[]>;

/** The fewest treated and control employers a subgroup's ATT is shown with. */
export const SUBGROUP_MIN_EMPLOYERS = 2;

/** Subgroup ATTs from subgroupDidSql's rows, in the order of `values`. */
export function readSubgroups(rows: readonly Row[], values: SubgroupValues): Subgroups {
  const byKey = new Map(rows.map((r) => [`${String(r.dim)}\u001f${String(r.value)}`, r]));
  const subgroup = (dim: SubgroupDimension, value: string): SubgroupAtt => {
    const did = estimateDid(byKey.get(`${dim}\u001f${value}`));
    if (did.treated_employers < SUBGROUP_MIN_EMPLOYERS || did.control_employers < SUBGROUP_MIN_EMPLOYERS)
      return { value, suppressed: true };
    return {
      value,
      ...estimateOf(did.att, did.att_lo, did.att_hi),
      treated_employers: did.treated_employers,
      control_employers: did.control_employers,
    };
  };
  return {
    industry: values.industry.map((v) => subgroup('industry', v)),
    size_band: values.size_band.map((v) => subgroup('size_band', v)),
    region: values.region.map((v) => subgroup('region', v)),
  };
}
