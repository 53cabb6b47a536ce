/**
 * Reads the members of a zip archive (the form CMS publishes the NCCI tables in)
 * with node's zlib: the central directory gives each member's name, method and
 * sizes; stored and deflated members are supported, nested zips are opened too.
 * No dependency. Throws an Error with a plain message on a damaged or hostile archive;
 * the importer reports it against the file:
 * - a member named with `..`, an absolute path or a drive letter, and a symbolic link,
 *   are refused (the members are only read, never extracted, but such an archive is not
 *   one CMS publishes);
 * - inflating stops at `maxMemberBytes` per member and `maxTotalBytes` in all (a zip
 *   bomb: a few kilobytes that inflate to gigabytes), nested zips at `maxDepth`;
 * - zip64 archives, empty files and files that are not zips say so.
 */
import * as zlib from 'node:zlib';

export interface ZipMember {
  /** Path inside the archive; for a nested zip, "outer.zip/inner.txt". */
  name: string;
  data: Buffer;
}

export interface ZipLimits {
  /** Largest inflated member (the CMS PTP text files are about 100 MB each). */
  maxMemberBytes: number;
  /** Largest inflated total of one archive, nested zips included. */
  maxTotalBytes: number;
  /** Deepest nesting of zips in zips (CMS nests one level). */
  maxDepth: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxMemberBytes: 1024 * 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 * 1024, maxDepth: 3 };

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Why a member name is unsafe, or undefined. */
function unsafeName(name: string): string | undefined {
  if (name.includes('\0')) return 'a NUL character in its name';
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) return 'an absolute path';
  if (name.split(/[\\/]/).includes('..')) return 'a ".." path';
  return undefined;
}

export function readZip(bytes: Buffer, prefix = '', limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipMember[] {
  const budget = { left: limits.maxTotalBytes };
  try {
    return read(bytes, prefix, limits, budget, 0);
  } catch (error) {
    // Reads past the end of a truncated archive: say so instead of "offset out of range".
    if (error instanceof RangeError && (error as NodeJS.ErrnoException).code === 'ERR_OUT_OF_RANGE') throw new Error('damaged zip archive (cut short or corrupt)', { cause: error });
    throw error;
  }
}

function read(bytes: Buffer, prefix: string, limits: ZipLimits, budget: { left: number }, depth: number): ZipMember[] {
  if (bytes.length === 0) throw new Error('empty file, not a zip archive');
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(bytes.length < 22 ? 'not a zip archive (too short)' : 'not a zip archive (no end-of-central-directory record)');
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new Error('zip64 archives are not supported: save the tables as a plain zip or pass the files themselves');
  const members: ZipMember[] = [];
  for (let n = 0; n < count; n++) {
    if (bytes.readUInt32LE(offset) !== 0x02014b50) throw new Error('damaged zip central directory');
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const size = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const madeBy = bytes.readUInt8(offset + 5);
    const external = bytes.readUInt32LE(offset + 38);
    const local = bytes.readUInt32LE(offset + 42);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    const unsafe = unsafeName(name);
    if (unsafe) throw new Error(`${prefix}${name}: refused: a zip member with ${unsafe}`);
    // Unix-made archives keep the file mode in the high 16 bits of the external attributes.
    if (madeBy === 3 && ((external >>> 16) & S_IFMT) === S_IFLNK) throw new Error(`${prefix}${name}: refused: a symbolic link in the archive`);
    if (name.endsWith('/')) continue;
    if (compressedSize === 0xffffffff || size === 0xffffffff || local === 0xffffffff) throw new Error(`${prefix}${name}: zip64 members are not supported`);
    if (bytes.readUInt32LE(local) !== 0x04034b50) throw new Error(`${prefix}${name}: damaged local header`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressedSize > bytes.length) throw new Error(`${prefix}${name}: damaged zip archive (member cut short)`);
    const raw = bytes.subarray(start, start + compressedSize);
    const cap = Math.min(limits.maxMemberBytes, budget.left);
    const tooBig = (): Error =>
      new Error(`${prefix}${name}: refused: inflates to more than ${megabytes(cap)} (a zip bomb, or tables larger than any CMS release)`);
    if (size > cap) throw tooBig();
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) {
      try {
        // Stops inflating past the cap whatever the header claims.
        data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, cap) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooBig();
        throw new Error(`${prefix}${name}: damaged compressed data (${(error as Error).message})`, { cause: error });
      }
    } else throw new Error(`${prefix}${name}: compression method ${method} is not supported`);
    if (data.length > cap) throw tooBig();
    budget.left -= data.length;
    if (/\.zip$/i.test(name)) {
      if (depth + 1 >= limits.maxDepth) throw new Error(`${prefix}${name}: refused: zips nested more than ${limits.maxDepth} deep`);
      for (const member of read(data, `${prefix}${name}/`, limits, budget, depth + 1)) members.push(member);
    } else members.push({ name: prefix + name, data });
  }
  return members;
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${bytes} bytes` : `${Math.round(bytes / (1024 * 1024))} MB`;
}
