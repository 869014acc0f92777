import { createContext, useContext } from 'react';

/**
 * Asks, before rows leave the tab in an export, whether they may (true) — the app's disclosure check
 * warns about groups smaller than k. Without a provider every export goes ahead.
 */
export type ExportCheck = (rows: readonly Record<string, unknown>[], columns: readonly string[]) => Promise<boolean>;

export const ExportCheckContext = createContext<ExportCheck>(async () => true);

export const useExportCheck = () => useContext(ExportCheckContext);
