import { beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine';
import { logRankSql, quantilesFromCountsSql, survivalAtSql } from '../../src/metrics/estimators';
import { freshEngine } from '../support/engine';

let engine: Engine;
beforeAll(async () => {
  engine = await freshEngine();
});

const values = (rows: (string | number)[][]) =>
  `SELECT * FROM (VALUES ${rows.map((r) => `(${r.map((v) => (typeof v === 'string' ? `'${v}'` : v)).join(', ')})`).join(', ')})`;

describe('quantiles from counts by day', () => {
  it('interpolates like R type 7 on a hand-worked case', async () => {
    // days 1, 2, 2, 10: median h = 1.5 → 2; p90 h = 2.7 → 2 + 0.7·8 = 7.6; p25 h = 0.75 → 1 + 0.75·1 = 1.75; mean 15/4.
    const counts = `SELECT grp, day, c FROM (${values([
      ['a', 1, 1],
      ['a', 2, 2],
      ['a', 10, 1],
    ])}) AS t(grp, day, c)`;
    const [row] = await engine.query(quantilesFromCountsSql(counts, { p25: 0.25, median: 0.5, p90: 0.9 }));
    expect(row?.n).toBe(4);
    expect(row?.mean).toBeCloseTo(3.75, 12);
    expect(row?.p25).toBeCloseTo(1.75, 12);
    expect(row?.median).toBeCloseTo(2, 12);
    expect(row?.p90).toBeCloseTo(7.6, 12);
  });

  it('agrees with DuckDB quantile_cont on the rows, ties included', async () => {
    await engine.exec(`CREATE OR REPLACE TABLE q AS SELECT (i % 3)::VARCHAR AS grp, (hash(i) % 97)::INTEGER AS day FROM range(5000) t(i)`);
    const fromCounts = await engine.query(
      `${quantilesFromCountsSql('SELECT grp, day, count(*) AS c FROM q GROUP BY ALL', { p25: 0.25, median: 0.5, p75: 0.75, p90: 0.9 })} ORDER BY grp`,
    );
    const direct =
      await engine.query(`SELECT grp, count(*) AS n, avg(day) AS mean, quantile_cont(day, 0.25) AS p25, quantile_cont(day, 0.5) AS median,
      quantile_cont(day, 0.75) AS p75, quantile_cont(day, 0.9) AS p90 FROM q GROUP BY grp ORDER BY grp`);
    expect(fromCounts).toHaveLength(3);
    fromCounts.forEach((row, i) => {
      for (const key of ['n', 'mean', 'p25', 'median', 'p75', 'p90']) expect(row[key]).toBeCloseTo(Number(direct[i]?.[key]), 9);
    });
  });
});

describe('Kaplan-Meier at a landmark', () => {
  // Group a: day 10 two events (5 at risk), day 20 one censored, day 30 one event (2 at risk), day 40 one censored.
  // Group b: day 5 one event (3 at risk), day 7 two events with two at risk: everyone left.
  const byDay = `SELECT * FROM (${values([
    ['a', 10, 2, 0],
    ['a', 20, 0, 1],
    ['a', 30, 1, 0],
    ['a', 40, 0, 1],
    ['b', 5, 1, 0],
    ['b', 7, 2, 0],
  ])}) AS t(grp, day, events, censored)`;
  const at = async (t: number) =>
    (await engine.query(`${survivalAtSql(byDay, [t])} ORDER BY grp`)).map((r) => ({
      n: r.n,
      events: r.events,
      median: r.median_day,
      s: r[`s_${t}`],
      lo: r[`lo_${t}`],
      hi: r[`hi_${t}`],
    }));

  it('multiplies the conditional survival and uses the log-scale Greenwood interval', async () => {
    const [a] = await at(35);
    const s = (1 - 2 / 5) * (1 - 1 / 2);
    const se = Math.sqrt(2 / (5 * 3) + 1 / (2 * 1));
    expect(a?.n).toBe(5);
    expect(a?.events).toBe(3);
    expect(a?.s).toBeCloseTo(0.3, 12);
    expect(a?.s).toBeCloseTo(s, 12);
    expect(a?.lo).toBeCloseTo(s * Math.exp(-1.959963984540054 * se), 12);
    expect(a?.hi).toBe(1);
  });

  it('takes the median tenure as the first day S(t) ≤ 0.5', async () => {
    const [a, b] = await at(365);
    expect(a?.median).toBe(30);
    expect(b?.median).toBe(7);
  });

  it('counts an event on the landmark day itself', async () => {
    const [a29, a30] = [(await at(29))[0], (await at(30))[0]];
    expect(a29?.s).toBeCloseTo(0.6, 12);
    expect(a30?.s).toBeCloseTo(0.3, 12);
  });

  it('drops to zero with no interval when everyone at risk leaves', async () => {
    const [, b6] = await at(6);
    const [, b7] = await at(7);
    expect(b6?.s).toBeCloseTo(2 / 3, 12);
    expect(b7).toMatchObject({ s: 0, lo: null, hi: null });
  });

  it('is 1, with a degenerate interval, before the first event', async () => {
    const [a] = await at(9);
    expect(a).toMatchObject({ s: 1, lo: 1, hi: 1 });
  });

  it('gives the log-rank parts worked by hand', async () => {
    // Event days 5, 7, 10, 30. At risk (a, b): day 5 (5, 3), day 7 (5, 2), day 10 (5, 0), day 30 (2, 0).
    // O − E for a: (0 − 1·5/8) + (0 − 2·5/7) + (2 − 2) + (1 − 1) = −5/8 − 10/7.
    // V: day 5: 1·(5/8)(3/8)(7/7) ; day 7: 2·(5/7)(2/7)(5/6) ; days 10 and 30 have no one in b: 0.
    const [row] = await engine.query(logRankSql(byDay, 'a'));
    expect(row?.observed_minus_expected).toBeCloseTo(-5 / 8 - 10 / 7, 12);
    expect(row?.variance).toBeCloseTo((5 / 8) * (3 / 8) + 2 * (5 / 7) * (2 / 7) * (5 / 6), 12);
  });
});
