import type { Engine } from '../engine/engine';
import { CREATE_POOL_SQL, POOL_TABLE_NAMES } from '../metrics/sources/pool';
import { ident, str } from '../sql/quote';
import { REJECTIONS_TABLE, TABLES } from './contract';
import { SQL_TYPE } from './value-sql';

/** Names what the tables hold now, so figures saved for it (figure-snapshot.ts) can be told apart from figures of other data. */
export const DATA_ID_TABLE = '__ler_data_id';
export const setDataIdSql = (id: string) => `DELETE FROM ${DATA_ID_TABLE}; INSERT INTO ${DATA_ID_TABLE} VALUES (${str(id)});`;
/** A random name for a new version of the data. */
export const freshDataId = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
export const DATA_ID_SQL = `SELECT max(data_id) AS data_id FROM ${DATA_ID_TABLE}`;
/** The data id of the bundled sample, which is synthetic: every figure computed from it says so. */
export const SAMPLE_DATA_ID = 'sample';

/** Creates the contract tables (empty), the rejection log and the pool of contributions, if they do not exist yet. */
const CREATE_DATASET_SQL = `${TABLES.map((t) => {
  const cols = t.columns.map((c) => `${ident(c.name)} ${SQL_TYPE[c.type]}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS ${ident(t.kind)} (${cols});`;
}).join('\n')}
  CREATE TABLE IF NOT EXISTS ${REJECTIONS_TABLE} (file VARCHAR, line BIGINT, "column" VARCHAR, value VARCHAR, reason VARCHAR);
  CREATE TABLE IF NOT EXISTS ${DATA_ID_TABLE} (data_id VARCHAR);
  ${CREATE_POOL_SQL}`;

/** Drops every loaded row, the rejection log and every pooled contribution, leaving the tables empty (one transaction may hold it). */
export const CLEAR_DATASET_SQL = `${[...TABLES.map((t) => ident(t.kind)), REJECTIONS_TABLE, DATA_ID_TABLE, ...POOL_TABLE_NAMES]
  .map((t) => `DROP TABLE IF EXISTS ${t};`)
  .join('\n')}
  ${CREATE_DATASET_SQL}`;

export const createDatasetTables = (engine: Engine) => engine.exec(CREATE_DATASET_SQL);

export const clearDataset = (engine: Engine) => engine.exec(CLEAR_DATASET_SQL);
