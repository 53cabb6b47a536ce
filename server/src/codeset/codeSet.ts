/**
 * The CodeSet implementation over in-memory tables: the fee schedule grouped into
 * codes, HCPCS Level II facts, modifiers, ICD-10-CM (built on first use, it is the
 * biggest table), places of service, NCCI tables and knowledge records. Pure: the
 * tables come from load.ts (or a test), never from the file system.
 */
import { allModifiers, DiagnosisTable, HcpcsRow } from './tables';
import type { NcciTables } from './ncci/tables';
import { SearchIndex } from './search';
import type { TabularNotes } from './tabularNotes';
import { lowerBound } from './sorted';
import { spanHolds, spansOf } from './knowledge/codeRanges';
import { EMPTY_NOTE_VOCABULARY, NoteVocabulary } from './noteVocabulary';
import type {
  AddOnEdit,
  CodeSet,
  DataRelease,
  DataVersion,
  DiagnosisCode,
  FeeScheduleRow,
  KnowledgeRecord,
  ModifierInfo,
  ModifierList,
  MueEdit,
  PaymentLocality,
  PlaceOfService,
  ProcedureCode,
  PtpEdit,
  SearchHit,
} from './types';
import { validityOn } from './validity';

/** Everything beyond the fee schedule; each part is optional so a test can build a small code set. */
export interface CodeSetParts {
  /** Level II procedure facts from the HCPCS file (and description-only supplements). */
  hcpcs?: readonly HcpcsRow[];
  /** BETOS code → name. */
  betosNames?: ReadonlyMap<string, string>;
  /** Level II modifiers; the CPT numeric modifiers are always included. */
  modifiers?: readonly ModifierInfo[];
  /** ICD-10-CM, read on the first diagnosis lookup or search: a list, or a table that makes entries on demand. */
  diagnoses?: () => readonly DiagnosisCode[] | DiagnosisTable;
  placesOfService?: readonly PlaceOfService[];
  /** Payment localities (GPCI file). */
  localities?: readonly PaymentLocality[];
  ncci?: NcciTables;
  /** Imported CMS lists of codes that need a modifier (therapy GP/GO/GN, single-dose drugs JW/JZ). */
  modifierLists?: readonly ModifierList[];
  /** Imported ICD-10-CM tabular "code first" notes. */
  tabularNotes?: TabularNotes;
  knowledge?: readonly KnowledgeRecord[];
  /** What the note matcher knows of clinical language, and the operative-report elements. */
  noteVocabulary?: NoteVocabulary;
  /** Licensed CPT descriptors (code → descriptor) that replace the bundled short ones. */
  cptDescriptors?: ReadonlyMap<string, string>;
  /** Release names for version(). */
  versions?: Omit<Partial<DataVersion>, 'knowledgeRecords' | 'feeSchedule'>;
}

interface ProcedureEntry {
  row?: FeeScheduleRow;
  variants: Map<string, FeeScheduleRow>;
  hcpcs?: HcpcsRow;
}

