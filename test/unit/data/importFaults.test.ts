/**
 * Imports never lose good data (issue 15): a failed or interrupted import leaves the
 * previous index in use; hostile and broken archives get a clear error each. The zips
 * are built here, byte by byte, so each fault is exactly the one named.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { loadCodeSet } from '../../../server/src/codeset/load';
import { runImport } from '../../../server/src/cli/import';
import { importNcci } from '../../../server/src/codeset/ncci/importNcci';
import { readZip } from '../../../server/src/codeset/ncci/zip';
import { dataDir, fixturesDir } from './support';

const ncciDir = path.join(fixturesDir, 'ncci');
const PTP_F2 = fs.readFileSync(path.join(ncciDir, 'synthetic-ccipra-v000r0-f2.txt'));

interface Entry {
  name: string;
  data: Buffer;
  /** Stored (0) or deflated (8). */
  method?: 0 | 8;
  /** Unix mode for the external attributes (made by Unix), e.g. 0o120777 for a symlink. */
  mode?: number;
  /** Uncompressed size written in the headers (default: the real one). */
  declaredSize?: number;
}

/** A zip archive with the given entries (no data descriptors, no zip64). */
function zip(entries: Entry[], eocdCount?: number): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const method = e.method ?? 8;
    const body = method === 8 ? zlib.deflateRawSync(e.data) : e.data;
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt8(20, 4);
    central.writeUInt8(e.mode === undefined ? 0 : 3, 5);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(e.mode === undefined ? 0 : (e.mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(eocdCount ?? entries.length, 8);
  eocd.writeUInt16LE(eocdCount ?? entries.length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, eocd]);
}

