/** Text encodings the ingest reads, and transcoding to the UTF-8 that DuckDB's CSV reader needs. */

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** The encoding's name for people, as it appears in a file's notes. */
export const ENCODING_LABEL: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with a byte-order mark',
  'utf-16le': 'UTF-16 little-endian',
  'utf-16be': 'UTF-16 big-endian',
  'windows-1252': 'Windows-1252',
};

/** Bytes of byte-order mark at the start of the file in this encoding. */
export const BOM_BYTES: Record<TextEncoding, number> = { 'utf-8': 0, 'utf-8-bom': 3, 'utf-16le': 2, 'utf-16be': 2, 'windows-1252': 0 };

const DECODER_LABEL: Record<TextEncoding, string> = {
  'utf-8': 'utf-8',
  'utf-8-bom': 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'windows-1252': 'windows-1252',
};

/**
 * Counts, in bytes that are not ASCII, the well-formed UTF-8 sequences and the bytes that cannot start
 * or continue one. A sequence cut by the end of the head counts as neither.
 */
export function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b < 0x80) continue;
    const tail = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (tail < 0) {
      invalid++;
      continue;
    }
    let ok = true;
    for (let k = 1; k <= tail && i + k < bytes.length; k++) ok &&= ((bytes[i + k] as number) & 0xc0) === 0x80;
    if (ok && i + tail >= bytes.length) break;
    if (ok) {
      valid++;
      i += tail;
    } else invalid++;
  }
  return { valid, invalid };
}

/**
 * The encoding of a file from its first bytes: a byte-order mark decides (UTF-8, UTF-16 LE or BE).
 * Without one, the file is UTF-8 unless its non-ASCII bytes include no well-formed UTF-8 sequence at
 * all and some that cannot be UTF-8: then it is Windows-1252, which Excel on Windows writes "CSV" in.
 * A UTF-8 file with a few damaged rows stays UTF-8, and the reader rejects those rows.
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8-bom';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const { valid, invalid } = utf8Evidence(head);
  return invalid > 0 && valid === 0 ? 'windows-1252' : 'utf-8';
}

/** Decodes the head of a file (without its byte-order mark); a character cut at the end is dropped, not garbled. */
export function decodeHead(head: Uint8Array, encoding: TextEncoding): string {
  return new TextDecoder(DECODER_LABEL[encoding], { ignoreBOM: true }).decode(head.subarray(BOM_BYTES[encoding]), { stream: true });
}

/** Transcoding reads this many bytes at a time, so a large file never becomes one string. */
export const TRANSCODE_CHUNK_BYTES = 8 << 20;

/**
 * The file's content as UTF-8 without a byte-order mark, for DuckDB's reader. UTF-8 files are passed
 * on as they are (sliced past a BOM); others are transcoded chunk by chunk into a Blob of parts, the
 * decoder carrying any character split across chunks.
 */
export async function utf8Content(file: Blob, encoding: TextEncoding, chunkBytes = TRANSCODE_CHUNK_BYTES): Promise<Blob> {
  if (encoding === 'utf-8') return file;
  if (encoding === 'utf-8-bom') return file.slice(3);
  const decoder = new TextDecoder(DECODER_LABEL[encoding], { ignoreBOM: true });
  const encoder = new TextEncoder();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  for (let start = BOM_BYTES[encoding]; start < file.size; start += chunkBytes) {
    const chunk = new Uint8Array(await file.slice(start, start + chunkBytes).arrayBuffer());
    parts.push(encoder.encode(decoder.decode(chunk, { stream: true })));
  }
  parts.push(encoder.encode(decoder.decode()));
  return new Blob(parts);
}
