import type { Finding } from '../../service';
import { type ByteWriter, bytesToText } from '../byteWriter';
import { newline, writePresent, writeValue } from './jsonBytes';
import type { CheckedFinding, FormatContext, OutputFormat } from './format';
import { where } from './format';

/** A finding as JSON: position, rule, message, claim, related places, data and fixes. */
export function jsonFinding({ file, document }: CheckedFinding, f: Finding): Record<string, unknown> {
  const start = where(document, f.start);
  const end = where(document, f.end);
  return {
    file,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    severity: f.severity,
    ruleId: f.ruleId,
    message: f.message,
    ...(f.claim ? { claim: f.claim } : {}),
    ...(f.charge ? { code: f.charge.code, modifiers: f.charge.modifiers } : {}),
    ...(f.related ? { related: f.related.map((r) => ({ ...where(document, r.start), message: r.message })) } : {}),
    ...(f.data ? { data: f.data } : {}),
    ...(f.fixes && f.fixes.length > 0
      ? { fixes: f.fixes.map((x) => ({ title: x.title, safe: x.safe, edits: x.edits.map((e) => ({ start: where(document, e.start), end: where(document, e.end), newText: e.newText })) })) }
      : {}),
  };
}

/** The fixed pieces of a finding's text, encoded once. */
const fixed = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'utf8'));
const FILE = fixed('{\n    "file": ');
const LINE = fixed('"line": ');
const COLUMN = fixed('"column": ');
const END_LINE = fixed('"endLine": ');
const END_COLUMN = fixed('"endColumn": ');
const COMMA = fixed(',');
const NEXT = fixed(',\n    ');
const SEVERITY = fixed(',\n    "severity": ');
const RULE = fixed(',\n    "ruleId": ');
const MESSAGE = fixed(',\n    "message": ');
const CLAIM = fixed(',\n    "claim": ');
const CODE = fixed(',\n    "code": ');
const MODIFIERS = fixed(',\n    "modifiers": ');
const RELATED = fixed(',\n    "related": ');
const EMPTY = fixed('[]');
const OPEN = fixed('[');
const RELATED_FIRST = fixed('\n      {\n        ');
const RELATED_MORE = fixed(',\n      {\n        ');
const RELATED_MESSAGE = fixed(',\n        "message": ');
const CLOSE_6 = fixed('\n      }');
const END_4 = fixed('\n    ]');
const DATA = fixed(',\n    "data": ');
const FIXES = fixed(',\n    "fixes": [');
const FIX_FIRST = fixed('\n      {\n        "title": ');
const FIX_MORE = fixed(',\n      {\n        "title": ');
const SAFE = fixed(',\n        "safe": ');
const EDITS = fixed(',\n        "edits": ');
const EDIT_FIRST = fixed('\n          {\n            "start": {\n              ');
const EDIT_MORE = fixed(',\n          {\n            "start": {\n              ');
const EDIT_END = fixed('\n            },\n            "end": {\n              ');
const NEW_TEXT = fixed('\n            },\n            "newText": ');
const CLOSE_10 = fixed('\n          }');
const END_8 = fixed('\n        ]');
const CLOSE_2 = fixed('\n  }');

/** `where`'s line and column of an offset, written as `"line": L,<indent>"column": C` at depth `depth`. */
function writePlace(out: ByteWriter, document: CheckedFinding['document'], offset: number, depth: number, line: Uint8Array, column: Uint8Array): void {
  const p = document.positionAt(offset);
  out.bytes(line);
  out.decimal(p.line + 1);
  out.bytes(COMMA);
  newline(out, depth);
  out.bytes(column);
  out.decimal(p.character + 1);
}

/**
 * `render`'s text written straight into `out` without JSON.stringify of the whole finding
 * nor a string of it: the same bytes (the object of `jsonFinding`, as an array's element).
 * False when a part is missing or not plain data (what was written is then rewound, and the
 * finding left to JSON.stringify). A big export's findings are gigabytes of this text.
 */
