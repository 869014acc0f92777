import type { Row } from '../engine/engine';

export type { Row };

/** Typed reading of a plain row's fields: a metric's reader turns each row into its figures through these. */
export const num = (row: Row | undefined, field: string): number => Number(row?.[field] ?? 0);

/** A number, or null where the SQL gave NULL (not estimable). */
export function numOrNull(row: Row | undefined, field: string): number | null {
  const value = row?.[field];
  return value === null || value === undefined ? null : Number(value);
}

export const text = (row: Row | undefined, field: string): string => String(row?.[field] ?? '');

/** The row of a group (`grp`). */
export const groupRow = (rows: readonly Row[], grp: string): Row | undefined => rows.find((r) => r.grp === grp);

/** The list of structs in a field, as rows. */
export function rowList(row: Row | undefined, field: string): Row[] {
  const value = row?.[field];
  return Array.isArray(value) ? value.filter((v): v is Row => typeof v === 'object' && v !== null) : [];
}
