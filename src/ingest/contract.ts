/** The data contract v1 (DESIGN §3) as data: tables, columns, types and rules. */

export type TableKind = 'employers' | 'hires' | 'training';
export type ColumnType = 'text' | 'date' | 'bool' | 'number';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  /** Allowed values for a text column (compared case-insensitively, stored in this spelling). */
  allowed?: readonly string[];
  /** Numbers must be at least this. */
  min?: number;
  /** Numbers must be at most this. */
  max?: number;
}

/** `later` must be on or after `earlier` when both are present. */
export interface DateOrderRule {
  earlier: string;
  later: string;
}

export interface TableSpec {
  kind: TableKind;
  /** The unique key; its presence in a header identifies the table. */
  key: string;
  columns: readonly ColumnSpec[];
  dateOrder: readonly DateOrderRule[];
  /** Whether employer_id must exist in the employers table. */
  referencesEmployers: boolean;
}

/** The size bands of DESIGN §3, in order. */
export const SIZE_BANDS = ['1-49', '50-249', '250-999', '1000+'] as const;

const text = (name: string, required = false): ColumnSpec => ({ name, type: 'text', required });
const date = (name: string, required = false): ColumnSpec => ({ name, type: 'date', required });
const bool = (name: string, required = false): ColumnSpec => ({ name, type: 'bool', required });
/**
 * Money and hours: at least 0, and at most a trillion, beyond any real pay, cost or hours. Larger
 * values are junk, and a few of them add up past the largest double (1.8e308): metrics came out infinite.
 */
export const MONEY_MAX = 1e12;
const money = (name: string, required = false): ColumnSpec => ({ name, type: 'number', required, min: 0, max: MONEY_MAX });

export const EMPLOYERS: TableSpec = {
  kind: 'employers',
  key: 'employer_id',
  columns: [
    text('employer_id', true),
    text('industry'),
    { name: 'size_band', type: 'text', required: false, allowed: SIZE_BANDS },
    text('region'),
    date('ler_adopted_on'),
  ],
  dateOrder: [],
  referencesEmployers: false,
};

export const HIRES: TableSpec = {
  kind: 'hires',
  key: 'hire_id',
  columns: [
    text('hire_id', true),
    text('employer_id', true),
    text('person_id'),
    text('occupation'),
    date('requisition_opened_on', true),
    date('applied_on'),
    date('offer_accepted_on', true),
    date('started_on', true),
    date('separated_on'),
    { name: 'separation_type', type: 'text', required: false, allowed: ['voluntary', 'involuntary', 'other'] },
    bool('ler_verified', true),
    bool('has_degree'),
    money('annual_salary'),
    money('hiring_cost'),
    bool('internal'),
  ],
  dateOrder: [
    { earlier: 'applied_on', later: 'offer_accepted_on' },
    { earlier: 'requisition_opened_on', later: 'offer_accepted_on' },
    { earlier: 'offer_accepted_on', later: 'started_on' },
    { earlier: 'started_on', later: 'separated_on' },
  ],
  referencesEmployers: true,
};

export const TRAINING: TableSpec = {
  kind: 'training',
  key: 'enrollment_id',
  columns: [
    text('enrollment_id', true),
    text('employer_id', true),
    text('person_id'),
    text('program', true),
    date('started_on', true),
    date('completed_on'),
    money('cost', true),
    money('hours'),
    bool('credential_as_ler'),
    money('wage_before'),
    money('wage_after'),
    date('promoted_on'),
  ],
  dateOrder: [{ earlier: 'started_on', later: 'completed_on' }],
  referencesEmployers: true,
};

/** In load order: employers first, so the others can be checked against them. */
export const TABLES: readonly TableSpec[] = [EMPLOYERS, HIRES, TRAINING];

/** How header names are compared with the contract: trimmed, lower-case, inner spaces as underscores. */
export function normaliseHeader(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');
}

/** Which table a header belongs to: the most specific key present wins (training and hires also carry employer_id). */
export function recogniseTable(headers: readonly string[]): TableSpec | null {
  const names = new Set(headers.map(normaliseHeader));
  if (names.has(TRAINING.key)) return TRAINING;
  if (names.has(HIRES.key)) return HIRES;
  if (names.has(EMPLOYERS.key)) return EMPLOYERS;
  return null;
}

/** The rejected rows of every load: file, line, column, value and reason (DESIGN §3's validation report). */
export const REJECTIONS_TABLE = 'ingest_rejections';
