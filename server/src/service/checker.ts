/**
 * Runs the rules over a charge file. One parse, one pass to group claims, then each
 * claim's line and claim rules. Claims are the unit of re-checking: the findings of a
 * claim are cached under the claim's text (its rows and suppression comments), so
 * after a one-cell edit only the edited line's claim runs its rules again; the other
 * claims' findings are moved to their rows' new offsets. File rules (structure,
 * dates, suppressions, data notes) are linear scans and always run.
 *
 * Architecture invariant: a line or claim rule reads only its claim's lines, the
 * column map and the code set, so the cache key (claim text + header + settings) is
 * complete.
 */
import type { CodeSet } from '../codeset/types';
import { ChargeFile, ChargeLine, Claim, parseChargeFile } from './documents/chargeFile';
import { suppresses } from './documents/suppressions';
import { modifiersLoaded } from './rules/modifierFacts';
import type { ClaimRule, FileRule, LineRule, Report, Rule, RuleContext } from './rules/rule';
import type { CheckSettings } from './settings';
import type { Finding, OffsetEdit } from './types';

/** Rules whose findings cannot be suppressed: the suppressions' own rule, and damage to the table. */
const UNSUPPRESSIBLE = new Set(['suppression', 'csv-structure']);

interface CachedClaim {
  /** Row ranges of the claim's lines when the findings were made. */
  starts: number[];
  ends: number[];
  findings: Finding[];
}

interface DocumentCache {
  header: string;
  claims: Map<string, CachedClaim>;
}

export interface CheckStats {
  claims: number;
  /** Claims whose findings came from the cache. */
  reused: number;
  lines: number;
}

export interface ChargeChecker {
  /** Findings for a charge file, sorted by position. `documentKey` (e.g. the URI) enables re-use between edits. */
  check(text: string, documentKey?: string): Finding[];
  /** Drops the cache of a closed document. */
  forget(documentKey: string): void;
  /** Counts of the last check, for tests and the benchmark. */
  lastStats(): CheckStats;
  /** The model of the last check (for hover and code actions that need the parsed file). */
  lastFile(): ChargeFile | undefined;
}

export function createChargeChecker(codeSet: CodeSet, allRules: readonly Rule[], settings: CheckSettings): ChargeChecker {
  const severities = settings.rules ?? {};
  const rules = allRules.filter((r) => severities[r.id] !== 'off');
  const fileRules = rules.filter((r): r is FileRule => r.scope === 'file');
  const lineRules = rules.filter((r): r is LineRule => r.scope === 'line');
  const claimRules = rules.filter((r): r is ClaimRule => r.scope === 'claim');
  const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.id));
  const ncciLoaded = codeSet.version().ncci !== undefined;
  const hasModifiers = modifiersLoaded(codeSet);
  const caches = new Map<string, DocumentCache>();
  let stats: CheckStats = { claims: 0, reused: 0, lines: 0 };
  let last: ChargeFile | undefined;

  /** Applies the configured severity and drops findings a suppression with a reason accepts. */
  function collector(out: Finding[]): Report {
    return (finding, line) => {
      if (line && !UNSUPPRESSIBLE.has(finding.ruleId) && isSuppressed(line, finding.ruleId)) return;
      const severity = severities[finding.ruleId];
      if (severity && severity !== 'off') finding.severity = severity;
      out.push(finding);
    };
  }

  function checkClaim(claim: Claim, context: RuleContext): Finding[] {
    const found: Finding[] = [];
    const report = collector(found);
    for (const line of claim.lines) for (const rule of lineRules) rule.checkLine(line, context, report);
    for (const rule of claimRules) rule.checkClaim(claim, context, report);
    return found;
  }

  return {
    check(text, documentKey) {
      const file = parseChargeFile(text, { columns: settings.columns, ruleIds });
      last = file;
      const context: RuleContext = { codeSet, settings, ncciLoaded, modifiersLoaded: hasModifiers, ruleIds, columns: file.columns };
      const findings: Finding[] = [];
      const report = collector(findings);
      for (const rule of fileRules) rule.checkFile(file, context, report);
      for (const rule of claimRules) rule.checkFile?.(file, context, report);
      stats = { claims: file.claims.size, reused: 0, lines: file.lines.length };
      if (file.columns.code) {
        const header = file.table.rows[0] ? text.slice(file.table.rows[0].start, file.table.rows[0].end) : '';
        const previous = documentKey === undefined ? undefined : caches.get(documentKey);
        const old = previous && previous.header === header ? previous.claims : undefined;
        const next = new Map<string, CachedClaim>();
        for (const claim of file.claims.values()) {
          const key = claimText(text, claim);
          const starts = claim.lines.map((l) => l.row.start);
          const ends = claim.lines.map((l) => l.row.end);
          const cached = old?.get(key);
          let claimFindings: Finding[];
          if (cached) {
            claimFindings = cached.findings.map((f) => rebase(f, cached, starts));
            stats.reused++;
          } else {
            claimFindings = checkClaim(claim, context);
          }
          if (documentKey !== undefined) next.set(key, { starts, ends, findings: claimFindings });
          for (const f of claimFindings) findings.push(f);
        }
        if (documentKey !== undefined) caches.set(documentKey, { header, claims: next });
      }
      return findings.sort((a, b) => a.start - b.start || a.end - b.end);
    },
    forget(documentKey) {
      caches.delete(documentKey);
    },
    lastStats: () => stats,
    lastFile: () => last,
  };
}

function isSuppressed(line: ChargeLine, ruleId: string): boolean {
  for (const s of line.suppressions) if (s.reason !== '' && suppresses(s, ruleId)) return true;
  const o = line.override;
  return o !== undefined && o.reason !== '' && suppresses(o, ruleId);
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

/** Moves a cached finding's offsets from the claim's old row positions to the new ones. */
function rebase(finding: Finding, cached: CachedClaim, starts: readonly number[]): Finding {
  const move = (offset: number): number => {
    let lo = 0;
    let hi = cached.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cached.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return starts[lo] + (offset - cached.starts[lo]);
  };
  const moveEdit = (e: OffsetEdit): OffsetEdit => ({ ...e, start: move(e.start), end: move(e.end) });
  return {
    ...finding,
    start: move(finding.start),
    end: move(finding.end),
    ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(moveEdit) })) } : {}),
  };
}
