import type { FormatContext, OutputFormat } from './format';
import { slashed, where } from './format';

// Characters XML 1.0 cannot carry are dropped on purpose.
const xml = (text: string): string =>
  // eslint-disable-next-line no-control-regex
  text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** JUnit XML for CI test reports: a test suite a file, a failing test case an error or warning. */
export function junitFormat({ write }: FormatContext): OutputFormat {
  const fileHead = (file: string, failing: number): void => {
    write(`  <testsuite name="${xml(slashed(file))}" tests="${Math.max(1, failing)}" failures="${failing}">`);
    if (failing === 0) write(`    <testcase name="${xml(slashed(file))}" classname="cpt-lens"/>`);
  };
  const fileTail = (): void => write('  </testsuite>');
  return {
    begin() {
      write('<?xml version="1.0" encoding="UTF-8"?>');
      write('<testsuites name="cpt-lens">');
    },
    // A failing test case an error or warning; the others are not shown.
    render({ file, document }, f) {
      if (f.severity !== 'error' && f.severity !== 'warning') return '';
      const at = where(document, f.start);
      return [
        `    <testcase name="${xml(`${f.ruleId} at ${at.line}:${at.column}`)}" classname="${xml(slashed(file))}">`,
        `      <failure type="${f.severity}" message="${xml(f.message)}">${xml(`${slashed(file)}:${at.line}:${at.column} ${f.message}`)}</failure>`,
        '    </testcase>',
      ].join('\n');
    },
    // The suite's count comes first: a file's texts come in one batch (or are counted first).
    file(file, texts) {
      const failing = texts.filter((t) => t !== '');
      fileHead(file, failing.length);
      for (const text of failing) write(text);
      fileTail();
    },
    fileHead,
    fileTail,
    end() {
      write('</testsuites>');
    },
  };
}
