import { useEffect, useState } from 'react';

/** A task's newest answer; while a newer one is pending, `stale` holds the last answer of the same data (to keep showing, marked as updating). */
export type Latest<T> = { state: 'pending'; stale?: T } | { state: 'done'; value: T } | { state: 'failed'; error: Error };

/**
 * Runs an async task whenever `key` changes and keeps only the newest answer: a slower, older
 * run that finishes late is dropped, never shown over a newer one. A null key means "not yet".
 * Stale answers are offered only within the same `staleScope` (e.g. data version), and only when one is given.
 */
export function useLatest<T>(key: string | null, task: () => Promise<T>, staleScope?: number): Latest<T> {
  const [result, setResult] = useState<{ key: string | null; scope: number | undefined; latest: Latest<T> }>({
    key: null,
    scope: undefined,
    latest: { state: 'pending' },
  });
  useEffect(() => {
    if (key === null) return;
    let current = true;
    task().then(
      (value) => current && setResult({ key, scope: staleScope, latest: { state: 'done', value } }),
      (error: unknown) =>
        current &&
        setResult({
          key,
          scope: staleScope,
          latest: { state: 'failed', error: error instanceof Error ? error : new Error(String(error)) },
        }),
    );
    return () => {
      current = false;
    };
    // The key names everything the task depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (result.key === key) return result.latest;
  return key !== null && staleScope !== undefined && result.latest.state === 'done' && result.scope === staleScope
    ? { state: 'pending', stale: result.latest.value }
    : { state: 'pending' };
}
