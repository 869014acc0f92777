import { useRef, useState, type ReactNode } from 'react';
import type { DateQuestion } from '../../ingest/date-readings';
import type { IngestInput } from '../../ingest/load';
import { headerSignature, mappingProblems, suggestMapping, type ColumnMapping, type MappingSuggestion } from '../../ingest/mapping';
import { needsMapping, readHead, type FileHead } from '../../ingest/sniff';
import type { SlashOrder } from '../../ingest/value-sql';
import { isContributionFile } from '../../contribution/file-kind';
import { useAppStore } from '../../store/app-store';
import { fetchRows } from '../../store/query-client';
import { ColumnMappingForm } from './column-mapping-form';
import { DateOrderQuestion } from './date-order-question';
import { rememberedMapping, rememberMapping } from './mapping-memory';

interface Pending {
  file: File;
  head: FileHead;
  suggestion: MappingSuggestion;
}

interface AutoMapped {
  file: File;
  head: FileHead;
  mapping: ColumnMapping;
}

const EMPLOYER_IDS_SQL = 'SELECT DISTINCT employer_id FROM employers WHERE employer_id IS NOT NULL LIMIT 100000';

/**
 * Takes files the user picked: those whose headers match the contract load as they are; an export
 * mapped before maps itself from the remembered mapping; any other gets the mapping form first. While
 * loading, a question about ambiguous dates is shown when the ingest asks one.
 */
export function useFileIntake(): { add: (files: File[]) => Promise<void>; panel: ReactNode } {
  const loadFiles = useAppStore((s) => s.loadFiles);
  const dataVersion = useAppStore((s) => s.dataVersion);
  const [pending, setPending] = useState<Pending[]>([]);
  const ready = useRef<IngestInput[]>([]);
  const [autoMapped, setAutoMapped] = useState<AutoMapped[]>([]);
  const [editing, setEditing] = useState<AutoMapped | null>(null);
  const [employerIds, setEmployerIds] = useState<ReadonlySet<string>>(new Set());
  const [question, setQuestion] = useState<{ question: DateQuestion; answer: (a: Record<string, SlashOrder>) => void } | null>(null);

  const askDateOrder = (q: DateQuestion) =>
    new Promise<Record<string, SlashOrder>>((resolve) => {
      setQuestion({
        question: q,
        answer: (answers) => {
          setQuestion(null);
          resolve(answers);
        },
      });
    });

  const load = (inputs: IngestInput[]) => {
    ready.current = [];
    if (inputs.length === 0) return;
    const first = inputs[0];
    const name = first instanceof File ? first.name : first?.file.name;
    void loadFiles(inputs, `Loading ${inputs.length === 1 ? name : `${inputs.length} files`}`, { askDateOrder });
  };

  const add = async (files: File[]) => {
    const ids = await fetchRows(dataVersion, EMPLOYER_IDS_SQL)
      .then((rows) => new Set(rows.map((r) => String(r.employer_id))))
      .catch(() => new Set<string>());
    setEmployerIds(ids);
    const inputs: IngestInput[] = [];
    const toMap: Pending[] = [];
    const mappedNow: AutoMapped[] = [];
    for (const file of files) {
      if (await isContributionFile(file)) {
        inputs.push(file); // Pooled as it is: a contribution has no columns to map.
        continue;
      }
      let head: FileHead;
      try {
        head = await readHead(file);
      } catch {
        inputs.push(file); // The ingest reports why it cannot be read.
        continue;
      }
      if (!needsMapping(head)) {
        inputs.push(file);
        continue;
      }
      const remembered = rememberedMapping(headerSignature(head.header));
      if (remembered && mappingProblems(remembered, head.header).length === 0) {
        inputs.push({ file, mapping: remembered });
        mappedNow.push({ file, head, mapping: remembered });
        continue;
      }
      toMap.push({ file, head, suggestion: suggestMapping(head.header, head.rows, ids, head.table ?? undefined) });
    }
    setAutoMapped(mappedNow);
    if (toMap.length === 0) {
      load(inputs);
      return;
    }
    ready.current = inputs;
    setPending(toMap);
  };

  const next = (input: IngestInput | null) => {
    if (input) ready.current = [...ready.current, input];
    const rest = pending.slice(1);
    setPending(rest);
    if (rest.length === 0) load(ready.current);
  };

  const current = pending[0];
  const panel = (
    <>
      {autoMapped.length > 0 && !editing && (
        <div className="card" role="status">
          {autoMapped.map((m) => (
            <p key={m.file.name}>
              {m.file.name}: columns mapped by the mapping remembered for this export ({m.mapping.table}).{' '}
              <button type="button" onClick={() => setEditing(m)}>
                Change mapping for {m.file.name}
              </button>
            </p>
          ))}
        </div>
      )}
      {editing && (
        <ColumnMappingForm
          key={`edit-${editing.file.name}`}
          fileName={editing.file.name}
          head={editing.head}
          initial={{ mapping: editing.mapping, reasons: {} }}
          employerIds={employerIds}
          intro="This export maps itself with the mapping below. A change is remembered for its next upload; the rows already loaded stay as they are (clear the data and load the file again to reload it)."
          confirmLabel="Remember this mapping"
          cancelLabel="Keep the current mapping"
          onConfirm={(mapping) => {
            rememberMapping(headerSignature(editing.head.header), mapping);
            setAutoMapped(autoMapped.map((m) => (m === editing ? { ...m, mapping } : m)));
            setEditing(null);
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {current && (
        <ColumnMappingForm
          key={`map-${current.file.name}-${pending.length}`}
          fileName={current.file.name}
          head={current.head}
          initial={current.suggestion}
          employerIds={employerIds}
          intro={
            current.head.table
              ? `It reads as ${current.head.table.kind}, but required columns are missing by name. Choose which of its columns hold them; suggestions come from the names and the values.`
              : undefined
          }
          confirmLabel="Load with this mapping"
          cancelLabel="Skip this file"
          onConfirm={(mapping) => {
            rememberMapping(headerSignature(current.head.header), mapping);
            next({ file: current.file, mapping });
          }}
          onCancel={() => next(null)}
        />
      )}
      {question && <DateOrderQuestion key={question.question.file} question={question.question} onAnswer={question.answer} />}
    </>
  );
  return { add, panel };
}
