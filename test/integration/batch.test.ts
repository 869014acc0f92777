import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { checkBatch, ingestFiles } from '../../src/ingest/batch';
import { REJECTIONS_TABLE } from '../../src/ingest/contract';
import { clearDataset, DATA_ID_SQL } from '../../src/ingest/tables';
import { freshEngine } from '../support/engine';
import { fileOf } from '../support/files';

let engine: Engine;
beforeAll(async () => {
  engine = await freshEngine();
});
beforeEach(() => clearDataset(engine));

const HIRES = 'hire_id,employer_id,person_id,requisition_opened_on,offer_accepted_on,started_on,ler_verified';
const TRAINING = 'enrollment_id,employer_id,person_id,program,started_on,cost';
const employers = (name: string, ...ids: string[]) => fileOf(name, ['employer_id,size_band', ...ids.map((id) => `${id},1-49`)].join('\n'));
const hires = (name: string, ...rows: [string, string, string][]) =>
  fileOf(
    name,
    [HIRES, ...rows.map(([id, employer, person]) => `${id},${employer},${person},2024-01-02,2024-02-01,2024-03-01,yes`)].join('\n'),
  );
const counts = async () =>
  (
    await engine.query<{ e: number; h: number; t: number; r: number }>(
      `SELECT (SELECT count(*) FROM employers) AS e, (SELECT count(*) FROM hires) AS h, (SELECT count(*) FROM training) AS t, (SELECT count(*) FROM ${REJECTIONS_TABLE}) AS r`,
    )
  )[0];
const leftovers = async () =>
  (
    await engine.query<{ n: number }>(
      `SELECT count(*) AS n FROM duckdb_tables() WHERE regexp_matches(table_name, '^__ler_(stage|checked|rejects|scan|lines)_')`,
    )
  )[0]?.n;

/** The engine, with a statement that reads `file` failing as the tab's memory running out would: orchestration only, the rows are real. */
const failingOn = (file: string): Engine => ({
  ...engine,
  run: (sql, options) =>
    sql.includes(file) ? Promise.reject(new Error('Out of Memory Error: failed to allocate block')) : engine.run(sql, options),
});

