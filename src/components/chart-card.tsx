import { toSafeCsv } from '../export/csv';
import { useContext, useId, useRef, useState, type ReactNode, type RefObject } from 'react';
import { chartSurface, saveBlob } from './chart-export';
import { exportText, ExportSettingContext, framedPngBlob, framedSvgText, legendEntries } from './export-frame';
import { DataTable } from './data-table';
import { useExportCheck } from './export-check';
import { ErrorBoundary } from './error-boundary';
import { provenanceText, SourceTag, type Provenance } from './source-tag';
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
  /** The chart's headline figure with its n and interval, printed above the chart in its exports. */
  headline?: string;
}

/** A chart with its provenance, a table alternative, PNG/SVG/CSV downloads and the SQL behind it; failures stay inside it. */
export function ChartCard(props: Props) {
  return (
    <ErrorBoundary area={props.title}>
      <ChartCardBody {...props} />
    </ErrorBoundary>
  );
}

function ChartCardBody({ title, provenance, description, sql, rows, columns, fileStem, children, footnote, strength, headline }: Props) {
  const figure = useRef<HTMLDivElement>(null);
  return (
    <article className="card chart-card" aria-label={title}>
      <h3>
        {title} <SourceTag kind={provenance} /> {strength && <StrengthTag strength={strength} />}
      </h3>
      <p className="muted">{description}</p>
      <div
        ref={figure}
        className="chart-figure"
        role="img"
        aria-label={`${title}: ${description} The data are in the table below the chart.`}
      >
        {children}
      </div>
      {footnote && <div className="footnote">{footnote}</div>}
      <details className="table-alt">
        <summary>Data table ({rows.length} rows)</summary>
        <DataTable rows={rows} columns={columns} label={`${title} data`} />
      </details>
      <ChartActions
        title={title}
        headline={headline}
        source={`${provenanceText(provenance)}. ${description}`}
        sql={sql}
        rows={rows}
        columns={columns}
        fileStem={fileStem}
        figure={figure}
      />
    </article>
  );
}

/** PNG, SVG and CSV downloads of the chart inside `figure`, each image with the words a slide needs, and its SQL on demand. */
export function ChartActions({
  title,
  headline,
  source,
  sql,
  rows,
  columns,
  fileStem,
  figure,
}: Pick<Props, 'title' | 'headline' | 'sql' | 'rows' | 'columns' | 'fileStem'> & {
  source: string;
  figure: RefObject<HTMLElement | null>;
}) {
  const [showSql, setShowSql] = useState(false);
  const sqlId = useId();
  const setting = useContext(ExportSettingContext);
  const words = () => exportText(title, headline, source, setting);
  const mayExport = useExportCheck();
  const saveSvg = async () => {
    const element = figure.current;
    const svg = element ? chartSurface(element) : null;
    if (element && svg && (await mayExport(rows, columns)))
      saveBlob(`${fileStem}.svg`, new Blob([framedSvgText(svg, words(), legendEntries(element))], { type: 'image/svg+xml' }));
  };
  const savePng = async () => {
    const element = figure.current;
    if (!element || !(await mayExport(rows, columns))) return;
    saveBlob(`${fileStem}.png`, await framedPngBlob(element, words()));
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
