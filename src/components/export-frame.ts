import { createContext } from 'react';
import { SYNTHETIC_MARK } from './synthetic-mark';
import { elementPngBlob } from './chart-export';

/** What every export of the page says around its chart: the data's date, the filters, k and whether the data are the sample. */
export interface ExportSetting {
  asOf: string | null;
  /** The filters in force, in words; empty when none. */
  filters: string;
  k: number;
  synthetic: boolean;
}

export const ExportSettingContext = createContext<ExportSetting>({ asOf: null, filters: '', k: 10, synthetic: false });

/** The words around an exported chart, so it can go on a slide as it is. */
export interface ExportText {
  title: string;
  /** The chart's headline figure with its n and interval, when it has one. */
  headline: string | null;
  /** Where the figures come from, as-of date, filters, suppression, and the synthetic mark when due. */
  footer: string[];
}

export function exportText(title: string, headline: string | undefined, source: string, setting: ExportSetting): ExportText {
  const filters = setting.filters === '' ? 'no filters' : `filters: ${setting.filters}`;
  return {
    title,
    headline: headline ?? null,
    footer: [
      `Source: ${source}`,
      `Data as of ${setting.asOf ?? 'unknown'} · ${filters} · groups and cells under ${setting.k} people suppressed · LER Outcomes`,
      ...(setting.synthetic ? [SYNTHETIC_MARK] : []),
    ],
  };
}

const PAD = 16;

/** The chart (its legend included) with the export's words above and below, rendered to a PNG at twice its size. */
export async function framedPngBlob(figure: HTMLElement, text: ExportText): Promise<Blob> {
  // Off screen, so the page does not move; the frame itself keeps normal flow, which the PNG renderer copies.
  const holder = document.createElement('div');
  holder.className = 'export-holder';
  const frame = document.createElement('div');
  frame.className = 'export-frame';
  frame.style.width = `${Math.ceil(figure.getBoundingClientRect().width) + 2 * PAD}px`;
  const line = (className: string, content: string) => {
    const p = document.createElement('p');
    p.className = className;
    p.textContent = content;
    frame.append(p);
  };
  line('export-title', text.title);
  if (text.headline) line('export-headline', text.headline);
  frame.append(figure.cloneNode(true));
  text.footer.forEach((content) => line(content === SYNTHETIC_MARK ? 'export-footer synthetic-mark' : 'export-footer', content));
  holder.append(frame);
  document.body.append(holder);
  try {
    return await elementPngBlob(frame);
  } finally {
    holder.remove();
  }
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Splits `content` into lines of at most `width` px at `size` px type (an average glyph is about 0.55 em wide). */
function wrap(content: string, width: number, size: number): string[] {
  const most = Math.max(20, Math.floor(width / (size * 0.55)));
  return content.split(' ').reduce<string[]>((lines, word) => {
    const last = lines[lines.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= most) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
    return lines;
  }, []);
}

/** The legend Recharts draws in HTML beside the SVG: each entry's words and colour. */
export function legendEntries(figure: Element): { label: string; color: string }[] {
  return Array.from(figure.querySelectorAll('.recharts-legend-item')).map((item) => {
    const icon = item.querySelector('path, line, rect');
    const fill = icon?.getAttribute('fill');
    const color = fill && fill !== 'none' ? fill : (icon?.getAttribute('stroke') ?? '#000');
    return { label: item.textContent?.trim() ?? '', color };
  });
}

/** A standalone SVG document: the export's words, the chart's own drawing and its legend, on white. */
export function framedSvgText(svg: SVGSVGElement, text: ExportText, legend: readonly { label: string; color: string }[]): string {
  const { width: chartWidth, height: chartHeight } = svg.getBoundingClientRect();
  const width = Math.round(chartWidth) + 2 * PAD;
  const doc = document.createElementNS(SVG_NS, 'svg');
  let y = PAD;
  const textLine = (content: string, size: number, attributes: Record<string, string> = {}) => {
    for (const part of wrap(content, width - 2 * PAD, size)) {
      y += size * 1.3;
      const node = document.createElementNS(SVG_NS, 'text');
      node.setAttribute('x', String(PAD));
      node.setAttribute('y', String(y));
      node.setAttribute('font-size', String(size));
      for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
      node.textContent = part;
      doc.append(node);
    }
  };
  textLine(text.title, 16, { 'font-weight': '700' });
  if (text.headline) textLine(text.headline, 13);
  y += 8;
  const chart = svg.cloneNode(true) as SVGSVGElement;
  chart.setAttribute('x', String(PAD));
  chart.setAttribute('y', String(y));
  chart.setAttribute('width', String(Math.round(chartWidth)));
  chart.setAttribute('height', String(Math.round(chartHeight)));
  doc.append(chart);
  y += chartHeight;
  if (legend.length > 0) {
    y += 18;
    const node = document.createElementNS(SVG_NS, 'text');
    node.setAttribute('x', String(PAD));
    node.setAttribute('y', String(y));
    node.setAttribute('font-size', '12');
    for (const entry of legend) {
      const swatch = document.createElementNS(SVG_NS, 'tspan');
      swatch.setAttribute('fill', entry.color);
      swatch.textContent = '■ ';
      const label = document.createElementNS(SVG_NS, 'tspan');
      label.textContent = `${entry.label}   `;
      node.append(swatch, label);
    }
    doc.append(node);
  }
  y += 6;
  for (const content of text.footer)
    textLine(content, 11, content === SYNTHETIC_MARK ? { 'font-weight': '700', fill: '#8a4b00' } : { fill: '#57606a' });
  const height = Math.ceil(y + PAD);
  doc.setAttribute('xmlns', SVG_NS);
  doc.setAttribute('width', String(width));
  doc.setAttribute('height', String(height));
  doc.setAttribute('viewBox', `0 0 ${width} ${height}`);
  doc.setAttribute('style', `font-family: ${getComputedStyle(svg).fontFamily}; background: #fff`);
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#fff');
  doc.insertBefore(background, doc.firstChild);
  return new XMLSerializer().serializeToString(doc);
}
