import { useId, useState, type FormEvent } from 'react';
import { TABLES, type TableKind } from '../../ingest/contract';
import { mappingProblems, suggestMapping, type ColumnMapping, type MappingSuggestion } from '../../ingest/mapping';
import type { FileHead } from '../../ingest/sniff';
import './column-mapping.css';

const PREVIEW_SHOWN = 5;
const NOT_IN_FILE = '';

interface Props {
  fileName: string;
  head: FileHead;
  /** Suggestions to start from (or the remembered mapping). */
  initial: MappingSuggestion;
  employerIds: ReadonlySet<string>;
  /** The words on the confirm button. */
  confirmLabel: string;
  /** A sentence shown above the form (e.g. that a remembered mapping is being changed). */
  intro?: string;
  onConfirm: (mapping: ColumnMapping) => void;
  onCancel: () => void;
  cancelLabel: string;
}

/** A preview of a file's first rows and a form mapping each contract column to one of its columns. */
export function ColumnMappingForm({ fileName, head, initial, employerIds, confirmLabel, intro, onConfirm, onCancel, cancelLabel }: Props) {
  const formId = useId();
  const [suggestion, setSuggestion] = useState(initial);
  const [columns, setColumns] = useState<Record<string, string>>(initial.mapping.columns);
  const [problems, setProblems] = useState<string[]>([]);
  const table = TABLES.find((t) => t.kind === suggestion.mapping.table) ?? TABLES[0];
  if (!table) return null;

  const chooseTable = (kind: TableKind) => {
    const next = suggestMapping(
      head.header,
      head.rows,
      employerIds,
      TABLES.find((t) => t.kind === kind),
    );
    setSuggestion(next);
    setColumns(next.mapping.columns);
    setProblems([]);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const mapping: ColumnMapping = {
      table: table.kind,
      columns: Object.fromEntries(Object.entries(columns).filter(([, h]) => h !== NOT_IN_FILE)),
    };
    const found = mappingProblems(mapping, head.header);
    setProblems(found);
    if (found.length === 0) onConfirm(mapping);
  };

  return (
    <form className="card column-mapping" aria-labelledby={`${formId}-title`} onSubmit={submit}>
      <h3 id={`${formId}-title`}>Map the columns of {fileName}</h3>
      <p>
        {intro ??
          'Its headers differ from the data contract. Choose which of its columns holds each contract column; suggestions come from the names and the values. Unmapped columns are kept as extra columns.'}
      </p>
      <div className="table-wrap">
        <table className="report">
          <caption>First rows of {fileName}</caption>
          <thead>
            <tr>
              {head.header.map((h, i) => (
                <th scope="col" key={i}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {head.rows.slice(0, PREVIEW_SHOWN).map((row, r) => (
              <tr key={r}>
                {head.header.map((_, i) => (
                  <td key={i}>{row[i] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mapping-field">
        <label htmlFor={`${formId}-table`}>This file holds</label>
        <select id={`${formId}-table`} value={table.kind} onChange={(e) => chooseTable(e.target.value as TableKind)}>
          {TABLES.map((t) => (
            <option key={t.kind} value={t.kind}>
              {t.kind}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>Contract column → column in the file</legend>
        <div className="mapping-grid">
          {table.columns.map((c) => {
            const id = `${formId}-${c.name}`;
            const reason = suggestion.reasons[c.name];
            const chosen = columns[c.name] ?? NOT_IN_FILE;
            return (
              <div className="mapping-field" key={c.name}>
                <label htmlFor={id}>
                  {c.name}{' '}
                  <span className="muted">
                    ({c.type}
                    {c.required ? ', required' : ''})
                  </span>
                </label>
                <select
                  id={id}
                  value={chosen}
                  aria-describedby={reason && chosen === suggestion.mapping.columns[c.name] ? `${id}-hint` : undefined}
                  onChange={(e) => setColumns({ ...columns, [c.name]: e.target.value })}
                >
                  <option value={NOT_IN_FILE}>— not in this file —</option>
                  {head.header.map((h, i) =>
                    head.header.indexOf(h) === i ? (
                      <option key={i} value={h}>
                        {h === '' ? `(column ${i + 1}, no name)` : h}
                      </option>
                    ) : null,
                  )}
                </select>
                {reason && chosen === suggestion.mapping.columns[c.name] && (
                  <span id={`${id}-hint`} className="footnote">
                    suggested by {reason}
                  </span>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
      {problems.length > 0 && (
        <ul role="alert" className="error">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="submit">{confirmLabel}</button>
        <button type="button" onClick={onCancel}>
          {cancelLabel}
        </button>
      </div>
    </form>
  );
}
