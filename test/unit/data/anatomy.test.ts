import * as assert from 'node:assert/strict';
import { BODY_SITE_RANGES, anatomicGroupOf, bodySiteOf } from '../../../server/src/codeset/anatomy';
import { ANATOMIC_GROUPS, ANATOMIC_MODIFIERS, type AnatomicGroup } from '../../../server/src/codeset/modifiers';
import { bundled } from './support';

/** Words a CMS short descriptor uses for each kind of site (abbreviations included). */
const SITE_WORDS: Record<Exclude<AnatomicGroup, 'side'>, RegExp> = {
  finger: /finger|thumb|\bhand/i,
  toe: /\btoes?\b|hammertoe|bunion|hallux|toenail/i,
  eyelid: /eyelid|\blids?\b|blephar/i,
  coronary: /coronary|\bcor art|cabg/i,
};

/** Descriptors that name a site the service is not performed on. */
const NOT_ON_THE_SITE = new Set([
  '81493', // a blood test (mRNA) for coronary artery disease, not a procedure on an artery
]);

describe('body-site table (codeset/anatomy.ts)', () => {
  const { codeSet } = bundled();
  const codes = codeSet.procedureCodes().filter((c) => /^\d{5}$/.test(c));

  it('has ordered ranges that do not overlap, and no kind both fits and misfits', () => {
    BODY_SITE_RANGES.forEach((r, i) => {
      assert.ok(r.from <= r.to, `${r.from}-${r.to}`);
      if (i > 0) assert.ok(BODY_SITE_RANGES[i - 1].to < r.from, `${BODY_SITE_RANGES[i - 1].to} overlaps ${r.from}`);
      assert.deepEqual(r.fits.filter((g) => r.misfits.includes(g)), [], `${r.from}-${r.to}`);
    });
  });

  it('rests each range on a code of the range whose CMS descriptor names the site', () => {
    for (const r of BODY_SITE_RANGES) {
      assert.ok(r.from <= r.evidence && r.evidence <= r.to, `${r.evidence} is outside ${r.from}-${r.to}`);
      const descriptor = codeSet.procedure(r.evidence)?.descriptor;
      assert.ok(descriptor, `${r.evidence} is not in the fee schedule`);
      assert.match(descriptor.toLowerCase(), r.says, `${r.evidence} (${r.from}-${r.to}, ${r.site})`);
      assert.ok(codes.some((c) => r.from <= c && c <= r.to && c !== r.evidence), `${r.from}-${r.to} holds no other code`);
    }
  });

  it('names no misfit a code of the range names in its descriptor (finger, toe, eyelid, coronary)', () => {
    const contradictions: string[] = [];
    for (const code of codes) {
      const site = bodySiteOf(code);
      if (!site) continue;
      const descriptor = codeSet.procedure(code)?.descriptor ?? '';
      for (const [group, words] of Object.entries(SITE_WORDS) as [Exclude<AnatomicGroup, 'side'>, RegExp][]) {
        if (site.misfits.has(group) && words.test(descriptor) && !NOT_ON_THE_SITE.has(code)) contradictions.push(`${code} "${descriptor}" (${site.site}) names a ${group}`);
      }
    }
    assert.deepEqual(contradictions, []);
  });

  it('knows every anatomic modifier of DOMAIN.md by kind, each in the HCPCS Level II modifier file', () => {
    const grouped = Object.values(ANATOMIC_GROUPS).flatMap((s) => [...s]);
    assert.equal(grouped.length, ANATOMIC_MODIFIERS.size);
    for (const m of ANATOMIC_MODIFIERS) {
      assert.ok(anatomicGroupOf(m), m);
      assert.equal(codeSet.modifier(m)?.source, 'hcpcs', m);
    }
    assert.equal(anatomicGroupOf('59'), undefined);
  });

  it('reads the site of a Level II code from its descriptor, only ever as a fit', () => {
    const stent = codeSet.procedure('C9600');
    assert.ok(stent);
    const site = bodySiteOf('C9600', stent.descriptor);
    assert.ok(site?.fits.has('coronary'));
    assert.equal(site?.misfits.size, 0);
    const nails = bodySiteOf('G0127', codeSet.procedure('G0127')?.descriptor);
    assert.ok(nails?.fits.has('toe') && nails.fits.has('finger'));
    assert.equal(bodySiteOf('29881')?.misfits.has('coronary'), true);
    assert.equal(bodySiteOf('01402'), undefined, 'anesthesia codes are not in the table');
  });
});
