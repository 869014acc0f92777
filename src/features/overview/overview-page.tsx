import { useState, type ReactNode } from 'react';
import { ErrorBoundary } from '../../components/error-boundary';
import { SourceTag } from '../../components/source-tag';
import { overviewSql, readOverview } from '../../metrics/overview';
import { QueryView } from '../query-view';
import { useFigures } from '../use-sql';
import { useMetricInputs } from '../use-settings';
import { HiringAnswer, PaybackAnswer, RetentionAnswer, UpskillingAnswer } from './answers';
import { DownloadResults } from './download-results';
import { Adoption, Retention, TimeToFill, Training } from './raw-figures';
import { useOverviewEffects } from './use-effect-sources';

const COMPUTING = (
  <p role="status" className="muted">
    <span className="spinner" aria-hidden="true" /> Computing…
  </p>
);

/**
 * The four questions answered with the strongest estimate for each (DESIGN §4b): the pilot ATTs, the
 * within-employer retention comparison, the training ROI and the business case's payback, each with its
 * interval and n, and the raw group figures one click away. Each card shows as soon as its queries answer.
 */
export function OverviewPage() {
  const { filters, settings } = useMetricInputs();
  const sql = settings ? overviewSql(filters, settings) : null;
  const k = settings?.k ?? 1;
  // Asked first: the engine answers in order, and adoption's counts take milliseconds where the effects below take up to a second at 1M hires.
  const adoption = useFigures(sql?.adoption ?? null, readOverview.adoption);
  const effects = useOverviewEffects();
  return (
    <section aria-labelledby="overview-title">
      <div className="section-head">
        <h2 id="overview-title">Overview</h2>
        {settings && (
          <p className="muted">
            As of {settings.asOf} · groups under {settings.k} people are suppressed
          </p>
        )}
        <DownloadResults />
      </div>
      {sql && settings && (
        <div className="cards">
          <Card
            area="Hiring"
            question="Will LERs help me hire faster?"
            title="Time-to-fill"
            raw={{
              label: 'Median time-to-fill by group (descriptive)',
              render: () => <RawTimeToFill sql={sql.timeToFill} k={k} />,
            }}
          >
            <QueryView result={effects.timeToFill}>{(did) => <HiringAnswer did={did} />}</QueryView>
          </Card>
          <Card
            area="Retention"
            question="Will people hired through LERs stay longer?"
            title="First-year retention"
            raw={{ label: '12-month retention by group (descriptive)', render: () => <RawRetention sql={sql.retention} k={k} /> }}
          >
            <QueryView result={effects.retention}>
              {(did) => (
                <QueryView result={effects.adjusted}>{(adjusted) => <RetentionAnswer did={did} adjusted={adjusted} k={k} />}</QueryView>
              )}
            </QueryView>
          </Card>
          <Card
            area="Upskilling"
            question="Does training pay back?"
            title="Training ROI"
            raw={{ label: 'Enrollments, completions and cost', render: () => <RawTraining sql={sql.training} /> }}
          >
            <QueryView result={effects.upskilling}>{(upskilling) => <UpskillingAnswer upskilling={upskilling} k={k} />}</QueryView>
          </Card>
          <Card area="Cost and payback" question="When does adoption break even?" title="Business case" assumed>
            <QueryView result={effects.baseline}>
              {(baseline) => (effects.sources ? <PaybackAnswer sources={effects.sources} baseline={baseline} /> : COMPUTING)}
            </QueryView>
          </Card>
          <Card area="Adoption" question="What does adoption look like?" title="LER adoption">
            <QueryView result={adoption}>{(figures) => <Adoption adoption={figures} />}</QueryView>
          </Card>
        </div>
      )}
    </section>
  );
}

function RawTimeToFill({ sql, k }: { sql: string; k: number }) {
  const cells = useFigures(sql, (rows) => readOverview.timeToFillMedian(rows, k));
  return <QueryView result={cells}>{(c) => <TimeToFill cells={c} k={k} sql={sql} />}</QueryView>;
}

function RawRetention({ sql, k }: { sql: string; k: number }) {
  const cells = useFigures(sql, (rows) => readOverview.retention365(rows, k));
  return <QueryView result={cells}>{(c) => <Retention cells={c} k={k} sql={sql} />}</QueryView>;
}

function RawTraining({ sql }: { sql: string }) {
  const training = useFigures(sql, readOverview.training);
  return <QueryView result={training}>{(figures) => <Training training={figures} />}</QueryView>;
}

function Card({
  area,
  question,
  title,
  assumed = false,
  raw,
  children,
}: {
  area: string;
  question: string;
  title: string;
  /** Whether the answer also rests on assumed inputs (the business case's default costs). */
  assumed?: boolean;
  /** The raw figures behind the answer, computed and shown only when opened. */
  raw?: { label: string; render: () => ReactNode };
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <ErrorBoundary area={area}>
      <article className="card" aria-label={area}>
        <p className="eyebrow">
          {area} · {question}
        </p>
        <h3>
          {title} <SourceTag kind="measured" /> {assumed && <SourceTag kind="assumed" />}
        </h3>
        {children}
        {raw && (
          <details className="raw" onToggle={(e) => setOpen(e.currentTarget.open)}>
            <summary>{raw.label}</summary>
            {open && raw.render()}
          </details>
        )}
      </article>
    </ErrorBoundary>
  );
}
