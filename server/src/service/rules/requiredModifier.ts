import { MODIFIER_LIST_LABEL } from '../../codeset/modifierLists';
import type { ModifierList, ModifierListKind } from '../../codeset/types';
import type { ChargeLine } from '../documents/chargeFile';
import { addModifier } from '../lineFacts/lineEdits';
import { configuredRank } from '../lineFacts/modifierFacts';
import type { Fix } from '../types';
import { type ClaimRule, type RuleContext, headerFinding } from './rule';

const THERAPY_MEANING: Readonly<Record<string, string>> = {
  GP: 'under a physical therapy plan of care',
  GO: 'under an occupational therapy plan of care',
  GN: 'under a speech-language pathology plan of care',
};
const WASTE_MEANING: Readonly<Record<string, string>> = {
  JZ: 'none of the single-dose container was discarded',
  JW: 'the discarded amount, on its own line beside the administered units',
};
const IMPORT: Readonly<Record<ModifierListKind, string>> = { therapy: 'cpt-lens import therapy FILE', jz: 'cpt-lens import jz FILE' };

/** Pattern constants: a pattern literal in a function is a new object at every call. */
const FIVE_DIGITS = /^\d{5}$/;
const DRUG_CODE = /^[JQ]\d{4}$/;

/**
 * Without a list, whether a file has lines the list could be about, so the "not loaded" note
 * appears only where it matters: therapy in the CPT ranges where the always-therapy codes sit
 * (speech-language 92507–92633, developmental and cognitive testing 96105–96127, physical
 * medicine and rehabilitation 97010–97799); drugs as Level II J and Q codes.
 */
const MIGHT_BE_ON: Readonly<Record<ModifierListKind, (code: string) => boolean>> = {
  therapy: (code) => FIVE_DIGITS.test(code) && ((code >= '92507' && code <= '92633') || (code >= '96105' && code <= '96127') || (code >= '97010' && code <= '97799')),
  jz: (code) => DRUG_CODE.test(code),
};

/** Places of service where Part B drugs are not separately payable (FQHC, RHC), so the JW/JZ policy does not apply. */
const NOT_SEPARATELY_PAID_POS: ReadonlySet<string> = new Set(['50', '72']);

/** The first date of service on which JZ is required when nothing is discarded. */
const JZ_REQUIRED_FROM = '2023-07-01';

function someCode(codes: Iterable<string>, test: (code: string) => boolean): boolean {
  for (const code of codes) if (test(code)) return true;
  return false;
}

const has = (line: ChargeLine, m: string): boolean => line.modifiers.some((x) => x.value === m);

function choices(line: ChargeLine, context: RuleContext, group: string, meaning: Readonly<Record<string, string>>, modifiers: readonly string[], safe: boolean): Fix[] {
  const fixes: Fix[] = [];
  for (const m of modifiers) {
    const edit = addModifier(line, context.columns, m, configuredRank(context));
    if (!edit) continue;
    fixes.push({
      title: `Add ${m} to ${line.codeValue}${safe ? '' : ` (if ${meaning[m]})`}`,
      safe,
      edits: [edit],
      ...(safe ? {} : { choice: { group, label: m, description: meaning[m], detail: 'Needs: the record to say so.' } }),
    });
  }
  return fixes;
}

/** Where the list came from, for messages: its release, and a warning when the file says it is synthetic. */
function source(list: ModifierList): string {
  return `CMS ${MODIFIER_LIST_LABEL[list.kind]}, ${list.release}${list.synthetic ? ', a file that says it is not CMS data' : ''}`;
}

/**
 * Modifiers CMS requires on the codes of a list it publishes (imported, not bundled): GP, GO
 * or GN on always-therapy codes, and the one modifier of a discipline-specific evaluation
 * (Medicare Claims Processing Manual, Pub. 100-04, ch. 5 §20.1; CR 10176); JW or JZ on drugs
 * from single-dose containers (Pub. 100-04 ch. 17 §40). Without a list it says so once, in a
 * file with lines the list could be about.
 */
