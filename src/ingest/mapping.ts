import { TABLES, type ColumnSpec, type TableKind, type TableSpec } from './contract';
import { FALSE_WORDS, TRUE_WORDS } from './value-sql';

/** Which file column holds each contract column, for a file whose headers differ from the contract. */
export interface ColumnMapping {
  table: TableKind;
  /** Contract column name → the file's header, exactly as written. Unlisted contract columns are not in the file. */
  columns: Record<string, string>;
}

/** Why a column was suggested. */
export type SuggestionReason = 'name' | 'content' | 'name and content';

export interface MappingSuggestion {
  mapping: ColumnMapping;
  reasons: Record<string, SuggestionReason>;
}

/** Identifies an export by its header: the same headers in the same order are the same export. */
export function headerSignature(header: readonly string[]): string {
  return JSON.stringify(header.map((h) => h.replace(/^\uFEFF/, '').trim()));
}

/** Other names employer exports use for contract columns (lower case, words separated by spaces). */
const ALIASES: Record<string, readonly string[]> = {
  employer_id: ['employer', 'company', 'company id', 'org id', 'organization id', 'employer number', 'client id', 'employer code'],
  industry: ['sector', 'naics', 'industry name'],
  size_band: ['size', 'company size', 'employer size', 'headcount band', 'employees'],
  region: ['state', 'state code', 'location', 'territory'],
  ler_adopted_on: ['ler adopted', 'ler adoption date', 'adoption date', 'adopted', 'ler start date', 'ler go live'],
  hire_id: ['req id', 'requisition id', 'req number', 'requisition number', 'hire number', 'hire'],
  person_id: ['employee id', 'candidate id', 'worker id', 'emp id', 'person', 'employee number'],
  occupation: ['job family', 'soc', 'soc code', 'job title', 'role', 'position', 'job'],
  requisition_opened_on: [
    'req open date',
    'req opened',
    'requisition open date',
    'requisition opened',
    'requisition date',
    'opening date',
    'posted date',
    'job posted',
  ],
  applied_on: ['applied', 'application date', 'applied date', 'apply date'],
  offer_accepted_on: ['offer accepted', 'offer accepted date', 'offer accept date', 'offer date', 'accepted date', 'accept date'],
  started_on: ['start date', 'hire date', 'started', 'first day', 'employment start', 'enrollment date', 'enrolled on', 'enrolled'],
  separated_on: ['separation date', 'termination date', 'term date', 'exit date', 'left on', 'end of employment'],
  separation_type: ['termination type', 'term type', 'exit type', 'separation reason', 'termination reason'],
  ler_verified: ['ler', 'ler hire', 'verified', 'ler verification', 'verified by ler', 'via ler'],
  has_degree: ['degree', 'bachelors', 'bachelor degree', 'college degree'],
  annual_salary: ['salary', 'base salary', 'base pay', 'annual pay', 'compensation', 'pay'],
  hiring_cost: ['cost per hire', 'recruiting cost', 'recruitment cost', 'hire cost'],
  internal: ['internal hire', 'internal candidate', 'internal move'],
  enrollment_id: ['enrolment id', 'registration id', 'enrollment', 'enrollment number'],
  program: ['programme', 'course', 'training program', 'program name', 'course name'],
  completed_on: ['completion date', 'completed', 'completed date', 'finished on', 'end date'],
  cost: ['program cost', 'tuition', 'fee', 'price', 'training cost'],
  hours: ['training hours', 'duration hours', 'contact hours'],
  credential_as_ler: ['ler credential', 'credential ler', 'digital credential', 'issued as ler'],
  wage_before: ['pay before', 'salary before', 'prior wage', 'wage at enrollment'],
  wage_after: ['pay after', 'salary after', 'wage 12 months after'],
  promoted_on: ['promotion date', 'promoted', 'promoted date'],
};

/** Lower case, words of letters and digits; `?`, `$`, brackets and the like drop out. */
const words = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

