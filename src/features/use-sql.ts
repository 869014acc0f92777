import { useIsFetching, useIsMutating, useQuery, type PlaceholderDataFunction } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import type { Row } from '../metrics/read-row';
import { useAppStore } from '../store/app-store';
import { runSql, sqlKey } from '../store/query-client';

/** A query's newest answer; while a newer one is computed, `stale` holds the last answer on the same data, to keep showing (marked as updating). */
export type Latest<T> = { state: 'pending'; stale?: T } | { state: 'done'; value: T } | { state: 'failed'; error: Error };

/** A query's answer as it stands: the latest, else the last one on the same data while a newer computes. */
export const latestValue = <T>(latest: Latest<T>): T | undefined =>
  latest.state === 'done' ? latest.value : latest.state === 'pending' ? latest.stale : undefined;

/** A reader's figures and how many rows they came from (none: nothing matched the filters). */
export interface Figures<T> {
  value: T;
  rowCount: number;
}

/**
 * Keeps the previous answer while the next computes, but only on the same data: figures of other data are
 * never shown as if current. The start-up snapshot's figures count as the same data until the engine finds otherwise.
 */
export function sameData<T>(dataVersion: number): PlaceholderDataFunction<T> {
  return (previous, previousQuery) => {
    const version = previousQuery?.queryKey[1];
    return version === dataVersion || version === useAppStore.getState().snapshot?.dataVersion ? previous : undefined;
  };
}

/**
 * The loaded data's version, and whether queries can run on it: not on the start-up snapshot's version,
 * whose figures the engine has not opened yet (a query then would meet tables still being opened or loaded).
 */
export function useDataVersion(): { dataVersion: number; ready: boolean } {
  const dataVersion = useAppStore((s) => s.dataVersion);
  const onSnapshot = useAppStore((s) => s.snapshot?.dataVersion === dataVersion);
  const ready = useAppStore((s) => s.engine.state === 'ready') && dataVersion > 0 && !onSnapshot;
  return { dataVersion, ready };
}

/** A query's state as a Latest, the same object while the query's answer is the same (views and memos depend on it). */
export function useLatestOf<T>({
  data,
  error,
  isPlaceholderData,
}: {
  data: T | undefined;
  error: Error | null;
  isPlaceholderData: boolean;
}): Latest<T> {
  return useMemo(() => {
    if (error) return { state: 'failed', error };
    if (data === undefined) return { state: 'pending' };
    return isPlaceholderData ? { state: 'pending', stale: data } : { state: 'done', value: data };
  }, [data, error, isPlaceholderData]);
}

/**
 * A metric's typed figures: its SQL run on the loaded data (cached by data version and SQL), then
 * its reader. `read` must be stable (useCallback) or cheap: it runs again when it changes. Null SQL waits.
 */
export function useFigures<T>(sql: string | null, read: (rows: Row[]) => T): Latest<Figures<T>> {
  const { dataVersion, ready } = useDataVersion();
  const select = useCallback((rows: Row[]) => ({ value: read(rows), rowCount: rows.length }), [read]);
  const query = useQuery({
    queryKey: sqlKey(dataVersion, sql ?? ''),
    queryFn: () => runSql(sql ?? ''),
    enabled: ready && sql !== null,
    placeholderData: sameData<Row[]>(dataVersion),
    select,
  });
  return useLatestOf(query);
}

const asRows = (rows: Row[]) => rows;

/** The rows of a query on the loaded data, for views that show rows as they are (schema, filter options, rejections). */
export function useRows(sql: string | null): Latest<Row[]> {
  const figures = useFigures(sql, asRows);
  return useMemo(
    () =>
      figures.state === 'failed'
        ? figures
        : figures.state === 'done'
          ? { state: 'done', value: figures.value.value }
          : { state: 'pending', stale: figures.stale?.value },
    [figures],
  );
}

/** Whether the engine is working: a query being computed, or the background build of the source tables. */
export function useEngineBusy(): boolean {
  return useIsFetching() + useIsMutating() > 0;
}
