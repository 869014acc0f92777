import { describe, expect, it } from 'vitest';
import { splitStatements } from '../../src/sql/statement-kind';

describe('splitting a workbench script', () => {
  it.each([
    ["SELECT ';'; SELECT 2", ["SELECT ';'", 'SELECT 2']],
    ['SELECT 1 AS "a;b"; SELECT 2;', ['SELECT 1 AS "a;b"', 'SELECT 2']],
    ['SELECT $$;$$, $x$ ; $x$; DROP TABLE t', ['SELECT $$;$$, $x$ ; $x$', 'DROP TABLE t']],
    ['SELECT 1 -- ; not a split\n; SELECT 2 /* ; */', ['SELECT 1 -- ; not a split', 'SELECT 2 /* ; */']],
    ['SELECT 1; -- only a comment after', ['SELECT 1']],
    ["SELECT 'it''s; fine'", ["SELECT 'it''s; fine'"]],
    ['  ;; ', []],
    ["SELECT 'unterminated; DROP TABLE t", ["SELECT 'unterminated; DROP TABLE t"]],
  ])('%j', (sql, statements) => {
    expect(splitStatements(sql)).toEqual(statements);
  });
});
