import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { REJECTIONS_TABLE } from '../../src/ingest/contract';
import { ingestFiles } from '../../src/ingest/batch';
import { clearDataset } from '../../src/ingest/tables';
import { freshEngine } from '../support/engine';
import { fileFrom, fileOf, FIXTURES } from '../support/files';

let engine: Engine;
beforeEach(async () => {
  engine = engine ?? (await freshEngine());
  await clearDataset(engine);
});

const employers = () => fileFrom(path.join(FIXTURES, 'employers.csv'));
const rejections = () => engine.query(`SELECT line, "column", value, reason FROM ${REJECTIONS_TABLE} ORDER BY line, "column"`);
const HIRES_HEADER = 'hire_id,employer_id,requisition_opened_on,offer_accepted_on,started_on,ler_verified';

describe('ingest of the bad-rows fixture', () => {
  it('loads the two clean rows and rejects each broken one with line, column, value and reason', async () => {
    const reports = await ingestFiles(engine, [fileFrom(path.join(FIXTURES, 'hires-bad.csv')), employers()]);
    expect(reports.map((r) => [r.file, r.kind, r.rowsRead, r.rowsLoaded, r.rowsRejected, r.error])).toEqual([
      ['employers.csv', 'employers', 3, 3, 0, null],
      ['hires-bad.csv', 'hires', 10, 2, 8, null],
    ]);
    const hires = await engine.query(
      `SELECT hire_id, requisition_opened_on, separated_on, separation_type, ler_verified, has_degree, annual_salary, internal, badge_color FROM hires ORDER BY hire_id`,
    );
    expect(hires).toEqual([
      {
        hire_id: 'H1',
        requisition_opened_on: '2023-01-02',
        separated_on: null,
        separation_type: null,
        ler_verified: true,
        has_degree: true,
        annual_salary: 45000,
        internal: false,
        badge_color: 'red',
      },
      {
        hire_id: 'H4',
        requisition_opened_on: '2023-01-15',
        separated_on: '2023-06-12',
        separation_type: 'voluntary',
        ler_verified: true,
        has_degree: false,
        annual_salary: 52000,
        internal: false,
        badge_color: 'green',
      },
    ]);
    expect(await rejections()).toEqual([
      {
        line: 3,
        column: 'requisition_opened_on',
        value: '2023-02-30',
        reason: 'not a valid date (expected YYYY-MM-DD, M/D/YYYY or D.M.YYYY)',
      },
      { line: 4, column: 'employer_id', value: 'E9', reason: 'employer_id is not in the loaded employers' },
      { line: 6, column: 'hire_id', value: 'H1', reason: 'duplicate hire_id: an earlier row of this file has it' },
      { line: 7, column: 'annual_salary', value: '-5', reason: 'must be at least 0' },
      { line: 7, column: 'ler_verified', value: 'maybe', reason: 'not a yes/no value (expected true/false, t/f, yes/no, y/n or 1/0)' },
      { line: 7, column: 'offer_accepted_on', value: '2023-02-01', reason: 'offer_accepted_on is before requisition_opened_on' },
      { line: 8, column: 'separation_type', value: 'fired', reason: 'must be one of: voluntary, involuntary, other' },
      {
        line: 9,
        column: '(whole row)',
        value: 'H8,E3,P8,Sales,2023-03-01,too,many,columns',
        reason: 'Expected Number of Columns: 16 Found: 8',
      },
      { line: 10, column: 'separated_on', value: '2023-03-31', reason: 'separated_on is before started_on' },
      { line: 11, column: 'hire_id', value: null, reason: 'required value is missing' },
    ]);
  });
});

