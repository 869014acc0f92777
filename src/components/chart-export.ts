/** Saving a chart as SVG or PNG, from the SVG element Recharts draws. */

/**
 * The chart's own drawing surface: Recharts also draws each legend icon as an svg.recharts-surface
 * (https://github.com/recharts/recharts/pull/389), so the first one on the card can be an icon.
 */
export const chartSurface = (figure: Element): SVGSVGElement | null =>
  figure.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface') ?? figure.querySelector<SVGSVGElement>('svg');

/** Renders an element (a chart with its legend, or the brief) to a PNG at twice its size, for sharp slides: the one PNG exporter. */
export async function elementPngBlob(element: HTMLElement): Promise<Blob> {
  const { toBlob } = await import('html-to-image');
  const blob = await toBlob(element, { pixelRatio: 2, backgroundColor: '#ffffff' });
  if (!blob) throw new Error('PNG encoding failed');
  return blob;
}

/** Saves a blob through the browser's download, without leaving the tab. */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
