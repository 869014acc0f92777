import { SourceTag, type Provenance } from './source-tag';

/** A headline number with its label, detail (n, interval) and provenance. */
export function Figure({ label, value, detail, provenance }: { label: string; value: string; detail: string; provenance?: Provenance }) {
  return (
    <div className="figure">
      <dt>
        {label} {provenance && <SourceTag kind={provenance} />}
      </dt>
      <dd>
        <span className="value">{value}</span>
        <span className="detail">{detail}</span>
      </dd>
    </div>
  );
}
