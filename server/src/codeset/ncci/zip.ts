/**
 * Reads the members of a zip archive (the form CMS publishes the NCCI tables in)
 * with node's zlib: the central directory gives each member's name, method and
 * sizes; stored and deflated members are supported, nested zips are opened too.
 * No dependency. Throws an Error with a plain message on a damaged archive; the
 * importer reports it against the file.
 */
import * as zlib from 'node:zlib';

export interface ZipMember {
  /** Path inside the archive; for a nested zip, "outer.zip/inner.txt". */
  name: string;
  data: Buffer;
}

export function readZip(bytes: Buffer, prefix = ''): ZipMember[] {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive (no end-of-central-directory record)');
  const count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  const members: ZipMember[] = [];
  for (let n = 0; n < count; n++) {
    if (bytes.readUInt32LE(offset) !== 0x02014b50) throw new Error('damaged zip central directory');
    const method = bytes.readUInt16LE(offset + 10);
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const local = bytes.readUInt32LE(offset + 42);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (compressedSize === 0xffffffff || local === 0xffffffff) throw new Error(`${name}: zip64 members are not supported`);
    if (bytes.readUInt32LE(local) !== 0x04034b50) throw new Error(`${name}: damaged local header`);
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const raw = bytes.subarray(start, start + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = zlib.inflateRawSync(raw);
    else throw new Error(`${name}: compression method ${method} is not supported`);
    if (/\.zip$/i.test(name)) for (const member of readZip(data, `${prefix}${name}/`)) members.push(member);
    else members.push({ name: prefix + name, data });
  }
  return members;
}
