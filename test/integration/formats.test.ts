import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { REJECTIONS_TABLE } from '../../src/ingest/contract';
import type { DateQuestion } from '../../src/ingest/date-readings';
import { ingestFiles } from '../../src/ingest/batch';
import { clearDataset } from '../../src/ingest/tables';
import { suggestMapping } from '../../src/ingest/mapping';
import { readHead } from '../../src/ingest/sniff';
import { freshEngine } from '../support/engine';
import { fileFrom, FIXTURES } from '../support/files';

/** One committed fixture per format quirk (test/fixtures/formats); every expected value below is worked out by hand from the fixture text. */
const fixture = (name: string) => fileFrom(path.join(FIXTURES, 'formats', name));
const employers = () => fileFrom(path.join(FIXTURES, 'employers.csv'));

let engine: Engine;
beforeAll(async () => {
  engine = await freshEngine();
});
beforeEach(async () => {
  await clearDataset(engine);
  await ingestFiles(engine, [employers()]);
});

const hires = (columns = 'hire_id, employer_id, requisition_opened_on, offer_accepted_on, started_on, ler_verified') =>
  engine.query(`SELECT ${columns} FROM hires ORDER BY hire_id`);
const rejections = () => engine.query(`SELECT file, line, "column", value, reason FROM ${REJECTIONS_TABLE} ORDER BY line, "column"`);
const plainHires = (a: string, b: string) => [
  {
    hire_id: a,
    employer_id: 'E1',
    requisition_opened_on: '2024-01-02',
    offer_accepted_on: '2024-01-20',
    started_on: '2024-02-01',
    ler_verified: true,
  },
  {
    hire_id: b,
    employer_id: 'E2',
    requisition_opened_on: '2024-03-04',
    offer_accepted_on: '2024-03-25',
    started_on: '2024-04-08',
    ler_verified: false,
  },
];

describe('delimiters', () => {
  it.each([
    ['hires-semicolon.csv', ';', 'S1', 'S2', 'Columns are separated by semicolons.'],
    ['hires-tab.tsv', '\t', 'T1', 'T2', 'Columns are separated by tabs.'],
    ['hires-pipe.csv', '|', 'I1', 'I2', 'Columns are separated by pipes.'],
  ])('%s is split on %j', async (name, delimiter, a, b, note) => {
    expect((await readHead(fixture(name))).delimiter).toBe(delimiter);
    const [report] = await ingestFiles(engine, [fixture(name)]);
    expect(report).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0, error: null });
    expect(report?.notes).toContain(note);
    expect(await hires()).toEqual(plainHires(a, b));
  });

  it('keeps a comma inside a semicolon-separated field', async () => {
    await ingestFiles(engine, [fixture('hires-semicolon.csv')]);
    expect(await engine.query('SELECT note FROM hires ORDER BY hire_id')).toEqual([{ note: 'a, b' }, { note: null }]);
  });
});

describe('encodings', () => {
  it.each([
    ['employers-bom.csv', 'utf-8-bom', [['B1', 'Café', 'QC']]],
    [
      'employers-utf16le.csv',
      'utf-16le',
      [
        ['U1', 'Santé', 'QC'],
        ['U2', 'Crème € Co', 'QC'],
      ],
    ],
    [
      'employers-utf16be.csv',
      'utf-16be',
      [
        ['U1', 'Santé', 'QC'],
        ['U2', 'Crème € Co', 'QC'],
      ],
    ],
    [
      'employers-windows-1252.csv',
      'windows-1252',
      [
        ['W1', 'Café', 'QC'],
        ['W2', '€ Services', 'NY'],
        ['W3', 'Müller Baeckerei', 'DE'],
      ],
    ],
  ])('%s is read as %s and its text arrives intact', async (name, encoding, expected) => {
    await clearDataset(engine);
    expect((await readHead(fixture(name))).encoding).toBe(encoding);
    const [report] = await ingestFiles(engine, [fixture(name)]);
    expect(report?.error).toBeNull();
    expect(report?.rowsLoaded).toBe(expected.length);
    const rows = await engine.query<{ employer_id: string; industry: string; region: string }>(
      'SELECT employer_id, industry, region FROM employers ORDER BY 1',
    );
    expect(rows.map((r) => [r.employer_id, r.industry, r.region])).toEqual(expected);
  });

  it('transcodes in chunks without splitting a character between them', async () => {
    const { utf8Content } = await import('../../src/ingest/decode');
    // "é" in UTF-16 is two bytes and "€" two more; with 3-byte chunks every character straddles a boundary.
    const blob = await utf8Content(fixture('employers-utf16le.csv'), 'utf-16le', 3);
    expect(await blob.text()).toBe('employer_id,industry,region\r\nU1,Santé,QC\r\nU2,Crème € Co,QC\r\n');
  });
});