function writeFinding(out: ByteWriter, checked: CheckedFinding, f: Finding): boolean {
  const { file, document } = checked;
  out.bytes(FILE);
  if (!writePresent(out, file, 2)) return false;
  out.bytes(NEXT);
  writePlace(out, document, f.start, 2, LINE, COLUMN);
  out.bytes(NEXT);
  writePlace(out, document, f.end, 2, END_LINE, END_COLUMN);
  out.bytes(SEVERITY);
  if (!writePresent(out, f.severity, 2)) return false;
  out.bytes(RULE);
  if (!writePresent(out, f.ruleId, 2)) return false;
  out.bytes(MESSAGE);
  if (!writePresent(out, f.message, 2)) return false;
  if (f.claim) {
    out.bytes(CLAIM);
    if (!writePresent(out, f.claim, 2)) return false;
  }
  if (f.charge) {
    out.bytes(CODE);
    if (!writePresent(out, f.charge.code, 2)) return false;
    out.bytes(MODIFIERS);
    if (!writePresent(out, f.charge.modifiers, 2)) return false;
  }
  if (f.related) {
    if (!Array.isArray(f.related)) return false;
    out.bytes(RELATED);
    if (f.related.length === 0) out.bytes(EMPTY);
    else {
      out.bytes(OPEN);
      for (let i = 0; i < f.related.length; i++) {
        const r = f.related[i];
        out.bytes(i === 0 ? RELATED_FIRST : RELATED_MORE);
        writePlace(out, document, r.start, 4, LINE, COLUMN);
        out.bytes(RELATED_MESSAGE);
        if (!writePresent(out, r.message, 4)) return false;
        out.bytes(CLOSE_6);
      }
      out.bytes(END_4);
    }
  }
  if (f.data) {
    out.bytes(DATA);
    if (!writeValue(out, f.data, 2)) return false;
  }
  if (f.fixes && f.fixes.length > 0) {
    if (!Array.isArray(f.fixes)) return false;
    out.bytes(FIXES);
    for (let i = 0; i < f.fixes.length; i++) {
      const x = f.fixes[i];
      out.bytes(i === 0 ? FIX_FIRST : FIX_MORE);
      if (!writePresent(out, x.title, 4)) return false;
      out.bytes(SAFE);
      if (!writePresent(out, x.safe, 4) || !Array.isArray(x.edits)) return false;
      out.bytes(EDITS);
      if (x.edits.length === 0) out.bytes(EMPTY);
      else {
        out.bytes(OPEN);
        for (let j = 0; j < x.edits.length; j++) {
          const e = x.edits[j];
          out.bytes(j === 0 ? EDIT_FIRST : EDIT_MORE);
          writePlace(out, document, e.start, 7, LINE, COLUMN);
          out.bytes(EDIT_END);
          writePlace(out, document, e.end, 7, LINE, COLUMN);
          out.bytes(NEW_TEXT);
          if (!writePresent(out, e.newText, 6)) return false;
          out.bytes(CLOSE_10);
        }
        out.bytes(END_8);
      }
      out.bytes(CLOSE_6);
    }
    out.bytes(END_4);
  }
  out.bytes(CLOSE_2);
  return true;
}

/** `render` into `out` (inside its open sized record: a finding that is not plain data is rewound and written by JSON.stringify). */
function renderTo(checked: CheckedFinding, f: Finding, out: ByteWriter): void {
  const mark = out.position;
  if (writeFinding(out, checked, f)) return;
  out.rewind(mark);
  // Pretty-printed and indented two more spaces, as an array's element is: JSON.stringify
  // of a one-element array, without its '[\n  ' and '\n]'.
  const text = JSON.stringify([jsonFinding(checked, f)], null, 2);
  out.text(text.slice(4, text.length - 2));
}

/** One JSON array of findings, written as files are checked. */
export function jsonFormat({ write }: FormatContext): OutputFormat {
  let first = true;
  const lead = (): string => {
    const text = first ? '  ' : ', ';
    first = false;
    return text;
  };
  return {
    begin() {
      write('[');
    },
    render: (checked, f) => bytesToText((out) => renderTo(checked, f, out)),
    renderTo,
    lead,
    file(_file, texts) {
      for (const text of texts) write(lead() + text);
    },
    end() {
      write(']');
    },
  };
}
