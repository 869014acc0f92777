import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { createNodeEngine } from '../../src/engine/node-engine';
import { TABLES } from '../../src/ingest/contract';
import { REJECTIONS_TABLE } from '../../src/ingest/contract';
import { type FileReport } from '../../src/ingest/load';
import { ingestFiles } from '../../src/ingest/batch';
import { clearDataset } from '../../src/ingest/tables';
import { nameColumns } from '../../src/ingest/sniff';
import { SQL_TYPE } from '../../src/ingest/value-sql';
import { ident, str } from '../../src/sql/quote';
import { runs } from '../support/depth';
import { filePlan, HOSTILE, SPECS, text, writeFile, type GeneratedFile } from '../support/fuzz-csv';

/**
 * Property-based fuzzing of CSV ingest on the real engine (the Node build of the browser's DuckDB).
 * Generated files mix valid rows, whose number is known by construction, with rows broken in known
 * ways; ingest must load exactly the valid ones, reject and list exactly the broken ones, never throw,
 * never lose its tables, and put every name from a file into SQL only through the quoting module.
 */

const BATCHES = runs(20, 100);
/** Batches of four or five whole files: at least 10,000 random and adversarial CSV files in a deep run. */
const WHOLE_FILE_RUNS = runs(250, 2_500);
const WHOLE_FILES_PER_BATCH = { minLength: 4, maxLength: 5 };

let engine: Engine;
/** Every statement the ingest sent to the engine since the last reset. */
const statements: string[] = [];
const tried = { rows: 0, files: 0, batches: 0 };
const started = performance.now();

beforeAll(async () => {
  const real = await createNodeEngine();
  engine = {
    ...real,
    query: (sql) => {
      statements.push(sql);
      return real.query(sql);
    },
    exec: (sql) => {
      statements.push(sql);
      return real.exec(sql);
    },
  };
});

afterAll(() => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz ingest: ${tried.rows} generated rows and ${tried.files} generated files (${tried.batches} ingest batches) in ${seconds} s`,
  );
});

/** The contract tables and the rejection log exist with every contract column and its type. */
async function expectContractTables(db: Engine = engine): Promise<void> {
  const rows = await db.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main'`,
  );
  const have = new Set(rows.map((r) => `${r.table_name}.${r.column_name}:${r.data_type}`));
  for (const t of TABLES)
    for (const c of t.columns) expect(have, `${t.kind}.${c.name}`).toContain(`${t.kind}.${c.name}:${SQL_TYPE[c.type]}`);
  for (const c of ['file', 'line', 'column', 'value', 'reason'])
    expect([...have].some((h) => h.startsWith(`${REJECTIONS_TABLE}.${c}:`))).toBe(true);
}

/**
 * Names from files (headers as the ingest names them, file names) may reach SQL only quoted: with
 * every quoted form taken out, no name that carries a quote or a semicolon may be left in any statement.
 */
