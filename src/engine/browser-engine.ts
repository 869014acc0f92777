import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { abortError, dataPath, OFFLINE_LOCK_SQL, type Engine, type EngineStorage, type Row, type RunOptions } from './engine';
import { describeSql, toPlainRows, toTypedResult } from './plain-rows';
import { Table } from 'apache-arrow';

// No `coi` (threads) bundle on purpose: it broke file handles and crashed on `SET threads` here.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** The one database file in this origin's private file system (OPFS); attaching a second one is broken in 1.32. */
export const STORED_DATABASE = 'ler-outcomes.duckdb';
const STORED_FILES = [STORED_DATABASE, `${STORED_DATABASE}.wal`];
/** OPFS access handles are exclusive: one tab owns the stored data, others work in memory. */
const DATABASE_LOCK = 'ler-outcomes-database';
/** Below this much free quota a load could fail half-way through a write, so the data stays in memory. */
const MIN_FREE_BYTES = 200 * 1024 * 1024;
const LOCK_WAIT_MS = 4000;
/** How long instantiation may go without download or compile progress before it counts as failed. */
const STALL_MS = 30_000;

export interface BrowserEngineOptions {
  /** Called once when the worker dies; every pending and later call then rejects. */
  onCrash?: (reason: string) => void;
  /** `memory` skips the browser's storage altogether. */
  storage?: 'browser' | 'memory';
}

