/**
 * Runs the rules over a charge file: one parse, one pass to group claims, then each
 * claim's line and claim rules. Claims are the unit of re-checking.
 *
 * The checker keeps nothing: a check returns its findings and a `ChargeState` (the
 * model and the findings per claim), and the next check of the same document may take
 * that state and the edit (the server passes the editor's change; without one it is
 * found as the common prefix and suffix of the two texts). When the edit is inside one
 * data row (the usual keystroke or cell edit), that row alone is parsed again, the rows
 * after it move, the rules of the one or two claims the line belonged to and belongs
 * to now run again, and the other claims' findings are moved: as new objects, so a
 * result someone still holds never changes. Other edits parse the whole text again, and
 * claims whose text did not change reuse their findings (cached under the claim's
 * text). File rules (structure, dates, suppressions, data notes) are linear scans and
 * always run. The owner of the document's state is the language service's document
 * store (`documentStore.ts`).
 *
 * Architecture invariant: a line or claim rule reads only its claim's lines, the
 * column map and the code set, so re-running only the edited claims is exact.
 */
import type { CodeSet } from '../codeset/types';
import { ChargeFile, ChargeLine, Claim, parseChargeFile } from './documents/chargeFile';
import { TextChange, applyRowEdit } from './documents/rowEdit';
import { sameReading } from './documents/columnReading';
import { suppresses } from './documents/suppressions';
import { memoCodeSet } from './memoCodeSet';
import { periodGate } from './dataPeriods';
import { RULES, RULE_IDS, applySeverity, ruleIsOn } from './registry';
import { excerpt } from './excerpt';
import { modifiersLoaded } from './lineFacts/modifierFacts';
import type { ClaimRule, FileRule, LineRule, Report, Rule, RuleContext } from './rules/rule';
import type { CheckSettings } from './settings';
import { Finding, compareFindings } from './types';
import { ChargeView, ClaimFindings, FindingsView, Tally, adjustTally, claimFindings, placeOf, sumTallies } from './findingsView';

/** Rules whose findings cannot be suppressed: the suppressions' own rule, and damage to the table. */
const UNSUPPRESSIBLE = new Set(['suppression', 'csv-structure']);

/**
 * Most findings of one rule on one line. A damaged cell (300,000 letters in a pointer
 * cell, 100,000 modifiers) would otherwise make one finding per item: 60 MB of CLI output
 * for one line. The last one kept says how many more there are.
 */
export const MAX_FINDINGS_PER_RULE_AND_LINE = 20;

/** A rule's findings on one line past the first: how many are kept, the last, and how many more were dropped. */
class Repeated {
  kept = 2;
  more = 0;
  message: string;
  constructor(public last: Finding) {
    this.message = last.message;
  }
}

/** The findings of every claim that has none: shared, never changed. */
const NO_FINDINGS: ClaimFindings = claimFindings([], [], []);

/**
 * What a check leaves for the next check of the same document. Handing it to the next
 * check consumes it: the row path updates its model and claim map for the new text.
 */
export interface ChargeState {
  readonly file: ChargeFile;
  readonly header: string;
  /** Findings per claim key, at the offsets of the check that made them (see findingsView.ts); never changed after they are made. */
  readonly byClaim: Map<string, ClaimFindings>;
  /** The entries of `byClaim` that have findings, in the order of their first lines (the view's search order). */
  readonly withFindings: ClaimFindings[];
  /** Where each line's row starts in the current text (by line index); never changed after it is made. */
  readonly rowStarts: Int32Array;
  /** The claims' findings counted (the file rules read it). */
  readonly tally: Tally;
}

