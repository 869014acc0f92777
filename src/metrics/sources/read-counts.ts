import { dateLiteral } from '../../sql/quote';
import type { Filters } from '../filters';
import type { MetricSettings } from '../settings';
import { countsFromRowsSql, HIRE_COUNT_TABLES, hireRowsSql, type HireCountTable, type HireKey, type HireTable } from './hire-counts';
import { rollupSql, servingRollup } from './rollups';

/**
 * The one place that decides what a hire-side query reads: a count table for these filters and as-of
 * date, grouped by `keys` and the table's days, from the smallest roll-up built for this as-of date that
 * has the keys and can apply the filters, else summed on the fly from the filtered rows. Both give the
 * same integers; sums of money always come from the rows.
 */
export function hireCountsSql(table: HireTable, filters: Filters, settings: MetricSettings, keys: readonly HireKey[]): string {
  const spec: HireCountTable = HIRE_COUNT_TABLES[table];
  const built = settings.aggregatesAsOf === settings.asOf && spec.exact ? servingRollup(table, filters, keys) : null;
  if (built) {
    const d = dateLiteral(settings.asOf);
    return rollupSql(built, filters, keys, Object.keys(spec.days(d)), Object.keys(spec.measures(d)));
  }
  return countsFromRowsSql(table, hireRowsSql(filters), settings.asOf, keys);
}
