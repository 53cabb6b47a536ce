/**
 * Runs the rules over a charge file: one parse, one pass to group claims, then each
 * claim's line and claim rules. Claims are the unit of re-checking.
 *
 * With a `documentKey` the checker keeps the document's model and findings per
 * claim. On the next call it finds the changed range itself (common prefix and
 * suffix of the old and new text, so the server need not pass changes); when that is
 * an edit inside one data row (the usual keystroke or cell edit), it re-parses that
 * row only, moves the rows after it, re-runs the rules of the one or two claims the
 * line belonged to and belongs to now, and moves the other claims' findings. Other
 * edits parse the whole text again, and claims whose text did not change reuse their
 * findings (cached under the claim's text). File rules (structure, dates,
 * suppressions, data notes) are linear scans and always run.
 *
 * Architecture invariant: a line or claim rule reads only its claim's lines, the
 * column map and the code set, so re-running only the edited claims is exact.
 */
import type { CodeSet } from '../codeset/types';
import { ChargeFile, ChargeLine, Claim, parseChargeFile } from './documents/chargeFile';
import { TextChange, applyRowEdit } from './documents/rowEdit';
import { suppresses } from './documents/suppressions';
import { memoCodeSet } from './memoCodeSet';
import { periodGate } from './dataPeriods';
import { RULES, RULE_IDS, applySeverity, ruleIsOn } from './registry';
import { excerpt } from './excerpt';
import { modifiersLoaded } from './lineFacts/modifierFacts';
import type { ClaimRule, FileRule, LineRule, Report, Rule, RuleContext } from './rules/rule';
import type { CheckSettings } from './settings';
import { Finding, OffsetEdit, compareFindings } from './types';

/** Rules whose findings cannot be suppressed: the suppressions' own rule, and damage to the table. */
const UNSUPPRESSIBLE = new Set(['suppression', 'csv-structure']);

/**
 * Most findings of one rule on one line. A damaged cell (300,000 letters in a pointer
 * cell, 100,000 modifiers) would otherwise make one finding per item: 60 MB of CLI output
 * for one line. The last one kept says how many more there are.
 */
export const MAX_FINDINGS_PER_RULE_AND_LINE = 20;

/** The findings of every claim that has none: shared, never pushed to. */
const NO_FINDINGS: Finding[] = [];

interface CachedClaim {
  /** Row starts of the claim's lines when the findings were made. */
  starts: number[];
  findings: Finding[];
}

interface DocumentState {
  file: ChargeFile;
  header: string;
  /** Findings per claim key, in the current text's offsets. */
  byClaim: Map<string, Finding[]>;
}

export interface CheckStats {
  /** 'full' parse, or 'row' when only the edited row was parsed again. */
  mode: 'full' | 'row';
  claims: number;
  /** Claims whose rules were run (the others reused their findings). */
  checked: number;
  lines: number;
}

export interface ChargeChecker {
  /**
   * Findings for a charge file, sorted by position. `documentKey` (e.g. the URI) enables
   * re-use between edits; the findings returned for a key are then the checker's own and
   * the next call for that key may move them, so copy what you keep beyond it.
   */
  check(text: string, documentKey?: string): Finding[];
  /** Drops what is kept for a closed document. */
  forget(documentKey: string): void;
  /** Counts of the last check, for tests and the benchmark. */
  lastStats(): CheckStats;
  /** The model kept for a document by its last check (the editor features read it instead of parsing again). */
  model(documentKey: string): ChargeFile | undefined;
}

/** Rules that compare the lines of a claim: their findings name the claim (work lists sort by it). */
const CLAIM_RULE_IDS: ReadonlySet<string> = new Set(RULES.filter((r) => r.scope === 'claim').map((r) => r.id));

/** Bounded, as every echo of a cell is: a cell of 100,000 modifiers names its first few. */
const MAX_CHARGE_MODIFIERS = 6;

/** The line a finding is on, for work lists: its code and (first) modifiers, one object per line. */
function chargeOf(line: ChargeLine): { code: string; modifiers: string[] } {
  return (line.charge ??= { code: excerpt(line.codeValue, 12), modifiers: line.modifiers.slice(0, MAX_CHARGE_MODIFIERS).map((m) => excerpt(m.value, 8)) });
}

/** "Claim CLM1: …" (else the account, else the patient): a work list is sorted by claim. */
function nameClaim(finding: Finding, line: ChargeLine): void {
  if (!line.claimLabel || finding.claim) return;
  const kind = line.field('claim') ? 'Claim' : line.field('account') ? 'Account' : 'Patient';
  finding.claim = `${kind} ${excerpt(line.claimLabel, 30)}`;
  finding.message = `${finding.claim}: ${finding.message}`;
}

