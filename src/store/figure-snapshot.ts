import sampleFiguresUrl from '../../data/sample-figures.json?url';
import type { Row } from '../engine/engine';
import { STORAGE_PREFIX } from './browser-storage';
import type { Catalogue } from './catalogue';
import { queryClient, sqlKey } from './query-client';

/**
 * The figures of the last visit, kept so that a page shows them while the engine starts, before any query
 * can run (test/bench/RESULTS.md has the start-up's steps). A snapshot is the rows of the page's
 * queries, keyed by their SQL, for one named version of the data (`dataId`, stored with the tables):
 * it is shown only until the engine has opened the data, and dropped at once if the data is not the
 * one it was saved for. The sample's snapshot ships with the app (data/sample-figures.json).
 */
export interface FigureSnapshot {
  format: 1;
  dataId: string;
  catalogue: Catalogue;
  aggregatesAsOf: string | null;
  queries: [sql: string, rows: Row[]][];
}

export const SNAPSHOT_KEY = `${STORAGE_PREFIX}figure-snapshot`;
const HOLDS_DATA_KEY = `${STORAGE_PREFIX}holds-data`;
/** localStorage holds about 5 MB per origin; the snapshot keeps well under half of it. */
const MAX_SNAPSHOT_CHARS = 2_000_000;

// JSON has no NaN or ±Infinity, which DuckDB's doubles can hold: they travel as tagged strings, and a
// string that happens to start with a tag travels tagged as text.
const TAG = 'ler:';
const NON_FINITE = `${TAG}non-finite:`;
const TEXT = `${TAG}text:`;
export const encodeSnapshot = (snapshot: FigureSnapshot) =>
  JSON.stringify(snapshot, (_key, value: unknown) => {
    if (typeof value === 'number' && !Number.isFinite(value)) return `${NON_FINITE}${value}`;
    return typeof value === 'string' && value.startsWith(TAG) ? `${TEXT}${value}` : value;
  });
export const decodeSnapshot = (text: string): FigureSnapshot | null => {
  const parsed = JSON.parse(text, (_key, value: unknown) => {
    if (typeof value !== 'string' || !value.startsWith(TAG)) return value;
    return value.startsWith(TEXT) ? value.slice(TEXT.length) : Number(value.slice(NON_FINITE.length));
  }) as Partial<FigureSnapshot> | null;
  return parsed?.format === 1 && typeof parsed.dataId === 'string' && Array.isArray(parsed.queries) ? (parsed as FigureSnapshot) : null;
};

/** The answered queries of one data version that the page shows now, smallest first, as many as fit; null when it shows none. */
export function captureSnapshot(dataVersion: number, base: Omit<FigureSnapshot, 'format' | 'queries'>): FigureSnapshot | null {
  const answered = queryClient
    .getQueryCache()
    .findAll({ queryKey: ['sql', dataVersion], type: 'active' })
    .filter((q) => q.state.status === 'success' && Array.isArray(q.state.data))
    .map((q) => [String(q.queryKey[2]), q.state.data as Row[]] as [string, Row[]])
    // A DiD's bootstrap draws run to millions of characters: encoding them just to drop them held the page for 200–500 ms.
    .filter(([, rows]) => fitsInChars(rows, MAX_SNAPSHOT_CHARS))
    .map((entry) => ({ entry, size: encodeSnapshot({ format: 1, ...base, queries: [entry] }).length }))
    .sort((a, b) => a.size - b.size);
  const queries: [string, Row[]][] = [];
  let size = 0;
  for (const { entry, size: entrySize } of answered) {
    if (size + entrySize > MAX_SNAPSHOT_CHARS) break;
    queries.push(entry);
    size += entrySize;
  }
  return queries.length > 0 ? { format: 1, ...base, queries } : null;
}

/** Whether `value` written by JSON.stringify takes at most `budget` characters; stops reading once it cannot. */
export function fitsInChars(value: unknown, budget: number): boolean {
  const pending: unknown[] = [value];
  let left = budget;
  while (pending.length > 0 && left >= 0) {
    const next = pending.pop();
    if (Array.isArray(next)) {
      // Brackets, commas and at least a character an item: a list too long to fit is not read.
      if (2 * next.length + 1 > left) return false;
      left -= 2 + Math.max(next.length - 1, 0);
      for (const item of next as unknown[]) pending.push(item);
    } else if (next !== null && typeof next === 'object') {
      const entries = Object.entries(next);
      left -= 2 + Math.max(entries.length - 1, 0);
      for (const [key, item] of entries) {
        left -= JSON.stringify(key).length + 1;
        pending.push(item);
      }
    } else left -= typeof next === 'string' ? JSON.stringify(next).length : String(next).length;
  }
  return left >= 0;
}

/** Puts a snapshot's rows in the query cache under `dataVersion`, where the pages' queries find them. */
export function seedQueryCache(snapshot: FigureSnapshot, dataVersion: number): void {
  for (const [sql, rows] of snapshot.queries) queryClient.setQueryData(sqlKey(dataVersion, sql), rows);
}

export function dropSnapshotRows(dataVersion: number): void {
  queryClient.removeQueries({ queryKey: ['sql', dataVersion] });
}

function storage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

export function saveSnapshot(snapshot: FigureSnapshot | null): void {
  try {
    if (snapshot) storage()?.setItem(SNAPSHOT_KEY, encodeSnapshot(snapshot));
    else storage()?.removeItem(SNAPSHOT_KEY);
  } catch {
    // Over quota or refused: the next visit simply waits for the engine.
    storage()?.removeItem(SNAPSHOT_KEY);
  }
}

/** Remembers whether the browser's database holds data, so that an empty one is expected before the engine says so. */
export function rememberHoldsData(holds: boolean): void {
  try {
    if (holds) storage()?.setItem(HOLDS_DATA_KEY, '1');
    else storage()?.removeItem(HOLDS_DATA_KEY);
  } catch {
    // Not remembered: the sample's snapshot is then not shown on the next visit.
  }
}

/**
 * The snapshot to show while the engine starts: the last visit's, else (when the app will load the sample
 * into an empty database) the sample's. Null when there is none or it cannot be read.
 */
export async function startupSnapshot(sampleWanted: boolean): Promise<FigureSnapshot | null> {
  try {
    const saved = storage()?.getItem(SNAPSHOT_KEY);
    if (saved) return decodeSnapshot(saved);
    if (!sampleWanted || storage()?.getItem(HOLDS_DATA_KEY)) return null;
    const response = await fetch(sampleFiguresUrl);
    return response.ok ? decodeSnapshot(await response.text()) : null;
  } catch {
    return null;
  }
}
