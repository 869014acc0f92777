import { STRENGTH_LABELS, STRENGTH_READINGS, type DesignStrength } from '../metrics/design-strength';

/** The design-strength label of an effect (DESIGN §4b), its reading in the tooltip. */
export function StrengthTag({ strength }: { strength: DesignStrength }) {
  return (
    <span className={`tag tag-${strength}`} title={STRENGTH_READINGS[strength]}>
      {STRENGTH_LABELS[strength]}
    </span>
  );
}

/** The label with its one-line reading of what the design can and cannot show. */
export function StrengthNote({ strength }: { strength: DesignStrength }) {
  return (
    <p className="footnote strength-note">
      <StrengthTag strength={strength} /> {STRENGTH_READINGS[strength]}
    </p>
  );
}
