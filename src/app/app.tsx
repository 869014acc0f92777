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
          <p className="privacy" aria-label="Privacy">
            🔒 Your data stays in this browser: files are read here and nothing is uploaded.
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
