/**
 * Meta: the one rule registry is complete and everything that lists rules agrees with it.
 * - every rule object any module of `rules/` or `notes/` exports is registered (the lists
 *   are generated from the files by scripts/gen-rule-lists.mjs; this loads the modules
 *   themselves, so a rule the generator missed fails here);
 * - the docs index `docs/rules/README.md` lists exactly the registry (`UPDATE_GOLDEN=1`
 *   rewrites its tables);
 * - every rule can be turned off in settings, charge and note rules alike, and its
 *   `.bad` fixture is then silent;
 * - fixes in every fixture are of the kinds the rule declares, and every rule's `.bad`
 *   fixture shows its declared default severity.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COLUMN_ROLES } from '../../server/src/service/documents/columns';
import { documentKindOf, getLanguageService } from '../../server/src/service/languageService';
import { RULES, RULE_IDS, ruleMeta } from '../../server/src/service/registry';
import type { RuleMeta } from '../../server/src/service/rules/rule';
import { CheckSettings, validateSettings } from '../../server/src/service/settings';
import type { Finding } from '../../server/src/service/types';
import { codeSetWithKnowledge } from '../support/knowledge';
import { fixtureOptions } from './check';
import { plainCodeSet, repoRoot, syntheticNcciCodeSet } from './testCodeSet';

const chargeDir = path.join(repoRoot, 'test', 'fixtures', 'charges');
const noteDir = path.join(repoRoot, 'test', 'fixtures', 'notes', 'golden');
const compiledService = path.join(__dirname, '..', '..', 'server', 'src', 'service');

const isRule = (value: unknown): value is RuleMeta =>
  typeof value === 'object' && value !== null && typeof (value as RuleMeta).id === 'string' && ['line', 'claim', 'file', 'note'].includes((value as RuleMeta).scope as string);

interface Fixture {
  name: string;
  text: string;
  kind: 'charges' | 'note';
}

function fixtures(): Fixture[] {
  const charges = fs.readdirSync(chargeDir).filter((n) => /\.(csv|tsv)$/.test(n)).map((name) => ({ name, text: fs.readFileSync(path.join(chargeDir, name), 'utf8'), kind: 'charges' as const }));
  const notes = fs.readdirSync(noteDir).filter((n) => /\.(md|txt)$/.test(n)).map((name) => ({ name, text: fs.readFileSync(path.join(noteDir, name), 'utf8'), kind: 'note' as const }));
  return [...charges, ...notes];
}

function findingsOf(fixture: Fixture, extra: CheckSettings = {}): readonly Finding[] {
  if (fixture.kind === 'charges') {
    const { plain, settings } = fixtureOptions(fixture.text);
    const merged = { ...settings, rules: { ...settings.rules, ...extra.rules } };
    return getLanguageService({ codeSet: plain ? plainCodeSet() : syntheticNcciCodeSet(), settings: merged }).validate(fixture.text, 'charges');
  }
  const codeSet = /<!-- fixture-codeset: synthetic-knowledge\b/.test(fixture.text) ? codeSetWithKnowledge() : plainCodeSet();
  return getLanguageService({ codeSet, settings: extra }).validate(fixture.text, documentKindOf(fixture.name));
}

/** The rows of the docs index for one kind of rule. */
function indexTable(rules: readonly RuleMeta[]): string {
  const rows = rules.map((r) => `| [${r.id}](${r.id}.md) | ${r.scope} | ${r.severity} | ${r.description.replace(/\|/g, '\\|')} |`);
  return ['| id | scope | default severity | what it finds |', '|---|---|---|---|', ...rows].join('\n');
}

describe('meta: the rule registry', () => {
  it('holds every rule the rule folders export, once, with kebab-case ids', () => {
    const exported = new Set<string>();
    for (const folder of ['rules', 'notes']) {
      for (const file of fs.readdirSync(path.join(compiledService, folder)).filter((n) => n.endsWith('.js'))) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const module = require(path.join(compiledService, folder, file)) as Record<string, unknown>;
        for (const value of Object.values(module)) if (isRule(value)) exported.add(value.id);
      }
    }
    assert.deepEqual([...exported].sort(), [...RULE_IDS].sort());
    assert.equal(RULE_IDS.size, RULES.length, 'rule ids are unique');
    for (const id of RULE_IDS) assert.match(id, /^[a-z]+(?:-[a-z]+)*$/);
  });

  it('docs/rules/README.md lists exactly the registered rules (UPDATE_GOLDEN=1 rewrites its tables)', () => {
    const file = path.join(repoRoot, 'docs', 'rules', 'README.md');
    const text = fs.readFileSync(file, 'utf8');
    const tables: Record<string, string> = {
      charge: indexTable(RULES.filter((r) => r.scope !== 'note')),
      note: indexTable(RULES.filter((r) => r.scope === 'note')),
    };
    let updated = text;
    for (const [kind, table] of Object.entries(tables)) {
      const block = new RegExp(`(<!-- rules:${kind} -->)[\\s\\S]*?(<!-- /rules:${kind} -->)`);
      assert.match(text, block, `${file} lacks the <!-- rules:${kind} --> ... <!-- /rules:${kind} --> block`);
      updated = updated.replace(block, `$1\n${table}\n$2`);
    }
    if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(file, updated);
    else assert.equal(text, updated, `${file} does not list the registered rules; UPDATE_GOLDEN=1 rewrites it`);
  });

  it('every rule id is accepted as "off" by the settings validation (charge and note rules alike)', () => {
    for (const id of RULE_IDS) {
      const { problems, settings } = validateSettings({ rules: { [id]: 'off' } }, RULE_IDS, COLUMN_ROLES);
      assert.deepEqual(problems, [], id);
      assert.equal(settings.rules?.[id], 'off');
    }
  });

  it('fixes in every fixture are of the kinds their rule declares', () => {
    for (const fixture of fixtures()) {
      for (const f of findingsOf(fixture)) {
        const meta = ruleMeta(f.ruleId);
        assert.ok(meta, `${fixture.name}: finding of unregistered rule ${f.ruleId}`);
        for (const fix of f.fixes ?? []) {
          const kind = fix.safe ? 'safe' : 'judgment';
          assert.ok(meta.fixKinds.includes(kind), `${fixture.name}: ${f.ruleId} offers a ${kind} fix ("${fix.title}") but declares ${JSON.stringify(meta.fixKinds)}`);
        }
      }
    }
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      const bad = fixtures().find((f) => f.name.startsWith(`${rule.id}.bad.`));
      it('its .bad fixture shows the declared default severity', () => {
        assert.ok(bad, `no ${rule.id}.bad fixture`);
        const severities = new Set(findingsOf(bad).filter((f) => f.ruleId === rule.id).map((f) => f.severity));
        assert.ok(severities.has(rule.severity), `${bad.name}: ${rule.id} reports ${[...severities].join(', ') || 'nothing'}, declares ${rule.severity}`);
      });
      it('"off" in the settings silences it', () => {
        assert.ok(bad);
        const found = findingsOf(bad, { rules: { [rule.id]: 'off' } }).filter((f) => f.ruleId === rule.id);
        assert.deepEqual(found.map((f) => f.message), []);
      });
    });
  }
});
