/**
 * The part of a hover that explains the findings under the cursor: each finding's rule,
 * severity and message, and the data row it rests on (for an NCCI pair: both codes,
 * the modifier indicator and the edit's dates), so a coder sees why without opening
 * the Problems panel.
 */
import type { Finding } from '../types';
import { escapeMarkdown, markdownLines } from './hoverSections';

/** Data keys in the coder's words; others are shown as they are. */
const LABELS: Readonly<Record<string, string>> = {
  column1: 'column 1',
  column2: 'column 2',
  effective: 'effective',
  deletion: 'deleted',
  modifierIndicator: 'modifier indicator',
  rationale: 'rationale',
  mai: 'MUE adjudication indicator',
  pctc: 'PC/TC indicator',
  bilateral: 'BILAT indicator',
  multipleProcedure: 'MULT PROC indicator',
  assistant: 'ASST indicator',
  coSurgeons: 'CO indicator',
  teamSurgery: 'TEAM indicator',
  globalDays: 'global days',
};

function value(v: unknown): string {
  if (v === '' || v === undefined || v === null) return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/**
 * Errors and warnings whose range holds `offset`, errors first. Information and hints
 * (per-file notes such as "NCCI not imported", status hints the code facts already
 * explain) would only repeat what is on screen.
 */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings
    .filter((f) => (f.severity === 'error' || f.severity === 'warning') && f.start <= offset && offset <= f.end)
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
}

export function describeFindings(findings: readonly Finding[]): string {
  const out: string[] = [];
  for (const f of findings) {
    if (out.length > 0) out.push('');
    out.push(`**${f.ruleId}** (${f.severity}): ${escapeMarkdown(f.message)}`);
    const data = Object.entries(f.data ?? {}).filter(([, v]) => typeof v !== 'object' || v === null);
    if (data.length > 0) out.push(`_Rests on:_ ${data.map(([k, v]) => `${LABELS[k] ?? k} ${escapeMarkdown(value(v))}`).join(' · ')}`);
  }
  return markdownLines(out);
}