describe('a batch of files loads all or nothing', () => {
  it('checks each file against the batch’s earlier files, loads nothing until committed, then all in one go', async () => {
    const batch = await checkBatch(engine, [
      hires('more-hires.csv', ['H1', 'E1', 'P9'], ['H4', 'E2', 'P4']),
      hires('hires.csv', ['H1', 'E1', 'P1'], ['H2', 'E2', 'P2'], ['H3', 'E3', 'P3']),
      employers('employers.csv', 'E1', 'E2'),
    ]);
    // Employers first; of the two hires files, the second finds H1 in the first (the order given among files of one table).
    expect(batch.reports.map((r) => [r.file, r.rowsLoaded, r.rowsRejected, r.error])).toEqual([
      ['employers.csv', 2, 0, null],
      ['more-hires.csv', 2, 0, null],
      ['hires.csv', 1, 2, null],
    ]);
    expect(batch.failed).toEqual([]);
    expect(await counts()).toEqual({ e: 0, h: 0, t: 0, r: 0 });
    await batch.commit('batch-1');
    expect(await counts()).toEqual({ e: 2, h: 3, t: 0, r: 2 });
    expect(await engine.query(`SELECT line, value, reason FROM ${REJECTIONS_TABLE} ORDER BY line, reason`)).toEqual([
      { line: 2, value: 'H1', reason: 'hire_id is already loaded' },
      { line: 4, value: 'E3', reason: 'employer_id is not in the loaded employers' },
    ]);
    expect(await engine.query(DATA_ID_SQL)).toEqual([{ data_id: 'batch-1' }]);
    expect(await leftovers()).toBe(0);
    await expect(batch.commit()).rejects.toThrow('already committed or discarded');
  });

  it('leaves nothing when its second file fails, says which and why, and can keep the others with the consequence counted', async () => {
    await ingestFiles(engine, [employers('before.csv', 'E0'), hires('before-hires.csv', ['H0', 'E0', 'P2'])]);
    const before = await counts();
    const files = () => [
      employers('employers.csv', 'E1'),
      hires('hires.csv', ['H1', 'E1', 'P1']),
      fileOf(
        'training.csv',
        [
          TRAINING,
          'T1,E1,P1,Welding,2024-04-01,500',
          'T2,E1,P2,Welding,2024-04-01,500',
          'T3,E1,P9,Welding,2024-04-01,500',
          'T4,E1,,Welding,2024-04-01,500',
        ].join('\n'),
      ),
    ];
    const failed = await checkBatch(failingOn('hires.csv'), files());
    expect(failed.failed.map((r) => r.file)).toEqual(['hires.csv']);
    expect(failed.failed[0]?.error).toMatch(/^Loading failed and nothing from this file was kept: the browser ran out of memory/);
    // P1's hire failed with its file and P9 has none; P2 was hired before; T4 names nobody.
    expect(failed.consequences).toEqual([
      'employers.csv: 1 employer, 0 rows rejected',
      'training.csv: 4 enrollments, 0 rows rejected',
      '2 enrollments whose hires are not loaded: the upskilling figures would read them without a hire.',
    ]);
    await failed.discard();
    expect(failed.unloaded.map((r) => [r.file, r.rowsLoaded, r.error?.slice(0, 41)])).toEqual([
      ['employers.csv', 0, 'Not loaded: hires.csv could not be loaded'],
      ['hires.csv', 0, 'Loading failed and nothing from this file'],
      ['training.csv', 0, 'Not loaded: hires.csv could not be loaded'],
    ]);
    expect(await counts()).toEqual(before);
    expect(await leftovers()).toBe(0);

    const kept = await checkBatch(failingOn('hires.csv'), files());
    const reports = await kept.commit();
    expect(reports.map((r) => [r.file, r.rowsLoaded])).toEqual([
      ['employers.csv', 1],
      ['hires.csv', 0],
      ['training.csv', 4],
    ]);
    expect(await counts()).toEqual({ e: 2, h: 1, t: 4, r: 0 });
  });

  it('counts the rows an employers file’s failure leaves without their employer', async () => {
    const batch = await checkBatch(failingOn('employers.csv'), [
      employers('employers.csv', 'E1'),
      hires('hires.csv', ['H1', 'E1', 'P1'], ['H2', 'E1', 'P2']),
    ]);
    expect(batch.consequences).toEqual(['hires.csv: 0 hires, 2 rows rejected', '2 rows rejected because their employer is not loaded.']);
    await batch.discard();
  });

  it('replacing: checks as if nothing were loaded, then takes the place of everything in one transaction; failed, leaves it all as it was', async () => {
    await ingestFiles(engine, [
      employers('sample-employers.csv', 'E1', 'E2'),
      hires('sample-hires.csv', ['H1', 'E1', 'P1'], ['H9', 'E7', 'P9']),
    ]);
    expect(await counts()).toEqual({ e: 2, h: 1, t: 0, r: 1 });
    const failed = await checkBatch(failingOn('own-hires.csv'), [employers('own.csv', 'E1'), hires('own-hires.csv', ['H1', 'E1', 'P1'])], {
      replacing: true,
    });
    await failed.discard();
    expect(await counts()).toEqual({ e: 2, h: 1, t: 0, r: 1 });
    const batch = await checkBatch(engine, [employers('own.csv', 'E1'), hires('own-hires.csv', ['H1', 'E1', 'P1'])], { replacing: true });
    expect(batch.reports.map((r) => [r.file, r.rowsLoaded, r.rowsRejected])).toEqual([
      ['own.csv', 1, 0],
      ['own-hires.csv', 1, 0],
    ]);
    await batch.commit('own');
    expect(await counts()).toEqual({ e: 1, h: 1, t: 0, r: 0 });
    expect(await engine.query(DATA_ID_SQL)).toEqual([{ data_id: 'own' }]);
  });

  it('adds an extra column once when two files of its table bring it', async () => {
    await ingestFiles(engine, [
      fileOf('a.csv', 'employer_id,Notes\nE1,first\n'),
      fileOf('b.csv', 'employer_id,notes,Badge\nE2,second,gold\n'),
    ]);
    expect(await engine.query(`SELECT employer_id, "Notes", "Badge" FROM employers ORDER BY employer_id`)).toEqual([
      { employer_id: 'E1', Notes: 'first', Badge: null },
      { employer_id: 'E2', Notes: 'second', Badge: 'gold' },
    ]);
  });
});