function bigrams(text: string): Map<string, number> {
  const squeezed = text.replaceAll(' ', '');
  const grams = new Map<string, number>();
  for (let i = 0; i < squeezed.length - 1; i++) {
    const g = squeezed.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Sørensen–Dice similarity of character pairs, 0..1. */
function dice(a: string, b: string): number {
  const ga = bigrams(a);
  const gb = bigrams(b);
  let shared = 0;
  let total = 0;
  for (const n of ga.values()) total += n;
  for (const [g, n] of gb) {
    total += n;
    shared += Math.min(n, ga.get(g) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}

/** How alike a file header is to a contract column's name or one of its aliases, 0..1. */
export function nameSimilarity(header: string, column: string): number {
  const h = words(header);
  if (h === '') return 0;
  const candidates = [words(column), words(column.replace(/_on$/, '')), ...(ALIASES[column] ?? [])];
  return Math.max(...candidates.map((c) => (c === h ? 1 : dice(c, h))));
}

const WRITTEN_DATE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}\/\d{1,2}\/\d{4}|\d{1,2}\.\d{1,2}\.\d{4})$/;
const SERIAL_DATE = /^\d{5}(\.\d+)?$/;
const NUMBER = /^[-+]?\$?\s*(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?$/;
const BOOL_WORDS = new Set<string>([...TRUE_WORDS, ...FALSE_WORDS]);

/** What a column's sample values look like: shares of the non-empty values, 0..1. */
export interface ContentProfile {
  values: number;
  writtenDate: number;
  serialDate: number;
  bool: number;
  number: number;
  distinct: number;
  employer: number;
  allowed: (allowed: readonly string[]) => number;
}

export function profileColumn(values: readonly string[], employerIds: ReadonlySet<string>): ContentProfile {
  const present = values.map((v) => v.trim()).filter((v) => v !== '');
  const n = present.length;
  const share = (test: (v: string) => boolean) => (n === 0 ? 0 : present.filter(test).length / n);
  return {
    values: n,
    writtenDate: share((v) => WRITTEN_DATE.test(v)),
    serialDate: share((v) => SERIAL_DATE.test(v) && Number(v) >= 20000 && Number(v) < 80000),
    bool: share((v) => BOOL_WORDS.has(v.toLowerCase())),
    number: share((v) => /\d/.test(v) && NUMBER.test(v)),
    distinct: n === 0 ? 0 : new Set(present).size / n,
    employer: employerIds.size === 0 ? 0 : share((v) => employerIds.has(v)),
    allowed: (allowed) => {
      const lower = new Set(allowed.map((a) => a.toLowerCase()));
      return share((v) => lower.has(v.toLowerCase()));
    },
  };
}

/** How well a column's values fit a contract column's type, 0..1 (0.5 when there is nothing to judge). */
export function contentFit(spec: ColumnSpec, table: TableSpec, p: ContentProfile): number {
  if (p.values === 0) return 0.5;
  if (spec.type === 'date') return Math.min(1, p.writtenDate + 0.8 * p.serialDate);
  if (spec.type === 'bool') return p.bool;
  if (spec.type === 'number') return p.number * (1 - p.writtenDate);
  if (spec.allowed) return p.allowed(spec.allowed);
  const textual = 1 - Math.max(p.writtenDate, p.bool);
  if (spec.name === 'employer_id' && p.employer > 0) return p.employer;
  if (spec.name === table.key) return textual * p.distinct;
  return textual;
}

const ACCEPT = 0.6;
const NAME_WEIGHT = 0.65;

/** Suggests a mapping for one table: each contract column to the best free file column, greedily by score. */
export function suggestForTable(
  table: TableSpec,
  header: readonly string[],
  rows: readonly string[][],
  employerIds: ReadonlySet<string> = new Set(),
): MappingSuggestion & { score: number } {
  const profiles = header.map((_, i) =>
    profileColumn(
      rows.map((r) => r[i] ?? ''),
      employerIds,
    ),
  );
  const pairs: { column: string; index: number; score: number; reason: SuggestionReason }[] = [];
  for (const spec of table.columns) {
    header.forEach((h, index) => {
      const name = nameSimilarity(h, spec.name);
      const content = contentFit(spec, table, profiles[index] as ContentProfile);
      let score = NAME_WEIGHT * name + (1 - NAME_WEIGHT) * content;
      // Ids that match loaded employers say more than any name.
      if (spec.name === 'employer_id' && (profiles[index]?.employer ?? 0) >= 0.8) score = Math.max(score, 0.9);
      if (name >= 0.75 && content < 0.2 && (profiles[index]?.values ?? 0) > 0) score = Math.min(score, ACCEPT - 0.01);
      const reason: SuggestionReason = name >= 0.6 ? (content >= 0.8 ? 'name and content' : 'name') : 'content';
      pairs.push({ column: spec.name, index, score, reason });
    });
  }
  pairs.sort((a, b) => b.score - a.score || a.index - b.index);
  const columns: Record<string, string> = {};
  const reasons: Record<string, SuggestionReason> = {};
  const used = new Set<number>();
  let total = 0;
  for (const pair of pairs) {
    if (pair.score < ACCEPT || used.has(pair.index) || pair.column in columns) continue;
    columns[pair.column] = header[pair.index] as string;
    reasons[pair.column] = pair.reason;
    used.add(pair.index);
    total += pair.score;
  }
  // The table the file explains best: its columns found, less one for each required column not found.
  const unmatched = table.columns.filter((c) => c.required && !(c.name in columns)).length;
  return { mapping: { table: table.kind, columns }, reasons, score: total - unmatched };
}

/** The table a file most likely holds (the recognised one, else the best-fitting) and a mapping for it. */
export function suggestMapping(
  header: readonly string[],
  rows: readonly string[][],
  employerIds: ReadonlySet<string> = new Set(),
  table?: TableSpec,
): MappingSuggestion {
  if (table) return suggestForTable(table, header, rows, employerIds);
  const options = TABLES.map((t) => suggestForTable(t, header, rows, employerIds));
  return options.reduce((best, o) => (o.score > best.score ? o : best));
}

/** Problems that stop a mapping from loading: required columns left out, or a file column used twice. */
export function mappingProblems(mapping: ColumnMapping, header: readonly string[]): string[] {
  const table = TABLES.find((t) => t.kind === mapping.table);
  if (!table) return [`Unknown table ${mapping.table}.`];
  const problems: string[] = [];
  const missing = table.columns.filter((c) => c.required && !mapping.columns[c.name]).map((c) => c.name);
  if (missing.length > 0) problems.push(`Choose a column for ${missing.join(', ')} (required).`);
  const seen = new Map<string, string>();
  for (const [column, h] of Object.entries(mapping.columns)) {
    if (!header.includes(h)) problems.push(`${column}: the file has no column "${h}".`);
    const other = seen.get(h);
    if (other) problems.push(`"${h}" is chosen for both ${other} and ${column}.`);
    seen.set(h, column);
  }
  return problems;
}