export const requiredModifier: ClaimRule = {
  id: 'required-modifier',
  description: 'A code on a CMS list that requires a modifier lacks it: GP, GO or GN on an always-therapy code (its discipline\'s one on an evaluation), JW or JZ on a drug from a single-dose container.',
  scope: 'claim',
  severity: 'error',
  fixKinds: ['safe', 'judgment'],
  checkFile(file, context, report) {
    if (!context.columns.code || file.lines.length === 0) return;
    // The file's distinct codes, not its lines: a keystroke re-runs this.
    const missing = (['therapy', 'jz'] as const).filter((kind) => !context.codeSet.modifierList?.(kind) && someCode(file.codes.values(), MIGHT_BE_ON[kind]));
    if (missing.length === 0) return;
    const note = headerFinding(
      file,
      this.id,
      'information',
      `The CMS ${missing.map((k) => MODIFIER_LIST_LABEL[k]).join(' and the ')} ${missing.length > 1 ? 'are' : 'is'} not loaded, so ${
        missing.map((k) => (k === 'therapy' ? 'GP/GO/GN on therapy codes' : 'JW/JZ on single-dose drugs')).join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not checked. Import ${missing.length > 1 ? 'them' : 'it'} with ${missing.map((k) => IMPORT[k]).join(' and ')}.`,
      { notLoaded: missing },
    );
    if (note) report(note);
  },
  checkClaim(claim, context, report) {
    const therapy = context.codeSet.modifierList?.('therapy');
    const drugs = context.codeSet.modifierList?.('jz');
    if (!therapy && !drugs) return;
    for (const day of claim.days) {
      const drugLines = new Map<string, ChargeLine[]>();
      for (const line of day) {
        const code = line.code;
        if (!code || !line.codeValue) continue;
        const t = therapy?.entry(line.codeValue);
        if (t?.status === 'always') {
          const present = t.modifiers.length === 1 ? ['GP', 'GO', 'GN'].filter((m) => has(line, m)) : t.modifiers.filter((m) => has(line, m));
          const say = (message: string, fixes: Fix[]): void =>
            report({ ruleId: this.id, severity: 'error', start: code.start, end: code.end, message, data: { code: line.codeValue, list: 'therapy', status: t.status, requires: t.modifiers, release: therapy?.release }, fixes }, line);
          if (t.modifiers.length === 1 && present.length > 0 && !present.includes(t.modifiers[0])) {
            say(`${line.codeValue} is a discipline-specific therapy code that takes ${t.modifiers[0]} (${THERAPY_MEANING[t.modifiers[0]]}), not ${present.join(', ')} (${source(therapy!)}).`, []);
          } else if (present.length === 0) {
            say(t.modifiers.length === 1
              ? `${line.codeValue} is an always-therapy code that takes ${t.modifiers[0]} (${THERAPY_MEANING[t.modifiers[0]]}); the line has no therapy modifier (${source(therapy!)}).`
              : `${line.codeValue} is an always-therapy code: every line needs GP, GO or GN for the plan of care it is furnished under, and this one has none (${source(therapy!)}).`,
            t.modifiers.length === 1 ? choices(line, context, 'therapy-modifier', THERAPY_MEANING, t.modifiers, true) : choices(line, context, 'therapy-modifier', THERAPY_MEANING, t.modifiers, false));
          }
        }
        if (therapy && !t) {
          // GP/GO/GN belong only on codes of the therapy list (Pub. 100-04 ch. 5 §20.1).
          const written = ['GP', 'GO', 'GN'].filter((m) => has(line, m));
          if (written.length > 0) {
            report({
              ruleId: this.id, severity: 'warning', start: code.start, end: code.end,
              message: `${line.codeValue} carries ${written.join(', ')}, but it is not on the therapy code list: the therapy modifiers belong only on the codes of that list (${source(therapy)}).`,
              data: { code: line.codeValue, list: 'therapy', modifiers: written, release: therapy.release },
            }, line);
          }
        }
        // FQHC (50) and RHC (72) drugs are paid in the visit's rate, not separately: JW/JZ not required (CMS JW/JZ FAQs).
        if (drugs?.entry(line.codeValue) && !NOT_SEPARATELY_PAID_POS.has(line.pos?.text.trim() ?? '')) {
          const list = drugLines.get(line.codeValue) ?? [];
          list.push(line);
          drugLines.set(line.codeValue, list);
        }
      }
      // JW/JZ per drug and day: the administered line may go without a modifier when a JW line reports the discarded amount.
      for (const [code, lines] of drugLines) {
        const jw = lines.find((l) => has(l, 'JW'));
        const jz = lines.find((l) => has(l, 'JZ'));
        if (jw && jz && jw !== jz && jz.code) {
          report({
            ruleId: this.id, severity: 'error', start: jz.code.start, end: jz.code.end,
            message: `${code} carries JZ (nothing discarded) on one line and JW (an amount discarded) on another for the same day: one of them is wrong (${source(drugs!)}).`,
            data: { code, list: 'jz', release: drugs?.release },
            related: jw.code ? [{ start: jw.code.start, end: jw.code.end, message: `${code}-JW, the discarded amount` }] : undefined,
          }, jz);
          continue;
        }
        if (jw || jz) continue;
        for (const line of lines) {
          // JZ is required from July 1, 2023 (Pub. 100-04 ch. 17 §40; MLN MM13056); before, a line without JW claimed no discard.
          if (!line.code || (line.dateValue && line.dateValue < JZ_REQUIRED_FROM)) continue;
          report({
            ruleId: this.id, severity: 'error', start: line.code.start, end: line.code.end,
            message: `${code} is a drug from a single-dose container: Medicare requires JZ when none was discarded, or a JW line for the discarded amount (${source(drugs!)}).`,
            data: { code, list: 'jz', status: 'single-dose', requires: ['JW', 'JZ'], release: drugs?.release },
            // JW belongs on a line of its own (the discarded units), so only JZ is a fix of this line.
            fixes: choices(line, context, 'drug-waste-modifier', WASTE_MEANING, ['JZ'], false).map(({ choice: _choice, ...fix }) => fix),
          }, line);
        }
      }
    }
  },
};
