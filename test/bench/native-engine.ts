/**
 * The Engine interface on native DuckDB (@duckdb/node-api, pinned to the wasm build's v1.4.3): the
 * yardstick for what the same SQL costs without WebAssembly. Benchmark use only.
 */
import {
  bigintFromBigIntValue,
  dateFromDateValue,
  dateFromTimestampValue,
  DuckDBInstance,
  DuckDBTypeId,
  JSDuckDBValueConverter,
  type DuckDBValueConverter,
  type JS,
} from '@duckdb/node-api';
import type { Engine, Row } from '../../src/engine/engine';

/** Plain rows as the wasm engines give them: numbers instead of BigInt, dates as 'YYYY-MM-DD'. */
const plainValue: DuckDBValueConverter<JS> = (value, type, converter) => {
  if (value === null) return null;
  switch (type.typeId) {
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return Number(bigintFromBigIntValue(value, type));
    case DuckDBTypeId.DATE:
      return dateFromDateValue(value).toISOString().slice(0, 10);
    case DuckDBTypeId.TIMESTAMP:
      return dateFromTimestampValue(value).toISOString().replace('T', ' ').replace('Z', '');
    default:
      return JSDuckDBValueConverter(value, type, converter);
  }
};

export interface NativeEngine extends Engine {
  /** Lets ingest read a File straight from disk: registerFile gets File objects, native DuckDB wants paths. */
  addDiskFile(file: Blob, diskPath: string): void;
  close(): void;
}

/** An in-memory native DuckDB; `threads` null keeps DuckDB's default (one per core). */
export async function createNativeEngine(threads: number | null): Promise<NativeEngine> {
  const instance = await DuckDBInstance.create(':memory:', threads === null ? {} : { threads: String(threads) });
  const conn = await instance.connect();
  const diskPaths = new Map<Blob, string>();
  // One statement at a time on the connection, as the browser engine queues them (metrics use Promise.all).
  let tail: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = tail.then(task, task);
    tail = next.catch(() => undefined);
    return next;
  };
  return {
    query<T extends Row = Row>(sql: string) {
      return serial(async () => (await conn.runAndReadAll(sql)).convertRowObjects(plainValue) as T[]);
    },
    exec(sql: string) {
      return serial(async () => {
        await conn.run(sql);
      });
    },
    runCancellable() {
      throw new Error('not used by the benchmark');
    },
    async registerFile(name: string, file: Blob) {
      const diskPath = diskPaths.get(file);
      if (!diskPath) throw new Error(`${name}: only files added with addDiskFile can be read`);
      return diskPath;
    },
    async dropFile() {},
    async version() {
      const [row] = (await conn.runAndReadAll('SELECT version() AS v')).getRowObjectsJS();
      return String(row?.v);
    },
    addDiskFile(file, diskPath) {
      diskPaths.set(file, diskPath);
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