export interface CheckResult {
  /** The findings, read as needed: the editor reads the few it shows, not all of them at every keystroke. */
  view: FindingsView;
  /** Every finding, sorted by position (`view.all()`); never changed after it is returned. */
  readonly findings: readonly Finding[];
  state: ChargeState;
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
  /** Findings for a charge file, sorted by position (a one-off check: nothing is kept). */
  check(text: string): Finding[];
  /**
   * Findings and the state for the next check of the same document. With `previous`
   * (the state the last check returned for it, which this call consumes) and, when
   * known, the `change` that turned its text into `text`, a one-row edit re-checks one
   * or two claims only.
   */
  update(text: string, previous?: ChargeState, change?: TextChange): CheckResult;
  /**
   * `update` in steps: a row edit at once; a whole check yields its parsed model first, then
   * every CLAIMS_PER_STEP claims (undefined), and returns the same result `update` would.
   */
  updateInSteps(text: string, previous?: ChargeState, change?: TextChange): Generator<ChargeFile | undefined, CheckResult>;
  /**
   * The line rules' findings for the first `rows` data rows alone: exact for those rows (a
   * line rule reads only its line, the column map and the code set), in a fraction of a
   * big file's check. Undefined when the text has no more rows than that, or the rows
   * cannot be cut cleanly (a quoted cell open across the cut, no code column). With `enough`,
   * the first PREVIEW_FIRST_ROWS rows alone when they hold at least that many findings other
   * than hints (an answer that shows `enough`, errors first, is then full).
   */
  preview(text: string, rows: number, enough?: number): Finding[] | undefined;
  /** Counts of the last check, for tests and the benchmark. */
  lastStats(): CheckStats;
}

/** The rows a preview checks first (see `ChargeChecker.preview`). */
export const PREVIEW_FIRST_ROWS = 500;

/** Rules that compare the lines of a claim: their findings name the claim (work lists sort by it). */
const CLAIM_RULE_IDS: ReadonlySet<string> = new Set(RULES.filter((r) => r.scope === 'claim').map((r) => r.id));

/** Bounded, as every echo of a cell is: a cell of 100,000 modifiers names its first few. */
const MAX_CHARGE_MODIFIERS = 6;

/** The line a finding is on, for work lists: its code and (first) modifiers, one object per line. */
function chargeOf(line: ChargeLine): { code: string; modifiers: string[] } {
  return (line.charge ??= { code: excerpt(line.codeValue, 12), modifiers: chargeModifiers(line.modifiers) });
}

/** Shared by the lines without modifiers (most): never changed. */
const NO_CHARGE_MODIFIERS: string[] = [];

