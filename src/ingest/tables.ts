import type { Engine } from '../engine/engine';
import { ident } from '../sql/quote';
import { REJECTIONS_TABLE, TABLES } from './contract';
import { SQL_TYPE } from './value-sql';

/** Creates the contract tables (empty) and the rejection log, if they do not exist yet. */
export async function createDatasetTables(engine: Engine): Promise<void> {
  const tables = TABLES.map((t) => {
    const cols = t.columns.map((c) => `${ident(c.name)} ${SQL_TYPE[c.type]}`).join(', ');
    return `CREATE TABLE IF NOT EXISTS ${ident(t.kind)} (${cols});`;
  });
  await engine.exec(`${tables.join('\n')}
    CREATE TABLE IF NOT EXISTS ${REJECTIONS_TABLE} (file VARCHAR, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR);`);
}

/** Drops every loaded row and the rejection log, leaving empty contract tables. */
export async function clearDataset(engine: Engine): Promise<void> {
  await engine.exec(
    [...TABLES.map((t) => `DROP TABLE IF EXISTS ${ident(t.kind)};`), `DROP TABLE IF EXISTS ${REJECTIONS_TABLE};`].join('\n'),
  );
  await createDatasetTables(engine);
}
