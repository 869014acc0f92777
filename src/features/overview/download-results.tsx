import { useState } from 'react';
import { computeResults } from '../../metrics/results';
import { useAppStore } from '../../store/app-store';
import { useDataVersion } from '../use-sql';
import { useMetricInputs } from '../use-settings';
import { fetchRows } from '../../store/query-client';
import { downloadText } from '../data/download';

/** Saves the results@1 JSON for the current filters and settings: the same file the CLI writes. */
export function DownloadResults() {
  const { filters, settings } = useMetricInputs();
  const asOf = settings?.asOf ?? null;
  const assumptions = useAppStore((s) => s.upskillingAssumptions);
  const { dataVersion, ready } = useDataVersion();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const download = async () => {
    if (!settings || !asOf) return;
    setState({ busy: true, error: null });
    try {
      const results = await computeResults((sql) => fetchRows(dataVersion, sql), filters, settings, assumptions);
      downloadText(`ler-outcomes-results-${asOf}.json`, `${JSON.stringify(results, null, 2)}\n`, 'application/json');
      setState({ busy: false, error: null });
    } catch (err) {
      setState({ busy: false, error: err instanceof Error ? err.message : String(err) });
    }
  };
  return (
    <span className="download-results">
      <button type="button" onClick={() => void download()} disabled={!asOf || !ready || state.busy}>
        {state.busy ? 'Computing results…' : 'Download results (JSON)'}
      </button>
      {state.error && <span role="alert">Results could not be computed: {state.error}</span>}
    </span>
  );
}