/** AsyncDuckDB with its execution-progress messages (sent by the worker while a statement runs) made listenable. */
class WatchedDuckDB extends duckdb.AsyncDuckDB {
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

type StoragePlan = { kind: 'browser'; release: () => void } | { kind: 'memory'; reason: string | null };

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

/** Decides where data can be kept: OPFS when it exists, is free of other tabs and has room; memory otherwise, with the reason. */
async function planStorage(wanted: 'browser' | 'memory'): Promise<StoragePlan> {
  if (wanted === 'memory') return { kind: 'memory', reason: null };
  if (typeof navigator.storage?.getDirectory !== 'function' || !navigator.locks)
    return {
      kind: 'memory',
      reason: 'This browser offers no private file storage (OPFS), so loaded data lasts only while this tab is open.',
    };
  const estimate = await navigator.storage.estimate().catch(() => ({ quota: undefined, usage: undefined }));
  if (estimate.quota !== undefined && estimate.quota - (estimate.usage ?? 0) < MIN_FREE_BYTES)
    return {
      kind: 'memory',
      reason: `The browser's storage for this site is nearly full (${megabytes(estimate.quota - (estimate.usage ?? 0))} free), so loaded data lasts only while this tab is open.`,
    };
  // Wait a little: on a reload the previous page may still be letting go of the lock and the files.
  const release = await new Promise<(() => void) | null>((resolve) => {
    navigator.locks
      .request(DATABASE_LOCK, { signal: AbortSignal.timeout(LOCK_WAIT_MS) }, () => new Promise<void>((done) => resolve(done)))
      .catch(() => resolve(null));
  });
  if (!release)
    return { kind: 'memory', reason: 'Another tab of this app has the stored data open, so this tab keeps its data in memory only.' };
  void navigator.storage.persist?.().catch(() => false);
  return { kind: 'browser', release };
}

/** Deletes the stored database files; missing files are fine. */
async function eraseStoredFiles(): Promise<void> {
  const root = await navigator.storage.getDirectory();
  for (const name of STORED_FILES)
    await root
      .removeEntry(name)
      .catch((err: unknown) => (err instanceof DOMException && err.name === 'NotFoundError' ? undefined : Promise.reject(err)));
}

/**
 * Instantiates the wasm engine. A download that fails inside the worker never settles DuckDB's promise,
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

async function openDatabase(bundle: duckdb.DuckDBBundle, storage: StoragePlan) {
  if (!bundle.mainWorker) throw new Error('No DuckDB worker bundle for this browser.');
  const worker = new Worker(bundle.mainWorker);
  const db = new WatchedDuckDB(new duckdb.VoidLogger(), worker);
  try {
    await instantiate(db, bundle);
    await db.open({
      ...(storage.kind === 'browser' ? { path: `opfs://${STORED_DATABASE}`, accessMode: duckdb.DuckDBAccessMode.READ_WRITE } : {}),
      query: { castBigIntToDouble: true, castDecimalToDouble: true },
    });
    return { worker, db };
  } catch (err) {
    await db.terminate();
    throw err;
  }
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The browser build of the engine: DuckDB-WASM in its Web Worker, bundles served by the app itself. */
export async function createBrowserEngine(options: BrowserEngineOptions = {}): Promise<Engine> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  let plan = await planStorage(options.storage ?? 'browser');
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(bundle, plan);
  } catch (err) {
    if (plan.kind === 'memory') throw err;
    plan.release();
    plan = {
      kind: 'memory',
      reason: `The data stored in this browser could not be opened (${messageOf(err)}), so this tab keeps its data in memory only.`,
    };
    opened = await openDatabase(bundle, plan);
  }
  const { worker, db } = opened;
  const storage: EngineStorage = plan.kind === 'browser' ? { kind: 'browser' } : plan;
  const release = plan.kind === 'browser' ? plan.release : () => undefined;

  // AsyncDuckDB forgets pending requests when its worker fails, leaving their promises unsettled; settle them here.
  let failure: Error | null = null;
  let fail: (err: Error) => void = () => undefined;
  const died = new Promise<never>((_, reject) => {
    fail = reject;
  });
  died.catch(() => undefined);
  const stop = async (err: Error) => {
    if (failure) return;
    failure = err;
    fail(err);
    await db.terminate();
    release();
  };
  const onWorkerError = (event: ErrorEvent | MessageEvent) => {
    const detail = event instanceof ErrorEvent && event.message ? event.message : 'no reason given';
    const reason = `The analysis engine stopped unexpectedly (${detail}).`;
    void stop(new Error(reason));
    options.onCrash?.(reason);
  };
  worker.addEventListener('error', onWorkerError);
  worker.addEventListener('messageerror', onWorkerError);
  const guarded = <T>(task: () => Promise<T>): Promise<T> => (failure ? Promise.reject(failure) : Promise.race([task(), died]));

  const conn = await db.connect();
  // DuckDB's progress bar "prints" through DuckDB-WASM's progress messages, which feed the load's progress bar.
  await conn.query(`${OFFLINE_LOCK_SQL} SET enable_progress_bar = true; SET progress_bar_time = 0;`);
  const userConn = await db.connect();
  // Statements that change data, and streamed runs, wait for everything before them and hold the
  // connection alone (a transaction or a pending result must not interleave). Queries wait only for
  // those: several go to the worker at once, which answers them in order while the page turns the
  // previous answers into rows and draws them, instead of idling between round trips.
  let tail: Promise<unknown> = Promise.resolve();
  let lastChange: Promise<unknown> = Promise.resolve();
  const settled = (p: Promise<unknown>) => p.catch(() => undefined);
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = () => guarded(task);
    const next = tail.then(run, run);
    tail = lastChange = settled(next);
    return next;
  };
  const concurrent = <T>(task: () => Promise<T>): Promise<T> => {
    const run = () => guarded(task);
    const next = lastChange.then(run, run);
    tail = Promise.all([tail, settled(next)]);
    return next;
  };
  return {
    storage,
    query<T extends Row = Row>(sql: string) {
      return concurrent(async () => toPlainRows<T>(await conn.query(sql)));
    },
    exec(sql: string) {
      return serial(async () => {
        await conn.query(sql);
      });
    },
    run(sql: string, { signal, onProgress }: RunOptions = {}) {
      return serial(async () => {
        if (signal?.aborted) throw abortError();
        const stopWatching = onProgress ? db.watchProgress(onProgress) : () => undefined;
        const cancel = () => void conn.cancelSent();
        signal?.addEventListener('abort', cancel);
        try {
          // send() runs the statement as a pending query, polled step by step, so cancelSent can stop it.
          const reader = await conn.send(sql, true);
          for await (const batch of reader) void batch;
        } catch (err) {
          throw signal?.aborted ? abortError() : err;
        } finally {
          signal?.removeEventListener('abort', cancel);
          stopWatching();
        }
        if (signal?.aborted) throw abortError();
      });
    },
    runCancellable(sql: string) {
      let cancelled = false;
      const result = guarded(async () => {
        const declared = await userConn.query(describeSql(sql)).then(
          (t) => toPlainRows(t).map((r) => String(r.column_type)),
          () => null,
        );
        const reader = await userConn.send(sql, true);
        const batches = [];
        for await (const batch of reader) batches.push(batch);
        if (cancelled) throw new Error('The query was cancelled.');
        return toTypedResult(batches.length > 0 ? new Table(batches) : new Table(reader.schema), declared);
      });
      return {
        result,
        cancel: async () => {
          cancelled = true;
          await guarded(() => userConn.cancelSent());
        },
      };
    },
    registerFile(name: string, file: Blob) {
      return guarded(async () => {
        const target = dataPath(name);
        await db.registerFileHandle(target, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
        return target;
      });
    },
    dropFile(target: string) {
      return guarded(async () => void (await db.dropFile(target)));
    },
    version() {
      return guarded(() => db.getVersion());
    },
    persist() {
      return storage.kind === 'browser' ? serial(async () => void (await conn.query('CHECKPOINT'))) : Promise.resolve();
    },
    async close({ erase = false } = {}) {
      worker.removeEventListener('error', onWorkerError);
      worker.removeEventListener('messageerror', onWorkerError);
      await stop(new Error('The analysis engine was closed.'));
      if (erase && typeof navigator.storage?.getDirectory === 'function') await eraseStoredFiles();
    },
  };
}
