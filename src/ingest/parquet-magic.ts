/**
 * Telling Parquet from text by its first bytes, apart from the Parquet reader itself so that the reader
 * (hyparquet) loads only when a Parquet file arrives.
 */

/** Parquet files start and end with these four bytes. */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}
