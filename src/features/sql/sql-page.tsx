import { useId, useMemo, useRef, useState } from 'react';
import { formatCount } from '../../components/format';
import { toParquet } from '../../export/parquet';
import { toSafeCsv } from '../../export/csv';
import { ident, str } from '../../sql/quote';
import { saveBlob } from '../../components/chart-export';
import { useExportCheck } from '../../components/export-check';
import { useAppStore } from '../../store/app-store';
import { isReadOnlyScript, runUserQuery, SCHEMA_SQL, type TypedResult } from '../../store/workbench';
import { useRows } from '../use-sql';
import { ResultsGrid } from './results-grid';
import { EXAMPLE_QUERIES, savedQueries, type SavedQuery } from './saved-queries';
import { SchemaBrowser, toSchema } from './schema-browser';
import { SqlEditor } from './sql-editor';

type Run =
  | { state: 'idle' }
  | { state: 'running'; cancel: () => Promise<void>; started: number }
  | { state: 'done'; result: TypedResult; ms: number; sql: string }
  | { state: 'failed'; message: string };

/** The analysts' workbench: an SQL editor over the loaded data, its schema, a result grid and exports. A chart's query arrives as the draft when the page opens. */
export function SqlPage() {
  const draft = useAppStore((s) => s.sqlDraft);
  const [text, setText] = useState(draft ?? EXAMPLE_QUERIES[0]?.sql ?? '');
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const mayExport = useExportCheck();
  const [unlocked, setUnlocked] = useState(false);
  const [saved, setSaved] = useState<SavedQuery[]>(() => savedQueries.read());
  const refreshCatalogue = useAppStore((s) => s.refreshCatalogue);
  const dataVersion = useAppStore((s) => s.dataVersion);
  const unlockId = useId();
  const nameId = useId();
  const [name, setName] = useState('');
  const schemaRows = useRows(SCHEMA_SQL);
  const tableNames =
    schemaRows.state === 'done'
      ? [...new Set(schemaRows.value.filter((r) => r.table_type !== 'VIEW').map((r) => String(r.table_name)))]
      : [];
  const counts = useRows(
    tableNames.length > 0 ? tableNames.map((t) => `SELECT ${str(t)} AS name, count(*) AS n FROM ${ident(t)}`).join(' UNION ALL ') : null,
  );
  const tables = useMemo(
    () =>
      schemaRows.state === 'done'
        ? toSchema(
            schemaRows.value,
            counts.state === 'done' ? Object.fromEntries(counts.value.map((r) => [String(r.name), Number(r.n)])) : {},
          )
        : [],
    [schemaRows, counts],
  );
  const completion = useMemo(() => Object.fromEntries(tables.map((t) => [t.name, t.columns.map((c) => c.name)])), [tables]);
  const running = useRef(false);

  const execute = async () => {
    if (running.current || text.trim() === '') return;
    running.current = true;
    try {
      const readOnly = await isReadOnlyScript(text);
      if (!readOnly && !unlocked) {
        setRun({
          state: 'failed',
          message:
            'This statement would change the loaded data or the engine’s settings, so it was not run. Tick “Allow statements that change data” to run it.',
        });
        return;
      }
      const query = runUserQuery(text);
      const started = performance.now();
      setRun({ state: 'running', cancel: query.cancel, started });
      try {
        const result = await query.result;
        setRun({ state: 'done', result, ms: performance.now() - started, sql: text });
        if (!readOnly) await refreshCatalogue();
      } catch (err) {
        setRun({ state: 'failed', message: err instanceof Error ? err.message : String(err) });
      }
    } finally {
      running.current = false;
    }
  };

  const exportAs = async (format: 'csv' | 'parquet') => {
    if (run.state !== 'done') return;
    const { columns, rows } = run.result;
    if (
      !(await mayExport(
        rows,
        columns.map((c) => c.name),
      ))
    )
      return;
    const blob =
      format === 'csv'
        ? new Blob(
            [
              toSafeCsv(
                rows,
                columns.map((c) => c.name),
              ),
            ],
            { type: 'text/csv;charset=utf-8' },
          )
        : new Blob([toParquet(rows, columns)], { type: 'application/vnd.apache.parquet' });
    saveBlob(`ler-outcomes-query.${format}`, blob);
  };

  return (
    <section aria-labelledby="sql-title" className="page sql-page">
      <div className="section-head">
        <h2 id="sql-title">SQL</h2>
        <p className="muted">
          Query the loaded data with DuckDB, in this tab. Views hire_outcomes and employer_cohorts carry the product’s own definitions.
        </p>
      </div>
      <div className="sql-layout">
        <SchemaBrowser tables={tables} onPick={setText} key={dataVersion} />
        <div className="sql-main">
          <SqlEditor value={text} onChange={setText} onRun={() => void execute()} schema={completion} />
          <div className="sql-toolbar">
            {run.state === 'running' ? (
              <button type="button" onClick={() => void run.cancel()}>
                Cancel
              </button>
            ) : (
              <button type="button" className="primary" onClick={() => void execute()}>
                Run <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
              </button>
            )}
            <label htmlFor={unlockId} className="check">
              <input id={unlockId} type="checkbox" checked={unlocked} onChange={(e) => setUnlocked(e.target.checked)} /> Allow statements
              that change data
            </label>
            <label htmlFor={nameId}>Save as</label>
            <input id={nameId} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} placeholder="query name" />
            <button
              type="button"
              disabled={name.trim() === ''}
              onClick={() => setSaved(savedQueries.save({ name: name.trim(), sql: text }))}
            >
              Save query
            </button>
          </div>
          <QueryList title="Examples" queries={EXAMPLE_QUERIES} onOpen={setText} />
          {saved.length > 0 && (
            <QueryList title="Saved in this browser" queries={saved} onOpen={setText} onRemove={(n) => setSaved(savedQueries.remove(n))} />
          )}
          <RunStatus run={run} onExport={(format) => void exportAs(format)} />
        </div>
      </div>
    </section>
  );
}

