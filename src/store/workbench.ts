import type { CancellableQuery, TypedResult } from '../engine/engine';

export type { TypedResult };
import { isReadOnly } from '../sql/statement-kind';
import { engineReady } from './engine-slice';

/** Runs a workbench statement on the engine's cancellable connection. */
export function runUserQuery(sql: string): CancellableQuery {
  const started = engineReady().then((engine) => engine.runCancellable(sql));
  return {
    result: started.then((query) => query.result),
    cancel: async () => (await started).cancel(),
  };
}

/** Whether every statement of a workbench script only reads, as DuckDB's own parser judges it. */
export async function isReadOnlyScript(sql: string): Promise<boolean> {
  const engine = await engineReady();
  return isReadOnly(sql, (check) => engine.query(check));
}

/** Tables and views with their columns and types, for the schema browser and completion. */
export const SCHEMA_SQL = `SELECT t.table_name, t.table_type, c.column_name, c.data_type, c.ordinal_position
  FROM information_schema.tables t JOIN information_schema.columns c USING (table_schema, table_name)
  WHERE t.table_schema = 'main' AND t.table_name NOT LIKE '\\_\\_ler%' ESCAPE '\\'
  ORDER BY t.table_type, t.table_name, c.ordinal_position`;
