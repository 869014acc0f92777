import { useState } from 'react';
import { useAppStore } from '../../store/app-store';

/** Where the loaded data lives (this browser's storage or memory only), and deleting everything the app keeps. */
export function StoragePanel() {
  const engine = useAppStore((s) => s.engine);
  const busy = useAppStore((s) => s.activity.state === 'loading');
  const deleteAllData = useAppStore((s) => s.deleteAllData);
  const restartEngine = useAppStore((s) => s.restartEngine);
  const [confirming, setConfirming] = useState(false);
  if (engine.state !== 'ready') return null;
  const storage = engine.storage;
  return (
    <section className="card storage-panel" aria-labelledby="storage-title">
      <h3 id="storage-title">Where your data is kept</h3>
      {storage.kind === 'browser' ? (
        <p>
          <strong>Stored in this browser.</strong> Loaded data is kept in this site's private browser storage (OPFS) so it is still here
          after a reload. It never leaves this computer.
        </p>
      ) : (
        <p>
          <strong>In memory only.</strong> {storage.reason ?? 'Loaded data lasts only while this tab is open.'}
        </p>
      )}
      {confirming ? (
        <div role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-what" className="confirm">
          <p id="delete-title">
            <strong>Delete all data?</strong>
          </p>
          <p id="delete-what">
            This removes the loaded data and the database stored in this browser, remembered column mappings, saved SQL queries and saved
            business-case scenarios. It cannot be undone.
          </p>
          <div className="actions">
            <button
              type="button"
              className="danger"
              autoFocus
              onClick={() => {
                setConfirming(false);
                void deleteAllData(restartEngine);
              }}
            >
              Delete everything
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="danger" disabled={busy} onClick={() => setConfirming(true)}>
          Delete all data…
        </button>
      )}
    </section>
  );
}
