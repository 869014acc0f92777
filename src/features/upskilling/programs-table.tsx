import { promotionEffect } from '../../business-case/effects';
import { formatCount, formatPercent, formatRange, formatSigned, formatUsd, formatWholePercent } from '../../components/format';
import { SourceTag } from '../../components/source-tag';
import { StrengthTag } from '../../components/strength-tag';
import { isSuppressed, type OrSuppressed } from '../../metrics/suppression';
import type { UpskillingFigures, UpskillingResults } from '../../metrics/upskilling';

/** The promotion effect of DESIGN §4b, LER credential − other, in a sentence with its label. */
function PromotionNote({ byCredential }: { byCredential: UpskillingResults['by_credential_as_ler'] }) {
  const effect = promotionEffect(byCredential);
  if (!effect) return null;
  const points = (x: number) => formatSigned(x * 100);
  return (
    <p className="footnote">
      <StrengthTag strength="descriptive" /> Completions with a credential issued as an LER were promoted within a year{' '}
      {points(effect.estimate)} percentage points more often than others (95% CI {points(effect.low)} to {points(effect.high)}, Wald;{' '}
      {formatCount(effect.n ?? 0)} completions followed a year). People who earn LER credentials may differ from others: this describes the
      data; the business case uses it, labelled so, as the only estimate there is.
    </p>
  );
}

/** Each program's and each credential group's figures, with the promotion effect under them. */
export function ProgramsTable({ result, k }: { result: UpskillingResults; k: number }) {
  const rows: { label: string; figures: OrSuppressed<UpskillingFigures> }[] = [
    ...result.by_program.map(({ program, ...figures }) => ({ label: program, figures })),
    ...(['true', 'false'] as const).flatMap((key) => {
      const figures = result.by_credential_as_ler[key];
      return figures ? [{ label: key === 'true' ? 'Credential issued as an LER' : 'Credential not issued as an LER', figures }] : [];
    }),
  ];
  return (
    <div className="card">
      <h3>
        Programs <SourceTag kind="measured" />
      </h3>
      <div className="table-wrap">
        <table className="report" aria-label="Programs">
          <thead>
            <tr>
              {[
                'Program',
                'Enrollments',
                'Completions',
                'Trainees',
                'Cost',
                'Promotions',
                'Promoted within a year',
                'Benefit',
                'ROI',
                'Payback',
              ].map((h) => (
                <th key={h} scope="col">
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ label, figures }) =>
              isSuppressed(figures) ? (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td colSpan={9}>suppressed (fewer than {k} people)</td>
                </tr>
              ) : (
                <tr key={label}>
                  <th scope="row">{label}</th>
                  <td>{formatCount(figures.enrollments)}</td>
                  <td>{formatCount(figures.completions)}</td>
                  <td>{formatCount(figures.trainees)}</td>
                  <td>{formatUsd(figures.cost)}</td>
                  <td>{formatCount(figures.promotions)}</td>
                  <td>
                    {figures.promotion_rate_365 === null ? '—' : formatPercent(figures.promotion_rate_365)}
                    <span className="muted"> of {formatCount(figures.completions_followed_365)}</span>
                  </td>
                  <td>{formatUsd(figures.benefit)}</td>
                  <td>
                    {figures.roi_pct === null ? '—' : formatWholePercent(figures.roi_pct)}
                    {figures.roi_pct_ci95 && <span className="muted"> ({formatRange(figures.roi_pct_ci95, formatWholePercent)})</span>}
                  </td>
                  <td>
                    {figures.payback_months === null ? 'never' : `${figures.payback_months.toFixed(1)} mo`}
                    {figures.payback_months_ci95 && (
                      <span className="muted"> ({formatRange(figures.payback_months_ci95, (m) => m.toFixed(1), 'never')})</span>
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <p className="footnote">
        The last two rows split all enrollments by whether the credential earned was issued as a verifiable LER. In brackets, 95% intervals:
        only separations avoided is sampled (DESIGN §4b). Promoted within a year: the share of completions followed a whole year (completed
        at least 365 days before the as-of date) that led to a promotion within 365 days.
      </p>
      <PromotionNote byCredential={result.by_credential_as_ler} />
    </div>
  );
}
