import { formatBytes, formatCount } from '../../components/format';
import type { IngestProgress } from '../../ingest/load';

const STEP: Record<IngestProgress['step'], string> = { reading: 'Reading', checking: 'Checking', saving: 'Saving' };

function describe(p: IngestProgress): string {
  const rows = `${p.estimated ? '≈ ' : ''}${formatCount(p.rows)} rows`;
  if (p.step === 'reading') return `Reading ${p.file}: ${formatBytes(p.bytesRead)} of ${formatBytes(p.bytesTotal)} (${rows})`;
  return `${STEP[p.step]} ${rows} of ${p.file}${p.fraction && p.step === 'checking' ? ` (${Math.round(p.fraction * 100)} %)` : ''}`;
}

/** The load's progress: a bar over the bytes read, the rows so far, and Cancel. */
export function LoadProgress({ what, progress, cancel }: { what: string; progress?: IngestProgress; cancel?: () => void }) {
  const fraction = progress?.fraction ?? null;
  return (
    <div className="load-progress" role="group" aria-label="Load progress">
      <p role="status">
        <span className="spinner" aria-hidden="true" /> {what}…{progress && ` ${describe(progress)}`}
      </p>
      <div className="actions">
        <progress max={1} value={fraction ?? undefined} aria-label={`${what}: ${progress?.step ?? 'starting'}`} />
        {cancel && (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
