// The UI check: what a coder sees. Installs the packaged cpt-lens.vsix into a fresh
// code-server 4.100.3 (built first if missing or older than the bundles), opens a copy
// of examples/, clicks charges.csv in the explorer, rests the mouse on 47383 and reads
// the hover, then opens the Problems panel and looks for the 4738 finding, ... and last opens
// a SYNTHETIC Epic-style export and reads the columns-read note on its header row. Code
// lenses stay on. A screenshot after each step goes to .test-output/ui/. Each step's assertions count as one test.
//
// Writes {"passed":N,"failed":M} to $CPT_LENS_RESULT_FILE; exits non-zero on failure.
// Selectors belong to VS Code 1.100; see the team guide EDITOR-TESTS.md.
/* global document, NodeFilter, getComputedStyle -- used inside page.evaluate(), in the browser */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { URLSearchParams, fileURLToPath } from 'node:url';
import { launchBrowser, makeScratch, runCodeServer, startCodeServer, tail, writeUserSettings } from './editor/codeServer.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const vsix = path.join(root, 'cpt-lens.vsix');
const shots = path.join(root, '.test-output/ui');
const STEP_TIMEOUT_MS = 20000;

/** `npm run package` unless the .vsix is newer than everything it is made of. */
function ensureVsix() {
  const inputs = ['dist/extension.js', 'dist/server.js', 'data/manifest.json', 'package.json'].map((p) => path.join(root, p));
  const built = fs.existsSync(vsix) ? fs.statSync(vsix).mtimeMs : 0;
  if (inputs.every((p) => fs.existsSync(p) && fs.statSync(p).mtimeMs < built)) return;
  process.stdout.write('ui test: packaging cpt-lens.vsix\n');
  const run = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error('npm run package failed');
}

/** `code-server --install-extension cpt-lens.vsix` into the run's own extensions folder. */
async function installVsix(userDataDir, extensionsDir, logFile) {
  const { exited } = runCodeServer(['--config', '/dev/null', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], { logFile });
  let timer;
  const code = await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 60000, 'timeout')))]);
  clearTimeout(timer);
  if (code !== 0) throw new Error(`--install-extension ended with ${code}: ${tail(logFile, 10)}`);
  if (!fs.readdirSync(extensionsDir).some((name) => name.startsWith('cpt-lens.cpt-lens-'))) throw new Error('the .vsix did not install');
}

/** Screen rectangle of the first `needle` on the editor line containing `lineText`. */
function tokenRect(page, lineText, needle) {
  return page.evaluate(
    ([lineText, needle]) => {
      const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')].filter((l) => l.textContent.includes(lineText));
      const line = lines[0];
      if (!line) return null;
      // Monaco renders a CSV line as one or a few spans: find the text node and measure the characters.
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent.indexOf(needle);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + needle.length);
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height };
      }
      return null;
    },
    [lineText, needle],
  );
}

