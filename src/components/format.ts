const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

export const formatCount = (n: number) => integer.format(n);
export const formatDays = (d: number) => `${oneDecimal.format(d)} days`;
export const formatPercent = (p: number) => `${oneDecimal.format(p * 100)}%`;
export const formatUsd = (x: number) => usd.format(x);
/** One decimal with an explicit plus sign for gains, e.g. "+1.5", "-6.0". */
export const formatSigned = (v: number) => `${v > 0 ? '+' : ''}${v.toFixed(1)}`;

/** A whole-number percentage that never shows "-0%". */
export const formatWholePercent = (pct: number) => `${Math.round(pct) === 0 ? 0 : Math.round(pct)}%`;

/** Millions of dollars with a true minus sign, for chart axes. */
export const formatUsdMillions = (x: number) => `${x < 0 ? '−' : ''}$${(Math.abs(x) / 1e6).toFixed(1)}M`;
/** A file size in decimal megabytes, or gigabytes from 1 GB. */
export const formatBytes = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`);

/** An interval's ends, "a to b"; an end that does not exist (null) is said as `open`, e.g. "3.1 months to never". */
export const formatRange = ([lo, hi]: readonly [number | null, number | null], format: (x: number) => string, open = '—') =>
  `${lo === null ? open : format(lo)} to ${hi === null ? open : format(hi)}`;

/** A 95% interval in words, e.g. "95% CI 3.1 months to never". */
export const formatInterval = (bounds: readonly [number | null, number | null], format: (x: number) => string, open = '—') =>
  `95% CI ${formatRange(bounds, format, open)}`;
