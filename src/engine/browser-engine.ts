import * as duckdb from '@duckdb/duckdb-wasm';
import { Table } from 'apache-arrow';
import { CrashGuard } from './crash-guard';
import { abortError, dataPath, OFFLINE_LOCK_SQL, type Engine, type EngineStorage, type Row, type RunOptions } from './engine';
import { BUNDLES, messageOf, openDatabase, type StartupStep } from './open-database';
import { describeSql, toPlainRows, toTypedResult } from './plain-rows';
import { RequestScheduler } from './request-scheduler';
import { eraseStoredFiles, planStorage } from './storage-plan';

export interface BrowserEngineOptions {
  /** Called once when the worker dies; every pending and later call then rejects. */
  onCrash?: (reason: string) => void;
  /** `memory` skips the browser's storage altogether. */
  storage?: 'browser' | 'memory';
  /** Called as start-up passes each step, for the page's performance timeline. */
  onStep?: (step: StartupStep) => void;
}

/** The browser build of the engine: DuckDB-WASM in its Web Worker, bundles served by the app itself. */
export async function createBrowserEngine(options: BrowserEngineOptions = {}): Promise<Engine> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  let plan = await planStorage(options.storage ?? 'browser');
  let opened: Awaited<ReturnType<typeof openDatabase>>;
  try {
    opened = await openDatabase(bundle, plan, options.onStep);
  } catch (err) {
    if (plan.kind === 'memory') throw err;
    plan.release();
    plan = {
      kind: 'memory',
      reason: `The data stored in this browser could not be opened (${messageOf(err)}), so this tab keeps its data in memory only.`,
    };
    opened = await openDatabase(bundle, plan, options.onStep);
  }
  const { worker, db } = opened;
  const storage: EngineStorage = plan.kind === 'browser' ? { kind: 'browser' } : plan;
  const release = plan.kind === 'browser' ? plan.release : () => undefined;

  const guard = new CrashGuard();
  const stop = async (err: Error) => {
    if (!guard.fail(err)) return;
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

  const conn = await db.connect();
  // DuckDB's progress bar "prints" through DuckDB-WASM's progress messages, which feed the load's progress bar.
  await conn.query(`${OFFLINE_LOCK_SQL} SET enable_progress_bar = true; SET progress_bar_time = 0;`);
  const userConn = await db.connect();
  const scheduler = new RequestScheduler();
  const serial = <T>(task: () => Promise<T>) => scheduler.exclusive(() => guard.run(task));
  const concurrent = <T>(task: () => Promise<T>) => scheduler.shared(() => guard.run(task));
  const guarded = <T>(task: () => Promise<T>) => guard.run(task);
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
        // A cancel that came while the statement waited (behind a background build, say) finds nothing
        // pending to stop: it is honoured here, before and just after the statement starts.
        if (cancelled) throw new Error('The query was cancelled.');
        const reader = await userConn.send(sql, true);
        if (cancelled) await userConn.cancelSent();
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
