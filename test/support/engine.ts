import { createNodeEngine } from '../../src/engine/node-engine';
import type { Engine } from '../../src/engine/engine';

/** A fresh in-memory DuckDB (the Node build of the browser's engine) for one test file. */
export async function freshEngine(): Promise<Engine> {
  return createNodeEngine();
}
