// Editor responsiveness on a big charge file, measured over the real protocol:
// `node scripts/bench-editor.mjs [lines]` (default 100000) after `npm run build` and
// `tsc -p .` (it uses the test suite's server harness from out/). Spawns
// `cpt-lens serve --stdio`, opens a generated file (SYNTHETIC rows: real codes,
// made-up patients), and times what a coder's editor asks for: the first pull of
// diagnostics, completion, inlay hints for one screen, code lens for the file, and a
// one-cell edit followed by a pull. Prints one line per request, in milliseconds. Then a
// scripted typing session (issue 13's server rows): per keystroke the edit, a hover and a
// completion near it and a pull of diagnostics, each timed (p50/p99); then 10,000 edits with
// a pull every 50th, and the server's resident memory before and after.
// `--results FILE` writes the numbers as JSON (npm run bench reads them).
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { ServerProcess } = require(path.join(root, 'out/test/support/serverProcess.js'));

const args = process.argv.slice(2);
const resultsAt = args.indexOf('--results');
const resultsFile = resultsAt >= 0 ? args.splice(resultsAt, 2)[1] : undefined;
const lines = Number(args[0] ?? 100000);
const results = { lines };
/** The server's resident memory in MB (Linux `ps`; undefined elsewhere). */
const rssMb = (pid) => {
  try {
    return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024;
  } catch {
    return undefined;
  }
};
const quantile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
};
const codes = ['47383', '76940', '99213', '20610', '71045', '27447', '99214', 'J1100'];
const rows = ['claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi'];
for (let i = 0; i < lines; i++) {
  const claim = Math.floor(i / 3);
  rows.push(`CLM${claim},PT-${claim},2025-10-${String(14 + (claim % 10)).padStart(2, '0')},${codes[i % codes.length]},${i % 7 === 0 ? '5l' : ''},1,${i % 2 ? 11 : 22},E11.9,1234567893`);
}
const text = rows.join('\n') + '\n';
const uri = pathToFileURL(path.join(root, 'bench-synthetic.csv')).href;

