/**
 * Checks a note: parse once, work out what it documents for each cited code, then
 * run the note rules and the charge line rules that apply to a citation.
 */
import type { CodeSet } from '../../codeset/types';
import { parseNote } from '../documents/note';
import { applySeverity, ruleIsOn } from '../registry';
import type { Rule } from '../rules/rule';
import type { CheckSettings } from '../settings';
import { Finding, compareFindings } from '../types';
import { documentationFacts } from './documentation';
import { ALL_NOTE_RULES } from './index';
import { noteLineRules, runLineRules } from './lineRules';
import type { NoteRule } from './rule';

export interface NoteCheckOptions {
  /** Unfilled blanks are expected (a template), so they are not reported. */
  templateMode?: boolean;
  /** Note rules to run; all by default. */
  noteRules?: readonly NoteRule[];
  /** The charge-file rules; the line rules about codes and modifiers run on each citation. */
  chargeRules?: readonly Rule[];
  /** Severity per rule id, `off` to skip a rule: the same settings as for charge files. */
  settings?: CheckSettings;
}

/** Template files by name: `*.template.md`, `*.tmpl.txt`, `template-*.md`, `*_template.txt`. */
export function isTemplateFileName(fileName: string): boolean {
  const base = fileName.replace(/^.*[\\/]/, '');
  return /(?:^|[._-])(?:template|tmpl)(?:[._-]|$)/i.test(base.replace(/\.(?:md|markdown|txt)$/i, '.'));
}

export function checkNote(text: string, codeSet: CodeSet, options: NoteCheckOptions = {}): Finding[] {
  const note = parseNote(text, codeSet);
  const settings = options.settings ?? {};
  const severities = settings.rules;
  const on = (id: string): boolean => ruleIsOn(id, severities);
  const findings: Finding[] = [];
  const report = (finding: Finding): void => {
    findings.push(applySeverity(finding, severities));
  };
  const context = { codeSet, templateMode: options.templateMode ?? false, documentation: documentationFacts(note, codeSet), settings };
  for (const rule of options.noteRules ?? ALL_NOTE_RULES) if (on(rule.id)) rule.checkNote(note, context, report);
  runLineRules(note.citations, noteLineRules(options.chargeRules ?? []).filter((r) => on(r.id)), codeSet, settings, report);
  return findings.sort(compareFindings);
}