describe('ingest rules', () => {
  it('appends later files and rejects ids already loaded', async () => {
    await ingestFiles(engine, [employers()]);
    const [again] = await ingestFiles(engine, [fileOf('more.csv', 'employer_id,region\nE2,TX\nE4,TX\n')]);
    expect([again?.rowsLoaded, again?.rowsRejected]).toEqual([1, 1]);
    expect(await engine.query('SELECT employer_id, region FROM employers ORDER BY 1')).toEqual([
      { employer_id: 'E1', region: 'OH' },
      { employer_id: 'E2', region: 'IN' },
      { employer_id: 'E3', region: 'OH' },
      { employer_id: 'E4', region: 'TX' },
    ]);
    expect(await rejections()).toEqual([{ line: 2, column: 'employer_id', value: 'E2', reason: 'employer_id is already loaded' }]);
  });

  it('rejects hires whose employer is not loaded, rather than dropping them silently', async () => {
    const [report] = await ingestFiles(engine, [fileOf('h.csv', `${HIRES_HEADER}\nH1,E1,2024-01-01,2024-02-01,2024-02-10,no\n`)]);
    expect([report?.rowsLoaded, report?.rowsRejected]).toEqual([0, 1]);
  });

  it('reads semicolons, a byte-order mark, CRLF, quoted line breaks and US, European and ISO dates', async () => {
    await ingestFiles(engine, [employers()]);
    const text =
      '\uFEFFhire_id;employer_id;requisition_opened_on;offer_accepted_on;started_on;ler_verified;note\r\n' +
      'H1;E1;1/2/2024;2024-02-01;10.02.2024;Yes;"two\r\nlines"\r\nH2;E2;2024-01-03;2/1/2024;2/2/2024;N;x\r\n';
    const [report] = await ingestFiles(engine, [fileOf('semi.csv', text)]);
    expect(report?.error).toBeNull();
    expect(
      await engine.query('SELECT hire_id, requisition_opened_on, offer_accepted_on, started_on, ler_verified, note FROM hires ORDER BY 1'),
    ).toEqual([
      {
        hire_id: 'H1',
        requisition_opened_on: '2024-01-02',
        offer_accepted_on: '2024-02-01',
        started_on: '2024-02-10',
        ler_verified: true,
        note: 'two\r\nlines',
      },
      {
        hire_id: 'H2',
        requisition_opened_on: '2024-01-03',
        offer_accepted_on: '2024-02-01',
        started_on: '2024-02-02',
        ler_verified: false,
        note: 'x',
      },
    ]);
  });

  it('reads a column of slash dates day-first when its values show it, and says so', async () => {
    const [report] = await ingestFiles(engine, [fileOf('e.csv', 'employer_id,ler_adopted_on\nA,25/12/2023\nB,3/4/2024\nC,\n')]);
    expect(report?.notes).toEqual([
      'Dates in ler_adopted_on were read as D/M/YYYY: values such as 25/12/2024 occur and none fit M/D/YYYY better.',
    ]);
    expect(await engine.query('SELECT employer_id, ler_adopted_on FROM employers ORDER BY 1')).toEqual([
      { employer_id: 'A', ler_adopted_on: '2023-12-25' },
      { employer_id: 'B', ler_adopted_on: '2024-04-03' },
      { employer_id: 'C', ler_adopted_on: null },
    ]);
  });

  it('reports a file it cannot use, and then loads nothing of its batch', async () => {
    const reports = await ingestFiles(engine, [
      fileOf('empty.csv', ''),
      fileOf('people.csv', 'name,age\nA,3\n'),
      employers(),
      fileOf('header-only.csv', HIRES_HEADER + '\n'),
    ]);
    const why = 'Not loaded: empty.csv, people.csv could not be loaded, and the files of one load go in together or not at all.';
    expect(reports.map((r) => [r.file, r.rowsLoaded, r.error])).toEqual([
      ['empty.csv', 0, 'The file is empty.'],
      [
        'people.csv',
        0,
        'Not recognised as employers, hires or training: the header needs employer_id, hire_id or enrollment_id. Found: name, age',
      ],
      ['employers.csv', 0, why],
      ['header-only.csv', 0, why],
    ]);
    expect(await engine.query('SELECT count(*) AS n FROM employers')).toEqual([{ n: 0 }]);
    const usable = await ingestFiles(engine, [employers(), fileOf('header-only.csv', HIRES_HEADER + '\n')]);
    expect(usable.map((r) => [r.file, r.rowsLoaded, r.error])).toEqual([
      ['employers.csv', 3, null],
      ['header-only.csv', 0, null],
    ]);
  });

  it('keeps hostile header names as quoted columns', async () => {
    const [report] = await ingestFiles(engine, [
      fileOf('e.csv', 'employer_id,"""; DROP TABLE employers; --",<img src=x onerror=alert(1)>\nA,1,2\n'),
    ]);
    expect(report?.rowsLoaded).toBe(1);
    expect(await engine.query('SELECT * FROM employers')).toEqual([
      {
        employer_id: 'A',
        industry: null,
        size_band: null,
        region: null,
        ler_adopted_on: null,
        '"; DROP TABLE employers; --': '1',
        '<img src=x onerror=alert(1)>': '2',
      },
    ]);
  });
});
