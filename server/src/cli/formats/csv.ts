import type { FormatContext, OutputFormat } from './format';
import { where } from './format';

/** RFC 4180 quoting; a cell that a spreadsheet would run as a formula is prefixed with '. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A work list for a spreadsheet: a row a finding, with its claim, code and modifiers. */
export function csvFormat({ write }: FormatContext): OutputFormat {
  return {
    begin() {
      write('file,line,column,claim,code,modifiers,rule,severity,message');
    },
    render({ file, document }, f) {
      const at = where(document, f.start);
      return [file, at.line, at.column, f.claim ?? '', f.charge?.code ?? '', f.charge?.modifiers.join(' ') ?? '', f.ruleId, f.severity, f.message].map(csvCell).join(',');
    },
    lead: () => '',
    file(_file, texts) {
      for (const text of texts) write(text);
    },
    end() {},
  };
}
