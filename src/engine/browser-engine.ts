import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import { dataPath, OFFLINE_LOCK_SQL, type Engine, type Row } from './engine';
import { describeSql, toPlainRows, toTypedResult } from './plain-rows';
import { Table } from 'apache-arrow';

// No `coi` (threads) bundle on purpose: it broke file handles and crashed on `SET threads` here.
const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
};

/** The browser build of the engine: DuckDB-WASM in its Web Worker, bundles served by the app itself. */
export async function createBrowserEngine(): Promise<Engine> {
  const bundle = await duckdb.selectBundle(BUNDLES);
  if (!bundle.mainWorker) throw new Error('No DuckDB worker bundle for this browser.');
  const worker = new Worker(bundle.mainWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = await db.connect();
  await conn.query(OFFLINE_LOCK_SQL);
  const userConn = await db.connect();
  // One connection runs one statement at a time; queue so callers never interleave (e.g. inside a transaction).
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    query<T extends Row = Row>(sql: string) {
      return serial(async () => toPlainRows<T>(await conn.query(sql)));
    },
    exec(sql: string) {
      return serial(async () => {
        await conn.query(sql);
      });
    },
    runCancellable(sql: string) {
      let cancelled = false;
      const result = (async () => {
        const declared = await userConn.query(describeSql(sql)).then(
          (t) => toPlainRows(t).map((r) => String(r.column_type)),
          () => null,
        );
        const reader = await userConn.send(sql, true);
        const batches = [];
        for await (const batch of reader) batches.push(batch);
        if (cancelled) throw new Error('The query was cancelled.');
        return toTypedResult(batches.length > 0 ? new Table(batches) : new Table(reader.schema), declared);
      })();
      return {
        result,
        cancel: async () => {
          cancelled = true;
          await userConn.cancelSent();
        },
      };
    },
    async registerFile(name: string, file: Blob) {
      const target = dataPath(name);
      await db.registerFileHandle(target, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
      return target;
    },
    async dropFile(target: string) {
      await db.dropFile(target);
    },
    async version() {
      return db.getVersion();
    },
  };
}
