import type { Design, PanelUnit } from '../../metrics/pilot-design/panel';
import { simulatePower } from '../../metrics/pilot-design/simulate';

/** What the page asks of the worker: the simulation of a design at an effect on the panel. */
export interface SimulationRequest {
  units: PanelUnit[];
  design: Design;
  effect: number;
  runs: number;
}

const PROGRESS_EVERY = 10;

/** The worker's own scope, as much of it as this file uses (the app compiles against the DOM's types). */
const scope = self as unknown as {
  postMessage: (message: unknown) => void;
  onmessage: ((event: MessageEvent<SimulationRequest>) => void) | null;
};

// The simulation runs here, off the page's thread; the page ends it early by terminating the worker.
scope.onmessage = ({ data }) => {
  try {
    const result = simulatePower(data.units, data.design, data.effect, {
      runs: data.runs,
      onProgress: (done) => {
        if (done % PROGRESS_EVERY === 0) scope.postMessage({ type: 'progress', done });
      },
    });
    scope.postMessage({ type: 'done', result });
  } catch (error) {
    scope.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