describe('fields and values', () => {
  it('keeps line breaks and doubled quotes inside quoted fields, and counts lines by record', async () => {
    const [report] = await ingestFiles(engine, [fixture('hires-quoted-newlines.csv')]);
    expect(report).toMatchObject({ rowsRead: 3, rowsLoaded: 2, rowsRejected: 1 });
    expect(await engine.query('SELECT hire_id, note FROM hires ORDER BY 1')).toEqual([
      { hire_id: 'Q1', note: 'first line\r\nsecond line' },
      { hire_id: 'Q2', note: 'says "hi",\nthen leaves' },
    ]);
    expect(await rejections()).toEqual([
      {
        file: 'hires-quoted-newlines.csv',
        line: 4,
        column: 'offer_accepted_on',
        value: '2024-04-01',
        reason: 'offer_accepted_on is before requisition_opened_on',
      },
    ]);
  });

  it('reads money with $ and thousands separators, and rejects what is not a sum', async () => {
    const [report] = await ingestFiles(engine, [fixture('hires-money.csv')]);
    expect(report).toMatchObject({ rowsLoaded: 2, rowsRejected: 2 });
    expect(await hires('hire_id, annual_salary, hiring_cost')).toEqual([
      { hire_id: 'M1', annual_salary: 1234.5, hiring_cost: 4700 },
      { hire_id: 'M2', annual_salary: 52000, hiring_cost: 1000000 },
    ]);
    expect(await rejections()).toEqual([
      { file: 'hires-money.csv', line: 4, column: 'annual_salary', value: '$-', reason: 'not a number' },
      { file: 'hires-money.csv', line: 5, column: 'annual_salary', value: '-$10', reason: 'must be at least 0' },
    ]);
  });

  it('reads Yes/No flags in any case and rejects other words', async () => {
    const [report] = await ingestFiles(engine, [fixture('hires-yes-no.csv')]);
    expect(report).toMatchObject({ rowsLoaded: 3, rowsRejected: 1 });
    expect(await hires('hire_id, ler_verified, has_degree, internal')).toEqual([
      { hire_id: 'Y1', ler_verified: true, has_degree: false, internal: true },
      { hire_id: 'Y2', ler_verified: false, has_degree: true, internal: false },
      { hire_id: 'Y3', ler_verified: true, has_degree: null, internal: null },
    ]);
    expect(await rejections()).toEqual([
      {
        file: 'hires-yes-no.csv',
        line: 5,
        column: 'ler_verified',
        value: 'Maybe',
        reason: 'not a yes/no value (expected true/false, t/f, yes/no, y/n or 1/0)',
      },
    ]);
  });
});