export function createCodeSet(rows: readonly FeeScheduleRow[], release: Omit<DataRelease, 'codeCount'>, parts: CodeSetParts = {}): CodeSet {
  const entries = new Map<string, ProcedureEntry>();
  const entry = (code: string): ProcedureEntry => {
    let e = entries.get(code);
    if (!e) entries.set(code, (e = { variants: new Map() }));
    return e;
  };
  for (const row of rows) {
    const e = entry(row.code);
    if (row.modifier === '') e.row = row;
    else e.variants.set(row.modifier, row);
  }
  for (const h of parts.hcpcs ?? []) entry(h.code).hcpcs = h;

  const localities = new Map((parts.localities ?? []).map((l) => [`${l.mac}:${l.locality}`, l] as const));
  const betosNames = parts.betosNames ?? new Map<string, string>();
  const licensed = parts.cptDescriptors;
  const procedures = new Map<string, ProcedureCode>();
  for (const [code, e] of entries) {
    // A code listed only with variants keeps its first variant as its main row.
    const row = e.row ?? e.variants.values().next().value;
    const descriptor = licensed?.get(code) ?? (e.hcpcs?.longDescription || row?.descriptor || e.hcpcs?.shortDescription || '');
    const procedure: ProcedureCode = { code, kind: /^[A-Z]/.test(code) ? 'hcpcs' : 'cpt', descriptor, variants: e.variants };
    if (row) procedure.row = licensed?.has(code) ? { ...row, descriptor } : row;
    if (e.hcpcs) {
      const { longDescription, shortDescription, addDate, actionEffectiveDate, terminationDate, actionCode, betos, coverage, pricing, release, descriptionOnly } = e.hcpcs;
      procedure.hcpcs = { longDescription, shortDescription, addDate, actionEffectiveDate, terminationDate, actionCode, betos, betosName: betosNames.get(betos) ?? '', coverage, pricing };
      if (release) procedure.hcpcs.release = release;
      if (descriptionOnly) procedure.hcpcs.descriptionOnly = true;
    }
    procedures.set(code, procedure);
  }
  const codes = [...procedures.keys()].sort();
  const full: DataRelease = { ...release, codeCount: codes.length };

  const modifiers = allModifiers(parts.modifiers ?? []);
  const pos = new Map((parts.placesOfService ?? []).map((p) => [p.code, p]));
  const knowledge = knowledgeByCode(parts.knowledge ?? [], codes, betosNames);

  let diagnoses: DiagnosisTable | undefined;
  const diagnosisTable = (): DiagnosisTable => {
    if (!diagnoses) {
      const given = parts.diagnoses?.() ?? [];
      if (Array.isArray(given)) {
        const map = new Map((given as readonly DiagnosisCode[]).map((d) => [d.code, d]));
        diagnoses = { get: (code) => map.get(code), all: () => map.values() };
      } else diagnoses = given as DiagnosisTable;
    }
    return diagnoses;
  };

  const indexes = new Map<string, SearchIndex>();
  const index = (kind: SearchHit['kind']): SearchIndex => {
    let built = indexes.get(kind);
    if (!built) {
      built = new SearchIndex(kind);
      if (kind === 'procedure') {
        for (const code of codes) {
          const p = procedures.get(code) as ProcedureCode;
          const k = knowledge.view(code);
          const texts = [p.descriptor, p.row?.descriptor ?? '', p.hcpcs?.shortDescription ?? ''];
          // A family's summary names every member's procedure; only the code's own entry and the
          // family's name and clinical words describe it (a one-code record's text is all its own).
          const shared: string[] = [];
          if (k && isFamily(k)) {
            texts.push(k.entry?.distinguishing ?? '', ...(k.entry?.searchTerms ?? []));
            shared.push(k.family ?? '', ...k.searchTerms);
          } else if (k) texts.push(k.summary, k.description, ...k.searchTerms);
          built.add(code, p.descriptor, texts, k !== undefined, k?.entry?.distinguishing, shared, k?.entry?.quantity);
        }
      } else if (kind === 'diagnosis') {
        for (const d of diagnosisTable().all()) built.add(d.code, `${d.display} ${d.longDescription}`, [d.shortDescription, d.longDescription]);
      } else if (kind === 'modifier') {
        for (const m of modifiers.values()) built.add(m.code, m.name, [m.name, m.description]);
      } else {
        for (const p of pos.values()) built.add(p.code, p.name, [p.name]);
      }
      indexes.set(kind, built);
    }
    return built;
  };

  const inForce = (effective: string, deletion: string, date?: string): boolean =>
    !date || ((effective === '' || effective <= date) && (deletion === '' || date <= deletion));
  const ncci = parts.ncci;
  const lists = new Map((parts.modifierLists ?? []).map((l) => [l.kind, l] as const));

  return {
    release: full,
    procedure(code, date) {
      const p = procedures.get(code.toUpperCase());
      if (!p || !date) return p;
      // Codes without HCPCS dates (CPT codes) are valid on any date as far as the data knows.
      return { ...p, validity: validityOn(date, p.hcpcs?.addDate ?? '', p.hcpcs?.terminationDate ?? '') };
    },
    procedureCodes: () => codes,
    modifier(code, date) {
      const m = modifiers.get(code.toUpperCase());
      if (!m || !date) return m;
      return { ...m, validity: validityOn(date, m.addDate, m.terminationDate) };
    },
    diagnosis: (code) => diagnosisTable().get(code.toUpperCase().replace('.', '')),
    placeOfService: (code) => pos.get(code.length === 1 ? `0${code}` : code),
    paymentLocality: (mac, locality) => localities.get(`${mac}:${locality.padStart(2, '0')}`),
    ptpEdits(code, date): readonly PtpEdit[] {
      return ncci ? ncci.ptpEdits(code.toUpperCase()).filter((e) => inForce(e.effective, e.deletion, date)) : [];
    },
    mue(code, date): MueEdit | undefined {
      void date; // The MUE table carries no dates per row: the imported release applies.
      return ncci?.mue(code.toUpperCase());
    },
    addOnPrimaries(code, date): readonly AddOnEdit[] | undefined {
      if (!ncci?.hasAddOnTable) return undefined;
      return ncci.addOnPrimaries(code.toUpperCase()).filter((e) => inForce(e.effective, e.deletion, date));
    },
    modifierList: (kind) => lists.get(kind),
    tabularNotes: () => parts.tabularNotes,
    knowledge: (code) => knowledge.view(code.toUpperCase()),
    noteVocabulary: () => parts.noteVocabulary ?? EMPTY_NOTE_VOCABULARY,
    search: (words, kind, limit) => index(kind).search(words, limit),
    version: (): DataVersion => ({ ...parts.versions, feeSchedule: full.feeSchedule, ncci: ncci?.release ?? parts.versions?.ncci, knowledgeRecords: knowledge.records }),
  };
}

