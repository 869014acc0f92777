import { isParquet } from './parquet-magic';

/**
 * A data file on another origin, typed by the user: the one case where the app contacts another site,
 * and only that address. Parquet is read where it lies, through HTTP range requests (the footer, then
 * one row group at a time); CSV has to be read whole anyway, so it is downloaded as a stream.
 */

export class RemoteFileError extends Error {}

/** A byte range of a remote file that fetches its bytes only when read. */
class RangeBlob extends Blob {
  constructor(
    private readonly url: string,
    private readonly start: number,
    private readonly end: number,
  ) {
    super([]);
  }
  override get size() {
    return Math.max(0, this.end - this.start);
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    if (this.size === 0) return new ArrayBuffer(0);
    return (await fetchRange(this.url, this.start, this.end)).buffer;
  }
  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(await this.arrayBuffer());
  }
  override slice(start = 0, end = this.size): Blob {
    const clamp = (n: number) => Math.min(this.size, Math.max(0, n < 0 ? this.size + n : n));
    return new RangeBlob(this.url, this.start + clamp(start), this.start + Math.max(clamp(start), clamp(end)));
  }
  override text(): Promise<string> {
    return this.arrayBuffer().then((b) => new TextDecoder().decode(b));
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    throw new RemoteFileError('A remote Parquet file is read by ranges, not as a stream.');
  }
}

/** A remote Parquet file, as a File whose bytes are fetched by range when read. */
class RemoteParquetFile extends File {
  readonly #whole: RangeBlob;
  constructor(url: string, size: number, name: string) {
    super([], name, { type: 'application/vnd.apache.parquet' });
    this.#whole = new RangeBlob(url, 0, size);
  }
  override get size() {
    return this.#whole.size;
  }
  override slice(start?: number, end?: number): Blob {
    return this.#whole.slice(start, end);
  }
  override arrayBuffer() {
    return this.#whole.arrayBuffer();
  }
  override bytes() {
    return this.#whole.bytes();
  }
  override text() {
    return this.#whole.text();
  }
  override stream(): ReadableStream<Uint8Array<ArrayBuffer>> {
    return this.#whole.stream();
  }
}

const unreachable = (url: string, err: unknown) =>
  new RemoteFileError(
    `${url} could not be read: the server did not answer, or it does not let other sites read the file (CORS)${err instanceof Error && err.message ? ` — ${err.message}` : ''}.`,
  );

async function fetchRange(url: string, start: number, end: number): Promise<Uint8Array<ArrayBuffer>> {
  const response = await fetch(url, { headers: { Range: `bytes=${start}-${end - 1}` } }).catch((err: unknown) =>
    Promise.reject(unreachable(url, err)),
  );
  if (response.status !== 206) throw new RemoteFileError(`${url} did not answer a range request (HTTP ${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The last path segment of the URL, or a stand-in. */
function fileName(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop();
  try {
    return last ? decodeURIComponent(last) : url.hostname;
  } catch {
    return last ?? url.hostname;
  }
}

/** Checks what the user typed: an absolute http(s) URL, nothing else (no file:, data:, javascript:). */
export function parseDataUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new RemoteFileError(`“${text.trim()}” is not a web address. Type a full address such as https://example.org/hires.csv.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new RemoteFileError(`Only http and https addresses can be read, not ${url.protocol}`);
  return url;
}

/**
 * Opens a CSV or Parquet file at a URL as a File for the ingest. `onBytes` reports download progress of
 * a CSV (bytes so far, total when the server says).
 */
export async function openRemoteFile(text: string, onBytes?: (loaded: number, total: number | null) => void): Promise<File> {
  const url = parseDataUrl(text);
  const href = url.href;
  const name = fileName(url);
  const head = await fetch(href, { method: 'HEAD' }).catch(() => null);
  const length = Number(head?.ok ? head.headers.get('content-length') : NaN);
  if (Number.isFinite(length) && length >= 8) {
    const magic = await fetchRange(href, 0, 4).catch(() => null);
    if (magic && isParquet(magic)) return new RemoteParquetFile(href, length, name);
  }
  const response = await fetch(href).catch((err: unknown) => Promise.reject(unreachable(href, err)));
  if (!response.ok)
    throw new RemoteFileError(`${href} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`);
  const total = Number(response.headers.get('content-length'));
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let loaded = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      chunks.push(part.value);
      loaded += part.value.byteLength;
      onBytes?.(loaded, Number.isFinite(total) && total > 0 ? total : null);
    }
  }
  return new File(chunks, name, { type: response.headers.get('content-type') ?? 'text/csv' });
}
