/** The first two bytes of a gzip stream. */
export const GZIP = [0x1f, 0x8b];

/** Whether a file looks like a contribution (JSON or gzip) rather than a CSV or Parquet file, from its name and first bytes. */
export async function isContributionFile(file: Blob & { name?: string }): Promise<boolean> {
  if (/\.json(\.gz)?$/i.test(file.name ?? '')) return true;
  const head = new Uint8Array(await file.slice(0, 64).arrayBuffer());
  if (head[0] === GZIP[0] && head[1] === GZIP[1]) return true;
  return /^\s*\{/.test(new TextDecoder().decode(head));
}
