import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { createNodeEngine } from '../../src/engine/node-engine';
import { type IngestProgress } from '../../src/ingest/load';
import { ingestFiles } from '../../src/ingest/batch';
import { clearDataset, DATA_ID_TABLE } from '../../src/ingest/tables';
import { str } from '../../src/sql/quote';
import { fileFrom, fileOf, FIXTURES } from '../support/files';
import { readPlainCsv } from '../support/plain-csv';

let engine: Engine;
beforeAll(async () => {
  engine = await createNodeEngine();
});

const employersPath = path.join(FIXTURES, 'employers.csv');
const employerCount = readPlainCsv(employersPath).length;
const hires = (n: number) =>
  fileOf(
    'hires.csv',
    [
      'hire_id,employer_id,requisition_opened_on,offer_accepted_on,started_on,ler_verified',
      ...Array.from({ length: n }, (_, i) => `H${i},E1,2024-01-02,2024-02-01,2024-03-01,yes`),
    ].join('\n'),
  );
const training = fileOf('training.csv', 'enrollment_id,employer_id,program,started_on,cost\nT1,E1,Welding,2024-01-02,500\n');
const count = async (table: string) => (await engine.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n;

describe('load progress and cancel', () => {
  it('reports reading (bytes), checking and saving (exact rows) for each file', async () => {
    await clearDataset(engine);
    const seen: IngestProgress[] = [];
    const file = hires(2_000);
    await ingestFiles(engine, [fileFrom(employersPath), file], { onProgress: (p) => seen.push(p) });
    const forHires = seen.filter((p) => p.file === 'hires.csv');
    expect(forHires.map((p) => p.step).filter((step, i, all) => step !== all[i - 1])).toEqual(['reading', 'checking', 'saving']);
    expect(forHires[0]).toMatchObject({ step: 'reading', bytesRead: 0, bytesTotal: file.size, estimated: true });
    expect(forHires.at(-1)).toMatchObject({ step: 'saving', bytesRead: file.size, rows: 2_000, estimated: false });
    expect(await count('hires')).toBe(2_000);
  });

  it('cancelled, loads nothing of the batch: not the file checked before, the one being read, nor the rest', async () => {
    await clearDataset(engine);
    const controller = new AbortController();
    const reports = await ingestFiles(engine, [training, hires(500), fileFrom(employersPath)], {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.file === 'hires.csv') controller.abort();
      },
    });
    // Employers are checked first, then hires (cancelled as it starts), then training (never started).
    expect(reports.map((r) => [r.file, r.rowsLoaded, r.error])).toEqual([
      ['employers.csv', 0, 'Not loaded: the load was cancelled, and the files of one load go in together or not at all.'],
      ['hires.csv', 0, 'Cancelled: nothing from this file was loaded.'],
      ['training.csv', 0, 'Not loaded: the load was cancelled.'],
    ]);
    expect([await count('employers'), await count('hires'), await count('training')]).toEqual([0, 0, 0]);
    // No staging table is left behind (the data's name is kept there on purpose).
    expect(await count(`duckdb_tables() WHERE table_name LIKE '\\_\\_ler\\_%' ESCAPE '\\' AND table_name <> ${str(DATA_ID_TABLE)}`)).toBe(
      0,
    );
  });

  it('out of memory, says so plainly with the ways forward, keeps the engine’s words as details, and what was loaded before', async () => {
    await clearDataset(engine);
    await ingestFiles(engine, [fileFrom(employersPath)]);
    // A small memory limit stands in for a file too large for the tab (the real limit is about 3 GB).
    const [before] = await engine.query<{ limit: string }>('SELECT current_setting(\'memory_limit\') AS "limit"');
    await engine.exec("SET memory_limit = '24MB'");
    try {
      const [report] = await ingestFiles(engine, [hires(400_000)]);
      expect(report?.error).toBe(
        'Loading failed and nothing from this file was kept: the browser ran out of memory for it (the engine can use about 3 GB in a tab; ' +
          'the largest export measured to load in one is 15 million hires, 2.2 GB of CSV in three files, with the browser’s storage on). ' +
          'Load the export in parts, each a load of its own (split by year, say), or compute the figures with the command line’s native engine ' +
          '(npm run metrics -- --engine native), which has no such limit.',
      );
      expect(report?.details).toMatch(/^Out of Memory Error/);
      expect(report?.rowsLoaded).toBe(0);
    } finally {
      await engine.exec(`SET memory_limit = ${str(before?.limit ?? '1GB')}`);
    }
    expect([await count('employers'), await count('hires')]).toEqual([employerCount, 0]);
    const [again] = await ingestFiles(engine, [hires(1_000)]);
    expect([again?.error, again?.rowsLoaded]).toEqual([null, 1_000]);
  });
});
