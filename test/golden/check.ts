/**
 * The one `check(fixture)` of the golden tests: run a charge fixture through the
 * service and render what a coder would see (findings with line:column ranges, the
 * text they cover, data and fixes) plus the text after applying the safe fixes.
 *
 * A fixture's leading comment lines configure it:
 *   # fixture-codeset: plain        the bundled data without the synthetic NCCI rows
 *   # fixture-settings: {...}       settings (JSON) passed to getLanguageService
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { applySafeFixes } from '../../server/src/service/fixes';
import { getLanguageService } from '../../server/src/service/languageService';
import type { CheckSettings } from '../../server/src/service/settings';
import type { Finding } from '../../server/src/service/types';
import { plainCodeSet, repoRoot, syntheticNcciCodeSet } from './testCodeSet';

export interface GoldenFinding {
  rule: string;
  severity: string;
  range: string;
  text: string;
  message: string;
  data?: Record<string, unknown>;
  fixes?: { title: string; safe: boolean; edits: { range: string; newText: string }[] }[];
}

export interface GoldenResult {
  findings: GoldenFinding[];
  /** The text after the safe fixes; absent when there are none. */
  fixed?: string;
}

export function fixtureOptions(text: string): { plain: boolean; settings: CheckSettings } {
  const plain = /^# fixture-codeset: plain\s*$/m.test(text);
  const m = /^# fixture-settings: (.*)$/m.exec(text);
  return { plain, settings: m ? (JSON.parse(m[1]) as CheckSettings) : {} };
}

export function findingsOf(text: string): readonly Finding[] {
  const { plain, settings } = fixtureOptions(text);
  const service = getLanguageService({ codeSet: plain ? plainCodeSet() : syntheticNcciCodeSet(), settings });
  return service.validate(text, 'charges');
}

export function check(text: string): GoldenResult {
  return renderGolden(text, findingsOf(text));
}

/** What a coder would see of `findings` in `text`, in the golden files' format. */
export function renderGolden(text: string, findings: readonly Finding[]): GoldenResult {
  const doc = TextDocument.create('file:///fixture', 'plaintext', 0, text);
  const range = (start: number, end: number): string => {
    const a = doc.positionAt(start);
    const b = doc.positionAt(end);
    return `${a.line + 1}:${a.character + 1}-${b.line + 1}:${b.character + 1}`;
  };
  const out: GoldenResult = {
    findings: findings.map((f) => ({
      rule: f.ruleId,
      severity: f.severity,
      range: range(f.start, f.end),
      text: text.slice(f.start, f.end),
      message: f.message,
      ...(f.data ? { data: f.data } : {}),
      ...(f.fixes && f.fixes.length > 0
        ? { fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe, edits: x.edits.map((e) => ({ range: range(e.start, e.end), newText: e.newText })) })) }
        : {}),
    })),
  };
  const fixed = applySafeFixes(text, [...findings]);
  if (fixed !== text) out.fixed = fixed;
  return out;
}

/**
 * Compares `actual` with the expectation file; `UPDATE_GOLDEN=1` rewrites it (review
 * the diff!), and a missing one is written and fails so it gets reviewed.
 */
export function assertGolden(expectedFile: string, actual: GoldenResult): void {
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(expectedFile)) {
    const existed = fs.existsSync(expectedFile);
    fs.writeFileSync(expectedFile, JSON.stringify(actual, null, 2) + '\n');
    if (!existed && process.env.UPDATE_GOLDEN !== '1') assert.fail(`${expectedFile} did not exist and was written: review it and run again`);
    return;
  }
  const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as unknown;
  assert.deepEqual(JSON.parse(JSON.stringify(actual)), expected);
}

/** The fixed template of a rule's docs page. */
const DOC_SECTIONS = ['## What triggers it', '## Bad', '## Good', '## Why', '## Fixes', '## Settings'];

/** A rule's page docs/rules/<id>.md exists and follows the template. */
export function assertRuleDoc(id: string): void {
  const file = path.join(repoRoot, 'docs', 'rules', `${id}.md`);
  assert.ok(fs.existsSync(file), `missing ${file}`);
  const text = fs.readFileSync(file, 'utf8');
  assert.ok(text.startsWith(`# ${id}`), `${file} must start with "# ${id}"`);
  for (const section of DOC_SECTIONS) assert.ok(text.includes(section), `${file} lacks "${section}"`);
}
