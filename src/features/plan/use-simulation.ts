import { useCallback, useEffect, useRef, useState } from 'react';
import type { SimulatedPower } from '../../metrics/pilot-design/simulate';
import type { SimulationRequest } from './simulation.worker';

export type Simulation =
  | { state: 'idle' }
  | { state: 'running'; done: number; runs: number }
  | { state: 'done'; result: SimulatedPower | null }
  | { state: 'cancelled'; done: number; runs: number }
  | { state: 'failed'; message: string };

type WorkerMessage =
  { type: 'progress'; done: number } | { type: 'done'; result: SimulatedPower | null } | { type: 'failed'; message: string };

/**
 * Runs the power simulation in a worker with progress and cancel. `key` names what is simulated: when
 * it changes, a run under way stops and its answer, no longer about the inputs shown, is dropped.
 */
export function useSimulation(key: string): { simulation: Simulation; start: (request: SimulationRequest) => void; cancel: () => void } {
  const [simulation, setSimulation] = useState<{ key: string; value: Simulation }>({ key, value: { state: 'idle' } });
  const worker = useRef<Worker | null>(null);
  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  // Inputs changed (or the page closed): a run under way stops, and does not come back as running if the inputs return.
  useEffect(
    () => () => {
      stop();
      setSimulation((s) => (s.value.state === 'running' ? { key: s.key, value: { state: 'idle' } } : s));
    },
    [key, stop],
  );
  const start = useCallback(
    (request: SimulationRequest) => {
      stop();
      const running = new Worker(new URL('./simulation.worker.ts', import.meta.url), { type: 'module' });
      worker.current = running;
      setSimulation({ key, value: { state: 'running', done: 0, runs: request.runs } });
      running.onmessage = ({ data }: MessageEvent<WorkerMessage>) => {
        if (data.type === 'progress') setSimulation({ key, value: { state: 'running', done: data.done, runs: request.runs } });
        else {
          setSimulation({
            key,
            value: data.type === 'done' ? { state: 'done', result: data.result } : { state: 'failed', message: data.message },
          });
          stop();
        }
      };
      running.onerror = (event) => {
        setSimulation({ key, value: { state: 'failed', message: event.message || 'The simulation stopped unexpectedly.' } });
        stop();
      };
      running.postMessage(request);
    },
    [key, stop],
  );
  const cancel = useCallback(() => {
    stop();
    setSimulation((s) => ({
      key: s.key,
      value: s.value.state === 'running' ? { state: 'cancelled', done: s.value.done, runs: s.value.runs } : s.value,
    }));
  }, [stop]);
  return { simulation: simulation.key === key ? simulation.value : { state: 'idle' }, start, cancel };
}
