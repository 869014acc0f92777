import { useState, type RefObject } from 'react';
import { elementPngBlob, saveBlob } from './chart-export';

/** Print (or PDF) and PNG buttons for a one-page brief: `what` names it in the buttons. */
export function BriefActions({ node, what, fileName }: { node: RefObject<HTMLElement | null>; what: string; fileName: string }) {
  const [busy, setBusy] = useState(false);
  const savePng = async () => {
    if (!node.current) return;
    setBusy(true);
    try {
      saveBlob(fileName, await elementPngBlob(node.current));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="brief-actions">
      <button type="button" onClick={() => window.print()}>
        Print or save {what} as PDF
      </button>
      <button type="button" onClick={() => void savePng()} disabled={busy}>
        {busy ? 'Saving…' : `Save ${what} as PNG`}
      </button>
    </div>
  );
}
