import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../../service';
import type { Finding } from '../../service';
import { ruleDocUri } from '../../ruleDocs';
import { type ByteWriter, bytesToText } from '../byteWriter';
import type { CheckedFinding, FormatContext, OutputFormat } from './format';
import { newline, writeValue } from './jsonBytes';
import { slashed, where } from './format';

const LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function region(document: Pick<TextDocument, 'positionAt'>, start: number, end: number): Record<string, number> {
  const a = where(document, start);
  const b = where(document, end);
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

/** A finding as a SARIF result object (what `render` writes, pretty-printed). */
export function sarifResult({ file, document }: CheckedFinding, f: Finding): Record<string, unknown> {
  const uri = slashed(file);
  const safe = f.fixes?.filter((x) => x.safe) ?? [];
  return {
    ruleId: f.ruleId,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(document, f.start, f.end) } }],
    ...(f.related
      ? { relatedLocations: f.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation: { uri }, region: region(document, r.start, r.end) } })) }
      : {}),
    ...(safe.length > 0
      ? {
          fixes: safe.map((x) => ({
            description: { text: x.title },
            artifactChanges: [{ artifactLocation: { uri }, replacements: x.edits.map((e) => ({ deletedRegion: region(document, e.start, e.end), insertedContent: { text: e.newText } })) }],
          })),
        }
      : {}),
    ...(f.data || f.claim ? { properties: { ...(f.claim ? { claim: f.claim } : {}), ...(f.data ? { data: f.data } : {}) } } : {}),
  };
}

/** The fixed pieces of a result's text, encoded once. */
const fixed = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const RULE = fixed('{\n  "ruleId": ');
const LEVEL_KEY = fixed(',\n  "level": ');
const MESSAGE = fixed(',\n  "message": {\n    "text": ');
const LOCATIONS = fixed('\n  },\n  "locations": [\n    {\n      "physicalLocation": {\n        "artifactLocation": {\n          "uri": ');
const REGION_6 = fixed('\n        },\n        "region": {\n          "startLine": ');
const END_LOCATIONS = fixed('\n      }\n    }\n  ]');
const RELATED = fixed(',\n  "relatedLocations": ');
const EMPTY = fixed('[]');
const RELATED_FIRST = fixed('[\n    {\n      "id": ');
const RELATED_MORE = fixed(',\n    {\n      "id": ');
const RELATED_MESSAGE = fixed(',\n      "message": {\n        "text": ');
const RELATED_LOCATION = fixed('\n      },\n      "physicalLocation": {\n        "artifactLocation": {\n          "uri": ');
const RELATED_END = fixed('\n      }\n    }');
const END_2 = fixed('\n  ]');
const FIX_FIRST = fixed(',\n  "fixes": [\n    {\n      "description": {\n        "text": ');
const FIX_MORE = fixed(',\n    {\n      "description": {\n        "text": ');
const CHANGES = fixed('\n      },\n      "artifactChanges": [\n        {\n          "artifactLocation": {\n            "uri": ');
const REPLACEMENTS = fixed('\n          },\n          "replacements": ');
const REPLACEMENT_FIRST = fixed('[\n            {\n              "deletedRegion": {\n                "startLine": ');
const REPLACEMENT_MORE = fixed(',\n            {\n              "deletedRegion": {\n                "startLine": ');
const INSERTED = fixed(',\n              "insertedContent": {\n                "text": ');
const REPLACEMENT_END = fixed('\n              }\n            }');
const END_10 = fixed('\n          ]');
const FIX_END = fixed('\n        }\n      ]\n    }');
const PROPERTIES = fixed(',\n  "properties": {');
const CLAIM = fixed('\n    "claim": ');
const DATA_FIRST = fixed('\n    "data": ');
const DATA_MORE = fixed(',\n    "data": ');
const CLOSE_2 = fixed('\n  }');
const CLOSE_0 = fixed('\n}');
/** `"startLine": ` is written before: the rest of a region at depth `depth`, and its closing brace at `depth - 1`. */
const REGION_KEYS = [',', '"startColumn": ', ',', '"endLine": ', ',', '"endColumn": '].map(fixed);

/** A region's numbers after its `"startLine": `, each key on its line at depth `depth`; then the line break and indent of its `}`. */
function writeRegion(out: ByteWriter, document: CheckedFinding['document'], start: number, end: number, depth: number): void {
  const a = document.positionAt(start);
  const b = document.positionAt(end);
  out.decimal(a.line + 1);
  out.bytes(REGION_KEYS[0]);
  newline(out, depth);
  out.bytes(REGION_KEYS[1]);
  out.decimal(a.character + 1);
  out.bytes(REGION_KEYS[2]);
  newline(out, depth);
  out.bytes(REGION_KEYS[3]);
  out.decimal(b.line + 1);
  out.bytes(REGION_KEYS[4]);
  newline(out, depth);
  out.bytes(REGION_KEYS[5]);
  out.decimal(b.character + 1);
  newline(out, depth - 1);
  out.text('}');
}

