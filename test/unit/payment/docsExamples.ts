/**
 * Reads the worked claims of docs/payment.md: each `### Claim` section holds a ```csv block,
 * a table whose last column is each line's amount ("$1,257.63" or "not priced"), and a line
 * "**Total: $X**". The test prices the CSV with service/payment.ts and compares.
 */
export interface WorkedClaim {
  title: string;
  csv: string;
  amounts: (number | undefined)[];
  total: number;
}

const dollars = (s: string): number => Number(s.replace(/[$,]/g, ''));

export function workedClaims(markdown: string): WorkedClaim[] {
  const out: WorkedClaim[] = [];
  for (const section of markdown.split(/^### /m).slice(1)) {
    const title = section.split('\n')[0].trim();
    const csv = /```csv\n([\s\S]*?)```/.exec(section)?.[1];
    const total = /\*\*Total: (\$[\d,]+\.\d\d)\*\*/.exec(section)?.[1];
    if (!csv || !total) continue;
    const amounts: (number | undefined)[] = [];
    for (const row of section.split('\n').filter((l) => /^\| *\d+ *\|/.test(l))) {
      const cells = row.split('|').map((c) => c.trim()).filter((_c, i, all) => i > 0 && i < all.length - 1);
      const last = cells[cells.length - 1];
      amounts.push(last === 'not priced' ? undefined : dollars(last));
    }
    out.push({ title, csv, amounts, total: dollars(total) });
  }
  return out;
}
