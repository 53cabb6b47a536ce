import type { Finding } from '../../service';
import type { CheckedFile, FormatContext, OutputFormat } from './format';
import { where } from './format';

/** A finding as JSON: position, rule, message, claim, related places, data and fixes. */
export function jsonFinding({ file, document }: CheckedFile, f: Finding): Record<string, unknown> {
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

/** One JSON array of findings, written as files are checked. */
export function jsonFormat({ write }: FormatContext): OutputFormat {
  let first = true;
  return {
    begin() {
      write('[');
    },
    file(result) {
      for (const f of result.findings) {
        const body = JSON.stringify(jsonFinding(result, f), null, 2).replace(/^/gm, '  ');
        write(first ? body : `,${body.slice(1)}`);
        first = false;
      }
    },
    end() {
      write(']');
    },
  };
}