function expectOnlyQuoted(names: readonly string[]): void {
  const forms = [...new Set(names.flatMap((n) => [ident(n), str(n)]))].sort((a, b) => b.length - a.length);
  const risky = [...new Set(names.map((n) => n.replaceAll('\0', '')))].filter((n) => n.length >= 3 && /["';]/.test(n));
  if (risky.length === 0) return;
  for (const statement of statements) {
    let rest = statement;
    for (const form of forms) rest = rest.replaceAll(form, '\u0001');
    for (const name of risky) expect(rest.includes(name), `${JSON.stringify(name)} unquoted in: ${statement.slice(0, 300)}`).toBe(false);
  }
}

function namesOf(files: readonly GeneratedFile[]): string[] {
  return files.flatMap((g) => [g.file.name, ...nameColumns(g.headers, SPECS[g.kind]).columns.map((c) => c.name)]);
}

const reportOf = (reports: FileReport[], g: GeneratedFile) => {
  const report = reports.find((r) => r.file === g.file.name);
  if (!report) throw new Error(`no report for ${g.file.name}`);
  return report;
};

let seq = 0;

/** Keeps the files of the smallest failing case in test-results/fuzz-failure/ (shrinking overwrites bigger ones). */
async function keepOnFailure(files: readonly GeneratedFile[], check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (err) {
    const dir = path.resolve('test-results/fuzz-failure');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const g of files) {
      writeFileSync(path.join(dir, `${g.kind}.csv`), new Uint8Array(await g.file.arrayBuffer()));
      writeFileSync(
        path.join(dir, `${g.kind}.json`),
        JSON.stringify({ name: g.file.name, validKeys: g.validKeys, invalidLines: g.invalidLines }, null, 1),
      );
    }
    throw err;
  }
}

/**
 * Shrinking would re-run ingest hundreds of times; a failing batch stops the run at once and is
 * reported as found (the batch test also writes its files to disk). The fixed seed replays it.
 */
const STOP_AT_FAILURE = { endOnFailure: true };

describe('fuzzed ingest on the real engine', () => {
  const batch = fc.record({
    employers: filePlan('employers', { minRows: 15, maxRows: 25 }),
    hires: filePlan('hires', { minRows: 50, maxRows: 80 }),
    training: filePlan('training', { minRows: 35, maxRows: 50 }),
    order: fc.nat(5),
    again: fc.nat(3).map((n) => n === 0),
  });

  it(`loads exactly the valid rows and rejects and lists exactly the broken ones (${BATCHES} batches of three files, ≥ 100 rows each)`, async () => {
    await fc.assert(
      fc.asyncProperty(batch, async (plan) => {
        await clearDataset(engine);
        statements.length = 0;
        const n = ++seq;
        const employers = writeFile(plan.employers, [], n);
        const hires = writeFile(plan.hires, employers.validKeys, n);
        const training = writeFile(plan.training, employers.validKeys, n);
        const generated = [employers, hires, training];
        const files = [...generated.map((g) => g.file)];
        // Any order: the ingest loads employers first whatever order they come in.
        files.push(...files.splice(0, plan.order % 3));
        tried.batches++;
        tried.files += files.length;
        tried.rows += generated.reduce((sum, g) => sum + g.records, 0);

        await keepOnFailure(generated, async () => {
          const reports = await ingestFiles(engine, files);
          expect(reports).toHaveLength(3);
          for (const g of generated) {
            const r = reportOf(reports, g);
            expect({ error: r.error, kind: r.kind, read: r.rowsRead, loaded: r.rowsLoaded, rejected: r.rowsRejected }, g.file.name).toEqual(
              {
                error: null,
                kind: g.kind,
                read: g.records,
                loaded: g.validKeys.length,
                rejected: g.invalidLines.length,
              },
            );
            const lines = await engine.query<{ line: number }>(
              `SELECT DISTINCT line FROM ${REJECTIONS_TABLE} WHERE file = ${str(g.loggedName)} ORDER BY line`,
            );
            expect(
              lines.map((l) => l.line),
              `rejected lines of ${g.file.name}`,
            ).toEqual(g.invalidLines);
            const key = SPECS[g.kind].key;
            const keys = await engine.query<{ k: string }>(`SELECT ${ident(key)} AS k FROM ${ident(g.kind)} ORDER BY k`);
            expect(keys.map((k) => k.k).sort(), `loaded keys of ${g.kind}`).toEqual([...g.validKeys].sort());
          }
          await expectContractTables();
          expectOnlyQuoted(namesOf(generated));

          if (plan.again) {
            // Loading the same file again adds nothing: every row is already loaded or was broken.
            const [again] = await ingestFiles(engine, [employers.file]);
            tried.files++;
            expect([again?.error, again?.rowsLoaded, again?.rowsRejected]).toEqual([null, 0, employers.records]);
            const [count] = await engine.query<{ n: number }>('SELECT count(*) AS n FROM employers');
            expect(count?.n).toBe(employers.validKeys.length);
          }
        });
      }),
      { numRuns: BATCHES, ...STOP_AT_FAILURE },
    );
    expect(tried.rows).toBeGreaterThanOrEqual(100 * BATCHES);
  }, 300_000);

  it('loads a 10,000-column file with 1 MB fields, and each named hostile value as the contract says', async () => {
    // A fresh engine, as a user opening the app has: wasm memory only grows, and after the fuzzing above
    // a 10,000-column table may not find room in it.
    const engine = await createNodeEngine();
    const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const line = (cells: string[]) => cells.map(csvField).join(',');
    const wide = Array.from({ length: 9_996 }, (_, i) => `x${i}`);
    const big = `1 MB, with "quotes" and\nline breaks ${'y'.repeat(1 << 20)}`;
    const employerHeader = ['employer_id', 'size_band', ...wide, '"; DROP TABLE hires; --', '<img src=x onerror="window.__pwned=1">'];
    expect(employerHeader).toHaveLength(10_000);
    const filler = (id: string) => wide.map((w) => `${id}-${w}`);
    const employers = [
      line(employerHeader),
      line(['E1', '1-49', ...filler('E1'), '=1+1', '<script>window.__pwned=1</script>']),
      line(['E2', '', big, ...filler('E2').slice(1), big, '']),
      line(['E3', 'huge', ...filler('E3'), '', '']), // not an allowed size band
      line(['E4', '1000+']), // too few fields
      line(['E5', ' 1000+ ', ...filler('E5'), '@SUM(A1)', '-1']),
    ].join('\n');
    const hires = [
      line([
        'hire_id',
        'employer_id',
        'requisition_opened_on',
        'offer_accepted_on',
        'started_on',
        'separated_on',
        'ler_verified',
        'occupation',
        'annual_salary',
        'hiring_cost',
        '',
        'Employer ID',
        'a\0b',
        '__ler_errors',
        '__LER_EMPLOYER_KNOWN',
      ]),
      line([
        'H1',
        'E1',
        '0001-01-01',
        '1/2/0001',
        '15.6.5000',
        '9999-12-31',
        'yes',
        '=HYPERLINK("http://evil.example","x")',
        '1e12',
        '$1,234.50',
        '',
        'E1',
        '',
        'x',
        'true',
      ]),
      line(['H2', 'E2', '2024-01-01', '2024-02-01', '2024-03-01', '', 'N', 'a\0b', '5e-324', '0', '', '', '', '', '']),
      line(['H3', 'E1', '2024-01-01', '2024-02-01', '2024-03-01', '', 'y', '-1', '-5', '', '', '', '', '', '']), // negative salary
      line(['H4', 'E1', '2024-01-01', '2024-02-01', '2024-03-01', '', 'y', '', 'NaN', '', '', '', '', '', '']),
      line(['H5', 'E1', '2024-01-01', '2024-02-01', '2024-03-01', '', 'y', '', '1e309', '', '', '', '', '', '']), // beyond any double
      line(['H6', 'E1', '2024-01-01', '2024-02-01', '2024-03-01', '', 'y', '', '', '-0.01', '', '', '', '', '']),
      line(['H7', 'E5', '2024-01-01', '2024-02-01', '2024-03-01', '', 'y', big, '', '', big, '', '', '', '']),
      line(['H8', 'E1', '0000-00-00', '2024-02-01', '2024-03-01', '', 'y', '', '', '', '', '', '', '', '']),
      line(['H9', 'E9', '2024-01-01', '2024-02-01', '2024-03-01', '', 'y', '', '', '', '', '', '', '', 'true']), // unknown employer, whatever the file says
      line(['H10', 'E2', '2024-01-01', '2024-02-01', '2024-03-01', '', 'y', "+cmd|' /C calc'!A0", '', '', '', '', '', '', '']),
      line(['H11', 'E2', '2024-01-01', '2024-02-01', '2024-03-01', '', 'y', '', '1.7976931348623157e308', '', '', '', '', '', '']), // above a trillion
    ].join('\r\n');
    tried.files += 2;
    tried.rows += 16;
    const started = performance.now();
    const reports = await ingestFiles(engine, [
      new File([hires], 'hostile hires.csv'),
      new File([employers], '"; DROP TABLE employers; --.csv'),
    ]);
    console.log(`10,000-column file and 1 MB fields: ingested in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(reports.map((r) => [r.kind, r.error, r.rowsRead, r.rowsLoaded, r.rowsRejected])).toEqual([
      ['employers', null, 5, 3, 2],
      ['hires', null, 11, 4, 7],
    ]);
    expect(await engine.query(`SELECT file, line FROM ${REJECTIONS_TABLE} GROUP BY ALL ORDER BY file, line`)).toEqual([
      ...[4, 5].map((l) => ({ file: '"; DROP TABLE employers; --.csv', line: l })),
      ...[4, 5, 6, 7, 9, 10, 12].map((l) => ({ file: 'hostile hires.csv', line: l })),
    ]);
    const [e] = await engine.query(
      `SELECT "x9995", length("x0") AS big, """; DROP TABLE hires; --" AS sql, "<img src=x onerror=""window.__pwned=1"">" AS html FROM employers WHERE employer_id = 'E1'`,
    );
    expect(e).toEqual({ x9995: 'E1-x9995', big: 5, sql: '=1+1', html: '<script>window.__pwned=1</script>' });
    const [two] = await engine.query<{ x0: string }>(`SELECT "x0" FROM employers WHERE employer_id = 'E2'`);
    expect(two?.x0).toBe(big);
    expect(
      await engine.query(
        `SELECT hire_id, requisition_opened_on, offer_accepted_on, started_on, separated_on, occupation = ${str(big)} AS big, annual_salary, hiring_cost FROM hires ORDER BY hire_id`,
      ),
    ).toEqual([
      {
        hire_id: 'H1',
        requisition_opened_on: '0001-01-01',
        offer_accepted_on: '0001-01-02',
        started_on: '5000-06-15',
        separated_on: '9999-12-31',
        big: false,
        annual_salary: 1e12,
        hiring_cost: 1234.5,
      },
      {
        hire_id: 'H10',
        requisition_opened_on: '2024-01-01',
        offer_accepted_on: '2024-02-01',
        started_on: '2024-03-01',
        separated_on: null,
        big: false,
        annual_salary: null,
        hiring_cost: null,
      },
      {
        hire_id: 'H2',
        requisition_opened_on: '2024-01-01',
        offer_accepted_on: '2024-02-01',
        started_on: '2024-03-01',
        separated_on: null,
        big: false,
        annual_salary: 5e-324,
        hiring_cost: 0,
      },
      {
        hire_id: 'H7',
        requisition_opened_on: '2024-01-01',
        offer_accepted_on: '2024-02-01',
        started_on: '2024-03-01',
        separated_on: null,
        big: true,
        annual_salary: null,
        hiring_cost: null,
      },
    ]);
    expect(
      (await engine.query(`SELECT occupation FROM hires WHERE hire_id IN ('H1', 'H2', 'H10') ORDER BY hire_id`)).map((r) => r.occupation),
    ).toEqual(['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", 'a\0b']);
    // Empty, repeated, NUL and reserved headers become extra columns of their own.
    const extras = await engine.query<{ name: string }>(
      `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'hires' AND ordinal_position > 15 ORDER BY ordinal_position`,
    );
    expect(extras.map((c) => c.name)).toEqual(['column_11', 'Employer ID', 'ab', '___ler_errors', '___LER_EMPLOYER_KNOWN']);
    await expectContractTables(engine);
  }, 120_000);

  // Each failure the fuzzing found, kept as a fixed example.
  const H = 'hire_id,employer_id,requisition_opened_on,offer_accepted_on,started_on,ler_verified';
  const hire = (id: string, employer = 'E1') => `${id},${employer},2024-01-01,2024-02-01,2024-03-01,y`;
  it.each([
    [
      'a CRLF file whose header holds a quoted line break (DuckDB read no rows)',
      `employer_id,"a\nb",c\r\nE1,x,y\r\nE2,x,y\r\n`,
      null,
      ['E1', 'E2'],
      [],
    ],
    ['a CR file whose header holds a quoted line break', `employer_id,"a\nb",c\rE1,x,y\rE2,x,y\r`, null, ['E1', 'E2'], []],
    [
      'a byte-order mark before a quoted first header with a line break (its tail loaded as a row)',
      `\uFEFF"a\nb",employer_id\nx,E1\ny,E2\n`,
      null,
      ['E1', 'E2'],
      [],
    ],
    ['blank lines before the header (the header loaded as a row)', '\n\nemployer_id,region\nE1,OH\nE2,x,y\n', null, ['E1'], [5]],
    [
      'broken rows in a pipe-delimited file with commas (PapaParse guessed the comma)',
      'employer_id|region\nE1|a,b,c\nE2|a,b,c|x\nE3|a,b,c\nE4|a,b,c|y\nE5|a,b,c\n',
      null,
      ['E1', 'E3', 'E5'],
      [3, 5],
    ],
    ['a header differing from another only by a NUL byte', 'employer_id,a,a\0\nE1,1,2\n', null, ['E1'], []],
    ['a header that is only a NUL byte', 'employer_id,\0\nE1,1\n', null, ['E1'], []],
    [
      'a hire whose file claims its unknown employer is known',
      `employer_id\nE1\n`,
      `${H},__ler_employer_known,__ler_key_loaded\n${hire('H1', 'E9')},true,false\n${hire('H2')},x,y\n`,
      ['H2'],
      [2],
    ],
    [
      'extra columns named like the ingest’s own',
      'employer_id,__ler_errors,__ler_record,__LER_RAW_0\nE1,1,2,3\nE1,4,5,6\n',
      null,
      ['E1'],
      [3],
    ],
    [
      'an extra column named like an alias of the ingest’s SQL (the rejection log could not be written)',
      'employer_id\nE1\n',
      `${H},e,u,line,boundary\n${hire('H1', 'E9')},1,2,3,4\n${hire('H2')},1,2,3,4\n`,
      ['H2'],
      [2],
    ],
    [
      'money beyond a trillion (sums overflowed to infinity)',
      'employer_id\nE1\n',
      `${H},hiring_cost\n${hire('H1')},1e308\n${hire('H2')},1e12\n`,
      ['H2'],
      [2],
    ],
  ])('%s', async (_, first, second, keys, lines) => {
    await clearDataset(engine);
    const files = [new File([first], 'first.csv'), ...(second ? [new File([second], 'second.csv')] : [])];
    tried.files += files.length;
    const reports = await ingestFiles(engine, files);
    expect(reports.map((r) => r.error)).toEqual(files.map(() => null));
    const last = reports[reports.length - 1];
    const table = last?.kind && last.kind !== 'contribution' ? last.kind : 'employers';
    const loaded = await engine.query<{ k: string }>(`SELECT ${ident(SPECS[table].key)} AS k FROM ${ident(table)} ORDER BY k`);
    expect(loaded.map((r) => r.k)).toEqual(keys);
    const rejected = await engine.query<{ line: number }>(
      `SELECT DISTINCT line FROM ${REJECTIONS_TABLE} WHERE file = ${str(last?.file ?? '')} ORDER BY line`,
    );
    expect(rejected.map((r) => r.line)).toEqual(lines);
    await expectContractTables();
  });

  const header = fc.constantFrom(
    'employer_id,industry,size_band,region,ler_adopted_on',
    'hire_id,employer_id,requisition_opened_on,offer_accepted_on,started_on,ler_verified,annual_salary',
    'enrollment_id;employer_id;program;started_on;cost;hours',
    'employer_id\t"; DROP TABLE hires; --\t<img src=x onerror=alert(1)>',
  );
  const wholeFile = fc.oneof(
    fc.uint8Array({ maxLength: 3_000 }),
    fc
      .tuple(header, fc.uint8Array({ maxLength: 3_000 }))
      .map(([h, body]) => new Uint8Array([...new TextEncoder().encode(`${h}\n`), ...body])),
    fc.string({ unit: 'binary', maxLength: 600 }),
    fc
      .tuple(header, fc.array(fc.array(text, { maxLength: 9 }), { maxLength: 40 }), fc.constantFrom(',', ';', '\t', '"', '\n'))
      .map(([h, rows, sep]) => `${h}\n${rows.map((r) => r.join(sep)).join('\n')}`),
    fc
      .array(fc.constantFrom(...HOSTILE, 'employer_id', 'hire_id', 'enrollment_id', '"', '\n', ','), { maxLength: 30 })
      .map((parts) => parts.join(',')),
  );

  it(`never throws on ${WHOLE_FILE_RUNS} batches of random and adversarial whole files (≥ ${(4 * WHOLE_FILE_RUNS).toLocaleString('en-US')} files), and keeps its books straight`, async () => {
    const filesBefore = tried.files;
    await fc.assert(
      fc.asyncProperty(fc.array(wholeFile, WHOLE_FILES_PER_BATCH), async (contents) => {
        await clearDataset(engine);
        const files = contents.map((c, i) => new File([c as BlobPart], `random-${i}.csv`));
        tried.batches++;
        tried.files += files.length;
        const reports = await ingestFiles(engine, files);
        expect(reports).toHaveLength(files.length);
        for (const r of reports) {
          if (r.error !== null) {
            expect(typeof r.error).toBe('string');
            expect(r.rowsLoaded).toBe(0);
            continue;
          }
          expect(r.kind).not.toBeNull();
          expect(r.rowsRead).toBe(r.rowsLoaded + r.rowsRejected);
          const [listed] = await engine.query<{ n: number }>(
            `SELECT count(DISTINCT line) AS n FROM ${REJECTIONS_TABLE} WHERE file = ${str(r.file)}`,
          );
          expect(listed?.n, `rejections listed for ${r.file}`).toBe(r.rowsRejected);
        }
        for (const t of TABLES) {
          const [count] = await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${ident(t.kind)}`);
          expect(count?.n).toBe(reports.filter((r) => r.kind === t.kind).reduce((sum, r) => sum + r.rowsLoaded, 0));
        }
        await expectContractTables();
      }),
      { numRuns: WHOLE_FILE_RUNS, ...STOP_AT_FAILURE },
    );
    expect(tried.files - filesBefore).toBeGreaterThanOrEqual(4 * WHOLE_FILE_RUNS);
  }, 900_000);
});
