// NOT COMMITTED: opens a generated 100k-line SYNTHETIC export in code-server and times the Problems panel.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { URLSearchParams, fileURLToPath } from 'node:url';
import { launchBrowser, makeScratch, runCodeServer, startCodeServer, writeUserSettings } from './editor/codeServer.mjs';
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const vsix = path.join(root, 'cpt-lens.vsix');
const shots = '/tmp/tp/shots';
fs.mkdirSync(shots, { recursive: true });
if (!process.env.NOPKG) spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'inherit' });
const scratch = makeScratch('cpt-lens-big-');
const userDataDir = path.join(scratch, 'user-data');
const extensionsDir = path.join(scratch, 'extensions');
const workspace = path.join(scratch, 'ws');
fs.mkdirSync(workspace, { recursive: true });
fs.mkdirSync(extensionsDir, { recursive: true });
const codes = ['47383', '76940', '99213', '20610', '71045', '27447', '99214', 'J1100'];
const rows = ['claim_id,patient_id,dos,cpt,modifiers,units,pos,dx1,npi'];
for (let i = 0; i < 100000; i++) { const claim = Math.floor(i / 3); rows.push(`CLM${claim},PT-${claim},2025-10-${String(14 + (claim % 10)).padStart(2, '0')},${codes[i % codes.length]},${i % 7 === 0 ? '5l' : ''},1,${i % 2 ? 11 : 22},E11.9,1234567893`); }
fs.writeFileSync(path.join(workspace, 'month-export.csv'), rows.join('\n') + '\n');
writeUserSettings(userDataDir, { 'workbench.editor.enablePreview': false });
const logFile = path.join(scratch, 'cs.log');
const { exited } = runCodeServer(['--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], { logFile });
await exited;
const server = await startCodeServer({ userDataDir, extensionsDir, logFile });
const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${server.url}/?${new URLSearchParams({ folder: workspace })}`, { timeout: 30000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 30000 });
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.explorer-folders-view .monaco-list-row[aria-label^="month-export.csv"]');
  await row.waitFor({ timeout: 30000 });
  const t0 = Date.now();
  await row.click();
  const badge = async () => page.evaluate(() => [...document.querySelectorAll('.panel .monaco-list-row')].length);
  let first;
  let shotFirst = false;
  for (;;) {
    const n = await badge();
    const title = await page.evaluate(() => document.querySelector('.panel .composite.title')?.textContent ?? '');
    const count = await page.evaluate(() => [...document.querySelectorAll('.badge .badge-content')].map((e) => e.textContent).join(' '));
    if (n > 0 && first === undefined) { first = Date.now() - t0; console.log(`first problems listed ${first} ms (badge ${count})`); await page.screenshot({ path: path.join(shots, 'big-first.png') }); shotFirst = true; }
    if (/1K|1000/.test(count)) { console.log(`full list (badge ${count}) ${Date.now() - t0} ms`); break; }
    if (Date.now() - t0 > 30000) { console.log('timeout; badge', count, title); break; }
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.screenshot({ path: path.join(shots, 'big-complete.png') });
  // Type in the middle of the file: go to line 50000, and time a keystroke to the squiggle count change.
  await page.keyboard.press('Control+G');
  await page.keyboard.type('50001');
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  const t1 = Date.now();
  for (let k = 0; k < 10; k++) await page.keyboard.type('x', { delay: 30 });
  console.log(`typed 10 keys in ${Date.now() - t1} ms`);
  await new Promise((r) => setTimeout(r, 1000));
  await page.screenshot({ path: path.join(shots, 'big-typed.png') });
} finally {
  await browser.close();
  await server.stop();
}
process.exit(0);
