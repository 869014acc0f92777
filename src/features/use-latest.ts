import { useEffect, useState } from 'react';

export type Latest<T> = { state: 'pending' } | { state: 'done'; value: T } | { state: 'failed'; error: Error };

/**
 * Runs an async task whenever `key` changes and keeps only the newest answer: a slower, older
 * run that finishes late is dropped, never shown over a newer one. A null key means "not yet".
 */
export function useLatest<T>(key: string | null, task: () => Promise<T>): Latest<T> {
  const [result, setResult] = useState<{ key: string | null; latest: Latest<T> }>({ key: null, latest: { state: 'pending' } });
  useEffect(() => {
    if (key === null) return;
    let current = true;
    task().then(
      (value) => current && setResult({ key, latest: { state: 'done', value } }),
      (error: unknown) => current && setResult({ key, latest: { state: 'failed', error: error instanceof Error ? error : new Error(String(error)) } }),
    );
    return () => {
      current = false;
    };
    // The key names everything the task depends on.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return result.key === key ? result.latest : { state: 'pending' };
}
