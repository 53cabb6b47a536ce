/**
 * Meta test: package.json `contributes.configuration` and the settings types
 * (`CptLensSettings` in editorSettings.ts, extending the rules' `CheckSettings`) name
 * the same settings with the same JSON types, and the editor-only ones carry the
 * JSDoc as their description. Read with the TypeScript compiler API, so the types
 * stay the single source.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { effectiveSettings, parseProjectFile } from '../../../server/src/service/editorSettings';
import { COLUMN_ROLES } from '../../../server/src/service/documents/columns';
import { RULE_IDS } from '../../../server/src/service/registry';
import { validateSettings } from '../../../server/src/service/settings';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

interface Declared {
  type: string;
  doc: string;
  file: string;
}

function jsonType(node: ts.TypeNode | undefined): string {
  if (!node) return 'unknown';
  if (node.kind === ts.SyntaxKind.BooleanKeyword) return 'boolean';
  if (node.kind === ts.SyntaxKind.NumberKeyword) return 'number';
  if (node.kind === ts.SyntaxKind.StringKeyword) return 'string';
  // A union of string literals is a JSON string with an enum.
  if (ts.isUnionTypeNode(node) && node.types.every((t) => ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal))) return 'string';
  if (ts.isArrayTypeNode(node)) return 'array';
  if (ts.isTypeReferenceNode(node) && /^(Record|Partial)$/.test(node.typeName.getText())) return 'object';
  if (ts.isTypeLiteralNode(node)) return 'object';
  return node.getText();
}

/** Properties of `interfaceName` in `file`, nested object literals flattened to dotted keys. */
function declared(file: string, interfaceName: string): Map<string, Declared> {
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const out = new Map<string, Declared>();
  const walk = (members: ts.NodeArray<ts.TypeElement>, prefix: string): void => {
    for (const member of members) {
      if (!ts.isPropertySignature(member)) continue;
      const key = prefix + member.name.getText(source);
      const docs = ts.getJSDocCommentsAndTags(member).map((d) => (ts.isJSDoc(d) ? ts.getTextOfJSDocComment(d.comment) ?? '' : ''));
      if (member.type && ts.isTypeLiteralNode(member.type)) walk(member.type.members, `${key}.`);
      else out.set(key, { type: jsonType(member.type), doc: docs.join(' ').replace(/\s+/g, ' ').trim(), file });
    }
  };
  source.forEachChild((node) => {
    if (ts.isInterfaceDeclaration(node) && node.name.text === interfaceName) walk(node.members, '');
  });
  assert.ok(out.size > 0, `${interfaceName} found in ${file}`);
  return out;
}

describe('settings schema (meta)', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { type: string; description?: string; markdownDescription?: string; scope?: string }> } };
    capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
  };
  const properties = pkg.contributes.configuration.properties;
  const types = new Map([...declared('server/src/service/settings.ts', 'CheckSettings'), ...declared('server/src/service/editorSettings.ts', 'CptLensSettings')]);

  it('every setting in the types is contributed, and nothing else', () => {
    const contributed = Object.keys(properties).map((k) => k.replace(/^cptLens\./, '')).sort();
    assert.deepEqual(contributed, [...types.keys()].sort());
  });

  it('the JSON types agree and every setting is documented', () => {
    for (const [key, d] of types) {
      const p = properties[`cptLens.${key}`];
      assert.equal(p.type, d.type, `cptLens.${key}: package.json says ${p.type}, ${d.file} says ${d.type}`);
      assert.ok(d.doc.length > 0, `${key} has JSDoc in ${d.file}`);
      assert.ok((p.description ?? '').length > 0, `cptLens.${key} has a description`);
      assert.ok(p.scope, `cptLens.${key} has a scope`);
    }
  });

  it('editor-only settings use their JSDoc as the description', () => {
    for (const [key, d] of types) {
      if (!d.file.endsWith('editorSettings.ts')) continue;
      assert.equal(properties[`cptLens.${key}`].description, d.doc, `cptLens.${key}`);
    }
  });

  it('settings that name data files are restricted in untrusted workspaces', () => {
    const restricted = pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.sort();
    assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(restricted, ['cptLens.cptDescriptorFile', 'cptLens.dataFolder', 'cptLens.knowledgeFolders']);
  });
});

describe('effective settings', () => {
  it('.cptlens.json wins over the user per key; rule severities merge per rule', () => {
    const user = { rules: { 'modifier-order': 'off', 'unknown-code': 'off' }, inlayHints: { enabled: false } } as const;
    const project = parseProjectFile('{ "rules": { "unknown-code": "warning" }, "modifierOrder": ["payment"], "files": ["ignored"] }');
    assert.equal(project.problem, undefined);
    const merged = effectiveSettings({ ...user, rules: { ...user.rules } }, project.settings);
    assert.deepEqual(merged.rules, { 'modifier-order': 'off', 'unknown-code': 'warning' });
    assert.deepEqual(merged.modifierOrder, ['payment']);
    assert.deepEqual(merged.inlayHints, { enabled: false }, 'editor-only settings stay the user\'s');
    assert.equal((merged as Record<string, unknown>).files, undefined, 'a project file cannot name data or files');
  });

  it('drops severities that are not one of the five, and says why a project file is unreadable', () => {
    // As the server reads a project file: validated (invalid entries dropped), then merged.
    const project = validateSettings({ rules: { 'unknown-code': 'bogus' as never, 'units': 'hint' } }, RULE_IDS, COLUMN_ROLES);
    assert.deepEqual(project.problems, ['rules.unknown-code: "bogus" is not one of error, warning, information, hint, off']);
    const merged = effectiveSettings({ rules: { 'unknown-code': 'warning' } }, project.settings);
    assert.deepEqual(merged.rules, { 'unknown-code': 'warning', units: 'hint' });
    assert.match(parseProjectFile('{ nope').problem ?? '', /not valid JSON/);
    assert.match(parseProjectFile('[1]').problem ?? '', /JSON object/);
  });

  it('locality: a MAC-locality like 01182-18 is kept; anything else is reported and dropped; .cptlens.json wins', () => {
    assert.deepEqual(validateSettings({ locality: '01182-18' }, RULE_IDS, COLUMN_ROLES), { settings: { locality: '01182-18' }, problems: [] });
    const bad = validateSettings({ locality: 'Los Angeles' }, RULE_IDS, COLUMN_ROLES);
    assert.equal(bad.settings.locality, undefined);
    assert.match(bad.problems.join('\n'), /locality: "Los Angeles" is not a MAC and locality number/);
    assert.equal(effectiveSettings({ locality: '10112-00' }, { locality: '01182-18' }).locality, '01182-18');
  });
});
