import * as assert from 'node:assert/strict';
import { EM_FAMILY, emKind } from '../../../server/src/codeset/emFamily';
import { bundledCodeSet } from '../../support/codeSet';

describe('the E/M family table', () => {
  it('tells visits from E/M-section services that are not visits', () => {
    for (const visit of ['99213', '99223', '99285', '99291', '99310', '99347', '99395', '92012']) assert.equal(emKind(visit)?.kind, 'visit', visit);
    for (const service of ['99490', '99457', '99497', '99417', '99358', '99367', '99406']) assert.equal(emKind(service)?.kind, 'service', service);
    for (const other of ['20610', '47383', '93000', '9921', '99213X']) assert.equal(emKind(other), undefined, other);
  });

  it('names only codes the bundled fee schedule knows at the ends of each range it lists', () => {
    const codeSet = bundledCodeSet();
    // Every range starts and ends on a real code (a table of invented ranges would fail here).
    const known = EM_FAMILY.filter((r) => codeSet.procedure(String(r.from)) || codeSet.procedure(String(r.to)));
    assert.ok(known.length >= EM_FAMILY.length - 3, `${EM_FAMILY.length - known.length} ranges with neither end in the fee schedule`);
  });
});
