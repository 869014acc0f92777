import { useAppStore } from '../../store/app-store';

/** After a load in which a file failed (so nothing of it loaded): the choice to keep the files that did check, with what that means. */
export function HeldFiles() {
  const held = useAppStore((s) => s.heldBatch);
  const keep = useAppStore((s) => s.keepHeldFiles);
  const discard = useAppStore((s) => s.discardHeldFiles);
  if (!held) return null;
  return (
    <section className="card held-files" aria-labelledby="held-files-title">
      <h3 id="held-files-title">Keep the files that loaded?</h3>
      <p>The other files were read and checked. Keeping them without the failed file loads:</p>
      <ul>
        {held.consequences.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" onClick={() => void keep()}>
          Keep the files that loaded
        </button>
        <button type="button" onClick={() => void discard()}>
          Discard them
        </button>
      </div>
    </section>
  );
}
