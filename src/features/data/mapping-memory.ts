import type { ColumnMapping } from '../../ingest/mapping';
import { STORAGE_PREFIX } from '../../store/browser-storage';

/**
 * Column mappings the user confirmed, by header signature (ingest/mapping.ts headerSignature), kept in
 * this browser's localStorage. The key starts with the app's storage prefix, so "Delete all data" removes it.
 */
export const MAPPINGS_KEY = `${STORAGE_PREFIX}column-mappings`;

type Remembered = Record<string, ColumnMapping>;

const isMapping = (value: unknown): value is ColumnMapping =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ColumnMapping).table === 'string' &&
  typeof (value as ColumnMapping).columns === 'object' &&
  (value as ColumnMapping).columns !== null;

function readAll(storage: Storage): Remembered {
  try {
    const parsed = JSON.parse(storage.getItem(MAPPINGS_KEY) ?? '{}') as unknown;
    if (typeof parsed !== 'object' || parsed === null) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, m]) => isMapping(m))) as Remembered;
  } catch {
    return {};
  }
}

/** The mapping confirmed before for an export with this header signature, if any. */
export function rememberedMapping(signature: string, storage: Storage = localStorage): ColumnMapping | null {
  return readAll(storage)[signature] ?? null;
}

/** Remembers a confirmed mapping; storage that refuses (private mode, quota) simply does not remember. */
export function rememberMapping(signature: string, mapping: ColumnMapping, storage: Storage = localStorage): void {
  try {
    storage.setItem(MAPPINGS_KEY, JSON.stringify({ ...readAll(storage), [signature]: mapping }));
  } catch {
    // Not remembered; the next upload asks again.
  }
}