describe('dates, decided per column', () => {
  it('reads M/D/YYYY; a column that fits both orders follows the file’s evident order', async () => {
    const [report] = await ingestFiles(engine, [fixture('hires-month-first.csv')]);
    expect(report?.notes).toContain(
      "Dates in started_on fit both M/D/YYYY and D/M/YYYY; they were read as M/D/YYYY like the file's other date columns.",
    );
    expect(await hires('hire_id, requisition_opened_on, offer_accepted_on, started_on')).toEqual([
      { hire_id: 'D1', requisition_opened_on: '2024-01-15', offer_accepted_on: '2024-02-01', started_on: '2024-02-12' },
      { hire_id: 'D2', requisition_opened_on: '2024-03-04', offer_accepted_on: '2024-03-25', started_on: '2024-04-08' },
    ]);
    expect(await rejections()).toEqual([
      {
        file: 'hires-month-first.csv',
        line: 4,
        column: 'requisition_opened_on',
        value: '2/30/2024',
        reason: 'not a valid date (expected YYYY-MM-DD, M/D/YYYY or D.M.YYYY)',
      },
    ]);
  });

  it('reads D.M.YYYY day first, with or without leading zeros', async () => {
    await ingestFiles(engine, [fixture('hires-day-month-dots.csv')]);
    expect(await hires('hire_id, requisition_opened_on, offer_accepted_on, started_on')).toEqual([
      { hire_id: 'G1', requisition_opened_on: '2024-01-15', offer_accepted_on: '2024-02-01', started_on: '2024-02-12' },
      { hire_id: 'G2', requisition_opened_on: '2024-04-03', offer_accepted_on: '2024-04-25', started_on: '2024-05-08' },
    ]);
    expect(await rejections()).toMatchObject([{ line: 4, column: 'requisition_opened_on', value: '31.4.2024' }]);
  });

  it('reads Excel serial day numbers in a column made of them (1900 system: 45292 is 2024-01-01)', async () => {
    const [report] = await ingestFiles(engine, [fixture('hires-excel-serial.csv')]);
    expect(report?.notes).toEqual(
      expect.arrayContaining(
        ['requisition_opened_on', 'offer_accepted_on', 'started_on'].map(
          (c) => `Dates in ${c} were read as Excel serial day numbers (1900 date system).`,
        ),
      ),
    );
    expect(await hires('hire_id, requisition_opened_on, offer_accepted_on, started_on')).toEqual([
      { hire_id: 'X1', requisition_opened_on: '2024-01-01', offer_accepted_on: '2024-01-15', started_on: '2024-02-01' },
      { hire_id: 'X2', requisition_opened_on: '2024-02-15', offer_accepted_on: '2024-03-01', started_on: '2024-03-15' },
      { hire_id: 'X3', requisition_opened_on: '2024-01-01', offer_accepted_on: '2024-01-20', started_on: '2024-02-01' },
    ]);
    expect(await rejections()).toMatchObject([{ line: 5, column: 'started_on', value: '12' }]);
  });

  it('asks when a column’s slash dates fit both orders and nothing else decides, and uses the answer', async () => {
    await clearDataset(engine);
    const questions: DateQuestion[] = [];
    const [report] = await ingestFiles(engine, [fixture('employers-ambiguous-dates.csv')], {
      askDateOrder: async (q) => {
        questions.push(q);
        return { ler_adopted_on: 'day-first' };
      },
    });
    expect(questions).toEqual([
      {
        file: 'employers-ambiguous-dates.csv',
        table: 'employers',
        columns: [{ column: 'ler_adopted_on', examples: ['03/04/2024', '05/06/2024'] }],
      },
    ]);
    expect(report?.notes).toContain('Dates in ler_adopted_on fit both M/D/YYYY and D/M/YYYY; they were read as D/M/YYYY, as chosen.');
    expect(await engine.query('SELECT employer_id, ler_adopted_on FROM employers ORDER BY 1')).toEqual([
      { employer_id: 'A1', ler_adopted_on: '2024-04-03' },
      { employer_id: 'A2', ler_adopted_on: '2024-06-05' },
      { employer_id: 'A3', ler_adopted_on: '2024-12-12' },
      { employer_id: 'A4', ler_adopted_on: null },
    ]);
  });

  it('without anyone to ask, reads them M/D/YYYY as the contract says and reports it', async () => {
    await clearDataset(engine);
    const [report] = await ingestFiles(engine, [fixture('employers-ambiguous-dates.csv')]);
    expect(report?.notes).toContain(
      "Dates in ler_adopted_on fit both M/D/YYYY and D/M/YYYY (e.g. 03/04/2024, 05/06/2024); they were read as M/D/YYYY, the contract's reading.",
    );
    expect(await engine.query('SELECT ler_adopted_on FROM employers ORDER BY employer_id')).toEqual([
      { ler_adopted_on: '2024-03-04' },
      { ler_adopted_on: '2024-05-06' },
      { ler_adopted_on: '2024-12-12' },
      { ler_adopted_on: null },
    ]);
  });
});

describe('Parquet', () => {
  it('types columns per the contract and rejects rows with the same checks as CSV, by row number', async () => {
    const [report] = await ingestFiles(engine, [fixture('hires.parquet')]);
    expect(report).toMatchObject({ kind: 'hires', rowsRead: 4, rowsLoaded: 2, rowsRejected: 2, error: null });
    expect(
      await hires(
        'hire_id, employer_id, requisition_opened_on, offer_accepted_on, started_on, ler_verified, annual_salary, hiring_cost, badge',
      ),
    ).toEqual([
      {
        hire_id: 'P1',
        employer_id: 'E1',
        requisition_opened_on: '2024-01-02',
        offer_accepted_on: '2024-01-30',
        started_on: '2024-02-12',
        ler_verified: true,
        annual_salary: 52000.5,
        hiring_cost: 4100,
        badge: 'red',
      },
      {
        hire_id: 'P2',
        employer_id: 'E2',
        requisition_opened_on: '2024-02-05',
        offer_accepted_on: '2024-03-01',
        started_on: '2024-03-18',
        ler_verified: false,
        annual_salary: null,
        hiring_cost: 3900,
        badge: 'say "hi", ok',
      },
    ]);
    expect(await rejections()).toEqual([
      { file: 'hires.parquet', line: 3, column: 'employer_id', value: 'E9', reason: 'employer_id is not in the loaded employers' },
      { file: 'hires.parquet', line: 4, column: 'ler_verified', value: null, reason: 'required value is missing' },
      { file: 'hires.parquet', line: 4, column: 'started_on', value: '2024-04-10', reason: 'started_on is before offer_accepted_on' },
    ]);
  });
});

