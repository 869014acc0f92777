import { useId, useState } from 'react';
import { EvidenceRejected, readEvidence } from '../../business-case/evidence';
import { useAppStore } from '../../store/app-store';

/** Loads another pilot's results@1 file as evidence, or says in one line why it cannot. */
export function EvidenceLoader() {
  const evidence = useAppStore((s) => s.evidence);
  const setEvidence = useAppStore((s) => s.setEvidence);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const load = async (file: File | undefined) => {
    if (!file) return;
    try {
      setEvidence(readEvidence(await file.text(), file.name));
      setError(null);
    } catch (err) {
      setError(err instanceof EvidenceRejected ? err.message : `${file.name} could not be read: ${String(err)}`);
    }
  };
  return (
    <div className="evidence">
      {evidence ? (
        <p>
          Evidence from another pilot: <strong>{evidence.name}</strong> (
          {evidence.results.data === 'synthetic sample' && <strong>synthetic sample data, </strong>}results as of {evidence.results.as_of},{' '}
          {evidence.results.counts.employers.toLocaleString('en-US')} employers). Its effects are used where the loaded data give none.{' '}
          <button type="button" className="inline" onClick={() => setEvidence(null)}>
            Remove
          </button>
        </p>
      ) : (
        <p>
          <label htmlFor={id}>Evidence from another pilot (a results file it shared, JSON):</label>{' '}
          <input
            id={id}
            type="file"
            accept=".json,application/json"
            onChange={(e) => {
              void load(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </p>
      )}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
