/**
 * The first worksheet of an .xlsx workbook as tab-separated text, so the NCCI tables
 * CMS ships only (or also) as Excel files go through the same row parsers as the
 * text forms. An xlsx is a zip of XML: shared strings, styles (to tell date cells),
 * the workbook (sheet order) and the sheets. No dependency. Date cells become
 * YYYYMMDD, the form the text files use; line n of the text is row n of the sheet. Throws an Error with a plain message on a
 * damaged workbook; the importer reports it against the file.
 */
import { readZip } from './zip';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

/** Text of all <t> elements inside `xml` (a shared string or an inline string, rich-text runs joined). */
function texts(xml: string): string {
  let out = '';
  for (const m of xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += unescapeXml(m[1]);
  return out;
}

/** Column letters → zero-based index: A → 0, AB → 27. */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** Built-in date formats (ECMA-376 18.8.30) and custom ones containing y/m/d (not only in quotes or brackets). */
function dateStyles(stylesXml: string): Set<number> {
  const custom = new Map<number, string>();
  for (const m of stylesXml.matchAll(/<numFmt\s[^>]*numFmtId="(\d+)"[^>]*formatCode="([^"]*)"/g)) custom.set(Number(m[1]), unescapeXml(m[2]));
  const isDate = (id: number): boolean => (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || /[ymd]/i.test((custom.get(id) ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, ''));
  const styles = new Set<number>();
  const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  let index = 0;
  for (const m of xfs.matchAll(/<xf\s[^>]*?(?:\/>|>)/g)) {
    const id = /numFmtId="(\d+)"/.exec(m[0]);
    if (id && isDate(Number(id[1]))) styles.add(index);
    index++;
  }
  return styles;
}

/** Excel serial day (1900 date system) → YYYYMMDD. */
function serialToYmd(serial: number): string {
  const date = new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86400000);
  return `${date.getUTCFullYear()}${String(date.getUTCMonth() + 1).padStart(2, '0')}${String(date.getUTCDate()).padStart(2, '0')}`;
}

export function xlsxToTsv(bytes: Buffer): string {
  const members = new Map(readZip(bytes).map((m) => [m.name, m.data]));
  const text = (name: string): string => members.get(name)?.toString('utf8') ?? '';
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]));
  const dates = dateStyles(text('xl/styles.xml'));
  // The first sheet in workbook order, through the workbook's relationships.
  const firstSheetRel = /<sheet\s[^>]*r:id="([^"]+)"/.exec(text('xl/workbook.xml'))?.[1];
  const target = firstSheetRel ? new RegExp(`<Relationship\\s[^>]*Id="${firstSheetRel}"[^>]*Target="([^"]+)"`).exec(text('xl/_rels/workbook.xml.rels'))?.[1] ?? new RegExp(`<Relationship\\s[^>]*Target="([^"]+)"[^>]*Id="${firstSheetRel}"`).exec(text('xl/_rels/workbook.xml.rels'))?.[1] : undefined;
  const sheetName = target ? `xl/${target.replace(/^\/?xl\//, '')}` : [...members.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort()[0];
  const sheet = sheetName ? members.get(sheetName)?.toString('utf8') : undefined;
  if (sheet === undefined) throw new Error('no worksheet found in the workbook');
  const lines: string[] = [];
  for (const row of sheet.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    // Keep line numbers equal to Excel row numbers, so problems point at the right row.
    const number = Number(/\br="(\d+)"/.exec(row[1])?.[1] ?? lines.length + 1);
    while (lines.length < number - 1) lines.push('');
    const cells: string[] = [];
    for (const c of (row[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const body = c[2] ?? '';
      const ref = /\br="([A-Z]+)\d*"/.exec(attrs)?.[1];
      const col = ref ? columnIndex(ref) : cells.length;
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const style = Number(/\bs="(\d+)"/.exec(attrs)?.[1] ?? -1);
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value = '';
      if (type === 's') value = shared[Number(v)] ?? '';
      else if (type === 'inlineStr') value = texts(body);
      else if (v !== undefined) value = unescapeXml(v);
      if ((type === undefined || type === 'n') && dates.has(style) && /^\d+(\.\d+)?$/.test(value)) value = serialToYmd(Number(value));
      while (cells.length < col) cells.push('');
      cells[col] = value.replace(/[\t\r\n]+/g, ' ');
    }
    lines.push(cells.join('\t'));
  }
  return lines.join('\n') + '\n';
}