function chargeModifiers(modifiers: readonly { value: string }[]): string[] {
  if (modifiers.length === 0) return NO_CHARGE_MODIFIERS;
  const count = Math.min(modifiers.length, MAX_CHARGE_MODIFIERS);
  const out = new Array<string>(count);
  for (let k = 0; k < count; k++) out[k] = excerpt(modifiers[k].value, 8);
  return out;
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
  // One map for every claim run, emptied at each (a Map per claim is garbage for 30k claims),
  // keyed by line and rule as one number (no key string per finding); a line's first finding
  // of a rule is its own entry, and a count is made only for a second one.
  const perLine = new Map<number, Finding | Repeated>();
  const ruleSlots = allRules.length + 1;
  const ruleNumber = new Map(allRules.map((r, i) => [r.id, i]));
  const claimReport = collector((f, line) => {
    if (!line) {
      current.push(f);
      return;
    }
    const key = line.index * ruleSlots + (ruleNumber.get(f.ruleId) ?? allRules.length);
    const seen = perLine.get(key);
    if (!seen) {
      perLine.set(key, f);
      current.push(f);
    } else if (!(seen instanceof Repeated)) {
      perLine.set(key, new Repeated(f));
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

  function checkClaim(claim: Claim, context: RuleContext): ClaimFindings {
    stats.checked++;
    const found: Finding[] = (current = []);
    perLine.clear();
    for (const line of claim.lines) for (const rule of lineRules) rule.checkLine(line, context, claimReport);
    for (const rule of claimRules) rule.checkClaim(claim, context, claimReport);
    // Kept per claim for as long as the document is open: claims without findings (most,
    // in a clean file) share one entry instead of keeping one each.
    if (found.length === 0) return NO_FINDINGS;
    return claimFindings(found.sort(compareFindings), claim.lines.map((l) => l.row.start), claim.lines.map((l) => l.index));
  }

  /** The file rules' findings (they run last and read the claims' findings counted), and the view of it all. */
  function finish(file: ChargeFile, context: RuleContext, claims: ClaimFindings[], rowStarts: Int32Array, tally: Tally): FindingsView {
    const fileFindings: Finding[] = [];
    const report = collector((f) => fileFindings.push(f));
    for (const rule of claimRules) rule.checkFile?.(file, context, report);
    for (const rule of fileRules) rule.checkFile(file, context, report, tally);
    return new ChargeView(claims, rowStarts, fileFindings.sort(compareFindings), tally);
  }

  function full(text: string, keep: boolean, previous: ChargeState | undefined): { view: FindingsView; state: ChargeState } {
    return runToEnd(fullInSteps(text, keep, previous));
  }

  /**
   * The whole check, in steps (a server runs them between its answers, so a hover is not held
   * back by a big file's check): it yields the parsed model first, then after every
   * CLAIMS_PER_STEP claims checked, and returns what `full` returns.
   */
  function* fullInSteps(text: string, keep: boolean, previous: ChargeState | undefined): Generator<ChargeFile | undefined, { view: FindingsView; state: ChargeState }> {
    const file = parseChargeFile(text, { columns: settings.columns, ruleIds });
    yield file;
    const context = contextOf(file);
    stats = { mode: 'full', claims: file.claims.size, checked: 0, lines: file.lines.length };
    // Only a state for the next check needs findings by claim key: filling a Map of ~28k
    // claims for a one-off check costs more than its use.
    const byClaim = new Map<string, ClaimFindings>();
    const claims: ClaimFindings[] = [];
    const header = headerOf(file, text);
    if (file.columns.code) {
      // Claims whose text is unchanged since the previous check reuse its findings, where
      // they were: the view moves them when they are read. The previous claims' texts are
      // only built here, when an edit needed a full parse.
      // The same header can be read differently when a column's role comes from its values: then nothing is reused.
      const old = previous && previous.header === header && sameReading(previous.file.reading, file.reading) ? claimsByText(previous) : undefined;
      let sinceStep = 0;
      for (const claim of file.claims.values()) {
        if (++sinceStep === CLAIMS_PER_STEP) {
          sinceStep = 0;
          yield undefined;
        }
        const cached = old?.get(claimText(text, claim));
        const found = cached ? (cached.findings.length === 0 ? NO_FINDINGS : { ...cached, lines: claim.lines.map((l) => l.index) }) : checkClaim(claim, context);
        if (keep) byClaim.set(claim.key, found);
        claims.push(found);
      }
    }
    const rowStarts = new Int32Array(file.lines.length);
    for (let i = 0; i < file.lines.length; i++) rowStarts[i] = file.lines[i].row.start;
    // Claims come in the order of their first lines (file.claims is filled in file order).
    const withFindings = claims.filter((c) => c.findings.length > 0);
    const tally = sumTallies(withFindings.map((c) => c.tally));
    const view = finish(file, context, keep ? withFindings.slice() : withFindings, rowStarts, tally);
    return { view, state: { file, header, byClaim, withFindings, rowStarts, tally } };
  }

  /** The one-row path; undefined when the edit is not one a row re-parse can handle. */
  function rowUpdate(state: ChargeState, text: string, given: TextChange | undefined): { view: FindingsView; state: ChargeState } | undefined {
    const change = given && fits(given, state.file.text, text) ? given : changeBetween(state.file.text, text);
    if (!change || !state.file.columns.code) return undefined;
    const edit = applyRowEdit(state.file, text, change, ruleIds);
    if (!edit) return undefined;
    const { file, byClaim, withFindings } = state;
    const context = contextOf(file);
    stats = { mode: 'row', claims: file.claims.size, checked: 0, lines: file.lines.length };
    // The rows after the edit move; the claims' findings stay where they were made (a view
    // moves them when read), so an earlier result never changes and a keystroke does not
    // copy the findings of the rest of the file.
    let rowStarts = state.rowStarts;
    if (edit.delta !== 0) {
      rowStarts = rowStarts.slice();
      for (let k = edit.after.index + 1; k < rowStarts.length; k++) rowStarts[k] += edit.delta;
    }
    let tally = state.tally;
    for (const key of new Set([edit.before.claimKey, edit.after.claimKey])) {
      const was = byClaim.get(key) ?? NO_FINDINGS;
      const claim = file.claims.get(key);
      const now = claim ? checkClaim(claim, context) : NO_FINDINGS;
      if (claim) byClaim.set(key, now);
      else byClaim.delete(key);
      tally = adjustTally(tally, now.tally, was.tally);
      removeInOrder(withFindings, was);
      insertInOrder(withFindings, now);
    }
    // A row edit never touches the header row (applyRowEdit takes data rows only): its text
    // is the one kept, not cut again from a text that may be joined from pieces.
    const header = state.header;
    const view = finish(file, context, withFindings.slice(), rowStarts, tally);
    return { view, state: { file, header, byClaim, withFindings, rowStarts, tally } };
  }

  function preview(text: string, rows: number, enough = Infinity): Finding[] | undefined {
    // A few hundred rows first: they often hold as many findings as the answer shows, and
    // are checked in a fraction of the time (most of a first check is code not yet compiled,
    // about 40 µs a row); else all `rows`. Hints do not count: an editor's problem list
    // leaves them out.
    const first = Math.min(rows, PREVIEW_FIRST_ROWS);
    const found = previewRows(text, first);
    if (first === rows || found === undefined) return found && found.sort(compareFindings);
    let listed = 0;
    for (const f of found) if (f.severity !== 'hint') listed++;
    return (listed >= enough ? found : previewRows(text, rows))?.sort(compareFindings);
  }

  function previewRows(text: string, rows: number): Finding[] | undefined {
    // Where the header and `rows` more lines end (comment lines count too: a few more or less do not matter).
    let cut = text.indexOf('\n');
    for (let n = 0; n < rows && cut >= 0; n++) cut = text.indexOf('\n', cut + 1);
    if (cut < 0 || cut + 1 >= text.length) return undefined;
    const file = parseChargeFile(text.slice(0, cut + 1), { columns: settings.columns, ruleIds });
    if (!file.columns.code || file.table.problems.some((p) => p.kind === 'unclosed-quote')) return undefined;
    const context = contextOf(file);
    const found: Finding[] = (current = []);
    for (const line of file.lines) {
      perLine.clear();
      for (const rule of lineRules) rule.checkLine(line, context, claimReport);
    }
    return found;
  }

  function* updateInSteps(text: string, previous?: ChargeState, change?: TextChange): Generator<ChargeFile | undefined, CheckResult> {
    const row = previous && rowUpdate(previous, text, change);
    return result(row || (yield* fullInSteps(text, true, previous)));
  }

  return {
    preview,
    check: (text) => full(text, false, undefined).view.all() as Finding[],
    // One path for both: `update` is the steps run at once.
    update: (text, previous, change) => runToEnd(updateInSteps(text, previous, change)),
    updateInSteps,
    lastStats: () => stats,
  };
}

/** Claims checked between two steps of a stepped check (about 10 ms of rules on a 100k-line export). */
export const CLAIMS_PER_STEP = 500;

/** A generator's return value, every step run now. */
export function runToEnd<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

function result({ view, state }: { view: FindingsView; state: ChargeState }): CheckResult {
  return {
    view,
    state,
    get findings() {
      return view.all();
    },
  };
}

/** The header row's text ('' without one): a full parse reuses claims only under the same header. */
function headerOf(file: ChargeFile, text: string): string {
  const row = file.table.rows[0];
  return row ? text.slice(row.start, row.end) : '';
}

/** Whether `change` turns `before` into `after` (cheap checks: lengths and the inserted text). */
function fits(change: TextChange & { exact?: boolean }, before: string, after: string): boolean {
  return (
    change.start >= 0 &&
    change.start <= change.end &&
    change.end <= before.length &&
    after.length === before.length - (change.end - change.start) + change.text.length &&
    (change.exact === true || after.startsWith(change.text, change.start))
  );
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

function removeInOrder(list: ClaimFindings[], entry: ClaimFindings): void {
  if (entry.findings.length === 0) return;
  const at = placeOf(list, entry.lines[0]);
  if (list[at] === entry) list.splice(at, 1);
}

function insertInOrder(list: ClaimFindings[], entry: ClaimFindings): void {
  if (entry.findings.length > 0) list.splice(placeOf(list, entry.lines[0]), 0, entry);
}

/** The previous check's findings by claim text. */
function claimsByText(state: ChargeState): Map<string, ClaimFindings> {
  const out = new Map<string, ClaimFindings>();
  for (const claim of state.file.claims.values()) {
    const findings = state.byClaim.get(claim.key);
    if (findings) out.set(claimText(state.file.text, claim), findings);
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