describe('column mapping', () => {
  it('suggests the contract columns for a renamed export, then loads it with the mapping', async () => {
    const head = await readHead(fixture('hires-renamed-export.csv'));
    expect(head.table).toBeNull();
    const { mapping } = suggestMapping(head.header, head.rows, new Set(['E1', 'E2', 'E3']));
    expect(mapping).toEqual({
      table: 'hires',
      columns: {
        hire_id: 'Req ID',
        employer_id: 'Company',
        requisition_opened_on: 'Req Open Date',
        offer_accepted_on: 'Offer Accepted',
        started_on: 'Hire Date',
        ler_verified: 'LER?',
        annual_salary: 'Salary ($)',
      },
    });
    const [report] = await ingestFiles(engine, [{ file: fixture('hires-renamed-export.csv'), mapping }]);
    expect(report).toMatchObject({ kind: 'hires', rowsLoaded: 3, rowsRejected: 0, error: null });
    expect(
      await hires('hire_id, employer_id, requisition_opened_on, offer_accepted_on, started_on, ler_verified, annual_salary, Recruiter'),
    ).toEqual([
      {
        hire_id: 'R-100',
        employer_id: 'E1',
        requisition_opened_on: '2024-01-02',
        offer_accepted_on: '2024-01-22',
        started_on: '2024-02-05',
        ler_verified: true,
        annual_salary: 61500,
        Recruiter: 'Ana',
      },
      {
        hire_id: 'R-101',
        employer_id: 'E2',
        requisition_opened_on: '2024-02-01',
        offer_accepted_on: '2024-02-20',
        started_on: '2024-03-04',
        ler_verified: false,
        annual_salary: 48000,
        Recruiter: 'Ben',
      },
      {
        hire_id: 'R-102',
        employer_id: 'E1',
        requisition_opened_on: '2024-03-01',
        offer_accepted_on: '2024-03-15',
        started_on: '2024-04-01',
        ler_verified: true,
        annual_salary: null,
        Recruiter: 'Ana',
      },
    ]);
  });

  it('without a mapping, the renamed export is reported, not guessed', async () => {
    const [report] = await ingestFiles(engine, [fixture('hires-renamed-export.csv')]);
    expect(report?.error).toMatch(/^Not recognised as employers, hires or training/);
  });
});

describe('several files for one table', () => {
  it('appends them, rejecting a key already loaded from the other file and a key repeated within one', async () => {
    const reports = await ingestFiles(engine, [fixture('hires-part-1.csv'), fixture('hires-part-2.csv')]);
    expect(reports.map((r) => [r.file, r.rowsRead, r.rowsLoaded, r.rowsRejected])).toEqual([
      ['hires-part-1.csv', 2, 2, 0],
      ['hires-part-2.csv', 4, 2, 2],
    ]);
    expect(await hires('hire_id, ler_verified, requisition_opened_on')).toEqual([
      { hire_id: 'H-1', ler_verified: true, requisition_opened_on: '2024-01-02' },
      { hire_id: 'H-2', ler_verified: false, requisition_opened_on: '2024-01-02' },
      { hire_id: 'H-3', ler_verified: true, requisition_opened_on: '2024-02-02' },
      { hire_id: 'H-4', ler_verified: false, requisition_opened_on: '2024-07-02' },
    ]);
    expect(await rejections()).toEqual([
      { file: 'hires-part-2.csv', line: 3, column: 'hire_id', value: 'H-2', reason: 'hire_id is already loaded' },
      {
        file: 'hires-part-2.csv',
        line: 4,
        column: 'hire_id',
        value: 'H-3',
        reason: 'duplicate hire_id: an earlier row of this file has it',
      },
    ]);
  });
});
