import type { StateCreator } from 'zustand';

export const PAGES = ['overview', 'hiring', 'retention', 'upskilling', 'pilot', 'business-case', 'data'] as const;
export type PageId = (typeof PAGES)[number];

export interface UiSlice {
  page: PageId;
  setPage: (page: PageId) => void;
}

export const createUiSlice: StateCreator<UiSlice, [], [], UiSlice> = (set) => ({
  page: 'overview',
  setPage: (page) => set({ page }),
});
