/** Hovers say what the imported CMS lists and tabular notes say of a code (SYNTHETIC test excerpts), and nothing without them. */
import * as assert from 'node:assert/strict';
import { describeProcedure } from '../../../server/src/service/features/hover';
import { describeDiagnosis } from '../../../server/src/service/features/hoverSections';
import { plainCodeSet, syntheticNcciCodeSet } from '../../golden/testCodeSet';

describe('hover: imported CMS lists and "code first" notes', () => {
  it('a therapy code and a single-dose drug say what the list requires', () => {
    const cs = syntheticNcciCodeSet();
    const eval97161 = cs.procedure('97161');
    const drug = cs.procedure('J9271');
    assert.ok(eval97161 && drug);
    assert.match(describeProcedure(eval97161, [], cs), /Therapy code list:\*\* always therapy: takes GP/);
    assert.match(describeProcedure(cs.procedure('97597')!, [], cs), /sometimes therapy/);
    assert.match(describeProcedure(drug, [], cs), /Single-dose container drug:\*\* JZ when none is discarded/);
    assert.doesNotMatch(describeProcedure(plainCodeSet().procedure('97161')!, [], plainCodeSet()), /Therapy code list/, 'nothing without the list');
  });

  it('a diagnosis under a code-first note quotes it; a manifestation title says it is never first-listed', () => {
    const cs = syntheticNcciCodeSet();
    assert.match(describeDiagnosis(cs.diagnosis('F06.70')!, cs), /\*\*Code first\*\* \(on F06\): the underlying physiological condition/);
    assert.doesNotMatch(describeDiagnosis(plainCodeSet().diagnosis('F06.70')!, plainCodeSet()), /Code first/);
    assert.match(describeDiagnosis(plainCodeSet().diagnosis('G63')!, plainCodeSet()), /Manifestation code:\*\* never first-listed/);
    assert.doesNotMatch(describeDiagnosis(plainCodeSet().diagnosis('E11.9')!, plainCodeSet()), /Manifestation/);
  });
});
