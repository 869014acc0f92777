import { dateLiteral } from '../../sql/quote';
import type { Filters } from '../filters';
import type { MetricSettings } from '../settings';
import { countsFromRowsSql, HIRE_COUNT_TABLES, hireRowsSql, type HireCountTable, type HireKey, type HireTable } from './hire-counts';
import { pooledHireCountsSql, scopeOf, sumOfParts } from './pool';
import { rollupSql, servingRollup } from './rollups';

/**
 * The one place that decides what a hire-side query reads: a count table for these filters and as-of
 * date, grouped by `keys` and the table's days, from the smallest roll-up built for this as-of date that
 * has the keys and can apply the filters, else summed on the fly from the filtered rows. Both give the
 * same integers; sums of money always come from the rows. Pooled contributions, when the settings read
 * them, add the same table from the pool (pool.ts), or from its roll-ups, summed cell by cell with the rows'.
 */
export function hireCountsSql(table: HireTable, filters: Filters, settings: MetricSettings, keys: readonly HireKey[]): string {
  const spec: HireCountTable = HIRE_COUNT_TABLES[table];
  const scope = scopeOf(settings);
  const d = dateLiteral(settings.asOf);
  const days = Object.keys(spec.days(d));
  const measures = Object.keys(spec.measures(d));
  // Roll-ups are built for the latest date, and the pool's for every contribution (never one alone).
  const rollupsBuilt = settings.aggregatesAsOf === settings.asOf && spec.exact;
  const parts: string[] = [];
  if (scope.rows || !scope.contributions) {
    const built = rollupsBuilt ? servingRollup('rows', table, filters, keys) : null;
    parts.push(
      built ? rollupSql('rows', built, filters, keys, days, measures) : countsFromRowsSql(table, hireRowsSql(filters), settings.asOf, keys),
    );
  }
  if (scope.contributions) {
    const built = rollupsBuilt && scope.contributions === true ? servingRollup('pool', table, filters, keys) : null;
    parts.push(built ? rollupSql('pool', built, filters, keys, days, measures) : pooledHireCountsSql(table, filters, scope, keys));
  }
  return sumOfParts(parts, [...keys, ...days], measures);
}
