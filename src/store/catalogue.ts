import type { Engine } from '../engine/engine';
import { DATA_ID_SQL } from '../ingest/tables';
import { DERIVED_VIEWS_SQL } from '../metrics/derived-views';
import { LATEST_DATE_SQL } from '../metrics/settings';
import { buildSourceTablesStatements, DROP_SOURCE_TABLES_SQL } from '../metrics/sources/built-tables';
import { DRAFT_ID, POOL, POOL_LATEST_SQL } from '../metrics/sources/pool';
import { str } from '../sql/quote';

/** The catalogue of the loaded data, and the background build of the tables the metrics read from it. */

export interface TableCounts {
  employers: number;
  hires: number;
  training: number;
  rejected: number;
}

/** A pooled contribution as the catalogue lists it. */
export type PooledContribution = {
  id: string;
  file: string;
  asOf: string;
  k: number;
  employers: number;
  withheldPersons: number;
  /** The certificate as the file carries it (JSON). */
  certificate: string;
};

export const EMPTY_COUNTS: TableCounts = { employers: 0, hires: 0, training: 0, rejected: 0 };

/** What the engine holds: the tables' counts, the pooled contributions and the latest date. */
export interface Catalogue {
  counts: TableCounts;
  contributions: PooledContribution[];
  latestDate: string | null;
  /** Names the data the tables hold (see DATA_ID_TABLE); null when they have none. */
  dataId: string | null;
}

export const isEmptyCatalogue = ({ counts, contributions }: Pick<Catalogue, 'counts' | 'contributions'>) =>
  counts.employers + counts.hires + counts.training + contributions.length === 0;

export const EMPTY_CATALOGUE: Catalogue = { counts: EMPTY_COUNTS, contributions: [], latestDate: null, dataId: null };

export async function readCatalogue(engine: Engine): Promise<Catalogue> {
  await engine.exec(DERIVED_VIEWS_SQL);
  const [counts] = await engine.query<{ employers: number; hires: number; training: number; rejected: number }>(`SELECT
    (SELECT count(*) FROM employers) AS employers, (SELECT count(*) FROM hires) AS hires,
    (SELECT count(*) FROM training) AS training, (SELECT count(DISTINCT (file, line)) FROM ingest_rejections) AS rejected`);
  const contributions = await engine.query<PooledContribution>(
    `SELECT contribution_id AS id, file, as_of AS "asOf", k, employers, withheld_persons AS "withheldPersons", certificate
     FROM ${POOL.contributions} WHERE contribution_id <> ${str(DRAFT_ID)} ORDER BY file, contribution_id`,
  );
  const [latest] = await engine.query<{ latest: string | null }>(LATEST_DATE_SQL);
  const [pooled] = await engine.query<{ latest: string | null }>(POOL_LATEST_SQL);
  // An unlocked SQL statement may have dropped the table: the data is then simply unnamed.
  const [named] = await engine.query<{ data_id: string | null }>(DATA_ID_SQL).catch(() => []);
  return {
    counts: counts ?? EMPTY_COUNTS,
    contributions,
    latestDate: latest?.latest ?? pooled?.latest ?? null,
    dataId: named?.data_id ?? null,
  };
}

/**
 * Builds the pre-aggregated hires for the default as-of date, so filter changes read cells instead of
 * every hire; returns the date they are for, or null when there is no data, the build fails (say, out of
 * memory, or a column an unlocked SQL statement renamed: the metrics then read the rows) or a newer change
 * overtook it (which builds its own). One statement at a time, so the page's queries go in between.
 */
export async function buildAggregates(engine: Engine, catalogue: Catalogue, overtaken: () => boolean): Promise<string | null> {
  const { latestDate } = catalogue;
  if (latestDate !== null) {
    try {
      const loaded = { rows: catalogue.counts.employers > 0, pool: catalogue.contributions.length > 0 };
      for (const statement of buildSourceTablesStatements(latestDate, loaded)) {
        if (overtaken()) return null;
        await engine.exec(statement);
      }
      return latestDate;
    } catch {
      // Fall through: tables already rebuilt would not match the rest, so all go.
    }
  }
  if (!overtaken()) await engine.exec(DROP_SOURCE_TABLES_SQL).catch(() => undefined);
  return null;
}
