import type { Certificate } from '../metrics/results';

/**
 * The contribution file, `ler-outcomes/contribution@1` (DESIGN §7): one employer group's exact count
 * tables as of one date, with pseudonymous employer keys, disclosure-controlled at k, and a certificate
 * of what the rule changed. No hire, person or enrollment id, no date finer than a quarter.
 */

export const CONTRIBUTION_SCHEMA = 'ler-outcomes/contribution@1';

/** What a column of a file table holds. */
export type ColumnKind =
  | 'employer' // a pseudonymous employer key: 16 hex digits
  | 'employer?' // an employer key, or null
  | 'text?' // a contract category value or program name, or null
  | 'text'
  | 'quarter?' // "2024-Q2"; a year "2024" where the rule merged quarters; null where it merged years
  | 'quarter' // "2024-Q2", never merged (a hire's start quarter within its cell)
  | 'group' // "ler" or "non_ler"
  | 'dim' // "all", "program" or "credential_as_ler"
  | 'part' // "lag", "tenure" or "employer"
  | 'day' // whole days, at least 0
  | 'day?'
  | 'flag'
  | 'flag?'
  | 'count' // a whole number of persons, hires or enrollments, at least 0
  | 'money'; // USD, at least 0; null where nothing was summed

/** Hires by employer, occupation, quarter, group and whole days of time-to-fill or time-to-hire. */
const DURATION_COUNTS = [
  ['employer', 'employer'],
  ['occupation', 'text?'],
  ['quarter', 'quarter?'],
  ['group', 'group'],
  ['day', 'day'],
  ['c', 'count'],
] as const;

/** The count tables a contribution holds, each with its columns in order. */
export const FILE_TABLES = {
  fill: DURATION_COUNTS,
  hire: DURATION_COUNTS,
  tenure: [
    ['employer', 'employer'],
    ['occupation', 'text?'],
    ['quarter', 'quarter?'],
    ['group', 'group'],
    ['day', 'day'],
    ['events', 'count'],
    ['censored', 'count'],
    ['voluntary_events', 'count'],
    ['voluntary_censored', 'count'],
  ],
  /** Hires followed a whole first year by start quarter; day 0–365 a separation on that tenure day, 366 still employed after day 365. */
  first_year: [
    ['employer', 'employer'],
    ['occupation', 'text?'],
    ['quarter', 'quarter?'],
    ['group', 'group'],
    ['start_quarter', 'quarter'],
    ['whole_quarter', 'flag'],
    ['day', 'day'],
    ['c', 'count'],
  ],
  hires: [
    ['employer', 'employer'],
    ['occupation', 'text?'],
    ['quarter', 'quarter?'],
    ['group', 'group'],
    ['hires', 'count'],
    ['with_degree_known', 'count'],
    ['without_degree', 'count'],
  ],
  hiring_costs: [
    ['employer', 'employer'],
    ['occupation', 'text?'],
    ['quarter', 'quarter?'],
    ['group', 'group'],
    ['with_cost', 'count'],
    ['cost_sum', 'money'],
  ],
  comparison: [
    ['employer', 'employer'],
    ['occupation', 'text?'],
    ['quarter', 'quarter?'],
    ['tenure', 'day'],
    ['event', 'flag?'],
    ['c', 'count'],
  ],
  training_costs: [
    ['employer', 'employer'],
    ['occupation', 'text?'],
    ['dim', 'dim'],
    ['key', 'text'],
    ['enrollments', 'count'],
    ['people', 'count'],
    ['completions', 'count'],
    ['direct_cost', 'money'],
    ['time_cost', 'money'],
    ['ler_credentials', 'count'],
    ['promotions', 'count'],
    ['wage_before_sum', 'money'],
    ['wage_before_n', 'count'],
    ['completions_followed', 'count'],
    ['promotions_followed', 'count'],
  ],
  trainees: [
    ['employer', 'employer'],
    ['occupation', 'text?'],
    ['dim', 'dim'],
    ['key', 'text'],
    ['part', 'part'],
    ['hire_employer', 'employer?'],
    ['lag', 'day?'],
    ['day', 'day?'],
    ['event', 'flag?'],
    ['c', 'count'],
  ],
} as const satisfies Record<string, readonly (readonly [string, ColumnKind])[]>;

export type FileTable = keyof typeof FILE_TABLES;
export const FILE_TABLE_NAMES = Object.keys(FILE_TABLES) as FileTable[];

export type Cell = string | number | boolean | null;

export interface ContributionEmployer {
  key: string;
  industry: string | null;
  size_band: string | null;
  region: string | null;
  /** The quarter the employer adopted LERs, when it had by the file's as-of date. */
  adoption_quarter: string | null;
}

export interface Contribution {
  schema: typeof CONTRIBUTION_SCHEMA;
  /** SHA-256 (hex) of the canonical content: the document without this field. */
  id: string;
  created_at: string;
  as_of: string;
  k: number;
  producer: string;
  employers: ContributionEmployer[];
  tables: Record<FileTable, { columns: string[]; rows: Cell[][] }>;
  /** Persons withheld per table by the disclosure rule. */
  withheld: Record<FileTable, number>;
  certificate: Certificate;
}

/** JSON with every object's keys sorted, no spaces: the form the id is computed over. */
export function canonicalJson(value: unknown): string {
  // A table's rows hold no objects, so the native serializer gives them in canonical form, many times faster.
  if (Array.isArray(value)) return holdsNoObject(value) ? JSON.stringify(value) : `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const isPrimitive = (v: unknown) => v === null || typeof v !== 'object';
const holdsNoObject = (items: readonly unknown[]) => items.every((v) => isPrimitive(v) || (Array.isArray(v) && v.every(isPrimitive)));

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

export const sha256Hex = async (text: string): Promise<string> =>
  hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));

/** The id of a document: SHA-256 of its canonical content without the id. */
export async function contributionId(document: Omit<Contribution, 'id'> | Contribution): Promise<string> {
  const content: Record<string, unknown> = { ...document };
  delete content.id;
  return sha256Hex(canonicalJson(content));
}

/**
 * An employer's pseudonymous key: the first 16 hex digits of SHA-256(pilot code + "\n" + employer_id), the
 * same in every file of one pilot; without a pilot code, random for each file.
 */
export async function employerKey(employerId: string, pilotCode: string | null): Promise<string> {
  if (pilotCode === null || pilotCode === '') return hex(crypto.getRandomValues(new Uint8Array(8)).buffer);
  return (await sha256Hex(`${pilotCode}\n${employerId}`)).slice(0, 16);
}

/** "2024-Q2" for a quarter's first day, "2024" for a year, null for neither. */
export function quarterLabel(q: string | null, year: number | null): string | null {
  if (q) return `${q.slice(0, 4)}-Q${Math.floor((Number(q.slice(5, 7)) - 1) / 3) + 1}`;
  return year === null ? null : String(year);
}
