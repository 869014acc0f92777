import { createNodeEngine } from '../../src/engine/node-engine';
import type { Engine } from '../../src/engine/engine';
import { buildSourceTablesStatements } from '../../src/metrics/sources/built-tables';

/** A fresh in-memory DuckDB (the Node build of the browser's engine) for one test file. */
export async function freshEngine(): Promise<Engine> {
  return createNodeEngine();
}

/** Builds the pre-aggregated hires for an as-of date, as the app does after a load (there in the background). */
export async function buildAggregates(engine: Engine, asOf: string): Promise<void> {
  for (const statement of buildSourceTablesStatements(asOf)) await engine.exec(statement);
}