const steps = [
  {
    name: 'clicking charges.csv in the explorer opens it in an editor',
    async run(page) {
      const row = page.locator('.explorer-folders-view .monaco-list-row[aria-label^="charges.csv"]');
      await row.waitFor({ timeout: STEP_TIMEOUT_MS });
      await row.click();
      await page.locator('.monaco-editor .view-lines', { hasText: '47383' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      const tab = page.locator('.tabs-container .tab.active', { hasText: 'charges.csv' });
      await tab.waitFor({ timeout: STEP_TIMEOUT_MS });
    },
  },
  {
    name: 'code lenses above the claims with findings show their summary, none says "no commands"',
    async run(page) {
      // Lenses stay on in this test: a lens resolved without a command shows "no commands".
      const lenses = page.locator('.codelens-decoration');
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        const texts = await lenses.allInnerTexts();
        if (texts.some((t) => /RVUs/.test(t)) && !texts.some((t) => /no commands/.test(t))) return;
        if (Date.now() > deadline) throw new Error(`lenses: ${JSON.stringify(texts.slice(0, 4))}`);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    },
  },
  {
    name: 'the mouse on 47383 shows the hover with the descriptor',
    async run(page) {
      const hover = page.locator('.monaco-hover:not(.hidden) .hover-contents', { hasText: '47383' });
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      // The server may still be loading its data: move off and back on until the hover answers.
      for (;;) {
        const rect = await tokenRect(page, 'CLM1001,PT-0001,2025-10-14,47383', '47383');
        if (!rect) throw new Error('47383 is not on screen');
        await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2, { steps: 2 });
        if (await hover.first().waitFor({ timeout: 2500 }).then(() => true, () => false)) break;
        if (Date.now() > deadline) throw new Error('no hover appeared on 47383');
        await page.mouse.move(5, 400);
      }
      // Let the fade-in finish so the screenshot shows the hover as a coder sees it.
      await page
        .waitForFunction(() => [...document.querySelectorAll('.monaco-hover:not(.hidden)')].some((el) => getComputedStyle(el).opacity === '1'), null, { timeout: 2000 })
        .catch(() => {});
      const text = await hover.first().innerText();
      for (const expected of [
        '47383 Perq abltj lvr cryoablation',
        // The knowledge record: plain-language summary and documentation checklist.
        'In plain words: Freezing one or more liver tumors with a probe passed through the skin',
        'Documentation to look for',
        'Number of freeze-thaw cycles',
        'Assistant at surgery (80/81/82/AS): not payable (statutory restriction) (1)',
      ]) {
        if (!text.includes(expected)) throw new Error(`hover lacks "${expected}": ${text.slice(0, 300)}`);
      }
      // The knowledge record sits below the CMS facts. Put the cursor on 47383, show the
      // hover focused from the keyboard, and arrow it down until the record's summary, then its checklist, is inside its
      // visible area. Screenshots of both.
      const token = await tokenRect(page, 'CLM1001,PT-0001,2025-10-14,47383', '47383');
      await page.mouse.click(token.x + 2, token.y + token.height / 2);
      await page.mouse.move(5, 400);
      // Bound in keybindings.json below: editor.action.showHover with focus.
      await page.keyboard.press('Control+Alt+H');
      await hover.first().waitFor({ timeout: STEP_TIMEOUT_MS });
      for (const [heading, shot] of [['In plain words:', '2a-hover-knowledge-summary.png'], ['Documentation to look for', null]]) {
        let visible = false;
        for (let i = 0; i < 60 && !visible; i++) {
          // Visible, and near the top so the lines under the heading show too.
          visible = await page.evaluate((heading) => {
            const hoverEl = document.querySelector('.monaco-hover:not(.hidden)');
            const box = hoverEl?.getBoundingClientRect();
            const el = [...(hoverEl?.querySelectorAll('p') ?? [])].find((e) => e.textContent.startsWith(heading));
            const r = el?.getBoundingClientRect();
            return Boolean(box && r && r.top >= box.top && r.bottom <= box.bottom && r.top <= box.top + 80);
          }, heading);
          if (!visible) {
            if ((await hover.count()) === 0) throw new Error(`the hover closed while scrolling to "${heading}"`);
            await page.keyboard.press('ArrowDown');
            await new Promise((resolve) => setTimeout(resolve, 30));
          }
        }
        if (!visible) throw new Error(`could not scroll the hover to "${heading}"`);
        if (shot) await page.screenshot({ path: path.join(shots, shot), timeout: 10000 });
      }
    },
  },
  {
    name: 'the Problems panel lists the code-shape error on 4738',
    async run(page) {
      await page.keyboard.press('Escape');
      await page.mouse.move(5, 400);
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.first().waitFor({ timeout: STEP_TIMEOUT_MS });
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        const texts = await rows.allInnerTexts();
        const row = texts.find((t) => /\b4738\b/.test(t));
        if (row) {
          if (!/code-shape/.test(row) || !/Ln 10\b/.test(row)) throw new Error(`the 4738 row lacks code-shape or Ln 10: ${row}`);
          return;
        }
        if (Date.now() > deadline) throw new Error(`no Problems row mentions 4738: ${JSON.stringify(texts)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    },
  },
  {
    name: 'typing "cryo liv" in an empty code cell suggests 47383 first or second',
    async run(page) {
      await page.keyboard.press('Control+Shift+M');
      // Line 10 holds the malformed 4738: select that cell and type over it.
      const rect = await tokenRect(page, '2025-10-16,4738,', '4738');
      if (!rect) throw new Error('4738 is not on screen');
      await page.mouse.dblclick(rect.x + rect.width / 2, rect.y + rect.height / 2);
      await page.keyboard.type('cryo liv', { delay: 40 });
      const labels = page.locator('.suggest-widget.visible .monaco-list-row .label-name');
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        const shown = await labels.allInnerTexts().catch(() => []);
        if (shown.slice(0, 2).includes('47383')) return;
        if (Date.now() > deadline) throw new Error(`suggestions: ${JSON.stringify(shown.slice(0, 5))}`);
        if (shown.length === 0) await page.keyboard.press('Control+Space');
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    },
  },
  {
    name: 'Ctrl+. on the "lt" modifier offers Fix all safe problems (N) and Accept with a reason',
    async run(page) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      const rect = await tokenRect(page, ',lt,', 'lt');
      if (!rect) throw new Error('the lt cell is not on screen');
      await page.mouse.click(rect.x + 2, rect.y + rect.height / 2);
      const rows = page.locator('.action-widget .monaco-list-row');
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        await page.keyboard.press('Control+.');
        const shown = await rows.first().waitFor({ timeout: 3000 }).then(() => rows.allInnerTexts(), () => []);
        if (shown.some((t) => /Fix all safe problems \(\d+\)/.test(t)) && shown.some((t) => /Accept modifier-shape with a reason/.test(t))) return;
        if (Date.now() > deadline) throw new Error(`the Ctrl+. menu shows ${JSON.stringify(shown)}`);
        await page.keyboard.press('Escape');
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    },
  },
  {
    name: 'choosing Fix all safe problems opens the refactor preview and changes nothing yet',
    async run(page) {
      // The menu takes the keyboard: arrow down to the entry and press Enter, as a coder does.
      const texts = await page.locator('.action-widget .monaco-list-row').allInnerTexts();
      const at = texts.findIndex((t) => /Fix all safe problems/.test(t));
      const active = Math.max(0, texts.findIndex((t, i) => i >= 0 && /Change/.test(t)));
      for (let i = active; i < at; i++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      // The Refactor Preview panel lists each change with its line, nothing ticked.
      const changes = page.locator('.part.panel .monaco-list-row', { hasText: '20610' });
      await changes.first().waitFor({ timeout: STEP_TIMEOUT_MS });
      const rows = await page.locator('.part.panel .monaco-list-row').allInnerTexts();
      if (!rows.some((t) => /27447/.test(t))) throw new Error(`the preview lacks the other fixes: ${JSON.stringify(rows)}`);
      if (!(await tokenRect(page, ',lt,', 'lt'))) throw new Error('the lt cell changed before the coder applied anything');
      await page.screenshot({ path: path.join(shots, '6a-refactor-preview.png'), timeout: 10000 });
      await page.getByRole('button', { name: 'Discard' }).click();
      await changes.first().waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
      if (!(await tokenRect(page, ',lt,', 'lt'))) throw new Error('discarding the preview changed the file');
    },
  },
  {
    name: 'Map columns… from the palette lists each header with the role it was read as',
    async run(page) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.keyboard.type('CPT Lens: Map columns', { delay: 20 });
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Map columns' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.keyboard.press('Enter');
      const rows = page.locator('.quick-input-widget .monaco-list-row');
      await rows.filter({ hasText: 'override_reason' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      const texts = await rows.allInnerTexts();
      const claim = texts.find((t) => /^claim_id/.test(t.trim()));
      if (!claim || !/claim/.test(claim.replace(/^claim_id/, ''))) throw new Error(`claim_id row: ${JSON.stringify(texts.slice(0, 6))}`);
      await page.screenshot({ path: path.join(shots, '7a-map-columns.png'), timeout: 10000 });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'a hospital export with Epic headers says on its header row how its columns were read',
    async run(page) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await page.keyboard.type(EXPORT_NAME, { delay: 20 });
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: EXPORT_NAME }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-lines', { hasText: 'Rendering Prov NPI' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      // The columns-read note sits on the header row: rest the mouse on the first header cell.
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Columns read' });
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        const rect = await tokenRect(page, 'HAR,Svc', 'HAR');
        if (!rect) throw new Error('the header row is not on screen');
        await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2, { steps: 2 });
        if (await hover.first().waitFor({ timeout: 2500 }).then(() => true, () => false)) break;
        if (Date.now() > deadline) throw new Error('no hover with the columns-read note on the header');
        await page.mouse.move(5, 400);
      }
      await page
        .waitForFunction(() => [...document.querySelectorAll('.monaco-hover:not(.hidden)')].some((el) => getComputedStyle(el).opacity === '1'), null, { timeout: 2000 })
        .catch(() => {});
      const text = await hover.first().innerText();
      for (const expected of ['lines grouped by "HAR" (account) and "Svc Date"', 'provider from "Rendering Prov NPI"', '"Rev Code" (revenue code)', 'read as account from its header']) {
        if (!text.includes(expected)) throw new Error(`the header hover lacks "${expected}": ${text.slice(0, 400)}`);
      }
      await page.screenshot({ path: path.join(shots, '8a-export-columns-read.png'), timeout: 10000 });
    },
  },
  {
    name: 'in a Markdown note, typing "(CPT " opens the suggestions by itself with 47383 first',
    async run(page) {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+P');
      await page.keyboard.type(NOTE_NAME, { delay: 20 });
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: NOTE_NAME }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-lines', { hasText: 'liver' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      // The editor has the focus: to the end of the procedure line (the last line but the empty one).
      await page.keyboard.press('Control+End');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('End');
      // No Ctrl+Space: the trigger characters and the Markdown quickSuggestions default open it.
      await page.keyboard.type(' (CPT ', { delay: 80 });
      const labels = page.locator('.suggest-widget.visible .monaco-list-row .label-name');
      const deadline = Date.now() + STEP_TIMEOUT_MS;
      for (;;) {
        const shown = await labels.allInnerTexts().catch(() => []);
        if (shown[0] === '47383') break;
        if (Date.now() > deadline) throw new Error(`suggestions without Ctrl+Space: ${JSON.stringify(shown.slice(0, 5))}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await page.screenshot({ path: path.join(shots, '9a-note-completion.png'), timeout: 10000 });
      await page.keyboard.press('Escape');
    },
  },
];

/** A note line naming a procedure, where the coder types the code's citation. */
const NOTE_NAME = 'note-typing.md';
const NOTE_TEXT = '# Operative note\n\nProcedure: Percutaneous cryoablation of liver tumor\n';

/** A SYNTHETIC Epic-style hospital export (no real patients): account, provider and revenue columns by their vendor names. */
const EXPORT_NAME = 'export-epic.csv';
const EXPORT_TEXT = [
  'HAR,Svc Date,Proc Code,Mod 1,Mod 2,Qty,Rev Code,Chg Amt,Rendering Prov NPI,Dx 1',
  '7001001,10/14/2025,99213,25,,1,0510,180.00,1234567893,M17.11',
  '7001001,10/14/2025,20610,RT,,1,0450,310.00,1234567893,M17.11',
  '7001002,10/14/2025,29881,LT,,1,0360,4210.00,1023456787,M23.222',
  '7001003,10/15/2025,99214,,,1,0510,220.00,1234567893,I10',
  '',
].join('\n');

const started = Date.now();
const scratch = makeScratch('cpt-lens-ui-');
const logFile = path.join(scratch, 'code-server.log');
const counts = { passed: 0, failed: 0 };
let server;
let browser;
try {
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  ensureVsix();
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  const workspace = path.join(scratch, 'examples');
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  fs.writeFileSync(path.join(workspace, EXPORT_NAME), EXPORT_TEXT);
  fs.writeFileSync(path.join(workspace, NOTE_NAME), NOTE_TEXT);
  fs.mkdirSync(extensionsDir, { recursive: true });
  // Code lenses stay on, as a coder has them (default mode: claims with findings only).
  writeUserSettings(userDataDir, { 'editor.hover.delay': 200, 'workbench.editor.enablePreview': false });
  // A key that shows the hover already focused, so the arrow keys scroll it.
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'keybindings.json'),
    JSON.stringify([{ key: 'ctrl+alt+h', command: 'editor.action.showHover', args: { focus: 'autoFocusImmediately' }, when: 'editorTextFocus' }]),
  );
  await installVsix(userDataDir, extensionsDir, logFile);
  server = await startCodeServer({ userDataDir, extensionsDir, logFile });
  browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(`${server.url}/?${new URLSearchParams({ folder: workspace })}`, { timeout: 30000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });

  for (const [index, step] of steps.entries()) {
    if (counts.failed > 0) {
      // A step builds on the one before; after a failure the rest cannot pass.
      process.stdout.write(`  - ${step.name} (not run)\n`);
      counts.failed += 1;
      continue;
    }
    const shot = path.join(shots, `${index + 1}-${step.name.split(' ').slice(0, 3).join('-').replace(/[^\w-]/g, '')}.png`);
    try {
      await step.run(page);
      counts.passed += 1;
      process.stdout.write(`  ✔ ${step.name}\n`);
    } catch (error) {
      counts.failed += 1;
      process.stdout.write(`  ✖ ${step.name}\n    ${error instanceof Error ? error.message : error}\n`);
    }
    await page.screenshot({ path: shot, timeout: 10000 }).catch(() => {});
  }
} catch (error) {
  counts.failed += 1;
  process.stdout.write(`ui test: ${error instanceof Error ? error.message : error}\n`);
} finally {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (counts.failed > 0 && fs.existsSync(logFile)) fs.copyFileSync(logFile, path.join(shots, 'code-server.log'));
  fs.rmSync(scratch, { recursive: true, force: true });
}
if (process.env.CPT_LENS_RESULT_FILE) fs.writeFileSync(process.env.CPT_LENS_RESULT_FILE, JSON.stringify(counts));
process.stdout.write(`ui test: ${counts.passed} passed, ${counts.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${path.relative(process.cwd(), shots) || '.'}/\n`);
// Exit now rather than wait for idle keep-alive sockets of the health checks to close.
process.exit(counts.failed > 0 ? 1 : 0);
