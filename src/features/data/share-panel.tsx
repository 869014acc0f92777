import { useId, useState, type FormEvent } from 'react';
import type { TableReport } from '../../contribution/build';
import type { Contribution } from '../../contribution/document';
import { formatBytes, formatCount } from '../../components/format';
import { selectAsOf, useAppStore } from '../../store/app-store';
import { prepareContribution } from '../../store/contribution';
import { downloadText } from './download';

const TABLE_LABEL: Record<TableReport['table'], string> = {
  fill: 'Time-to-fill: hires by whole days',
  hire: 'Time-to-hire: hires by whole days',
  tenure: 'Tenure: separations and censorings by day',
  first_year: 'First year: hires followed 365 days by start quarter, separations by day',
  hires: 'Hires and degrees',
  hiring_costs: 'Hiring costs (count and sum)',
  comparison: 'Never-enrolled hires by tenure (upskilling comparison)',
  training_costs: 'Training: enrollments, costs, promotions',
  trainees: 'Trainees: lag, tenure and hire employer',
};

type Prepared = { document: Contribution; report: TableReport[]; text: string };

/**
 * "Share with a pilot": makes the contribution file of the rows loaded here (DESIGN §7), shows every
 * table it will hold with what the disclosure rule merged and withheld and the certificate, then saves
 * it. Nothing leaves the browser but that download.
 */
export function SharePanel() {
  const asOf = useAppStore(selectAsOf);
  const appK = useAppStore((s) => s.suppressionK);
  const rows = useAppStore((s) => s.counts.employers);
  const ids = { code: useId(), k: useId(), title: useId() };
  const [pilotCode, setPilotCode] = useState('');
  const [k, setK] = useState<number | null>(null);
  const [state, setState] = useState<{ busy: boolean; prepared: Prepared | null; error: string | null }>({
    busy: false,
    prepared: null,
    error: null,
  });
  if (rows === 0 || !asOf) return null;
  const shareK = k ?? appK;
  const prepare = async (event: FormEvent) => {
    event.preventDefault();
    setState({ busy: true, prepared: null, error: null });
    try {
      const { document, report } = await prepareContribution({ asOf, k: shareK, pilotCode: pilotCode.trim() || null });
      setState({ busy: false, prepared: { document, report, text: JSON.stringify(document) }, error: null });
    } catch (err) {
      setState({ busy: false, prepared: null, error: err instanceof Error ? err.message : String(err) });
    }
  };
  const prepared = state.prepared;
  return (
    <section className="card share" aria-labelledby={ids.title}>
      <h3 id={ids.title}>Share with a pilot</h3>
      <p>
        Makes a contribution file a pilot can pool with other employers’ files: exact counts of hires, tenures and training as of {asOf}, no
        hire, person or enrollment id, no date finer than a quarter, employers under pseudonymous keys. Groups of fewer than k people are
        merged (occupation, then quarter into year, then all years) or withheld. You see every table before you save; nothing is sent.
      </p>
      <form className="share-form" onSubmit={(e) => void prepare(e)}>
        <label htmlFor={ids.code}>Pilot code (optional)</label>
        <input id={ids.code} type="text" autoComplete="off" value={pilotCode} onChange={(e) => setPilotCode(e.target.value)} />
        <label htmlFor={ids.k}>Smallest group shared (k)</label>
        <input
          id={ids.k}
          type="number"
          min={1}
          step={1}
          className="narrow"
          value={shareK}
          onChange={(e) => setK(Number.isInteger(Number(e.target.value)) && Number(e.target.value) >= 1 ? Number(e.target.value) : null)}
        />
        <button type="submit" disabled={state.busy}>
          {state.busy ? 'Preparing…' : 'Prepare the file'}
        </button>
      </form>
      <p className="footnote">
        The pilot code gives each employer the same key in every file of one pilot, so the pilot can tell when an employer is sent twice;
        without it the keys are random. k defaults to this app’s setting.
      </p>
      {state.error && (
        <p role="alert" className="error">
          The file could not be made: {state.error}
        </p>
      )}
      {prepared && <Preview prepared={prepared} />}
    </section>
  );
}

function Preview({ prepared: { document, report, text } }: { prepared: Prepared }) {
  const withheld = report.reduce((n, t) => n + t.withheldPersons, 0);
  const certificate = document.certificate;
  const gap = (x: number | null) => (x === null ? 'not computable' : x === 0 ? '0 (unchanged)' : x.toPrecision(3));
  const save = () => downloadText(`ler-contribution-${document.as_of}-${document.id.slice(0, 8)}.json`, text, 'application/json');
  return (
    <div className="share-preview" aria-label="What the file holds">
      <p role="status">
        {formatCount(document.employers.length)} employers as of {document.as_of}, k = {document.k}, {formatBytes(text.length)};{' '}
        {formatCount(withheld)} persons withheld across the tables. File id {document.id.slice(0, 16)}…
      </p>
      <div className="table-wrap">
        <table className="report" aria-label="Tables in the contribution">
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col">Rows</th>
              <th scope="col">Cells merged: occupation</th>
              <th scope="col">quarter into year</th>
              <th scope="col">year into all</th>
              <th scope="col">Persons withheld</th>
            </tr>
          </thead>
          <tbody>
            {report.map((t) => (
              <tr key={t.table}>
                <th scope="row">{TABLE_LABEL[t.table]}</th>
                <td>{formatCount(t.rows)}</td>
                <td>{formatCount(t.merged.occupation)}</td>
                <td>{formatCount(t.merged.year)}</td>
                <td>{formatCount(t.merged.all)}</td>
                <td>{formatCount(t.withheldPersons)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="table-wrap">
        <table className="report" aria-label="Certificate">
          <caption>Certificate: how far the rule moved each headline figure (from the rows vs from the file)</caption>
          <tbody>
            <tr>
              <th scope="row">Median time-to-fill, LER-verified / other (days)</th>
              <td>
                {gap(certificate.median_time_to_fill.ler)} / {gap(certificate.median_time_to_fill.non_ler)}
              </td>
            </tr>
            <tr>
              <th scope="row">12-month retention, LER-verified / other (proportion)</th>
              <td>
                {gap(certificate.retention_365.ler)} / {gap(certificate.retention_365.non_ler)}
              </td>
            </tr>
            <tr>
              <th scope="row">Pilot ATT on time-to-fill (days)</th>
              <td>{gap(certificate.pilot_att)}</td>
            </tr>
            <tr>
              <th scope="row">Pilot ATT on first-year retention (proportion)</th>
              <td>{gap(certificate.pilot_att_retention)}</td>
            </tr>
            <tr>
              <th scope="row">Within-employer retention difference (proportion)</th>
              <td>{gap(certificate.retention_adjusted)}</td>
            </tr>
            <tr>
              <th scope="row">Upskilling ROI (percentage points)</th>
              <td>{gap(certificate.roi_pct)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <button type="button" onClick={save}>
        Save contribution file
      </button>
    </div>
  );
}
