import type { DidOutcome } from '../metrics/did-cells';
import { readPilotDid } from '../metrics/did';
import type { Row } from '../metrics/read-row';

/** What the page asks of the worker: a pilot DiD's figures from pilotDidSql's rows. */
export interface DidEstimateRequest {
  id: number;
  rows: Row[];
  k: number;
  outcome: DidOutcome;
}

/** The worker's own scope, as much of it as this file uses (the app compiles against the DOM's types). */
const scope = self as unknown as {
  postMessage: (message: unknown) => void;
  onmessage: ((event: MessageEvent<DidEstimateRequest>) => void) | null;
};

// The bootstrap's sums (up to 300 ms at 1M hires) run here, so the page stays responsive while they do.
scope.onmessage = ({ data }) => {
  try {
    scope.postMessage({ id: data.id, did: readPilotDid(data.rows, data.k, data.outcome) });
  } catch (error) {
    scope.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) });
  }
};
