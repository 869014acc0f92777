import { useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { toSafeCsv } from '../export/csv';
import { chartSurface, chartSvgText, elementPngBlob, saveBlob } from './chart-export';
import { DataTable } from './data-table';
import { useExportCheck } from './export-check';
import { ErrorBoundary } from './error-boundary';
import { SourceTag, type Provenance } from './source-tag';
import { StrengthTag } from './strength-tag';
import type { DesignStrength } from '../metrics/design-strength';
import { useOpenSql } from './sql-link';

interface Props {
  title: string;
  provenance: Provenance;
  /** One sentence on what the chart shows; also its accessible description. */
  description: string;
  /** The query or queries behind the chart, for "Show SQL". */
  sql: string | readonly string[];
  /** The chart's data, for the CSV download and the table alternative. */
  rows: readonly Record<string, unknown>[];
  columns: readonly string[];
  fileStem: string;
  children: ReactNode;
  footnote?: ReactNode;
  /** The design strength of the effect the chart shows (DESIGN §4b), when it shows one. */
  strength?: DesignStrength;
}

/** A chart with its provenance, a table alternative, PNG/SVG/CSV downloads and the SQL behind it; failures stay inside it. */
export function ChartCard(props: Props) {
  return (
    <ErrorBoundary area={props.title}>
      <ChartCardBody {...props} />
    </ErrorBoundary>
  );
}

function ChartCardBody({ title, provenance, description, sql, rows, columns, fileStem, children, footnote, strength }: Props) {
  const figure = useRef<HTMLDivElement>(null);
  return (
    <article className="card chart-card" aria-label={title}>
      <h3>
        {title} <SourceTag kind={provenance} /> {strength && <StrengthTag strength={strength} />}
      </h3>
      <p className="muted">{description}</p>
      <div ref={figure} role="img" aria-label={`${title}: ${description} The data are in the table below the chart.`}>
        {children}
      </div>
      {footnote && <div className="footnote">{footnote}</div>}
      <details className="table-alt">
        <summary>Data table ({rows.length} rows)</summary>
        <DataTable rows={rows} columns={columns} label={`${title} data`} />
      </details>
      <ChartActions title={title} sql={sql} rows={rows} columns={columns} fileStem={fileStem} figure={figure} />
    </article>
  );
}

/** PNG, SVG and CSV downloads of the chart inside `figure`, and its SQL on demand. */
export function ChartActions({
  title,
  sql,
  rows,
  columns,
  fileStem,
  figure,
}: Pick<Props, 'title' | 'sql' | 'rows' | 'columns' | 'fileStem'> & { figure: RefObject<HTMLElement | null> }) {
  const [showSql, setShowSql] = useState(false);
  const sqlId = useId();
  const svg = () => (figure.current ? chartSurface(figure.current) : null);
  const mayExport = useExportCheck();
  const saveSvg = async () => {
    const element = svg();
    if (element && (await mayExport(rows, columns)))
      saveBlob(`${fileStem}.svg`, new Blob([chartSvgText(element)], { type: 'image/svg+xml' }));
  };
  const savePng = async () => {
    const element = figure.current;
    if (!element || !(await mayExport(rows, columns))) return;
    saveBlob(`${fileStem}.png`, await elementPngBlob(element));
  };
  const saveCsv = async () => {
    if (await mayExport(rows, columns))
      saveBlob(`${fileStem}.csv`, new Blob([toSafeCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }));
  };
  const queries = typeof sql === 'string' ? [sql] : sql;
  const openSql = useOpenSql();
  return (
    <>
      <div className="chart-actions" role="group" aria-label={`Save or inspect ${title}`}>
        <button type="button" onClick={() => void savePng()}>
          PNG
        </button>
        <button type="button" onClick={() => void saveSvg()}>
          SVG
        </button>
        <button type="button" onClick={() => void saveCsv()}>
          CSV
        </button>
        <button type="button" aria-expanded={showSql} aria-controls={sqlId} onClick={() => setShowSql(!showSql)}>
          {showSql ? 'Hide SQL' : 'Show SQL'}
        </button>
        {openSql && (
          <button type="button" onClick={() => openSql(queries.join(';\n\n'))}>
            Open in SQL page
          </button>
        )}
      </div>
      {showSql && (
        <pre id={sqlId} className="sql" tabIndex={0} aria-label={`SQL behind ${title}`}>
          {queries.join(';\n\n')}
        </pre>
      )}
    </>
  );
}
