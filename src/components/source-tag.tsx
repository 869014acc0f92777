export type Provenance = 'measured' | 'assumed' | 'benchmark';

const TITLES: Record<Provenance, string> = {
  measured: 'Computed from the loaded data',
  assumed: 'An input you can edit',
  benchmark: 'A published figure; its source is named',
};

/** Where a number of this kind comes from, in words. */
export const provenanceText = (kind: Provenance) => TITLES[kind];

/** Says where a number comes from. */
export function SourceTag({ kind }: { kind: Provenance }) {
  return (
    <span className={`tag tag-${kind}`} title={TITLES[kind]}>
      {kind}
    </span>
  );
}
