import type { StateCreator } from 'zustand';

export const PAGES = ['overview', 'hiring', 'retention', 'upskilling', 'pilot', 'plan', 'business-case', 'data', 'sql'] as const;
export type PageId = (typeof PAGES)[number];

export interface UiSlice {
  page: PageId;
  /** SQL handed to the workbench by a chart's "Open in SQL page". */
  sqlDraft: string | null;
  setPage: (page: PageId) => void;
  openInWorkbench: (sql: string) => void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  page: 'overview',
  sqlDraft: null,
  setPage: (page) => set({ page }),
  openInWorkbench: (sql) => set({ page: 'sql', sqlDraft: sql }),
});