function QueryList({
  title,
  queries,
  onOpen,
  onRemove,
}: {
  title: string;
  queries: readonly { name: string; sql: string }[];
  onOpen: (sql: string) => void;
  onRemove?: (name: string) => void;
}) {
  return (
    <details className="query-list">
      <summary>
        {title} ({queries.length})
      </summary>
      <ul>
        {queries.map((q) => (
          <li key={q.name}>
            <button type="button" className="link" onClick={() => onOpen(q.sql)}>
              {q.name}
            </button>
            {onRemove && (
              <button type="button" onClick={() => onRemove(q.name)} aria-label={`Delete ${q.name}`}>
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

function RunStatus({ run, onExport }: { run: Run; onExport: (format: 'csv' | 'parquet') => void }) {
  if (run.state === 'idle') return <p className="muted">Run a query to see its result.</p>;
  if (run.state === 'running')
    return (
      <p role="status">
        <span className="spinner" aria-hidden="true" /> Running…
      </p>
    );
  if (run.state === 'failed')
    return (
      <p role="alert" className="card error sql-error">
        {run.message}
      </p>
    );
  const { result, ms } = run;
  return (
    <div className="sql-result">
      <div className="sql-toolbar">
        <p role="status" className="muted">
          {formatCount(result.rows.length)} rows · {result.columns.length} columns ·{' '}
          {ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`}
        </p>
        <button type="button" onClick={() => onExport('csv')} disabled={result.columns.length === 0}>
          Export CSV
        </button>
        <button type="button" onClick={() => onExport('parquet')} disabled={result.columns.length === 0}>
          Export Parquet
        </button>
      </div>
      {result.columns.length > 0 && <ResultsGrid columns={result.columns} rows={result.rows} />}
    </div>
  );
}
