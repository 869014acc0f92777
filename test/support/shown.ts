import { isSuppressed, type OrSuppressed } from '../../src/metrics/suppression';

/** The figures of a group the test expects to be shown; a suppressed one fails the test with its label. */
export function shown<T extends object>(value: OrSuppressed<T> | undefined, label = 'a figure'): T {
  if (value === undefined || isSuppressed(value)) throw new Error(`${label} is suppressed or missing, where the test expects it shown`);
  return value;
}
