import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { STORED_DATABASE, type StoragePlan } from './storage-plan';

// No `coi` (threads) bundle on purpose: it cannot register file handles while its thread workers run
// (https://github.com/duckdb/duckdb-wasm/issues/2243).
export const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** How long instantiation may go without download or compile progress before it counts as failed. */
const STALL_MS = 30_000;

/**
 * AsyncDuckDB with its execution-progress messages (sent by the worker while a statement runs,
 * https://github.com/duckdb/duckdb-wasm/pull/1941) made listenable: the class keeps them in a field with no public API.
 */
export class WatchedDuckDB extends duckdb.AsyncDuckDB {
  watchProgress(listener: (fraction: number) => void): () => void {
    const handler = (entry: { percentage: string }) => {
      const percent = Number(entry.percentage);
      if (Number.isFinite(percent) && percent >= 0) listener(Math.min(1, percent / 100));
    };
    this._onExecutionProgress.push(handler);
    return () => {
      this._onExecutionProgress = this._onExecutionProgress.filter((h) => h !== handler);
    };
  }
}

/**
 * Instantiates the wasm engine. A download that fails inside the worker never settles DuckDB's promise
 * (https://github.com/duckdb/duckdb-wasm/issues/1588),
 * so the bundle is checked first and a stall without progress ends in an error rather than a wait forever.
 */
async function instantiate(db: WatchedDuckDB, bundle: duckdb.DuckDBBundle): Promise<void> {
  const file = bundle.mainModule.split('/').pop() ?? bundle.mainModule;
  const check = await fetch(bundle.mainModule, { method: 'HEAD' }).catch((err: unknown) => {
    throw new Error(`The engine file ${file} could not be downloaded (${messageOf(err)}).`);
  });
  if (!check.ok) throw new Error(`The engine file ${file} could not be downloaded (HTTP ${check.status}).`);
  let lastProgress = Date.now();
  let watchdog: ReturnType<typeof setInterval> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    watchdog = setInterval(() => {
      if (Date.now() - lastProgress > STALL_MS)
        reject(new Error(`The engine did not finish loading ${file}: nothing arrived for ${STALL_MS / 1000} s.`));
    }, 1000);
  });
  try {
    await Promise.race([db.instantiate(bundle.mainModule, bundle.pthreadWorker, () => (lastProgress = Date.now())), stalled]);
  } finally {
    clearInterval(watchdog);
  }
}

export type StartupStep = 'engine-instantiated' | 'engine-opened';

export async function openDatabase(bundle: duckdb.DuckDBBundle, storage: StoragePlan, onStep?: (step: StartupStep) => void) {
  if (!bundle.mainWorker) throw new Error('No DuckDB worker bundle for this browser.');
  const worker = new Worker(bundle.mainWorker);
  const db = new WatchedDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await instantiate(db, bundle);
    onStep?.('engine-instantiated');
    await db.open({
      ...(storage.kind === 'browser' ? { path: `opfs://${STORED_DATABASE}`, accessMode: duckdb.DuckDBAccessMode.READ_WRITE } : {}),
      query: { castBigIntToDouble: true, castDecimalToDouble: true },
    });
    onStep?.('engine-opened');
    return { worker, db };
  } catch (err) {
    await db.terminate();
    throw err;
  }
}

export const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));