/**
 * `JSON.stringify(sarifResult(checked, f), null, 2)` written straight into `out`, with no object
 * nor string built for it: a big export's results are gigabytes of this text. False when a
 * part is missing or not plain data (what was written is then rewound and left to JSON.stringify).
 */
function writeResult(out: ByteWriter, { file, document }: CheckedFinding, f: Finding): boolean {
  const uri = slashed(file);
  const level = LEVEL[f.severity];
  if (typeof f.ruleId !== 'string' || typeof level !== 'string' || typeof f.message !== 'string') return false;
  out.bytes(RULE);
  out.json(f.ruleId);
  out.bytes(LEVEL_KEY);
  out.json(level);
  out.bytes(MESSAGE);
  out.json(f.message);
  out.bytes(LOCATIONS);
  out.json(uri);
  out.bytes(REGION_6);
  writeRegion(out, document, f.start, f.end, 5);
  out.bytes(END_LOCATIONS);
  if (f.related) {
    if (!Array.isArray(f.related)) return false;
    out.bytes(RELATED);
    if (f.related.length === 0) out.bytes(EMPTY);
    for (let id = 0; id < f.related.length; id++) {
      const r = f.related[id];
      if (typeof r.message !== 'string') return false;
      out.bytes(id === 0 ? RELATED_FIRST : RELATED_MORE);
      out.decimal(id);
      out.bytes(RELATED_MESSAGE);
      out.json(r.message);
      out.bytes(RELATED_LOCATION);
      out.json(uri);
      out.bytes(REGION_6);
      writeRegion(out, document, r.start, r.end, 5);
      out.bytes(RELATED_END);
    }
    if (f.related.length > 0) out.bytes(END_2);
  }
  let fixes = 0;
  for (const x of f.fixes ?? []) {
    if (!x.safe) continue;
    if (typeof x.title !== 'string' || !Array.isArray(x.edits)) return false;
    out.bytes(fixes++ === 0 ? FIX_FIRST : FIX_MORE);
    out.json(x.title);
    out.bytes(CHANGES);
    out.json(uri);
    out.bytes(REPLACEMENTS);
    if (x.edits.length === 0) out.bytes(EMPTY);
    for (let i = 0; i < x.edits.length; i++) {
      const e = x.edits[i];
      if (typeof e.newText !== 'string') return false;
      out.bytes(i === 0 ? REPLACEMENT_FIRST : REPLACEMENT_MORE);
      writeRegion(out, document, e.start, e.end, 8);
      out.bytes(INSERTED);
      out.json(e.newText);
      out.bytes(REPLACEMENT_END);
    }
    if (x.edits.length > 0) out.bytes(END_10);
    out.bytes(FIX_END);
  }
  if (fixes > 0) out.bytes(END_2);
  if (f.data || f.claim) {
    out.bytes(PROPERTIES);
    if (f.claim) {
      if (typeof f.claim !== 'string') return false;
      out.bytes(CLAIM);
      out.json(f.claim);
    }
    if (f.data) {
      out.bytes(f.claim ? DATA_MORE : DATA_FIRST);
      if (!writeValue(out, f.data, 2)) return false;
    }
    out.bytes(CLOSE_2);
  }
  out.bytes(CLOSE_0);
  return true;
}

/** `render` into `out` (inside its open sized record: a result that is not plain data is rewound and written by JSON.stringify). */
function renderTo(checked: CheckedFinding, f: Finding, out: ByteWriter): void {
  const mark = out.position;
  if (writeResult(out, checked, f)) return;
  out.rewind(mark);
  out.text(JSON.stringify(sarifResult(checked, f), null, 2));
}

/** SARIF 2.1.0 for code-scanning dashboards; results are written as files are checked. */
export function sarifFormat({ write, codeSet, version }: FormatContext): OutputFormat {
  let first = true;
  const lead = (): string => {
    const text = first ? '' : ',';
    first = false;
    return text;
  };
  return {
    begin() {
      const driver = {
        name: 'cpt-lens',
        version,
        rules: RULES.map((r) => ({ id: r.id, shortDescription: { text: r.description }, helpUri: ruleDocUri(r.id), defaultConfiguration: { level: LEVEL[r.severity] }, properties: { scope: r.scope } })),
        properties: { data: codeSet.version() },
      };
      // Pretty-printed like the JSON format: no line grows with the rule list or a finding's data.
      const head = JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [{ tool: { driver }, results: [] }] }, null, 2);
      write(head.slice(0, head.lastIndexOf('[]') + 1));
    },
    render: (checked, f) => bytesToText((out) => renderTo(checked, f, out)),
    renderTo,
    lead,
    file(_file, texts) {
      for (const text of texts) write(lead() + text);
    },
    end() {
      write(']\n    }\n  ]\n}');
    },
  };
}
