import { createRequire } from 'node:module';
import path from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { abortError, dataPath, OFFLINE_LOCK_SQL, type Engine, type Row, type RunOptions } from './engine';
import { describeSql, toPlainRows, toTypedResult } from './plain-rows';

/** The Node build of the engine: the same wasm DuckDB as the browser, for tests, the CLI and scripts. */
export async function createNodeEngine(): Promise<Engine> {
  const dist = path.dirname(createRequire(import.meta.url).resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: '' },
      eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: '' },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate(() => {});
  db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  const conn = db.connect();
  conn.query(OFFLINE_LOCK_SQL);
  return {
    storage: { kind: 'memory', reason: null },
    async query<T extends Row = Row>(sql: string) {
      return toPlainRows<T>(conn.query(sql));
    },
    async exec(sql: string) {
      conn.query(sql);
    },
    async run(sql: string, { signal }: RunOptions = {}) {
      // The blocking build cannot be interrupted or report progress: it only honours a signal given before.
      if (signal?.aborted) throw abortError();
      conn.query(sql);
    },
    runCancellable(sql: string) {
      // The blocking build runs a statement to completion before returning, so there is nothing to cancel.
      const declared = () => {
        try {
          return toPlainRows(conn.query(describeSql(sql))).map((r) => String(r.column_type));
        } catch {
          return null;
        }
      };
      return { result: Promise.resolve().then(() => toTypedResult(conn.query(sql), declared())), cancel: async () => undefined };
    },
    async registerFile(name: string, file: Blob) {
      const target = dataPath(name);
      db.registerFileBuffer(target, new Uint8Array(await file.arrayBuffer()));
      return target;
    },
    async dropFile(target: string) {
      db.dropFile(target);
    },
    async version() {
      return db.getVersion();
    },
    async persist() {},
    async close() {
      conn.close();
      db.reset();
    },
  };
}