export function createChargeChecker(data: CodeSet, allRules: readonly Rule[], settings: CheckSettings): ChargeChecker {
  const codeSet = memoCodeSet(data);
  const severities = settings.rules;
  const rules = allRules.filter((r) => ruleIsOn(r.id, severities));
  const fileRules = rules.filter((r): r is FileRule => r.scope === 'file');
  const lineRules = rules.filter((r): r is LineRule => r.scope === 'line');
  const claimRules = rules.filter((r): r is ClaimRule => r.scope === 'claim');
  const ruleIds = RULE_IDS;
  const ncciLoaded = codeSet.version().ncci !== undefined;
  const hasModifiers = modifiersLoaded(codeSet);
  const documents = new Map<string, DocumentState>();
  let stats: CheckStats = { mode: 'full', claims: 0, checked: 0, lines: 0 };

  const gate = periodGate(codeSet);
  /** Applies the configured severity, then the data periods; drops findings a suppression with a reason accepts. */
  function collector(sink: (finding: Finding, line?: ChargeLine) => void): Report {
    return (finding, line) => {
      if (line && !UNSUPPRESSIBLE.has(finding.ruleId) && isSuppressed(line, finding.ruleId)) return;
      if (line) {
        finding.charge ??= chargeOf(line);
        if (CLAIM_RULE_IDS.has(finding.ruleId)) nameClaim(finding, line);
      }
      sink(gate(applySeverity(finding, severities), line), line);
    };
  }

  const contextOf = (file: ChargeFile): RuleContext => ({ codeSet, settings, ncciLoaded, modifiersLoaded: hasModifiers, ruleIds, columns: file.columns });

  // One report function for every claim (not a closure per claim): it fills `current`,
  // keeping at most MAX_FINDINGS_PER_RULE_AND_LINE per rule and line (counted per claim run,
  // so a re-check of one claim counts as a fresh check does).
  let current: Finding[] = [];
  let perLine = new Map<string, { kept: number; last: Finding; message: string; more: number }>();
  const claimReport = collector((f, line) => {
    if (!line) {
      current.push(f);
      return;
    }
    const key = `${line.row.start}\t${f.ruleId}`;
    const seen = perLine.get(key);
    if (!seen) {
      perLine.set(key, { kept: 1, last: f, message: f.message, more: 0 });
      current.push(f);
    } else if (seen.kept < MAX_FINDINGS_PER_RULE_AND_LINE) {
      seen.kept++;
      seen.last = f;
      seen.message = f.message;
      current.push(f);
    } else {
      // Over the cap: the last kept finding counts the rest.
      seen.more++;
      if (seen.more === 1) seen.last.data = { ...seen.last.data };
      seen.last.data!.moreOnThisLine = seen.more;
      seen.last.message = `${seen.message} (${seen.more} more like it on this line are not listed)`;
    }
  });


  function checkClaim(claim: Claim, context: RuleContext): Finding[] {
    stats.checked++;
    const found: Finding[] = (current = []);
    perLine = new Map();
    for (const line of claim.lines) for (const rule of lineRules) rule.checkLine(line, context, claimReport);
    for (const rule of claimRules) rule.checkClaim(claim, context, claimReport);
    // Kept per claim for as long as the document is open: claims without findings (most,
    // in a clean file) share one empty list instead of keeping one each.
    return found.length === 0 ? NO_FINDINGS : found;
  }

  /** The file-level findings; file rules run last and see the claims' findings. */
  function assemble(file: ChargeFile, context: RuleContext, perClaim: Iterable<Finding[]>): Finding[] {
    const findings: Finding[] = [];
    for (const list of perClaim) for (const f of list) findings.push(f);
    const claimFindings = findings.length;
    const report = collector((f) => findings.push(f));
    for (const rule of claimRules) rule.checkFile?.(file, context, report);
    const others = findings.slice(0, claimFindings);
    for (const rule of fileRules) rule.checkFile(file, context, report, others);
    return findings.sort(compareFindings);
  }

  function full(text: string, documentKey: string | undefined, previous: DocumentState | undefined): Finding[] {
    const file = parseChargeFile(text, { columns: settings.columns, ruleIds });
    const context = contextOf(file);
    stats = { mode: 'full', claims: file.claims.size, checked: 0, lines: file.lines.length };
    // Only a kept document needs its findings by claim key. Without a key they go to a plain
    // list in the same (claim) order: filling a Map of ~28k claims costs more than its use.
    const byClaim = documentKey !== undefined ? new Map<string, Finding[]>() : undefined;
    const perClaim: Finding[][] = [];
    const header = file.table.rows[0] ? text.slice(file.table.rows[0].start, file.table.rows[0].end) : '';
    if (file.columns.code) {
      // Claims whose text is unchanged since the previous check reuse its findings. The
      // previous claims' texts are only built here, when an edit needed a full parse.
      const old = previous && previous.header === header ? claimsByText(previous) : undefined;
      for (const claim of file.claims.values()) {
        const cached = old?.get(claimText(text, claim));
        let found: Finding[];
        if (cached) {
          const starts = claim.lines.map((l) => l.row.start);
          found = sameStarts(cached.starts, starts) ? cached.findings : cached.findings.map((f) => rebase(f, cached.starts, starts));
        } else {
          found = checkClaim(claim, context);
        }
        if (byClaim) byClaim.set(claim.key, found);
        else perClaim.push(found);
      }
    }
    if (documentKey !== undefined && byClaim) {
      documents.set(documentKey, { file, header, byClaim });
      return assemble(file, context, byClaim.values());
    }
    return assemble(file, context, perClaim);
  }

  /** The one-row path; undefined when the edit is not one a row re-parse can handle. */
  function rowUpdate(state: DocumentState, text: string): Finding[] | undefined {
    const change = changeBetween(state.file.text, text);
    if (!change || !state.file.columns.code) return undefined;
    const edit = applyRowEdit(state.file, text, change, ruleIds);
    if (!edit) return undefined;
    const { file } = state;
    const context = contextOf(file);
    stats = { mode: 'row', claims: file.claims.size, checked: 0, lines: file.lines.length };
    const affected = new Set([edit.before.claimKey, edit.after.claimKey]);
    const rowStart = edit.after.row.start;
    // Findings of the claims after the edit move with their rows. In place: they belong to
    // the checker, and a keystroke in a 100k-line file must not copy 40k findings.
    if (edit.delta !== 0) {
      for (const [key, list] of state.byClaim) {
        if (affected.has(key)) continue;
        for (const f of list) {
          if (f.start > rowStart) shiftInPlace(f, edit.delta);
          // A related place (the other line of a pair) moves by its own position.
          if (f.related) for (const r of f.related) if (r.start > rowStart) { r.start += edit.delta; r.end += edit.delta; }
        }
      }
    }
    for (const key of affected) {
      const claim = file.claims.get(key);
      if (claim) state.byClaim.set(key, checkClaim(claim, context));
      else state.byClaim.delete(key);
    }
    return assemble(file, context, state.byClaim.values());
  }

  return {
    check(text, documentKey) {
      const state = documentKey === undefined ? undefined : documents.get(documentKey);
      if (state) {
        const quick = rowUpdate(state, text);
        if (quick) return quick;
      }
      return full(text, documentKey, state);
    },
    forget(documentKey) {
      documents.delete(documentKey);
    },
    lastStats: () => stats,
    model: (documentKey) => documents.get(documentKey)?.file,
  };
}

