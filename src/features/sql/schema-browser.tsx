import { DERIVED_VIEWS } from '../../metrics/derived-views';
import type { Row } from '../../metrics/read-row';
import { ident } from '../../sql/quote';

export interface SchemaTable {
  name: string;
  kind: 'table' | 'view';
  columns: { name: string; type: string }[];
  rows: number | null;
}

/** Groups information_schema rows into tables with their columns. */
export function toSchema(rows: Row[], counts: Record<string, number>): SchemaTable[] {
  const tables = new Map<string, SchemaTable>();
  for (const r of rows) {
    const name = String(r.table_name);
    const table = tables.get(name) ?? { name, kind: r.table_type === 'VIEW' ? 'view' : 'table', columns: [], rows: counts[name] ?? null };
    table.columns.push({ name: String(r.column_name), type: String(r.data_type) });
    tables.set(name, table);
  }
  return [...tables.values()];
}

/** Tables and views with columns, types and row counts; a click on a name puts it into the query. */
export function SchemaBrowser({ tables, onPick }: { tables: readonly SchemaTable[]; onPick: (text: string) => void }) {
  return (
    <nav className="schema" aria-label="Schema">
      <h3>Schema</h3>
      {tables.length === 0 && <p className="muted">No tables yet: load data first.</p>}
      {tables.map((t) => {
        const derived = DERIVED_VIEWS.find((v) => v.name === t.name);
        return (
          <details key={t.name} open={t.kind === 'table'}>
            <summary>
              <span className="schema-name">{t.name}</span>{' '}
              <span className="muted">{t.kind === 'view' ? 'view' : `${(t.rows ?? 0).toLocaleString('en-US')} rows`}</span>
            </summary>
            {derived && <p className="footnote">{derived.description}</p>}
            <button type="button" className="link" onClick={() => onPick(`SELECT * FROM ${ident(t.name)} LIMIT 100;`)}>
              Query {t.name}
            </button>
            <ul>
              {t.columns.map((c) => (
                <li key={c.name}>
                  {c.name} <span className="muted">{c.type}</span>
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </nav>
  );
}
