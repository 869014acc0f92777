import { ErrorBoundary } from '../components/error-boundary';
import { DataPanel } from '../features/data/data-panel';
import { OverviewPage } from '../features/overview/overview-page';
import { useAppStore } from '../store/app-store';

/** The shell: header with the privacy promise and engine status, then the overview and the data panel. */
export function App() {
  return (
    <>
      <header className="top">
        <div>
          <h1>LER Outcomes</h1>
          <p className="muted">Hiring, retention and upskilling, tied to Learning and Employment Record adoption.</p>
        </div>
        <div className="status-area">
          <p className="privacy">
            <LockIcon /> Your data stays in this browser: files are read here and nothing is uploaded.
          </p>
          <EngineStatus />
        </div>
      </header>
      <main>
        <ErrorBoundary area="Overview">
          <OverviewPage />
        </ErrorBoundary>
        <ErrorBoundary area="Data">
          <DataPanel />
        </ErrorBoundary>
      </main>
    </>
  );
}

function LockIcon() {
  return (
    <svg aria-hidden="true" width="12" height="14" viewBox="0 0 12 14" className="icon">
      <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
      <path d="M3.5 6V4a2.5 2.5 0 0 1 5 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}

function EngineStatus() {
  const engine = useAppStore((s) => s.engine);
  if (engine.state === 'loading')
    return (
      <p role="status" className="engine">
        <span className="spinner" aria-hidden="true" /> Starting the analysis engine…
      </p>
    );
  if (engine.state === 'failed')
    return (
      <p role="alert" className="engine failed">
        The analysis engine failed to start: {engine.reason}. Reload the page to try again.
      </p>
    );
  return (
    <p role="status" className="engine ready">
      Engine ready (DuckDB {engine.version}, in this tab)
    </p>
  );
}
