/**
 * Reads a CMS source file as the build and `cpt-lens import` see it: gzip files
 * (`.gz`, or any file that starts with the gzip magic bytes) are inflated, so the
 * repository can keep its sources compressed and a user can import a `.gz` as is.
 * Checksums are of the inflated bytes, i.e. of the file CMS published.
 */
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

/** Inflated size above which a gzip source is refused (the largest CMS file here is 15 MB). */
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

export function readSourceBytes(file: string): Buffer {
  const bytes = fs.readFileSync(file);
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return zlib.gunzipSync(bytes, { maxOutputLength: MAX_INFLATED_BYTES });
  }
  return bytes;
}

/** The CMS file name behind a stored source: `PPRRVU2025_Oct.csv.gz` → `PPRRVU2025_Oct.csv`. */
export function publishedName(file: string): string {
  return file.replace(/\.gz$/i, '');
}
