import { create } from 'zustand';
import { createBusinessCaseSlice, type BusinessCaseSlice } from './business-case-slice';
import { createDatasetSlice } from './dataset-slice';
import type { DatasetSlice } from './dataset-types';
import { createEngineSlice, type EngineSlice } from './engine-slice';
import { createPlanSlice, type PlanSlice } from './plan-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

export type AppState = EngineSlice & SettingsSlice & DatasetSlice & UiSlice & BusinessCaseSlice & PlanSlice;

/** The one store: what the user chose and what is loaded — never query results. */
export const createAppStore = () =>
  create<AppState>()((...a) => ({
    ...createEngineSlice(...a),
    ...createSettingsSlice(...a),
    ...createDatasetSlice(...a),
    ...createUiSlice(...a),
    ...createBusinessCaseSlice(...a),
    ...createPlanSlice(...a),
  }));

export const useAppStore = createAppStore();

/** The as-of date in force: the user's choice, else the latest date in the data. Pooled contributions keep their own, so with any loaded the choice is set aside. */
export const selectAsOf = (s: AppState): string | null => (s.contributions.length > 0 ? s.latestDate : (s.asOfOverride ?? s.latestDate));

/** Whether rows are loaded; whether contributions are pooled. */
export const selectRowsLoaded = (s: AppState) => s.counts.employers > 0;
export const selectPooled = (s: AppState) => s.contributions.length > 0;
