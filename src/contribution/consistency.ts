import { FILE_TABLES, type Cell, type Contribution, type FileTable } from './document';

/**
 * Checks a contribution that conforms to the schema against what its numbers must satisfy: every
 * employer key listed once and every table's keys among them; totals that agree between tables (every
 * hire counted by time-to-fill, no more started, applied or costed hires than hires); training counts
 * within their enrollments; trainees counted alike in their three parts; a real as-of date. Returns the
 * first problem as a readable line, or null.
 */
export function consistencyProblem(doc: Contribution): string | null {
  if (Number.isNaN(Date.parse(`${doc.as_of}T00:00:00Z`)) || new Date(`${doc.as_of}T00:00:00Z`).toISOString().slice(0, 10) !== doc.as_of)
    return `as_of ${doc.as_of} is not a real date`;
  const keys = new Set<string>();
  for (const e of doc.employers) {
    if (keys.has(e.key)) return `employer ${e.key} is listed twice`;
    keys.add(e.key);
  }
  for (const table of Object.keys(FILE_TABLES) as FileTable[]) {
    for (const row of doc.tables[table].rows) {
      if (!keys.has(String(row[0]))) return `${table} names employer ${String(row[0])}, which the file does not list`;
    }
  }
  return hireTotalsProblem(doc) ?? firstYearProblem(doc) ?? trainingProblem(doc) ?? traineesProblem(doc);
}

/** One column of a cell, length-prefixed so that no text a file holds can make two cells' strings equal; null is "~". */
const cellPart = (v: Cell | undefined) => (v === null || v === undefined ? '~' : `${String(v).length}:${String(v)}`);
/** A cell's first four columns (employer, occupation, quarter, group) as one string. */
const cellOf = (row: Cell[]) => cellPart(row[0]) + cellPart(row[1]) + cellPart(row[2]) + cellPart(row[3]);

/** A cell string read back for a message: its columns joined by " · ", null as "—". */
function describe(cell: string): string {
  const parts: string[] = [];
  for (let i = 0; i < cell.length;) {
    if (cell[i] === '~') {
      parts.push('—');
      i += 1;
      continue;
    }
    const colon = cell.indexOf(':', i);
    const length = Number(cell.slice(i, colon));
    parts.push(cell.slice(colon + 1, colon + 1 + length));
    i = colon + 1 + length;
  }
  return parts.join(' · ');
}

/** Sums of a column per hire cell (employer, occupation, quarter, group). */
function perCell(rows: Cell[][], value: (row: Cell[]) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) {
    const cell = cellOf(row);
    sums.set(cell, (sums.get(cell) ?? 0) + value(row));
  }
  return sums;
}

function hireTotalsProblem(doc: Contribution): string | null {
  const n = (row: Cell[], i: number) => Number(row[i]);
  const hires = perCell(doc.tables.hires.rows, (r) => n(r, 4));
  for (const r of doc.tables.hires.rows) {
    if (n(r, 5) > n(r, 4)) return `hires: more hires with has_degree known than hires in ${describe(cellOf(r))}`;
    if (n(r, 6) > n(r, 5)) return `hires: more hires without a degree than with has_degree known in ${describe(cellOf(r))}`;
  }
  const checks: [FileTable, (row: Cell[]) => number, 'equal' | 'at most'][] = [
    ['fill', (r) => n(r, 5), 'equal'],
    ['hire', (r) => n(r, 5), 'at most'],
    ['tenure', (r) => n(r, 5) + n(r, 6), 'at most'],
    ['first_year', (r) => n(r, 7), 'at most'],
    ['hiring_costs', (r) => n(r, 4), 'at most'],
  ];
  for (const [table, value, rule] of checks) {
    const sums = perCell(doc.tables[table].rows, value);
    const cells = new Set([...sums.keys(), ...(rule === 'equal' ? hires.keys() : [])]);
    for (const cell of cells) {
      const [got, total] = [sums.get(cell) ?? 0, hires.get(cell) ?? 0];
      if (rule === 'equal' ? got !== total : got > total)
        return `the tables disagree: ${table} counts ${got} hires in ${describe(cell)}, hires counts ${total}`;
    }
  }
  for (const r of doc.tables.tenure.rows) {
    if (n(r, 7) > n(r, 5) || n(r, 7) + n(r, 8) !== n(r, 5) + n(r, 6))
      return `tenure: voluntary separations and censorings do not add up to all of them in ${describe(cellOf(r))}, day ${n(r, 4)}`;
  }
  return null;
}

