import { HIRES, TRAINING } from '../ingest/contract';
import { dateLiteral, ident, str } from '../sql/quote';

/** The global filters (DESIGN §4): each list keeps the rows whose value is in it; empty or absent means all. */
export interface Filters {
  employer_id?: string[];
  industry?: string[];
  size_band?: string[];
  region?: string[];
  occupation?: string[];
  /** Requisition period: requisition_opened_on within [from, to], ISO days, either end open. */
  period?: { from?: string; to?: string };
}

/** The filters in words, for briefs and exports ("industry Retail, Healthcare; period 2023-01-01 to …"); empty when none. */
export function describeFilters(filters: Filters): string {
  return Object.entries(filters)
    .flatMap(([name, value]: [string, Filters[keyof Filters]]) => {
      if (Array.isArray(value)) return value.length > 0 ? [`${name} ${value.join(', ')}`] : [];
      return value && (value.from || value.to) ? [`period ${value.from ?? '…'} to ${value.to ?? '…'}`] : [];
    })
    .join('; ');
}

export type ListFilter = 'employer_id' | 'industry' | 'size_band' | 'region' | 'occupation';
/** The filters that keep or drop whole employers. */
export const EMPLOYER_LEVEL: readonly ListFilter[] = ['employer_id', 'industry', 'size_band', 'region'];

/** `column IN (values…)`, or null when the list is empty or absent (no filter). */
export function inList(column: string, values: readonly string[] | undefined): string | null {
  return values && values.length > 0 ? `${column} IN (${values.map(str).join(', ')})` : null;
}

function periodClause(column: string, filters: Filters): string[] {
  const { from, to } = filters.period ?? {};
  return [from ? `${column} >= ${dateLiteral(from)}` : null, to ? `${column} <= ${dateLiteral(to)}` : null].filter(
    (c): c is string => c !== null,
  );
}

function employerClauses(alias: string, filters: Filters): string[] {
  return EMPLOYER_LEVEL.map((f) => inList(`${alias}.${ident(f)}`, filters[f])).filter((c): c is string => c !== null);
}

/** Only the contract's columns: extra columns from user files could clash with joined names. */
const contractColumns = (alias: string, columns: readonly { name: string }[]) => columns.map((c) => `${alias}.${ident(c.name)}`).join(', ');

const where = (clauses: readonly string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '');

/**
 * The group of a hire (`h` in filteredHiresSql): `ler` when verified through an LER during hiring,
 * else `non_ler`. Qualified, as an employers file may carry a ler_verified column of its own.
 */
export const GROUP_SQL = `CASE WHEN h.ler_verified THEN 'ler' ELSE 'non_ler' END`;

/** The two groups every hiring and retention figure compares. */
export const GROUPS = ['ler', 'non_ler'] as const;
export type Group = (typeof GROUPS)[number];

/** Employers that pass the employer-level filters (employer, industry, size band, region). */
export function filteredEmployersSql(filters: Filters): string {
  return `SELECT e.* FROM employers e ${where(employerClauses('e', filters))}`;
}

/** Hires that pass the filters, with their group and the named columns of their employer. */
export function filteredHiresSql(filters: Filters, employerColumns: readonly string[] = ['ler_adopted_on']): string {
  const clauses = [
    ...employerClauses('e', filters),
    inList('h.occupation', filters.occupation),
    ...periodClause('h.requisition_opened_on', filters),
  ];
  return `SELECT ${contractColumns('h', HIRES.columns)}, ${employerColumns.map((c) => `e.${ident(c)}`).join(', ')}, ${GROUP_SQL} AS grp
    FROM hires h JOIN employers e ON e.employer_id = h.employer_id ${where(clauses.filter((c): c is string => c !== null))}`;
}

/**
 * Enrollments that pass the filters. Training has no occupation or requisition, so the occupation
 * filter keeps people whose hire has that occupation, and the period filter applies to started_on.
 */
export function filteredTrainingSql(filters: Filters): string {
  const occupation = inList('occupation', filters.occupation);
  const clauses = [
    ...employerClauses('e', filters),
    occupation ? `t.person_id IN (SELECT person_id FROM hires WHERE ${occupation})` : null,
    ...periodClause('t.started_on', filters),
  ];
  return `SELECT ${contractColumns('t', TRAINING.columns)} FROM training t JOIN employers e ON e.employer_id = t.employer_id ${where(clauses.filter((c): c is string => c !== null))}`;
}
