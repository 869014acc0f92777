/**
 * How strong the design behind an effect is (DESIGN §4b), strongest first: a pilot DiD across
 * employers, a within-employer comparison, a raw group difference, another pilot's results file, a
 * published benchmark, the user's own figure. Every effect the product shows carries one.
 */
export type DesignStrength = 'did' | 'within_employer' | 'descriptive' | 'evidence' | 'benchmark' | 'assumed';

export const STRENGTH_LABELS: Record<DesignStrength, string> = {
  did: 'DiD',
  within_employer: 'within employer',
  descriptive: 'descriptive',
  evidence: 'evidence',
  benchmark: 'benchmark',
  assumed: 'assumed',
};

/** What each design can and cannot show, in one line. */
export const STRENGTH_READINGS: Record<DesignStrength, string> = {
  did: 'Adopting employers against never-adopting ones, before and after adoption: the change adoption brought, if adopters would otherwise have followed the others’ path; not other changes they made at the same time.',
  within_employer:
    'LER and other hires compared within the same employer, occupation and start year: differences between employers are removed; differences between the people hired are not.',
  descriptive: 'A raw comparison of groups that differ in more than what is compared: it describes the data and is not an effect.',
  evidence: 'Measured in another pilot’s data: what LERs did there, with its interval; your employers may differ from that pilot’s.',
  benchmark: 'A published figure, not measured here: a starting point for the case, not evidence about your employer.',
  assumed: 'A figure you typed: the case is as good as it is.',
};
