import type { FormatContext, OutputFormat } from './format';
import { where } from './format';

/** `path:line:col severity rule-id message`, one line a finding. */
export function textFormat({ write }: FormatContext): OutputFormat {
  return {
    begin() {},
    file({ file, document, findings }) {
      for (const f of findings) {
        const at = where(document, f.start);
        write(`${file}:${at.line}:${at.column} ${f.severity} ${f.ruleId} ${f.message}`);
      }
    },
    end() {},
  };
}