/** Days from 1970-01-01 to a UTC date. */
const dayOf = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day) / 86_400_000;

/**
 * The first-year table counts only hires followed 365 days: a start quarter whose first day + 365 is after
 * the as-of date cannot hold one, and whole_quarter says whether the quarter's last day + 365 is not.
 */
function firstYearProblem(doc: Contribution): string | null {
  const asOf = dayOf(Number(doc.as_of.slice(0, 4)), Number(doc.as_of.slice(5, 7)), Number(doc.as_of.slice(8, 10)));
  for (const r of doc.tables.first_year.rows) {
    const [label, whole, day] = [String(r[4]), r[5], Number(r[6])];
    const [year, quarter] = [Number(label.slice(0, 4)), Number(label.slice(6))];
    const first = dayOf(year, quarter * 3 - 2, 1);
    const last = dayOf(year, quarter * 3 + 1, 1) - 1;
    if (day > 366) return `first_year: day ${day} is past 366 in ${describe(cellOf(r))}`;
    if (first + 365 > asOf) return `first_year: start quarter ${label} cannot have a year of follow-up by ${doc.as_of}`;
    if (whole !== last + 365 <= asOf) return `first_year: whole_quarter is wrong for start quarter ${label} as of ${doc.as_of}`;
  }
  return null;
}

function trainingProblem(doc: Contribution): string | null {
  for (const r of doc.tables.training_costs.rows) {
    const [enrollments, people, completions, , , credentials, promotions, , wageN, followed, promotedFollowed] = r.slice(4).map(Number);
    const within =
      (people ?? 0) <= (enrollments ?? 0) &&
      (completions ?? 0) <= (enrollments ?? 0) &&
      (credentials ?? 0) <= (enrollments ?? 0) &&
      (promotions ?? 0) <= (completions ?? 0) &&
      (wageN ?? 0) <= (enrollments ?? 0) &&
      (followed ?? 0) <= (completions ?? 0) &&
      (promotedFollowed ?? 0) <= Math.min(followed ?? 0, promotions ?? 0);
    if (!within)
      return `training_costs: counts exceed the enrollments (or promotions the completions, or those followed a year their totals) for ${describe(cellOf(r))}`;
  }
  return null;
}

function traineesProblem(doc: Contribution): string | null {
  const parts = new Map<string, Record<string, number>>();
  for (const r of doc.tables.trainees.rows) {
    const [part, hireEmployer, lag, day, event] = r.slice(4, 9);
    const shape =
      part === 'lag'
        ? lag !== null && hireEmployer === null && day === null && event === null
        : part === 'tenure'
          ? day !== null && event !== null && hireEmployer === null && lag === null
          : hireEmployer !== null && lag === null && day === null && event === null;
    if (!shape) return `trainees: a ${String(part)} row has the columns of another part`;
    const cell = cellOf(r);
    const counts = parts.get(cell) ?? { lag: 0, tenure: 0, employer: 0 };
    counts[String(part)] = (counts[String(part)] ?? 0) + Number(r[9]);
    parts.set(cell, counts);
  }
  for (const [cell, counts] of parts) {
    if (counts.lag !== counts.tenure || counts.lag !== counts.employer)
      return `trainees: the three parts count different trainees in ${describe(cell)} (${counts.lag}, ${counts.tenure}, ${counts.employer})`;
  }
  return null;
}
