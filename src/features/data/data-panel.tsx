import { useId, useState, type DragEvent } from 'react';
import { DataTable } from '../../components/data-table';
import { formatCount } from '../../components/format';
import { toSafeCsv } from '../../export/csv';
import { REJECTIONS_TABLE } from '../../ingest/contract';
import type { FileReport } from '../../ingest/load';
import { useAppStore } from '../../store/app-store';
import { setSampleWanted } from '../../store/browser-storage';
import { isEmptyCatalogue } from '../../store/catalogue';
import { SAMPLE_DATA_ID } from '../../ingest/tables';
import { fetchRows } from '../../store/query-client';
import { useRows } from '../use-sql';
import { downloadText } from './download';
import { useFileIntake } from './file-intake';
import { HeldFiles } from './held-files';
import { LoadProgress } from './load-progress';
import { PooledList } from './pooled-list';
import { SharePanel } from './share-panel';
import { StoragePanel } from './storage-panel';
import { UrlLoader } from './url-loader';

const REPORT_COLUMNS = ['file', 'line', 'column', 'value', 'reason'] as const;
const SHOWN_REJECTIONS = 100;
const rejectionsSql = (limit?: number) =>
  `SELECT file, line, "column", value, reason FROM ${REJECTIONS_TABLE} ORDER BY file, line, "column"${limit ? ` LIMIT ${limit}` : ''}`;

/** Loading data: pick or drop CSV files, the sample data, clearing, the as-of date and the validation report. */
export function DataPanel() {
  const counts = useAppStore((s) => s.counts);
  const activity = useAppStore((s) => s.activity);
  const ready = useAppStore((s) => s.engine.state === 'ready');
  const loadSampleData = useAppStore((s) => s.loadSample);
  const clearData = useAppStore((s) => s.clearData);
  const busy = !ready || activity.state === 'loading';
  // The synthetic sample never mixes with the user's own data (own files replace it in the batch's commit, src/ingest/batch.ts).
  const ownData = useAppStore((s) => s.dataId !== null && s.dataId !== SAMPLE_DATA_ID && !isEmptyCatalogue(s));
  const inputId = useId();
  const [dragging, setDragging] = useState(false);

  const intake = useFileIntake();
  const addFiles = (files: FileList | null) => {
    if (files && files.length > 0) void intake.add([...files]);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!busy) addFiles(event.dataTransfer.files);
  };
  const loadSample = async () => {
    setSampleWanted(true);
    await loadSampleData();
  };

  return (
    <section aria-labelledby="data-title">
      <div className="section-head">
        <h2 id="data-title">Data</h2>
        <p className="muted">
          {formatCount(counts.employers)} employers · {formatCount(counts.hires)} hires · {formatCount(counts.training)} enrollments ·{' '}
          {formatCount(counts.rejected)} rows rejected
        </p>
      </div>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop employers, hires or training files (CSV or Parquet), or contribution files of a pilot (.json), here, or</p>
        <label htmlFor={inputId} className="button">
          Choose files
        </label>
        <input
          id={inputId}
          className="visually-hidden"
          type="file"
          accept=".csv,.tsv,.txt,.parquet,.json,.gz,text/csv,application/json"
          multiple
          disabled={busy}
          aria-label="CSV files to load"
          onChange={(e) => {
            addFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <div className="actions">
          <button type="button" onClick={() => void loadSample()} disabled={busy || ownData} aria-describedby={`${inputId}-sample`}>
            Load sample data
          </button>
          <button type="button" onClick={() => void clearData()} disabled={busy}>
            Clear all data
          </button>
        </div>
        <p className="footnote" id={`${inputId}-sample`}>
          Files are read by the engine inside this tab; nothing is uploaded. Your files replace the sample data, and later files add to
          them. {ownData && 'To see the sample again, clear your data first: the sample never mixes with your own.'}
        </p>
      </div>
      <UrlLoader disabled={busy} onFile={(file) => intake.add([file])} />
      {intake.panel}
      {activity.state === 'loading' && <LoadProgress what={activity.what} progress={activity.progress} cancel={activity.cancel} />}
      {activity.state === 'done' && <p role="status">{activity.message}</p>}
      {activity.state === 'failed' && (
        <p role="alert" className="card error">
          {activity.reason}
        </p>
      )}
      <HeldFiles />
      <FileReports />
      <PooledList busy={busy} />
      <Rejections />
      <SharePanel />
      <StoragePanel />
    </section>
  );
}

function FileReports() {
  const reports = useAppStore((s) => s.reports);
  if (reports.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="report">
        <caption>Files loaded</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Read as</th>
            <th scope="col">Rows read</th>
            <th scope="col">Loaded</th>
            <th scope="col">Rejected</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((r, i) => (
            <FileReportRow key={`${r.file}-${i}`} report={r} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FileReportRow({ report }: { report: FileReport }) {
  return (
    <tr className={report.error ? 'failed' : undefined}>
      <th scope="row">{report.file}</th>
      <td>{report.kind ?? '—'}</td>
      <td>{formatCount(report.rowsRead)}</td>
      <td>{formatCount(report.rowsLoaded)}</td>
      <td>{formatCount(report.rowsRejected)}</td>
      <td>
        {[report.error, ...report.notes].filter(Boolean).join(' ')}
        {report.details && (
          <details>
            <summary>Details</summary>
            <code>{report.details}</code>
          </details>
        )}
      </td>
    </tr>
  );
}

function Rejections() {
  const dataVersion = useAppStore((s) => s.dataVersion);
  const rejected = useAppStore((s) => s.counts.rejected);
  const rows = useRows(rejected > 0 ? rejectionsSql(SHOWN_REJECTIONS) : null);
  if (rejected === 0 || rows.state !== 'done') return null;
  const download = async () => {
    const all = await fetchRows(dataVersion, rejectionsSql());
    downloadText('ler-outcomes-validation-report.csv', toSafeCsv(all, REPORT_COLUMNS));
  };
  return (
    <div className="rejections">
      <div className="section-head">
        <h3>Rejected rows</h3>
        <button type="button" onClick={() => void download()}>
          Download validation report (CSV)
        </button>
      </div>
      <p className="muted">
        {formatCount(rejected)} rows were rejected and not loaded; every other row was.{' '}
        {rows.value.length === SHOWN_REJECTIONS ? `The first ${SHOWN_REJECTIONS} problems are shown; the report lists them all.` : ''}
      </p>
      <DataTable
        rows={rows.value}
        columns={REPORT_COLUMNS}
        label="Rejected rows"
        format={(v) => (v === null || v === undefined ? '(empty)' : String(v))}
      />
    </div>
  );
}
