import type { Finding } from '../../service';
import type { FormatContext, OutputFormat } from './format';
import { slashed, where } from './format';

const LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };
/** Workflow-command escaping: data escapes %, CR, LF; properties also : and ,. */
const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const property = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions workflow annotations (`::error file=…,line=…::message`). */
export function githubFormat({ write }: FormatContext): OutputFormat {
  return {
    begin() {},
    render({ file, document }, f) {
      const a = where(document, f.start);
      const b = where(document, f.end);
      return `::${LEVEL[f.severity]} file=${property(slashed(file))},line=${a.line},col=${a.column},endLine=${b.line},endColumn=${b.column},title=${property(`cpt-lens ${f.ruleId}`)}::${data(f.message)}`;
    },
    lead: () => '',
    file(_file, texts) {
      for (const text of texts) write(text);
    },
    end() {},
  };
}
