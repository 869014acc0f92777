import { lazy, Suspense, type ReactNode } from 'react';
import { ErrorBoundary } from '../components/error-boundary';
import { OpenSqlContext } from '../components/sql-link';
import { DisclosureGate } from '../features/disclosure/disclosure-gate';
import { FilterBar } from '../features/filters/filter-bar';
import { OverviewPage } from '../features/overview/overview-page';
import { PageLink } from '../features/page-link';
import { SampleBanner } from '../features/sample-banner';
import { ExportSettingProvider } from '../features/export-setting';
import { useEngineBusy } from '../features/use-sql';
import { useAppStore } from '../store/app-store';
import { SAMPLE_DATA_ID } from '../ingest/tables';
import type { PageId } from '../store/ui-slice';

// Pages other than the overview load on first visit, so the first paint needs only the shell's code.
const HiringPage = lazy(() => import('../features/hiring/hiring-page').then((m) => ({ default: m.HiringPage })));
const RetentionPage = lazy(() => import('../features/retention/retention-page').then((m) => ({ default: m.RetentionPage })));
const UpskillingPage = lazy(() => import('../features/upskilling/upskilling-page').then((m) => ({ default: m.UpskillingPage })));
const PilotPage = lazy(() => import('../features/pilot/pilot-page').then((m) => ({ default: m.PilotPage })));
const PlanPage = lazy(() => import('../features/plan/plan-page').then((m) => ({ default: m.PlanPage })));
const BusinessCasePage = lazy(() => import('../features/business-case/business-case-page').then((m) => ({ default: m.BusinessCasePage })));
const DataPanel = lazy(() => import('../features/data/data-panel').then((m) => ({ default: m.DataPanel })));
const SqlPage = lazy(() => import('../features/sql/sql-page').then((m) => ({ default: m.SqlPage })));
const NAV: { page: PageId; label: string; render: () => ReactNode; filtered: boolean }[] = [
  { page: 'overview', label: 'Overview', render: () => <OverviewPage />, filtered: true },
  { page: 'hiring', label: 'Hiring', render: () => <HiringPage />, filtered: true },
  { page: 'retention', label: 'Retention', render: () => <RetentionPage />, filtered: true },
  { page: 'upskilling', label: 'Upskilling', render: () => <UpskillingPage />, filtered: true },
  { page: 'pilot', label: 'Pilot outcomes', render: () => <PilotPage />, filtered: true },
  { page: 'plan', label: 'Plan a pilot', render: () => <PlanPage />, filtered: true },
  { page: 'business-case', label: 'Business case', render: () => <BusinessCasePage />, filtered: true },
  { page: 'data', label: 'Data', render: () => <DataPanel />, filtered: false },
  { page: 'sql', label: 'SQL', render: () => <SqlPage />, filtered: false },
];

/** The shell: header with the privacy promise and engine status, page navigation, filters, and the page. */
export function App() {
  const page = useAppStore((s) => s.page);
  const openInWorkbench = useAppStore((s) => s.openInWorkbench);
  const current = NAV.find((n) => n.page === page) ?? NAV[0];
  return (
    <OpenSqlContext.Provider value={openInWorkbench}>
      <DisclosureGate>
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
        <Navigation page={page} />
        <main>
          <SampleBanner />
          {current?.filtered && <FilterBar />}
          <ExportSettingProvider>
            <ErrorBoundary key={current?.page} area={current?.label ?? 'Page'}>
              <Suspense
                fallback={
                  <p role="status" className="muted">
                    <span className="spinner" aria-hidden="true" /> Opening {current?.label}…
                  </p>
                }
              >
                {current?.render()}
              </Suspense>
            </ErrorBoundary>
          </ExportSettingProvider>
        </main>
      </DisclosureGate>
    </OpenSqlContext.Provider>
  );
}

function Navigation({ page }: { page: PageId }) {
  return (
    <nav className="pages" aria-label="Pages">
      <ul>
        {NAV.map((n) => (
          <li key={n.page}>
            <PageLink page={n.page} aria-current={n.page === page ? 'page' : undefined}>
              {n.label}
            </PageLink>
          </li>
        ))}
      </ul>
    </nav>
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
  const restartEngine = useAppStore((s) => s.restartEngine);
  const busy = useEngineBusy();
  const activity = useAppStore((s) => s.activity);
  const snapshot = useAppStore((s) => s.snapshot);
  if (engine.state === 'loading')
    return (
      <p role="status" className="engine">
        <span className="spinner" aria-hidden="true" /> Starting the analysis engine…
        {snapshot && (
          <>
            {' '}
            The figures shown are {snapshot.dataId === SAMPLE_DATA_ID ? 'the sample’s' : 'your data’s'}, saved earlier; filters work once it
            is ready.
          </>
        )}
      </p>
    );
  if (engine.state === 'failed')
    return (
      <div role="alert" className="engine failed">
        <p>The analysis engine is not running: {engine.reason}</p>
        <button type="button" onClick={() => void restartEngine()}>
          Retry
        </button>
      </div>
    );
  const stored = engine.storage.kind === 'browser';
  return (
    <>
      <p role="status" className="engine ready">
        {busy || activity.state === 'loading' ? (
          <>
            <span className="spinner" aria-hidden="true" /> Computing…
          </>
        ) : (
          <>Engine ready (DuckDB {engine.version}, in this tab)</>
        )}
      </p>
      <p className={`storage ${stored ? 'stored' : 'memory'}`}>
        {stored ? 'Data stored in this browser' : 'Data in memory only (not kept after closing)'}
      </p>
      <PoolStatus />
    </>
  );
}

/** Says when the figures are pooled from contribution files, from how many and over how many employers. */
function PoolStatus() {
  const contributions = useAppStore((s) => s.contributions);
  const rowEmployers = useAppStore((s) => s.counts.employers);
  if (contributions.length === 0) return null;
  const employers = contributions.reduce((n, c) => n + c.employers, 0) + rowEmployers;
  const files = `${contributions.length} contribution${contributions.length === 1 ? '' : 's'}`;
  return (
    <p className="pooled">
      Pooled from {files}
      {rowEmployers > 0 ? ' and the rows loaded here' : ''}, {employers.toLocaleString('en-US')} employers
    </p>
  );
}
