import { describe, expect, it } from 'vitest';
import { describeRisk, identifyingColumns, rareCombinationRisk, smallGroupRisks } from '../../src/export/disclosure';

describe('disclosure check before export', () => {
  it('flags group-size columns holding 1 to k − 1 people, and nothing else', () => {
    const rows = [
      { region: 'OH', n: 12, hires: 9, promotions: 2, median_days: 3 },
      { region: 'IN', n: 3, hires: 40, promotions: 1, median_days: 4 },
      { region: 'TN', n: null, hires: 0, promotions: 0, median_days: 2 }, // suppressed and empty cells are not disclosures
      { region: 'KY', n: 7, hires: 10, promotions: 5, median_days: 1 },
    ];
    const risks = smallGroupRisks(rows, ['region', 'n', 'hires', 'promotions', 'median_days'], 10);
    expect(risks).toEqual([
      { kind: 'small-group', column: 'n', rows: 2, smallest: 3 },
      { kind: 'small-group', column: 'hires', rows: 1, smallest: 9 },
    ]);
    expect(smallGroupRisks(rows, ['n', 'hires'], 3)).toEqual([]);
    expect(risks.map((r) => describeRisk(r, 10))[0]).toBe('2 rows of column “n” count fewer than 10 people (the smallest is 3).');
  });

  it('recognises count columns by name: n, n_*, *_n, *_count, count_*, at_risk, enrollments', () => {
    const columns = ['n_at_risk', 'ler_n', 'hire_count', 'count_star', 'at_risk', 'enrollments', 'nation', 'account', 'counted'];
    const row = Object.fromEntries(columns.map((c) => [c, 2]));
    expect(smallGroupRisks([row], columns, 5).map((r) => r.kind === 'small-group' && r.column)).toEqual([
      'n_at_risk',
      'ler_n',
      'hire_count',
      'count_star',
      'at_risk',
      'enrollments',
    ]);
  });

  it('finds export rows that name a combination fewer than k hires share', () => {
    expect(identifyingColumns(['region', 'n', 'employer_id'])).toEqual(['employer_id', 'region']);
    const rare = [{ employer_id: 'E2', region: 'IN', hires: 4 }];
    const rows = [
      { employer_id: 'E1', region: 'OH', n: 50 },
      { employer_id: 'E2', region: 'IN', n: 4 },
      { employer_id: 'E2', region: 'OH', n: 30 },
    ];
    const risks = rareCombinationRisk(rows, ['employer_id', 'region'], rare);
    expect(risks).toEqual([
      { kind: 'rare-combination', columns: ['employer_id', 'region'], rows: 1, example: 'employer_id = E2, region = IN' },
    ]);
    expect(risks.map((r) => describeRisk(r, 10))).toEqual([
      '1 row names a combination of employer_id, region that fewer than 10 hires in the loaded data share (e.g. employer_id = E2, region = IN).',
    ]);
    expect(rareCombinationRisk(rows.slice(0, 1), ['employer_id', 'region'], rare)).toEqual([]);
  });
});
