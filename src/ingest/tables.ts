import type { Engine } from '../engine/engine';
import { CREATE_POOL_SQL, POOL_TABLE_NAMES } from '../metrics/sources/pool';
import { ident } from '../sql/quote';
import { REJECTIONS_TABLE, TABLES } from './contract';
import { SQL_TYPE } from './value-sql';

/** Creates the contract tables (empty), the rejection log and the pool of contributions, if they do not exist yet. */
export async function createDatasetTables(engine: Engine): Promise<void> {
  const tables = TABLES.map((t) => {
    const cols = t.columns.map((c) => `${ident(c.name)} ${SQL_TYPE[c.type]}`).join(', ');
    return `CREATE TABLE IF NOT EXISTS ${ident(t.kind)} (${cols});`;
  });
  await engine.exec(`${tables.join('\n')}
    CREATE TABLE IF NOT EXISTS ${REJECTIONS_TABLE} (file VARCHAR, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR);
    ${CREATE_POOL_SQL}`);
}

/** Drops every loaded row, the rejection log and every pooled contribution, leaving the tables empty. */
export async function clearDataset(engine: Engine): Promise<void> {
  await engine.exec(
    [...TABLES.map((t) => ident(t.kind)), REJECTIONS_TABLE, ...POOL_TABLE_NAMES].map((t) => `DROP TABLE IF EXISTS ${t};`).join('\n'),
  );
  await createDatasetTables(engine);
}
