/**
 * How many cases the property tests draw. `npm test` draws enough to catch a regression and stay under
 * 12 minutes on a 2-core machine; `npm run test:deep` (which .ci/run also runs) draws the full depth
 * the hardening and pooling issues set, such as at least 10,000 whole CSV files thrown at ingest.
 */
const DEEP = process.env.LER_TEST_DEPTH === 'deep';

export const runs = (quick: number, deep: number): number => (DEEP ? deep : quick);
