import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { PALETTE } from '../../src/components/series-charts';
import type { Session } from './chromium';

type Card = ReturnType<Session['page']['getByRole']>;

/** Saves a chart card's export and returns its bytes. */
export async function saveExport(session: Session, card: Card, button: 'PNG' | 'CSV'): Promise<Buffer> {
  const download = session.page.waitForEvent('download');
  await card.getByRole('button', { name: button, exact: true }).click();
  return readFileSync(await (await download).path());
}

/** Decodes a PNG in the page: its size, and how many pixels are within a small distance of one of `colours` (#rrggbb). */
export async function decodedPng(
  session: Session,
  png: Buffer,
  colours: readonly string[],
): Promise<{ width: number; height: number; palettePixels: number }> {
  const rgb = colours.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
  return session.page.evaluate(
    async ({ base64, rgb }) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(bitmap, 0, 0);
      const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      let palettePixels = 0;
      for (let i = 0; i < data.length; i += 4)
        if (
          rgb.some(
            ([r = 0, g = 0, b = 0]) =>
              Math.abs((data[i] ?? 0) - r) + Math.abs((data[i + 1] ?? 0) - g) + Math.abs((data[i + 2] ?? 0) - b) < 30,
          )
        )
          palettePixels++;
      return { width: bitmap.width, height: bitmap.height, palettePixels };
    },
    { base64: png.toString('base64'), rgb },
  );
}

/**
 * Saves a chart card's PNG and decodes it in the page: checks it is the framed figure (16 px padding each
 * side, words above and below) at twice its size, and returns how many pixels have the LER series colour.
 */
export async function exportedPoints(session: Session, card: Card): Promise<number> {
  const png = await saveExport(session, card, 'PNG');
  // The figure, not the legend icons inside it (which are images too).
  const figure = await card.locator('div[role="img"]').boundingBox();
  const decoded = await decodedPng(session, png, [PALETTE.ler]);
  expect(PALETTE.ler).toBe('#0072B2');
  expect(decoded.width).toBeCloseTo(2 * (Math.ceil(figure?.width ?? 0) + 32), -1);
  expect(decoded.height).toBeGreaterThan(2 * ((figure?.height ?? 0) + 32));
  return decoded.palettePixels;
}

/** A CSV export as objects (the cells here are numbers and words: no quoting to undo). */
export function parseCsv(bytes: Buffer): Record<string, string>[] {
  const [header, ...lines] = bytes.toString('utf8').trim().split('\r\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
}