function isSuppressed(line: ChargeLine, ruleId: string): boolean {
  for (const s of line.suppressions) if (s.reason !== '' && suppresses(s, ruleId)) return true;
  const o = line.override;
  return o !== undefined && o.reason !== '' && suppresses(o, ruleId);
}

const CHUNK = 4096;

/**
 * The single change that turns `before` into `after` (common prefix and suffix), or
 * undefined when the texts are equal. Chunks are compared as strings first, so a
 * 6 MB file costs a few milliseconds.
 */
export function changeBetween(before: string, after: string): TextChange | undefined {
  if (before === after) return undefined;
  const limit = Math.min(before.length, after.length);
  let p = 0;
  while (p + CHUNK <= limit && before.slice(p, p + CHUNK) === after.slice(p, p + CHUNK)) p += CHUNK;
  while (p < limit && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  let s = 0;
  const room = limit - p;
  while (s + CHUNK <= room && before.slice(before.length - s - CHUNK, before.length - s) === after.slice(after.length - s - CHUNK, after.length - s)) s += CHUNK;
  while (s < room && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, end: before.length - s, text: after.slice(p, after.length - s) };
}

/** The previous check's findings by claim text, with the row starts they were made at. */
function claimsByText(state: DocumentState): Map<string, CachedClaim> {
  const out = new Map<string, CachedClaim>();
  for (const claim of state.file.claims.values()) {
    const findings = state.byClaim.get(claim.key);
    if (findings) out.set(claimText(state.file.text, claim), { starts: claim.lines.map((l) => l.row.start), findings });
  }
  return out;
}

/** The claim's identity for the cache: its rows' text and the suppression comments above them. */
function claimText(text: string, claim: Claim): string {
  let key = '';
  for (const line of claim.lines) {
    key += text.slice(line.row.start, line.row.end);
    for (const s of line.suppressions) key += '\u0001' + text.slice(s.start, s.end);
    key += '\u0000';
  }
  return key;
}

function sameStarts(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function shiftInPlace(finding: Finding, delta: number): void {
  finding.start += delta;
  finding.end += delta;
  if (finding.fixes) {
    for (const fix of finding.fixes) {
      for (const e of fix.edits) {
        e.start += delta;
        e.end += delta;
      }
    }
  }
}

/** Moves a cached finding's offsets from the claim's old row positions to the new ones. */
function rebase(finding: Finding, oldStarts: readonly number[], starts: readonly number[]): Finding {
  return move(finding, (offset) => {
    let lo = 0;
    let hi = oldStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (oldStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo] + (offset - oldStarts[lo]);
  });
}

function move(finding: Finding, to: (offset: number) => number): Finding {
  const edit = (e: OffsetEdit): OffsetEdit => ({ ...e, start: to(e.start), end: to(e.end) });
  return {
    ...finding,
    start: to(finding.start),
    end: to(finding.end),
    ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(edit) })) } : {}),
    ...(finding.related ? { related: finding.related.map((r) => ({ ...r, start: to(r.start), end: to(r.end) })) } : {}),
  };
}
