/** A plain table of rows under the given columns; values from files are rendered as text, never HTML. */
export function DataTable({
  rows,
  columns,
  label,
  format = defaultFormat,
}: {
  rows: readonly Record<string, unknown>[];
  columns: readonly string[];
  label: string;
  format?: (value: unknown) => string;
}) {
  return (
    <div className="table-wrap">
      <table className="report" aria-label={label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c}>{format(row[c])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function defaultFormat(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4);
  return String(value);
}
