import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { DidOutcome } from '../metrics/did-cells';
import type { PilotDid } from '../metrics/did';
import type { Row } from '../metrics/read-row';
import type { DidEstimateRequest } from './did-estimate.worker';
import { sameData, useDataVersion, useLatestOf, useRows, type Figures, type Latest } from './use-sql';

type Reply = { id: number; did: PilotDid } | { id: number; error: string };

let worker: Worker | null = null;
let nextId = 0;
const waiting = new Map<number, { resolve: (did: PilotDid) => void; reject: (error: Error) => void }>();

/** One worker for every DiD of the page, started on first use; a crash fails what it was computing, and the next request starts another. */
function estimateInWorker(rows: Row[], k: number, outcome: DidOutcome): Promise<PilotDid> {
  if (!worker) {
    const started = new Worker(new URL('./did-estimate.worker.ts', import.meta.url), { type: 'module' });
    started.onmessage = ({ data }: MessageEvent<Reply>) => {
      const request = waiting.get(data.id);
      waiting.delete(data.id);
      if ('did' in data) request?.resolve(data.did);
      else request?.reject(new Error(data.error));
    };
    started.onerror = (event) => {
      for (const request of waiting.values()) request.reject(new Error(event.message || 'The DiD estimate stopped unexpectedly.'));
      waiting.clear();
      started.terminate();
      worker = null;
    };
    worker = started;
  }
  const id = nextId++;
  const request: DidEstimateRequest = { id, rows, k, outcome };
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker?.postMessage(request);
  });
}

/**
 * A pilot DiD's figures with their bootstrap interval: pilotDidSql's rows from the engine (cached like any
 * query's), then readPilotDid in a worker, off the page's thread. While a new answer computes, the last
 * one on the same data stays, marked as updating.
 */
export function useDidEstimate(sql: string | null, k: number, outcome: DidOutcome): Latest<Figures<PilotDid>> {
  const { dataVersion } = useDataVersion();
  const rows = useRows(sql);
  const answered = rows.state === 'done' ? rows.value : null;
  const query = useQuery({
    queryKey: ['did-estimate', dataVersion, sql, k, outcome],
    queryFn: async (): Promise<Figures<PilotDid>> => ({
      value: await estimateInWorker(answered ?? [], k, outcome),
      rowCount: answered?.length ?? 0,
    }),
    enabled: answered !== null,
    placeholderData: sameData<Figures<PilotDid>>(dataVersion),
    staleTime: Infinity,
  });
  const estimate = useLatestOf(query);
  return useMemo(() => (rows.state === 'failed' ? rows : estimate), [rows, estimate]);
}
