import { formatCount } from '../../components/format';
import type { Certificate } from '../../metrics/results';
import { useAppStore } from '../../store/app-store';

/** The largest of a certificate's differences, as a plain phrase. */
function certificateText(json: string): string {
  const c = JSON.parse(json) as Certificate;
  const gaps = [
    c.median_time_to_fill.ler,
    c.median_time_to_fill.non_ler,
    c.retention_365.ler,
    c.retention_365.non_ler,
    c.pilot_att,
    c.roi_pct,
  ];
  const known = gaps.filter((g): g is number => g !== null);
  if (known.length === 0) return 'headline figures not computable from one file';
  const largest = Math.max(...known);
  return largest === 0 ? 'no headline figure moved' : `headline figures moved by at most ${largest.toPrecision(2)}`;
}

/** The contribution files pooled here, each with what it holds and a way to remove it. */
export function PooledList({ busy }: { busy: boolean }) {
  const contributions = useAppStore((s) => s.contributions);
  const remove = useAppStore((s) => s.removeContribution);
  if (contributions.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="report" aria-label="Pooled contributions">
        <caption>
          Pooled contributions: every page computes from these
          {useAppStore.getState().counts.employers > 0 ? ' and the rows loaded here' : ''}. Figures assume no person appears in more than
          one file.
        </caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Employers</th>
            <th scope="col">As of</th>
            <th scope="col">k</th>
            <th scope="col">Persons withheld</th>
            <th scope="col">Certificate</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {contributions.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.file}</th>
              <td>{formatCount(c.employers)}</td>
              <td>{c.asOf}</td>
              <td>{c.k}</td>
              <td>{formatCount(c.withheldPersons)}</td>
              <td>{certificateText(c.certificate)}</td>
              <td>
                <button type="button" disabled={busy} onClick={() => void remove(c.id)} aria-label={`Remove ${c.file} from the pool`}>
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