describe('import faults: the previous data stays in use, every fault is named', () => {
  let dir: string;
  let userDir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpt-lens-import-faults-'));
    userDir = path.join(dir, 'user');
    // A good import first: what every failed import below must leave in use.
    const first = importNcci([ncciDir], userDir);
    assert.deepEqual(first.errors, []);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const indexFiles = (): Record<string, string> =>
    Object.fromEntries(fs.readdirSync(path.join(userDir, 'ncci')).sort().map((f) => [f, fs.readFileSync(path.join(userDir, 'ncci', f)).toString('base64')]));
  /** Imports `bytes` as `name`; asserts an error matching `message` and an unchanged index. */
  function refused(name: string, bytes: Buffer, message: RegExp, limits?: Parameters<typeof importNcci>[2]): void {
    const before = indexFiles();
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const report = importNcci([file], userDir, limits);
    const said = [...report.errors, ...report.files.map((f) => f.skipped ?? '')].join('\n');
    assert.match(said, message);
    assert.deepEqual(report.tables, []);
    assert.deepEqual(indexFiles(), before, 'the previous index is unchanged');
    assert.deepEqual(loadCodeSet({ dataDir, userDataDir: userDir }).problems, []);
    assert.deepEqual(fs.readdirSync(userDir).filter((f) => f.startsWith('.ncci-import-')), [], 'no staging folder left behind');
  }

  it('refuses a member with ".." in its path', () => refused('dotdot.zip', zip([{ name: '../../evil-ccipra-v1r0-f1.txt', data: PTP_F2 }]), /evil-ccipra-v1r0-f1\.txt: refused: a zip member with a "\.\." path/));
  it('refuses a member with an absolute path', () => refused('absolute.zip', zip([{ name: '/etc/ccipra-v1r0-f1.txt', data: PTP_F2 }]), /refused: a zip member with an absolute path/));
  it('refuses a member with a drive letter', () => refused('drive.zip', zip([{ name: 'C:\\ccipra-v1r0-f1.txt', data: PTP_F2 }]), /refused: a zip member with an absolute path/));
  it('refuses a symbolic link', () => refused('symlink.zip', zip([{ name: 'ccipra-v1r0-f1.txt', data: Buffer.from('/etc/passwd'), mode: 0o120777, method: 0 }]), /refused: a symbolic link/));
  it('refuses a zip bomb: inflating stops at the cap', () => {
    const bomb = zip([{ name: 'ccipra-v1r0-f1.txt', data: Buffer.alloc(8 * 1024 * 1024) }]);
    assert.ok(bomb.length < 20_000, `${bomb.length} bytes`);
    refused('bomb.zip', bomb, /inflates to more than 1 MB \(a zip bomb/, { zipLimits: { maxMemberBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024, maxDepth: 3 } });
  });
  it('refuses a zip bomb whose headers lie about the size', () => {
    const liar = zip([{ name: 'ccipra-v1r0-f1.txt', data: Buffer.alloc(8 * 1024 * 1024), declaredSize: 100 }]);
    refused('liar.zip', liar, /inflates to more than 1 MB/, { zipLimits: { maxMemberBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024, maxDepth: 3 } });
  });
  it('caps the total of many members, and the nesting of zips', () => {
    const many = zip(Array.from({ length: 6 }, (_, i) => ({ name: `m${i}-ccipra-v1r0-f1.txt`, data: Buffer.alloc(900 * 1024) })));
    assert.throws(() => readZip(many, '', { maxMemberBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024, maxDepth: 3 }), /inflates to more than/);
    let nested = zip([{ name: 'ccipra-v1r0-f1.txt', data: PTP_F2 }]);
    for (let i = 0; i < 4; i++) nested = zip([{ name: `level${i}.zip`, data: nested }]);
    refused('nested.zip', nested, /zips nested more than 3 deep/);
  });
  it('says zip64 archives are not supported', () => {
    refused('zip64.zip', zip([{ name: 'ccipra-v1r0-f1.txt', data: PTP_F2 }], 0xffff), /zip64 archives are not supported/);
    refused('zip64-member.zip', zip([{ name: 'ccipra-v1r0-f1.txt', data: PTP_F2, method: 0, declaredSize: 0xffffffff }]), /zip64 members are not supported/);
  });
  it('names an empty zip, a zip cut short, and a file that is not a zip', () => {
    refused('empty.zip', Buffer.alloc(0), /empty file, not a zip archive/);
    const good = zip([{ name: 'ccipra-v1r0-f1.txt', data: PTP_F2 }]);
    refused('cut.zip', Buffer.concat([good.subarray(0, 40), good.subarray(good.length - 22)]), /damaged zip archive/);
    refused('picture.zip', Buffer.from('\x89PNG\r\n\x1a\n' + 'x'.repeat(100), 'latin1'), /not a zip archive/);
  });
  it('skips an empty table file and a file in another format, and changes nothing', () => {
    refused('ccipra-v1r0-f1.txt', Buffer.alloc(0), /empty file/);
    refused('mue.csv', Buffer.from('this is a letter, not a table\n'), /not recognised as an NCCI PTP, MUE or add-on code table/);
  });
  it('keeps the previous index when writing fails midway (full disk, crash)', () => {
    const before = indexFiles();
    const report = importNcci([path.join(ncciDir, 'synthetic-ccipra-v000r0-f2.txt')], userDir, {
      afterWrite: (name) => {
        if (name === 'ptp.bin') throw new Error('ENOSPC: no space left on device');
      },
    });
    assert.match(report.errors.join('\n'), /writing the index failed \(ENOSPC: no space left on device\); the previous index is unchanged/);
    assert.deepEqual(indexFiles(), before);
    assert.deepEqual(fs.readdirSync(userDir).filter((f) => f.startsWith('.ncci-import-')), []);
  });
  it('a later successful import replaces the index whole and keeps the tables it does not bring', () => {
    const report = importNcci([path.join(ncciDir, 'synthetic-ccipra-v000r0-f2.txt')], userDir);
    assert.deepEqual(report.errors, []);
    assert.deepEqual(report.tables.map((t) => `${t.label}: ${t.rows}`), ['PTP (procedure-to-procedure edits): 2']);
    const { codeSet } = loadCodeSet({ dataDir, userDataDir: userDir });
    assert.ok(codeSet.mue('47383'), 'the MUE table of the first import is kept');
    assert.match(codeSet.version().ncci ?? '', /^PTP .*; MUE .*; AOC .*$/);
  });
  it('quotes a huge bad cell of a table in a few characters when it lists the skipped rows', () => {
    const file = path.join(dir, 'mue-practitioner.csv');
    const header = 'HCPCS/CPT Code,Practitioner Services MUE Values,MUE Adjudication Indicator,MUE Rationale\n';
    fs.writeFileSync(file, `${header}47383,1,"2 Date of Service Edit: Policy",x\n${'9'.repeat(500_000)},1,"2 Date",x\n47383,${'Q'.repeat(500_000)},"2 Date",x\n`);
    const err: string[] = [];
    const code = runImport(['ncci', file, '--out', userDir], { out: () => undefined, err: (l) => err.push(l) });
    assert.equal(code, 1, err.join('\n'));
    assert.equal(err.length, 2, err.join('\n'));
    for (const line of err) assert.ok(line.length < 1_000, `${line.length} characters`);
  });
});
