/**
 * Ranked search over codes and their descriptions. Ranking: codes that start with
 * the query first (in code order); then codes whose description words match the
 * query words, a query word matching a description word exactly or as its prefix:
 * more query words matched first; then a code whose knowledge-record quantity holds a
 * size, length, area, time or age the query names ("laceration face 3 cm" → 12013);
 * then more words matched in the code's own texts rather than only in its family's
 * shared name and clinical words ("VBAC" → the VBAC codes before the cesarean ones);
 * then more of the query's word pairs found as a pair in one text ("medial
 * meniscectomy" tells 29881 from 29880, which both have both words); then more exact
 * matches, then codes that have a knowledge record, then code order. Joining words
 * ("of", "the") are not searched; clinical adjectives read as nouns ("facial" → "face"). CMS short descriptors are abbreviated
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
  hern: 'hernia', hrn: 'hernia', ing: 'inguinal', fem: 'femoral', init: 'initial', reduc: 'reducible', rdc: 'reducible', rcr: 'recurrent',
  dbrdmt: 'debridement', cysto: 'cystoscopy', psytx: 'psychotherapy', prolng: 'prolonged', ctrc: 'cataract',
};

const WORD = /[a-z0-9]+/g;

export function searchWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Words a query may carry that say nothing about the procedure. */
const JOINING = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'to', 'for', 'by', 'at', 'from', 'per', 'is', 'as']);

/** Clinical adjectives → the noun descriptors use ("facial laceration" finds "face"). */
const ADJECTIVES: Readonly<Record<string, string>> = {
  facial: 'face', nasal: 'nose', cardiac: 'heart', hepatic: 'liver', renal: 'kidney', ocular: 'eye', gastric: 'stomach', colonic: 'colon', vesical: 'bladder',
};

/** The words a text is indexed or searched by: abbreviations and adjectives spelled out. */
/** Abbreviations and adjectives as one map (a Map: "constructor" is a word, not a prototype member). */
const SPELLED_OUT = new Map([...Object.entries(ABBREVIATIONS), ...Object.entries(ADJECTIVES)]);
const ADJECTIVE = new Map(Object.entries(ADJECTIVES));

/** The word an abbreviation or adjective stands for, if it is one. */
function spelledOut(w: string): string | undefined {
  return SPELLED_OUT.get(w);
}

/** Adds the words of `text` (and what its abbreviations stand for) to `into`. */
function addIndexWords(text: string, into: Set<string>): void {
  for (const w of searchWords(text)) {
    into.add(w);
    const full = SPELLED_OUT.get(w);
    if (full) into.add(full);
  }
}

/** Adjacent pairs of the meaningful words of a text, abbreviations spelled out. */
function wordPairs(text: string): string[] {
  const words = searchWords(text).filter((w) => !JOINING.has(w)).map((w) => spelledOut(w) ?? w);
  const pairs: string[] = [];
  for (let i = 1; i < words.length; i++) pairs.push(`${words[i - 1]} ${words[i]}`);
  return pairs;
}

/** A measured quantity a code covers, for a query that names one ("laceration 3 cm"). */
export interface SearchQuantity {
  kind: string;
  min?: number;
  max?: number;
}

/** Numbers with units in a query, as quantity kinds and values ("3 cm", "1.5cm", "8 mm", "45 minutes"). */
function queryQuantities(query: string): { kinds: readonly string[]; value: number }[] {
  const out: { kinds: readonly string[]; value: number }[] = [];
  const units = /(\d+(?:\.\d+)?)\s*(sq\.?\s*cm|cm2|cm|mm|minutes?|mins?|years?|yrs?|yo)\b/gi;
  for (let m = units.exec(query); m; m = units.exec(query)) {
    const n = Number(m[1]);
    const unit = m[2].toLowerCase().replace(/[.\s]/g, '');
    if (unit === 'sqcm' || unit === 'cm2') out.push({ kinds: ['area-sq-cm'], value: n });
    else if (unit === 'cm') out.push({ kinds: ['diameter-cm', 'length-cm'], value: n });
    else if (unit === 'mm') out.push({ kinds: ['diameter-cm', 'length-cm'], value: n / 10 });
    else if (unit.startsWith('min')) out.push({ kinds: ['minutes'], value: n });
    else out.push({ kinds: ['age-years'], value: n });
  }
  return out;
}

