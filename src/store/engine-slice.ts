import type { StateCreator } from 'zustand';
import type { Engine, EngineStorage } from '../engine/engine';

export type EngineStatus =
  { state: 'loading' } | { state: 'ready'; version: string; storage: EngineStorage } | { state: 'failed'; reason: string };

export interface EngineSlice {
  engine: EngineStatus;
  setEngineStatus: (status: EngineStatus) => void;
  /** Starts the engine again (after a failure, a crash, or deleting all data) and opens what it holds; set by the app at start-up. */
  restartEngine: () => Promise<void>;
  setRestartEngine: (restart: () => Promise<void>) => void;
}

export const createEngineSlice: StateCreator<EngineSlice, [], [], EngineSlice> = (set) => ({
  engine: { state: 'loading' },
  setEngineStatus: (engine) => set({ engine }),
  restartEngine: async () => undefined,
  setRestartEngine: (restartEngine) => set({ restartEngine }),
});

let started: Promise<Engine> | null = null;

/** Starts the engine once; later calls share the same promise. After a failure or a stop, the next call starts afresh. */
export function startEngine(factory: () => Promise<Engine>, onStatus: (status: EngineStatus) => void): Promise<Engine> {
  if (!started) {
    onStatus({ state: 'loading' });
    const starting: Promise<Engine> = factory().then(
      async (engine) => {
        onStatus({ state: 'ready', version: await engine.version(), storage: engine.storage });
        return engine;
      },
      (err: unknown) => {
        onStatus({ state: 'failed', reason: err instanceof Error ? err.message : String(err) });
        if (started === starting) started = null;
        throw err;
      },
    );
    started = starting;
  }
  return started;
}

/** Forgets the running engine (it stopped or crashed) so that the next startEngine starts a new one. */
export function forgetEngine(): void {
  started = null;
}

/** Stops the running engine, if any; with `erase`, everything it stored in this browser is deleted. */
export async function stopEngine(options?: { erase?: boolean }): Promise<void> {
  const running = started;
  started = null;
  const engine = await running?.catch(() => null);
  await engine?.close(options);
}

/** The running engine; rejects when start-up failed. */
export function engineReady(): Promise<Engine> {
  if (!started) return Promise.reject(new Error('The engine has not been started.'));
  return started;
}
