import type { FormatContext, OutputFormat } from './format';
import { where } from './format';

/** `path:line:col severity rule-id message`, one line a finding. */
export function textFormat({ write }: FormatContext): OutputFormat {
  return {
    begin() {},
    render({ file, document }, f) {
      const at = where(document, f.start);
      return `${file}:${at.line}:${at.column} ${f.severity} ${f.ruleId} ${f.message}`;
    },
    lead: () => '',
    file(_file, texts) {
      for (const text of texts) write(text);
    },
    end() {},
  };
}