export class SearchIndex {
  private readonly codes: string[] = [];
  private readonly descriptions: string[] = [];
  private readonly featured: boolean[] = [];
  private readonly distinguishing: (string | undefined)[] = [];
  private readonly quantities: (SearchQuantity | undefined)[] = [];
  /** Per code, the words of its own texts (not those its whole family shares); only for codes with shared texts. */
  private readonly own: (Set<string> | undefined)[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly pairPostings = new Map<string, number[]>();
  private vocabulary: string[] | undefined;

  /** `pairs`: index word pairs of featured codes too (procedures; the ICD-10-CM index is large and its words rank well alone). */
  constructor(private readonly kind: SearchKind, private readonly pairs = kind === 'procedure') {}

  /**
   * `texts` are the code's own texts and `shared` its family's (the family's name and
   * clinical words, the same for every member): both are searched, and a code whose own
   * texts match wins over a neighbour matched only through the family. `description` (and
   * `distinguishing`, what sets the code apart in its family) is what a hit shows;
   * `featured` codes win ties; `quantity` ranks a code up when the query names a size,
   * length, area, time or age in its range.
   */
  add(
    code: string,
    description: string,
    texts: readonly string[],
    featured = false,
    distinguishing?: string,
    shared: readonly string[] = [],
    quantity?: SearchQuantity,
  ): void {
    const id = this.codes.length;
    this.codes.push(code);
    this.descriptions.push(description);
    this.featured.push(featured);
    this.distinguishing.push(distinguishing);
    this.quantities.push(quantity);
    const all = [...texts, ...shared];
    // Pairs tell family members apart; only codes with a knowledge record have neighbours to be told from
    // (pairs of every Level II long description would double the time to build the index).
    for (const pair of this.pairs && featured ? new Set(all.flatMap(wordPairs)) : []) {
      let list = this.pairPostings.get(pair);
      if (!list) this.pairPostings.set(pair, (list = []));
      list.push(id);
    }
    const words = new Set<string>();
    for (const text of texts) addIndexWords(text, words);
    // The code's own words are kept apart only when it has shared (family) texts: most codes have none.
    let own: Set<string> | undefined;
    if (shared.length > 0) {
      own = new Set(words);
      for (const text of shared) addIndexWords(text, words);
    }
    this.own.push(own);
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
    const meaningful = all.filter((w) => !JOINING.has(w)).map((w) => ADJECTIVE.get(w) ?? w);
    const words = meaningful.length > 0 ? [...new Set(meaningful)] : all;
    if (words.length === 0 || hits.length >= limit) return hits;
    const vocabulary = (this.vocabulary ??= [...this.postings.keys()].sort());
    const matched = new Map<number, { words: number; own: number; fits: number; pairs: number; exact: number }>();
    for (const word of words) {
      const seen = new Set<number>();
      const ownSeen = new Set<number>();
      const score = (id: number, exact: boolean, as: string): void => {
        let s = matched.get(id);
        if (!s) matched.set(id, (s = { words: 0, own: 0, fits: 0, pairs: 0, exact: 0 }));
        if (!seen.has(id)) {
          seen.add(id);
          s.words++;
        }
        if (exact) s.exact++;
        const own = this.own[id];
        if ((!own || own.has(as)) && !ownSeen.has(id)) {
          ownSeen.add(id);
          s.own++;
        }
      };
      for (const id of this.postings.get(word) ?? []) score(id, true, word);
      // Prefix matches for words of two or more characters ("cryo" → "cryoablation").
      if (word.length < 2) continue;
      for (let i = lowerBound(vocabulary, word); i < vocabulary.length && vocabulary[i].startsWith(word); i++) {
        if (vocabulary[i] === word) continue;
        for (const id of this.postings.get(vocabulary[i]) ?? []) score(id, false, vocabulary[i]);
      }
    }
    for (const pair of this.pairs ? new Set(wordPairs(query)) : []) {
      for (const id of this.pairPostings.get(pair) ?? []) {
        const s = matched.get(id);
        if (s) s.pairs++;
      }
    }
    const named = queryQuantities(query);
    if (named.length > 0) {
      for (const [id, s] of matched) {
        const q = this.quantities[id];
        if (q && (q.min !== undefined || q.max !== undefined) && named.some((n) => n.kinds.includes(q.kind) && n.value >= (q.min ?? 0) && n.value <= (q.max ?? Infinity))) s.fits = 1;
      }
    }
    const ranked = [...matched].filter(([id]) => !taken.has(id));
    ranked.sort(([a, x], [b, y]) =>
      y.words - x.words ||
      y.fits - x.fits ||
      y.own - x.own ||
      y.pairs - x.pairs ||
      y.exact - x.exact ||
      Number(this.featured[b]) - Number(this.featured[a]) ||
      a - b,
    );
    for (const [id] of ranked) {
      if (hits.length >= limit) break;
      hit(id);
    }
    return hits;
  }
}

