import type { StateCreator } from 'zustand';
import type { Engine } from '../engine/engine';

export type EngineStatus = { state: 'loading' } | { state: 'ready'; version: string } | { state: 'failed'; reason: string };

export interface EngineSlice {
  engine: EngineStatus;
  setEngineStatus: (status: EngineStatus) => void;
}

export const createEngineSlice: StateCreator<EngineSlice, [], [], EngineSlice> = (set) => ({
  engine: { state: 'loading' },
  setEngineStatus: (engine) => set({ engine }),
});

let started: Promise<Engine> | null = null;

/** Starts the engine once; later calls share the same promise. */
export function startEngine(factory: () => Promise<Engine>, onStatus: (status: EngineStatus) => void): Promise<Engine> {
  if (!started) {
    started = factory().then(
      async (engine) => {
        onStatus({ state: 'ready', version: await engine.version() });
        return engine;
      },
      (err: unknown) => {
        onStatus({ state: 'failed', reason: err instanceof Error ? err.message : String(err) });
        started = null;
        throw err;
      },
    );
  }
  return started;
}

/** The running engine; rejects when start-up failed. */
export function engineReady(): Promise<Engine> {
  if (!started) return Promise.reject(new Error('The engine has not been started.'));
  return started;
}
