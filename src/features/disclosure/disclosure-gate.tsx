import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ExportCheckContext, type ExportCheck } from '../../components/export-check';
import { describeRisk } from '../../export/disclosure';
import { useAppStore } from '../../store/app-store';
import { disclosureRisks } from '../../store/disclosure-check';

interface Question {
  risks: string[];
  answer: (go: boolean) => void;
}

/** Checks every export for groups smaller than k and asks before one that has them leaves the tab. */
export function DisclosureGate({ children }: { children: ReactNode }) {
  const k = useAppStore((s) => s.suppressionK);
  const dataVersion = useAppStore((s) => s.dataVersion);
  const [question, setQuestion] = useState<Question | null>(null);
  const check = useCallback<ExportCheck>(
    async (rows, columns) => {
      const risks = await disclosureRisks(rows, columns, k, dataVersion).catch((err: unknown) => [
        String(err instanceof Error ? err.message : err),
      ]);
      if (risks.length === 0) return true;
      return new Promise<boolean>((resolve) =>
        setQuestion({
          risks: risks.map((r) => (typeof r === 'string' ? `The check could not run: ${r}` : describeRisk(r, k))),
          answer: (go) => {
            setQuestion(null);
            resolve(go);
          },
        }),
      );
    },
    [k, dataVersion],
  );
  return (
    <ExportCheckContext.Provider value={check}>
      {children}
      {question && <DisclosureDialog question={question} k={k} />}
    </ExportCheckContext.Provider>
  );
}

function DisclosureDialog({ question, k }: { question: Question; k: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="disclosure" aria-labelledby="disclosure-title" onCancel={() => question.answer(false)}>
      <h2 id="disclosure-title">This export may identify people</h2>
      <ul>
        {question.risks.map((risk) => (
          <li key={risk}>{risk}</li>
        ))}
      </ul>
      <p className="muted">
        Groups smaller than k = {k} can point at individuals. Check that whoever receives the file may see them, or export a coarser view.
      </p>
      <div className="actions">
        <button type="button" autoFocus onClick={() => question.answer(false)}>
          Cancel export
        </button>
        <button type="button" className="danger" onClick={() => question.answer(true)}>
          Export anyway
        </button>
      </div>
    </dialog>
  );
}
