/**
 * Where a load's memory goes: the app's own batch check and commit on the Node build of the wasm engine,
 * with the engine's memory and the load's tables read after every statement. The Node build keeps its
 * database in memory, so this shows what a load holds, not what a browser database stored in OPFS can let go of.
 *
 * Run: node --import tsx test/bench/load-memory.ts DIR [employers.csv,hires.csv,training.csv]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Engine } from '../../src/engine/engine';
import { createNodeEngine } from '../../src/engine/node-engine';
import { checkBatch } from '../../src/ingest/batch';

const [dir = '.', list = 'employers.csv,hires.csv,training.csv'] = process.argv.slice(2);
const engine = await createNodeEngine();
const MB = 1024 * 1024;
let peak = 0;

async function report(label: string, started: number) {
  const [memory] = await engine.query<{ used: number }>('SELECT sum(memory_usage_bytes) AS used FROM duckdb_memory()');
  const tables = await engine.query<{ name: string; rows: number }>(
    `SELECT table_name AS name, estimated_size AS rows FROM duckdb_tables() WHERE regexp_matches(table_name, '^__ler_(stage|checked|rejects|scan|lines)_') ORDER BY table_name`,
  );
  const used = Number(memory?.used ?? 0) / MB;
  peak = Math.max(peak, used);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${used.toFixed(0).padStart(6)} MB ${seconds.padStart(6)} s  ${label.replace(/\s+/g, ' ').slice(0, 60)}`);
  console.log(`           tables: ${tables.map((t) => `${t.name} (${t.rows.toLocaleString('en-US')} rows)`).join(', ')}`);
}

const watched: Engine = {
  ...engine,
  run: async (sql, options) => {
    const started = performance.now();
    await engine.run(sql, options);
    await report(sql, started);
  },
  exec: async (sql) => {
    const started = performance.now();
    await engine.exec(sql);
    await report(sql, started);
  },
};
const started = performance.now();
const batch = await checkBatch(
  watched,
  list.split(',').map((name) => new File([readFileSync(path.join(dir, name))], name)),
);
for (const r of batch.reports)
  console.log(`${r.file}: ${r.rowsLoaded.toLocaleString('en-US')} of ${r.rowsRead.toLocaleString('en-US')} rows ${r.error ?? ''}`);
await batch.commit('load-memory');
console.log(`peak ${peak.toFixed(0)} MB, ${((performance.now() - started) / 1000).toFixed(1)} s`);
