import { identifyingColumns, rareCombinationRisk, rareCombinationsSql, smallGroupRisks, type DisclosureRisk } from '../export/disclosure';
import { fetchRows } from './query-client';

/** What an export of these rows could disclose about fewer than k people, judged against the loaded data. */
export async function disclosureRisks(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  k: number,
  dataVersion: number,
): Promise<DisclosureRisk[]> {
  const risks = smallGroupRisks(rows, columns, k);
  const identifying = identifyingColumns(columns);
  if (identifying.length > 0 && rows.length > 0)
    risks.push(...rareCombinationRisk(rows, identifying, await fetchRows(dataVersion, rareCombinationsSql(identifying, k))));
  return risks;
}
