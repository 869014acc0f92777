import { SAMPLE_DATA_ID } from '../ingest/tables';
import { useAppStore } from '../store/app-store';
import { PageLink } from './page-link';

/** Whether the figures on screen are the bundled sample's, also while they are the ones saved from an earlier visit. */
export const useShowingSample = () => useAppStore((s) => (s.dataId ?? s.snapshot?.dataId) === SAMPLE_DATA_ID);

/** Says, above every page, that the sample's figures are synthetic, so no one mistakes them for pilot evidence. */
export function SampleBanner() {
  if (!useShowingSample()) return null;
  return (
    <p className="sample-banner">
      <strong>Synthetic sample data.</strong> Every figure here is computed from generated data calibrated to published figures, not from
      any employer or pilot: use it to learn the product, not as evidence. <PageLink page="data">Load your own files</PageLink> to see your
      figures.
    </p>
  );
}
