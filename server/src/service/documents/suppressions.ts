/**
 * Suppression comments: `# cpt-lens-disable-next-line ncci-ptp, mue: reason`. A coder
 * accepts a finding for the next data line and says why; the reason is required.
 */
import type { CsvComment } from '../../csv/csv';

export interface Suppression {
  /** Rule ids named, with their offsets; empty means every rule. */
  rules: { id: string; start: number; end: number }[];
  /** The reason after the colon, trimmed; '' when none was given. */
  reason: string;
  /** The comment line. */
  start: number;
  end: number;
}

const DIRECTIVE = 'cpt-lens-disable-next-line';
const RULE_ID = /[a-z0-9][a-z0-9-]*/g;

/** The suppression in a comment line, or undefined for an ordinary comment. */
export function parseSuppressions(comment: CsvComment): Suppression | undefined {
  const text = comment.text;
  const at = text.indexOf(DIRECTIVE);
  if (at < 0 || text.slice(0, at).trim() !== '') return undefined;
  const bodyStart = at + DIRECTIVE.length;
  const colon = text.indexOf(':', bodyStart);
  const idsText = colon < 0 ? text.slice(bodyStart) : text.slice(bodyStart, colon);
  const reason = colon < 0 ? '' : text.slice(colon + 1).trim();
  const offset = comment.start + 1 + bodyStart;
  const rules: Suppression['rules'] = [];
  RULE_ID.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RULE_ID.exec(idsText)) !== null) rules.push({ id: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  return { rules, reason, start: comment.start, end: comment.end };
}

/** Whether a suppression covers a rule. */
export function suppresses(s: Suppression, ruleId: string): boolean {
  return s.rules.length === 0 || s.rules.some((r) => r.id === ruleId);
}

/**
 * An `override_reason` cell: `ncci-ptp, mue: reason` accepts those rules' findings on
 * the line; text that does not start with known rule ids accepts every finding on it.
 */
export function parseOverride(cell: { text: string; start: number; end: number }, ruleIds: ReadonlySet<string>): Suppression {
  const colon = cell.text.indexOf(':');
  if (colon > 0) {
    const ids = cell.text.slice(0, colon).split(/[\s,]+/).filter(Boolean);
    if (ids.length > 0 && ids.every((id) => ruleIds.has(id))) {
      let from = 0;
      const rules = ids.map((id) => {
        const at = cell.text.indexOf(id, from);
        from = at + id.length;
        return { id, start: cell.start + at, end: cell.start + at + id.length };
      });
      return { rules, reason: cell.text.slice(colon + 1).trim(), start: cell.start, end: cell.end };
    }
  }
  return { rules: [], reason: cell.text.trim(), start: cell.start, end: cell.end };
}
