import { useState } from 'react';
import { adoptionSql, readAdoption } from '../../metrics/overview';
import type { Filters } from '../../metrics/filters';
import type { MetricSettings } from '../../metrics/settings';
import { Adoption } from '../overview/raw-figures';
import { QueryFailure, QueryView } from '../query-view';
import { useResults } from '../use-results';
import { latestValue, useFigures } from '../use-sql';
import { useMetricInputs } from '../use-settings';
import { DidSection } from './did-section';
import { PilotBrief } from './pilot-brief';
import { SubgroupsOnRequest } from './subgroups';

/** Pilot outcomes: the staggered-adoption difference-in-differences on time-to-fill and on first-year retention. */
export function PilotPage() {
  const { filters, settings } = useMetricInputs();
  if (!settings) return null;
  return (
    <section aria-labelledby="pilot-title" className="page">
      <div className="section-head">
        <h2 id="pilot-title">Pilot outcomes</h2>
        <p className="muted">
          Did time-to-fill and first-year retention change when employers adopted LERs, compared with employers that did not?
        </p>
      </div>
      <PilotAdoption filters={filters} settings={settings} />
      <DidSection
        outcome="time_to_fill_days"
        filters={filters}
        settings={settings}
        after={(att) => <SubgroupsOnRequest filters={filters} settings={settings} overall={att} />}
      />
      <DidSection outcome="retained_365" filters={filters} settings={settings} />
      <BriefOnRequest />
    </section>
  );
}

/**
 * How far adoption has gone among the employers and hires in the filters: the pilot's two groups in
 * counts, from a query of milliseconds, asked before the DiDs (a child's queries go out in the order the
 * children render, and the engine answers in that order).
 */
function PilotAdoption({ filters, settings }: { filters: Filters; settings: MetricSettings }) {
  const adoption = useFigures(adoptionSql(filters, settings), readAdoption);
  return (
    <div className="card" aria-label="Adoption in the pilot">
      <QueryView result={adoption}>{(figures) => <Adoption adoption={figures} />}</QueryView>
    </div>
  );
}

/** The one-page pilot brief, made when asked for: it needs every metric, which the page alone does not. */
function BriefOnRequest() {
  const [open, setOpen] = useState(false);
  if (!open)
    return (
      <div className="brief-actions">
        <button type="button" onClick={() => setOpen(true)}>
          Make the one-page pilot brief
        </button>
      </div>
    );
  return <BriefWithResults />;
}

function BriefWithResults() {
  const results = useResults();
  const shown = latestValue(results);
  if (results.state === 'failed') return <QueryFailure error={results.error} />;
  if (!shown)
    return (
      <p role="status" className="muted">
        <span className="spinner" aria-hidden="true" /> Computing the brief…
      </p>
    );
  return <PilotBrief results={shown} />;
}