const server = ServerProcess.start('stdio');
server.connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
server.connection.onRequest('client/registerCapability', () => null);
// The server asks for a new pull when a big file's whole check is done (its first answer is the first rows').
let refreshed = () => undefined;
server.connection.onRequest('workspace/diagnostic/refresh', () => {
  refreshed();
  return null;
});
const time = async (label, work) => {
  const started = process.hrtime.bigint();
  const result = await work();
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(`${label.padEnd(52)} ${ms.toFixed(1).padStart(8)} ms${result === undefined ? '' : `  (${result})`}\n`);
};
try {
  await server.initialize(20000, {
    capabilities: { workspace: { configuration: true, diagnostics: { refreshSupport: true } }, textDocument: { diagnostic: {}, completion: {}, inlayHint: {}, codeLens: {}, codeAction: {} } },
  });
  process.stdout.write(`${lines} lines, ${(text.length / 1e6).toFixed(1)} MB\n`);
  // As VS Code pulls: with the result id of the last full answer, so the server may answer "unchanged".
  const resultIds = new Map();
  const pullOf = async (docUri) => {
    const report = await server.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: docUri }, previousResultId: resultIds.get(docUri) });
    if (report.resultId) resultIds.set(docUri, report.resultId);
    return report;
  };
  const pull = () => pullOf(uri);
  {
    const started = process.hrtime.bigint();
    const whole = new Promise((resolve) => (refreshed = resolve));
    await server.open(uri, 'csv', text);
    const first = await pull();
    results.openToFirstDiagnosticsMs = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`${'open + first pull of diagnostics'.padEnd(52)} ${results.openToFirstDiagnosticsMs.toFixed(1).padStart(8)} ms  (${first.items.length} findings${first.resultId?.endsWith(':preview') ? ', the first rows' : ''})\n`);
    // A preview is followed by a refresh once the whole file is checked: the pull after it is complete.
    if (first.resultId?.endsWith(':preview')) await whole;
    const complete = await pull();
    results.openToCompleteDiagnosticsMs = Number(process.hrtime.bigint() - started) / 1e6;
    process.stdout.write(`${'open → complete diagnostics (parse + all rules)'.padEnd(52)} ${results.openToCompleteDiagnosticsMs.toFixed(1).padStart(8)} ms  (${complete.kind === 'unchanged' ? 'unchanged' : `${complete.items.length} findings`})\n`);
  }
  const mid = Math.floor(lines / 2) + 1;
  /** Where the code cell of line `at` starts (the fourth column). */
  const codeCellAt = (at) => {
    const line = rows[at];
    return line.indexOf(',', line.indexOf(',', line.indexOf(',') + 1) + 1) + 1;
  };
  await time('one-cell edit + completion "cryo liv" there (mid-file)', async () => {
    // Type over the code cell of a mid-file line, as a coder would.
    const start = codeCellAt(mid);
    const end = rows[mid].indexOf(',', start);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: mid, character: start }, end: { line: mid, character: end } }, text: 'cryo liv' }],
    });
    const list = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: mid, character: start + 8 } });
    return `${list.items.length} items, first ${list.items[0]?.label}`;
  });
  await time('one more keystroke + completion ("cryo live")', async () => {
    const start = codeCellAt(mid);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: mid, character: start + 8 }, end: { line: mid, character: start + 8 } }, text: 'e' }],
    });
    const list = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: mid, character: start + 9 } });
    return `${list.items.length} items, first ${list.items[0]?.label}`;
  });
  const described = (report) => (report.kind === 'unchanged' ? 'unchanged' : `${report.items.length} findings`);
  await time('pull after those edits (one claim re-checked)', async () => described(await pull()));
  await time('inlay hints, one screen (60 lines)', async () => {
    const hints = await server.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: mid, character: 0 }, end: { line: mid + 60, character: 0 } } });
    return `${hints.length} hints`;
  });
  let lenses = [];
  await time('code lens, whole file (positions only)', async () => `${(lenses = await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } })).length} lenses`);
  await time('code lens resolve, one screen (20 lenses)', async () => {
    const at = Math.floor(lenses.length / 2);
    const resolved = await Promise.all(lenses.slice(at, at + 20).map((l) => server.connection.sendRequest('codeLens/resolve', l)));
    return resolved[0]?.command?.title;
  });
  await time('fix all safe problems (source.fixAll)', async () => {
    const actions = await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
    });
    return `${actions[0]?.edit?.changes?.[uri]?.length ?? 0} edits`;
  });
  // A typing session as the editor drives it: each keystroke is a didChange, then the editor
  // pulls diagnostics and, with lenses on, asks for the lenses and resolves the ~20 on screen.
  // Keystroke latency = from the change to the last of those answers.
  let version = 10;
  /** Keystroke `k` at the start of line `at`'s code cell: even ones type `char`, odd ones delete it again. */
  const keystroke = (at, start, k, char) =>
    server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line: at, character: start }, end: { line: at, character: start + (k % 2 === 0 ? 0 : 1) } }, text: k % 2 === 0 ? char : '' }],
    });
  const typing = async (withLenses, keys) => {
    const times = [];
    const at = mid + 30;
    const start = codeCellAt(at);
    for (let k = 0; k < keys; k++) {
      const started = process.hrtime.bigint();
      await keystroke(at, start, k, '9');
      const work = [pull()];
      if (withLenses) {
        work.push(server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }).then((all) => {
          const from = Math.max(0, all.findIndex((l) => l.range.start.line >= at) - 10);
          return Promise.all(all.slice(from, from + 20).map((l) => server.connection.sendRequest('codeLens/resolve', l)));
        }));
      }
      await Promise.all(work);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return `median ${quantile(times, 0.5).toFixed(1)} ms, p90 ${quantile(times, 0.9).toFixed(1)} ms over ${keys} keystrokes`;
  };
  await time('typing, lenses off: edit + pull per keystroke', () => typing(false, 40));
  // The scripted session: a coder types a code into a mid-file cell, and the editor asks for
  // a hover and a completion at the cursor and pulls diagnostics after each keystroke.
  {
    const at = mid + 90;
    const start = codeCellAt(at);
    const editMs = [];
    const hoverMs = [];
    const completionMs = [];
    const timed = async (into, work) => {
      const started = process.hrtime.bigint();
      await work();
      into.push(Number(process.hrtime.bigint() - started) / 1e6);
    };
    for (let k = 0; k < 200; k++) {
      await timed(editMs, async () => {
        await keystroke(at, start, k, '4');
        await pull();
      });
      const position = { line: at, character: start + 2 };
      await timed(hoverMs, () => server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }));
      await timed(completionMs, () => server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }));
    }
    const show = (name, values) => {
      results[name] = { p50: quantile(values, 0.5), p99: quantile(values, 0.99) };
      process.stdout.write(`${`typing session: ${name}`.padEnd(52)} p50 ${quantile(values, 0.5).toFixed(1)} ms, p99 ${quantile(values, 0.99).toFixed(1)} ms over ${values.length}\n`);
    };
    show('editToDiagnostics', editMs);
    show('hover', hoverMs);
    show('completion', completionMs);
    const before = rssMb(server.child.pid);
    for (let k = 0; k < 10000; k++) {
      await keystroke(at, start, k, '4');
      if (k % 50 === 49) await pull();
    }
    await pull();
    const after = rssMb(server.child.pid);
    // The edits above come as fast as the pipe carries them (no coder types 10,000 keys a
    // second); five seconds later, with the server idle, is what stays.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const settled = rssMb(server.child.pid);
    results.memory = { beforeMb: before, afterMb: after, settledMb: settled, edits: 10000 };
    if (before !== undefined && after !== undefined) process.stdout.write(`${'server memory (RSS) before / after 10,000 edits'.padEnd(52)} ${before.toFixed(0)} → ${after.toFixed(0)} MB (${(((after - before) / before) * 100).toFixed(1)}%), ${settled?.toFixed(0)} MB 5 s later\n`);
  }
  await time('typing, lenses on: edit + pull + lenses + resolve', () => typing(true, 40));
  // The same typing session on a mostly clean export of the same size (a few % of lines with
  // findings, as a real day's charges): what a coder's keystroke costs when the file is not
  // one finding per line.
  {
    const cleanRows = ['claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,dx2,npi'];
    const visits = [['99213', '25', 'M25.561'], ['99214', '25', 'M17.0']];
    for (let c = 1; cleanRows.length <= lines; c++) {
      const day = String(1 + (c % 28)).padStart(2, '0');
      const [em, mod, d0] = visits[c % 2];
      const claim = [[em, mod, '1', d0], ['20610', c % 50 === 0 ? 'RT 59' : 'RT', '1', d0], ['71046', '26', '1', 'R05.9'], ['J1100', '', '4', 'M54.50']];
      for (const [code, m, u, d] of claim.slice(0, 1 + (c % 4))) {
        if (cleanRows.length > lines) break;
        cleanRows.push(`CLM${c},PT${c % 9000},2025-10-${day},${code},${m},${u},${code === '71046' ? 22 : 11},${d},I10,1234567893`);
      }
    }
    const cleanUri = pathToFileURL(path.join(root, 'bench-clean.csv')).href;
    await server.open(cleanUri, 'csv', cleanRows.join('\n') + '\n');
    const cleanPull = () => pullOf(cleanUri);
    const complete = async () => {
      let report = await cleanPull();
      // A preview first: the whole check follows at once; pull until it is in.
      while (report.resultId?.endsWith(':preview')) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        report = await cleanPull();
      }
      return report;
    };
    const first = await complete();
    const at = Math.floor(lines / 2) + 90;
    const start = cleanRows[at].indexOf(',', cleanRows[at].indexOf(',', cleanRows[at].indexOf(',') + 1) + 1) + 1;
    const editMs = [];
    const hoverMs = [];
    const completionMs = [];
    let cleanVersion = 1;
    for (let k = 0; k < 200; k++) {
      let started = process.hrtime.bigint();
      await server.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri: cleanUri, version: ++cleanVersion },
        contentChanges: [{ range: { start: { line: at, character: start }, end: { line: at, character: start + (k % 2 === 0 ? 0 : 1) } }, text: k % 2 === 0 ? '4' : '' }],
      });
      await cleanPull();
      editMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      const position = { line: at, character: start + 2 };
      started = process.hrtime.bigint();
      await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: cleanUri }, position });
      hoverMs.push(Number(process.hrtime.bigint() - started) / 1e6);
      started = process.hrtime.bigint();
      await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: cleanUri }, position });
      completionMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    results.clean = { findings: first.items.length };
    for (const [name, values] of [['editToDiagnostics', editMs], ['hover', hoverMs], ['completion', completionMs]]) {
      results.clean[name] = { p50: quantile(values, 0.5), p99: quantile(values, 0.99) };
      process.stdout.write(`${`mostly clean export: ${name}`.padEnd(52)} p50 ${quantile(values, 0.5).toFixed(1)} ms, p99 ${quantile(values, 0.99).toFixed(1)} ms over ${values.length} (${first.items.length} findings shown)\n`);
    }
  }
  await server.shutdown();
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
} catch (error) {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : error}\n`);
  server.kill();
  process.exitCode = 1;
}
