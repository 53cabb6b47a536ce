import type { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../../service';
import type { Finding } from '../../service';
import { ruleDocUri } from '../../ruleDocs';
import type { CheckedFinding, FormatContext, OutputFormat } from './format';
import { slashed, where } from './format';

const LEVEL: Record<Finding['severity'], string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

function region(document: Pick<TextDocument, 'positionAt'>, start: number, end: number): Record<string, number> {
  const a = where(document, start);
  const b = where(document, end);
  return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

function result({ file, document }: CheckedFinding, f: Finding): Record<string, unknown> {
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
    render: (checked, f) => JSON.stringify(result(checked, f), null, 2),
    lead,
    file(_file, texts) {
      for (const text of texts) write(lead() + text);
    },
    end() {
      write(']\n    }\n  ]\n}');
    },
  };
}
