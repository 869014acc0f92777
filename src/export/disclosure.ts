import { ident } from '../sql/quote';

/**
 * Disclosure check before an export leaves the tab. Two risks, both judged against the suppression
 * threshold k (DESIGN: small cells):
 * 1. a group-size column (n, count, hires, …) holding a count of people from 1 to k − 1;
 * 2. a row whose employer, occupation and/or region — whichever of them the export has — matches a
 *    combination that fewer than k hires in the loaded data share, so the row points at a few people.
 */

export type DisclosureRisk =
  | { kind: 'small-group'; column: string; rows: number; smallest: number }
  | { kind: 'rare-combination'; columns: string[]; rows: number; example: string };

type Rows = readonly Record<string, unknown>[];

/** Column names that hold the number of people in a group. Events (promotions, separations) are not people counts. */
const GROUP_SIZE =
  /^(n|count|size|hires|employees|people|persons|workers|enrollments|enrolments|trainees|members|at_risk|n_at_risk|n_[a-z0-9_]+|[a-z0-9_]+_n|count_[a-z0-9_]+|[a-z0-9_]+_count)$/i;

/** The columns of the contract that identify people in combination, and where each lives. */
const IDENTIFYING = { employer_id: 'h.employer_id', occupation: 'h.occupation', region: 'e.region' } as const;
type Identifying = keyof typeof IDENTIFYING;

export function smallGroupRisks(rows: Rows, columns: readonly string[], k: number): DisclosureRisk[] {
  const risks: DisclosureRisk[] = [];
  for (const column of columns.filter((c) => GROUP_SIZE.test(c))) {
    const small = rows.map((r) => r[column]).filter((v): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v < k);
    if (small.length > 0) risks.push({ kind: 'small-group', column, rows: small.length, smallest: Math.min(...small) });
  }
  return risks;
}

/** The identifying columns an export has, in contract order. */
export function identifyingColumns(columns: readonly string[]): Identifying[] {
  return (Object.keys(IDENTIFYING) as Identifying[]).filter((c) => columns.includes(c));
}

/** Combinations of the given identifying columns that fewer than k loaded hires share. */
export function rareCombinationsSql(columns: readonly Identifying[], k: number): string {
  const selects = columns.map((c) => `${IDENTIFYING[c]} AS ${ident(c)}`).join(', ');
  return `SELECT ${selects}, count(*) AS hires FROM hires h LEFT JOIN employers e USING (employer_id)
GROUP BY ALL HAVING count(*) < ${Math.max(1, Math.floor(k))}`;
}

const comboKey = (row: Record<string, unknown>, columns: readonly string[]) => JSON.stringify(columns.map((c) => row[c] ?? null));

/** Rows of the export that match a rare combination (from rareCombinationsSql). */
export function rareCombinationRisk(rows: Rows, columns: readonly Identifying[], rare: Rows): DisclosureRisk[] {
  if (columns.length === 0 || rare.length === 0) return [];
  const rareKeys = new Set(rare.map((r) => comboKey(r, columns)));
  const matching = rows.filter((r) => rareKeys.has(comboKey(r, columns)));
  const first = matching[0];
  if (!first) return [];
  return [
    {
      kind: 'rare-combination',
      columns: [...columns],
      rows: matching.length,
      example: columns.map((c) => `${c} = ${String(first[c] ?? 'none')}`).join(', '),
    },
  ];
}

/** One sentence per risk, for the warning shown before the export. */
export function describeRisk(risk: DisclosureRisk, k: number): string {
  const one = risk.rows === 1;
  const rows = one ? '1 row' : `${risk.rows} rows`;
  return risk.kind === 'small-group'
    ? `${rows} of column “${risk.column}” ${one ? 'counts' : 'count'} fewer than ${k} people (the smallest is ${risk.smallest}).`
    : `${rows} ${one ? 'names' : 'name'} a combination of ${risk.columns.join(', ')} that fewer than ${k} hires in the loaded data share (e.g. ${risk.example}).`;
}
