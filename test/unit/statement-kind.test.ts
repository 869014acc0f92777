import { describe, expect, it } from 'vitest';
import { isReadOnly, splitStatements } from '../../src/sql/statement-kind';

describe('the workbench guard', () => {
  it.each([
    'SELECT * FROM hires',
    '  with a AS (SELECT 1) SELECT * FROM a;',
    'FROM hires LIMIT 5',
    "SELECT 'DROP TABLE hires' AS text",
    'SELECT "delete" FROM t',
    'SELECT 1 -- DELETE FROM hires',
    'DESCRIBE hires',
    'SUMMARIZE hires',
    '(SELECT 1) UNION (SELECT 2)',
    'SELECT 1; SELECT 2;',
  ])('lets %j run', (sql) => {
    expect(isReadOnly(sql)).toBe(true);
  });

  it.each([
    'DELETE FROM hires',
    'drop table hires',
    'SELECT 1; DROP TABLE hires',
    'CREATE TABLE x AS SELECT 1',
    'WITH a AS (SELECT 1) INSERT INTO hires SELECT * FROM a',
    'UPDATE hires SET hire_id = NULL',
    "COPY hires TO '/data/x.csv'",
    'SET enable_external_access = true',
    "ATTACH ':memory:' AS m",
    'PRAGMA threads=4',
    'INSTALL httpfs',
  ])('holds back %j', (sql) => {
    expect(isReadOnly(sql)).toBe(false);
  });

  it('splits statements at semicolons outside literals', () => {
    expect(splitStatements("SELECT ';'; SELECT 2")).toEqual(["SELECT ''", 'SELECT 2']);
  });
});