interface KnowledgeByCode {
  /** The record as seen from `code`: its entry, and the family's documentation elements plus the entry's own. */
  view(code: string): KnowledgeRecord | undefined;
  /** Records that apply to at least one code. */
  records: number;
}

/**
 * Which record speaks for each code: the first record (in the given order) that lists
 * the code or holds it in a range. A range holds the codes of the data between its ends;
 * a code listed by itself counts even when the data lacks it.
 */
function knowledgeByCode(records: readonly KnowledgeRecord[], codes: readonly string[], betosNames: ReadonlyMap<string, string>): KnowledgeByCode {
  const byCode = new Map<string, KnowledgeRecord>();
  for (const given of records) {
    const record = given.betos && !given.betosName && betosNames.has(given.betos) ? { ...given, betosName: betosNames.get(given.betos) } : given;
    for (const span of spansOf(record.codes)) {
      if (span.low === span.high) {
        if (!byCode.has(span.low)) byCode.set(span.low, record);
        continue;
      }
      for (let i = lowerBound(codes, span.low); i < codes.length && codes[i] <= span.high; i++) {
        if (spanHolds(span, codes[i]) && !byCode.has(codes[i])) byCode.set(codes[i], record);
      }
    }
  }
  const views = new Map<string, KnowledgeRecord>();
  return {
    records: new Set(byCode.values()).size,
    view(code) {
      const record = byCode.get(code);
      if (!record) return undefined;
      let view = views.get(code);
      if (!view) {
        const entry = record.entries.get(code);
        view = { ...record, code, documentation: entry ? [...record.documentation, ...entry.documentation] : record.documentation };
        if (entry) view.entry = entry;
        views.set(code, view);
      }
      return view;
    },
  };
}

/** A record for more than one code (a list, a range or per-code entries). */
function isFamily(record: KnowledgeRecord): boolean {
  return record.entries.size > 0 || record.codes.length > 1 || record.codes.some((c) => c.includes('-'));
}
