import { parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { toParquet } from '../../src/export/parquet';
import { ingestFiles } from '../../src/ingest/batch';
import { DERIVED_VIEWS_SQL } from '../../src/metrics/derived-views';
import { freshEngine } from '../support/engine';
import { fileOf } from '../support/files';

let engine: Engine;
beforeAll(async () => {
  engine = await freshEngine();
  await ingestFiles(engine, [
    fileOf('e.csv', 'employer_id,industry,ler_adopted_on\nA,Retail,2024-02-01\nB,Retail,\n'),
    fileOf(
      'h.csv',
      'hire_id,employer_id,requisition_opened_on,applied_on,offer_accepted_on,started_on,separated_on,ler_verified\nH1,A,2024-01-01,2024-01-10,2024-01-31,2024-02-10,2024-03-01,true\nH2,B,2024-01-05,,2024-02-04,2024-02-14,,false\n',
    ),
  ]);
  await engine.exec(DERIVED_VIEWS_SQL);
});

describe('the workbench on the real engine', () => {
  it('reports DuckDB’s own column types, not the doubles results arrive as', async () => {
    const result = await engine.runCancellable("SELECT count(*) AS n, 1.5::DECIMAL(4,2) AS d, DATE '2024-01-01' AS day, 'x' AS s").result;
    expect(result.columns).toEqual([
      { name: 'n', type: 'BIGINT' },
      { name: 'd', type: 'DECIMAL(4,2)' },
      { name: 'day', type: 'DATE' },
      { name: 's', type: 'VARCHAR' },
    ]);
    expect(result.rows).toEqual([{ n: 1, d: 1.5, day: '2024-01-01', s: 'x' }]);
  });

  it('derives time-to-fill, tenure and censoring in hire_outcomes, as of the latest date', async () => {
    // Latest date in the data: H1 leaves 2024-03-01. H1: fill 30 days, hire 21, tenure 20 (observed); H2: fill 30, tenure 16 (2024-02-14 to 2024-03-01), censored.
    expect(
      await engine.query(
        'SELECT hire_id, grp, time_to_fill_days, time_to_hire_days, tenure_days, censored, as_of FROM hire_outcomes ORDER BY 1',
      ),
    ).toEqual([
      { hire_id: 'H1', grp: 'ler', time_to_fill_days: 30, time_to_hire_days: 21, tenure_days: 20, censored: false, as_of: '2024-03-01' },
      {
        hire_id: 'H2',
        grp: 'non_ler',
        time_to_fill_days: 30,
        time_to_hire_days: null,
        tenure_days: 16,
        censored: true,
        as_of: '2024-03-01',
      },
    ]);
    expect(await engine.query('SELECT employer_id, cohort, hires, ler_hires FROM employer_cohorts ORDER BY 1')).toEqual([
      { employer_id: 'A', cohort: '2024-Q1', hires: 1, ler_hires: 1 },
      { employer_id: 'B', cohort: 'never', hires: 1, ler_hires: 0 },
    ]);
  });

  it('writes Parquet that reads back with the same values', async () => {
    const result = await engine.runCancellable('SELECT hire_id, time_to_fill_days, censored, started_on FROM hire_outcomes ORDER BY 1')
      .result;
    const buffer = toParquet(result.rows, result.columns);
    const rows = await parquetReadObjects({ file: buffer });
    expect(rows).toEqual([
      { hire_id: 'H1', time_to_fill_days: 30, censored: false, started_on: '2024-02-10' },
      { hire_id: 'H2', time_to_fill_days: 30, censored: true, started_on: '2024-02-14' },
    ]);
  });
});
