import { anatomicGroupOf, bodySiteOf } from '../../codeset/anatomy';
import { ANATOMIC_GROUP_NAMES } from '../../codeset/modifiers';
import { procedureOf } from '../lineFacts/feeRow';
import { removeModifier } from '../lineFacts/lineEdits';
import type { CitationRule } from './rule';

/**
 * An anatomic modifier that names a site the code cannot be performed on: a coronary artery
 * on a knee arthroscopy (29881-LC), a toe on a hand procedure, a finger on a foot x-ray. The
 * sites come from the code set's body-site table (codeset/anatomy.ts: CPT ranges by region,
 * checked against the CMS descriptors); a kind of modifier the table leaves open for the
 * code's range is never flagged, nor is any modifier on a code outside the table.
 */
export const anatomicModifier: CitationRule = {
  citations: true,
  id: 'anatomic-modifier',
  description: 'An anatomic modifier (finger, toe, eyelid, coronary artery) names a site the code is not performed on.',
  scope: 'line',
  severity: 'warning',
  fixKinds: ['judgment'],
  checkLine(line, context, report) {
    if (line.modifiers.length === 0) return;
    const procedure = procedureOf(line, context.codeSet);
    if (!procedure) return;
    const site = bodySiteOf(procedure.code, procedure.descriptor);
    if (!site || site.misfits.size === 0) return;
    for (const m of line.modifiers) {
      const group = anatomicGroupOf(m.value);
      if (!group || !site.misfits.has(group)) continue;
      const name = context.codeSet.modifier(m.value)?.name;
      report({
        ruleId: this.id,
        severity: 'warning',
        start: m.start,
        end: m.end,
        message: `Modifier ${m.value}${name ? ` (${name})` : ''} names ${ANATOMIC_GROUP_NAMES[group]}, but ${procedure.code} is a code for ${site.site ?? 'another site'} (${site.basis}). Check the code and the modifier against the note.`,
        data: { code: procedure.code, modifier: m.value, modifierSite: group, codeSite: site.site ?? '', basis: site.basis },
        fixes: [{ title: `Remove modifier ${m.value}`, safe: false, edits: [removeModifier(line, m)] }],
      }, line);
    }
  },
};
