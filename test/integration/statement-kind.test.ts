import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { isReadOnly } from '../../src/sql/statement-kind';
import { freshEngine } from '../support/engine';

/** The workbench's guard asks DuckDB's own parser, on the real engine, whether a script only reads. */
let engine: Engine;
beforeAll(async () => {
  engine = await freshEngine();
  await engine.exec('CREATE TABLE hires (hire_id VARCHAR)');
});

const readOnly = (sql: string) => isReadOnly(sql, (check) => engine.query(check));

describe('the workbench guard', () => {
  it.each([
    'SELECT * FROM hires',
    '  with a AS (SELECT 1) SELECT * FROM a;',
    'FROM hires LIMIT 5',
    "SELECT 'DROP TABLE hires' AS text",
    'SELECT "delete" FROM (SELECT 1 AS "delete")',
    'SELECT 1 -- DELETE FROM hires',
    'SELECT count(*) AS set FROM range(3)',
    'SELECT 1 AS update, 2 AS "insert"',
    'DESCRIBE hires',
    'SUMMARIZE hires',
    'SHOW TABLES',
    '(SELECT 1) UNION (SELECT 2)',
    'SELECT 1; SELECT 2;',
    'EXPLAIN SELECT * FROM hires',
    'SELECT no_such_column FROM hires',
    'SELEC 1',
  ])('lets %j run', async (sql) => {
    expect(await readOnly(sql)).toBe(true);
  });

  it.each([
    'DELETE FROM hires',
    'drop table hires',
    'SELECT 1; DROP TABLE hires',
    'CREATE TABLE x AS SELECT 1',
    'CREATE TEMP TABLE x AS SELECT 1',
    'WITH a AS (SELECT 1) INSERT INTO hires SELECT * FROM a',
    'UPDATE hires SET hire_id = NULL',
    "COPY hires TO '/data/x.csv'",
    'SET enable_external_access = true',
    "ATTACH ':memory:' AS m",
    'PRAGMA threads=4',
    'INSTALL httpfs',
    'CHECKPOINT',
    'EXPLAIN ANALYZE DELETE FROM hires',
    'EXPLAIN DELETE FROM hires',
    "SELECT 1; SELECT $$;$$; CREATE VIEW v AS SELECT 'x'",
  ])('holds back %j', async (sql) => {
    expect(await readOnly(sql)).toBe(false);
  });

  it('has changed nothing while judging', async () => {
    expect(await engine.query(`SELECT table_name FROM duckdb_tables() ORDER BY 1`)).toEqual([{ table_name: 'hires' }]);
    expect(await engine.query('SELECT count(*) AS n FROM hires')).toEqual([{ n: 0 }]);
  });
});
