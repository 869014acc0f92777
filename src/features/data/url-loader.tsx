import { useId, useState, type FormEvent } from 'react';
import { formatBytes } from '../../components/format';
import { openRemoteFile } from '../../ingest/remote-file';

type State = { state: 'idle' } | { state: 'reading'; loaded: number; total: number | null } | { state: 'failed'; reason: string };

/** Loads a CSV or Parquet file from an address the user types: the one time the app contacts another site. */
export function UrlLoader({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => Promise<void> }) {
  const inputId = useId();
  const noteId = useId();
  const [url, setUrl] = useState('');
  const [status, setStatus] = useState<State>({ state: 'idle' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus({ state: 'reading', loaded: 0, total: null });
    try {
      const file = await openRemoteFile(url, (loaded, total) => setStatus({ state: 'reading', loaded, total }));
      setStatus({ state: 'idle' });
      await onFile(file);
    } catch (err) {
      setStatus({ state: 'failed', reason: err instanceof Error ? err.message : String(err) });
    }
  };
  const reading = status.state === 'reading';
  return (
    <form className="url-loader" onSubmit={(e) => void submit(e)}>
      <label htmlFor={inputId}>Data file URL (CSV or Parquet)</label>
      <div className="url-row">
        <input
          id={inputId}
          type="url"
          required
          placeholder="https://example.org/hires.parquet"
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          aria-describedby={noteId}
          disabled={disabled || reading}
        />
        <button type="submit" disabled={disabled || reading || url.trim() === ''}>
          Load from URL
        </button>
      </div>
      <p id={noteId} className="footnote">
        This tab fetches the file from that address, and contacts no other site. Parquet is read by ranges, only the parts needed.
      </p>
      {reading && (
        <p role="status">
          <span className="spinner" aria-hidden="true" /> Reading {url}
          {status.loaded > 0 && ` — ${formatBytes(status.loaded)}${status.total ? ` of ${formatBytes(status.total)}` : ''}`}…
        </p>
      )}
      {status.state === 'failed' && (
        <p role="alert" className="card error">
          {status.reason}
        </p>
      )}
    </form>
  );
}
