/**
 * Ranked search over codes and their descriptions. Ranking: codes that start with
 * the query first (in code order); then codes whose description words match the
 * query words, a query word matching a description word exactly or as its prefix:
 * more query words matched first, then more of the query's word pairs found as a
 * pair in one of the code's texts ("medial meniscectomy" tells 29881 from 29880,
 * which both have both words), then more exact matches, then codes that have a
 * knowledge record, then code order. Joining words ("of", "the") are not searched. CMS short descriptors are abbreviated
 * ("Perq abltj lvr cryoablation"), so common abbreviations also index their words.
 * Built once per kind on first use; a query touches only the matching words.
 */
import type { SearchHit, SearchKind } from './types';
import { lowerBound } from './sorted';

/** CMS short-descriptor abbreviations → the word a coder types. */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  abltj: 'ablation', abl: 'ablation', lvr: 'liver', perq: 'percutaneous', perc: 'percutaneous', percut: 'percutaneous',
  tum: 'tumor', tumr: 'tumor', crybl: 'cryoablation', lap: 'laparoscopic', laps: 'laparoscopic', lpsc: 'laparoscopic',
  ndsc: 'endoscopy', endo: 'endoscopy', bx: 'biopsy', inj: 'injection', njx: 'injection', rmvl: 'removal', rpr: 'repair',
  exc: 'excision', excj: 'excision', xcs: 'excision', incis: 'incision', insj: 'insertion', rvsn: 'revision', recnstj: 'reconstruction',
  kdn: 'kidney', hrt: 'heart', brst: 'breast', thyr: 'thyroid', pulm: 'pulmonary', cor: 'coronary', art: 'artery', vn: 'vein',
  ctr: 'contrast', w: 'with', wo: 'without', dx: 'diagnostic', tx: 'treatment', ther: 'therapy', eval: 'evaluation', est: 'established',
  pt: 'patient', hosp: 'hospital', vst: 'visit', ofc: 'office', us: 'ultrasound', ctrl: 'control', fx: 'fracture', spi: 'spine',
};

const WORD = /[a-z0-9]+/g;

/** Words a query may carry that say nothing about the procedure. */
const JOINING = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'to', 'for', 'by', 'at', 'from', 'per', 'is', 'as']);

/** Adjacent pairs of the meaningful words of a text, abbreviations spelled out. */
function wordPairs(text: string): string[] {
  const words = searchWords(text).filter((w) => !JOINING.has(w)).map((w) => ABBREVIATIONS[w] ?? w);
  const pairs: string[] = [];
  for (let i = 1; i < words.length; i++) pairs.push(`${words[i - 1]} ${words[i]}`);
  return pairs;
}

export function searchWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

export class SearchIndex {
  private readonly codes: string[] = [];
  private readonly descriptions: string[] = [];
  private readonly featured: boolean[] = [];
  private readonly distinguishing: (string | undefined)[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly pairPostings = new Map<string, number[]>();
  private vocabulary: string[] | undefined;

  /** `pairs`: index word pairs too (procedures; the ICD-10-CM index is large and its words rank well alone). */
  constructor(private readonly kind: SearchKind, private readonly pairs = kind === 'procedure') {}

  /**
   * `texts` are indexed; `description` (and `distinguishing`, what sets the code apart
   * in its family) is what a hit shows; `featured` codes win ties.
   */
  add(code: string, description: string, texts: readonly string[], featured = false, distinguishing?: string): void {
    const id = this.codes.length;
    this.codes.push(code);
    this.descriptions.push(description);
    this.featured.push(featured);
    this.distinguishing.push(distinguishing);
    for (const pair of this.pairs ? new Set(texts.flatMap(wordPairs)) : []) {
      let list = this.pairPostings.get(pair);
      if (!list) this.pairPostings.set(pair, (list = []));
      list.push(id);
    }
    const words = new Set<string>();
    for (const text of texts) {
      for (const w of searchWords(text)) {
        words.add(w);
        const full = ABBREVIATIONS[w];
        if (full) words.add(full);
      }
    }
    for (const w of words) {
      let list = this.postings.get(w);
      if (!list) this.postings.set(w, (list = []));
      list.push(id);
    }
    this.vocabulary = undefined;
  }

  search(query: string, limit: number): SearchHit[] {
    const hits: SearchHit[] = [];
    const taken = new Set<number>();
    const hit = (id: number): void => {
      taken.add(id);
      const found: SearchHit = { code: this.codes[id], description: this.descriptions[id], kind: this.kind };
      const distinguishing = this.distinguishing[id];
      if (distinguishing) found.distinguishing = distinguishing;
      hits.push(found);
    };
    // 1. Code prefix: "4738", "J11", "E11.9".
    const compact = query.trim().toUpperCase().replace(/[.\s]/g, '');
    if (/^[A-Z0-9]{1,7}$/.test(compact) && /\d/.test(compact)) {
      for (let id = 0; id < this.codes.length && hits.length < limit; id++) {
        if (this.codes[id].startsWith(compact)) hit(id);
      }
    }
    // 2. Description words.
    const all = [...new Set(searchWords(query))];
    const meaningful = all.filter((w) => !JOINING.has(w));
    const words = meaningful.length > 0 ? meaningful : all;
    if (words.length === 0 || hits.length >= limit) return hits;
    const vocabulary = (this.vocabulary ??= [...this.postings.keys()].sort());
    const matched = new Map<number, { words: number; pairs: number; exact: number }>();
    for (const word of words) {
      const seen = new Set<number>();
      const score = (id: number, exact: boolean): void => {
        let s = matched.get(id);
        if (!s) matched.set(id, (s = { words: 0, pairs: 0, exact: 0 }));
        if (!seen.has(id)) {
          seen.add(id);
          s.words++;
        }
        if (exact) s.exact++;
      };
      for (const id of this.postings.get(word) ?? []) score(id, true);
      // Prefix matches for words of two or more characters ("cryo" → "cryoablation").
      if (word.length < 2) continue;
      for (let i = lowerBound(vocabulary, word); i < vocabulary.length && vocabulary[i].startsWith(word); i++) {
        if (vocabulary[i] === word) continue;
        for (const id of this.postings.get(vocabulary[i]) ?? []) if (!seen.has(id)) score(id, false);
      }
    }
    for (const pair of this.pairs ? new Set(wordPairs(query)) : []) {
      for (const id of this.pairPostings.get(pair) ?? []) {
        const s = matched.get(id);
        if (s) s.pairs++;
      }
    }
    const ranked = [...matched].filter(([id]) => !taken.has(id));
    ranked.sort(([a, x], [b, y]) =>
      y.words - x.words || y.pairs - x.pairs || y.exact - x.exact || Number(this.featured[b]) - Number(this.featured[a]) || a - b,
    );
    for (const [id] of ranked) {
      if (hits.length >= limit) break;
      hit(id);
    }
    return hits;
  }
}

