/**
 * The body site of a procedure code, as far as the anatomic modifiers care: which kinds of
 * anatomic modifier (side, finger, toe, eyelid, coronary artery) fit it, and which cannot.
 * The one copy of this table: completion ranks and hides modifiers by it, and the
 * `anatomic-modifier` rule flags a misfit by it. Pure data.
 *
 * Basis. CPT Category I is laid out by body system and region: the Surgery section's
 * subsections (integumentary, musculoskeletal by region, respiratory, ... eye, ear), the
 * Radiology subsections by region, and so on. Each subsection ends with an "unlisted
 * procedure" code, and the CMS short descriptor of that code in the fee-schedule file names
 * the region ("Unlisted px femur/knee" closes 27301-27599). Each range below names that code
 * (or, where none closes it, a code whose descriptor names the site) and
 * `test/unit/data/anatomy.test.ts` checks the descriptor says so, so the table cannot drift
 * from the data. Level II codes have no ranges by site: their CMS long descriptors are read
 * for site words ("toenail", "coronary"), which only ever make a modifier fit.
 *
 * What is left out on purpose: a range whose codes can be on any site of a kind (skin on a
 * finger or an eyelid, peripheral nerves of a digit or the face, vessels) leaves that kind
 * open, neither fitting nor misfitting, so the rule stays silent there. A misfit is only
 * named where no code of the range can be on that site.
 */
import { ANATOMIC_GROUPS, type AnatomicGroup } from './modifiers';

/** One range of codes with one body site. */
export interface BodySiteRange {
  from: string;
  to: string;
  /** The site in a coder's words ("knee arthroscopy"). */
  site: string;
  /** A code of the range whose CMS descriptor names the site (the unlisted code that closes it, where there is one). */
  evidence: string;
  /** What that descriptor says (case-insensitive). */
  says: RegExp;
  /**
   * Kinds of anatomic modifier that belong on most codes of the range (ranked first in
   * completion). LT/RT on organs that may be paired come from the fee schedule's BILAT SURG
   * indicator instead, code by code.
   */
  fits: readonly AnatomicGroup[];
  /** Kinds that cannot apply to any code of the range (hidden in completion; a finding on a line). Kinds in neither list are open. */
  misfits: readonly AnatomicGroup[];
}

const F: AnatomicGroup = 'finger';
const T: AnatomicGroup = 'toe';
const E: AnatomicGroup = 'eyelid';
const C: AnatomicGroup = 'coronary';
const S: AnatomicGroup = 'side';

/** Ordered by `from`; ranges do not overlap (a test holds that). */
export const BODY_SITE_RANGES: readonly BodySiteRange[] = [
  { from: '10004', to: '11718', site: 'skin and subcutaneous tissue', evidence: '11042', says: /subq/, fits: [], misfits: [C] },
  { from: '11719', to: '11765', site: 'nails', evidence: '11720', says: /nail/, fits: [F, T], misfits: [E, C] },
  { from: '11766', to: '17999', site: 'skin and subcutaneous tissue', evidence: '17999', says: /skn/, fits: [], misfits: [C] },
  { from: '19000', to: '19499', site: 'breast', evidence: '19499', says: /breast/, fits: [S], misfits: [F, T, E, C] },
  { from: '20100', to: '20999', site: 'musculoskeletal system (general: wounds, grafts, joint and tendon injections)', evidence: '20999', says: /muscskel general/, fits: [S], misfits: [E, C] },
  { from: '21010', to: '21499', site: 'head, face and jaw (musculoskeletal)', evidence: '21499', says: /head/, fits: [], misfits: [F, T, C] },
  { from: '21501', to: '21899', site: 'neck and thorax (musculoskeletal)', evidence: '21899', says: /neck\/thorax/, fits: [], misfits: [F, T, E, C] },
  { from: '21920', to: '22999', site: 'back, spine and abdomen (musculoskeletal)', evidence: '22999', says: /abdomen muscskel/, fits: [], misfits: [F, T, E, C] },
  { from: '23000', to: '23929', site: 'shoulder', evidence: '23929', says: /shoulder/, fits: [S], misfits: [F, T, E, C] },
  { from: '23930', to: '24999', site: 'upper arm and elbow', evidence: '24999', says: /humerus\/elbow/, fits: [S], misfits: [F, T, E, C] },
  { from: '25000', to: '25999', site: 'forearm and wrist', evidence: '25999', says: /forearm\/wrist/, fits: [S], misfits: [T, E, C] },
  // Toe-to-hand transfers (26551-26556) are on a toe too.
  { from: '26010', to: '26989', site: 'hand and fingers', evidence: '26989', says: /hands\/fingers/, fits: [S, F], misfits: [E, C] },
  { from: '26990', to: '27299', site: 'pelvis and hip', evidence: '27299', says: /pelvis\/hip/, fits: [S], misfits: [F, T, E, C] },
  { from: '27301', to: '27599', site: 'thigh and knee', evidence: '27599', says: /femur\/knee/, fits: [S], misfits: [F, T, E, C] },
  { from: '27600', to: '27899', site: 'lower leg and ankle', evidence: '27899', says: /leg\/ankle/, fits: [S], misfits: [F, E, C] },
  { from: '28001', to: '28899', site: 'foot and toes', evidence: '28899', says: /foot\/toes/, fits: [S, T], misfits: [F, E, C] },
  { from: '29000', to: '29799', site: 'casts and strapping', evidence: '29799', says: /casting/, fits: [S], misfits: [E, C] },
  { from: '29800', to: '29865', site: 'arthroscopy (jaw, shoulder, elbow, wrist, hip)', evidence: '29800', says: /arthroscopy/, fits: [S], misfits: [E, C] },
  { from: '29866', to: '29889', site: 'knee arthroscopy', evidence: '29880', says: /knee arthroscopy/, fits: [S], misfits: [F, T, E, C] },
  { from: '29890', to: '29999', site: 'arthroscopy (ankle, finger joints, subtalar, hip)', evidence: '29999', says: /arthroscopy/, fits: [S], misfits: [E, C] },
  { from: '30000', to: '32999', site: 'respiratory system (nose, sinuses, larynx, trachea, lungs)', evidence: '32999', says: /lungs/, fits: [], misfits: [F, T, E, C] },
  { from: '33016', to: '33999', site: 'heart and pericardium', evidence: '33999', says: /cardiac/, fits: [], misfits: [F, T, E] },
  { from: '34001', to: '37799', site: 'arteries and veins', evidence: '37799', says: /vascular/, fits: [], misfits: [E] },
  { from: '38100', to: '38999', site: 'spleen and lymph nodes', evidence: '38999', says: /hemic\/lymphtc/, fits: [], misfits: [F, T, E, C] },
  { from: '39000', to: '39599', site: 'mediastinum and diaphragm', evidence: '39599', says: /diaphragm/, fits: [], misfits: [F, T, E, C] },
  { from: '40490', to: '49999', site: 'digestive system and abdominal wall', evidence: '49999', says: /abd/, fits: [], misfits: [F, T, E, C] },
  { from: '50010', to: '53899', site: 'urinary system', evidence: '53899', says: /urinary/, fits: [], misfits: [F, T, E, C] },
  { from: '54000', to: '55899', site: 'male genital system', evidence: '55899', says: /male genital/, fits: [], misfits: [F, T, E, C] },
  { from: '56405', to: '58999', site: 'female genital system', evidence: '58999', says: /fml genital/, fits: [], misfits: [F, T, E, C] },
  { from: '59000', to: '59899', site: 'pregnancy and delivery', evidence: '59899', says: /mat care/, fits: [], misfits: [F, T, E, C] },
  { from: '60000', to: '60699', site: 'endocrine glands', evidence: '60699', says: /endocrine/, fits: [], misfits: [F, T, E, C] },
  // Peripheral nerves (64400 on) include digital nerves and the facial nerve: only coronary is out.
  { from: '61000', to: '64399', site: 'skull, brain and spinal cord', evidence: '61000', says: /cranial/, fits: [], misfits: [F, T, E, C] },
  { from: '64400', to: '64999', site: 'peripheral and autonomic nerves', evidence: '64999', says: /nervous/, fits: [], misfits: [C] },
  { from: '65091', to: '66999', site: 'eyeball and anterior segment of the eye', evidence: '66999', says: /ant segment eye/, fits: [S], misfits: [F, T, E, C] },
  { from: '67005', to: '67599', site: 'posterior segment, eye muscles and orbit', evidence: '67599', says: /orbit/, fits: [S], misfits: [F, T, C] },
  { from: '67700', to: '67999', site: 'eyelids', evidence: '67999', says: /eyelids/, fits: [S, E], misfits: [F, T, C] },
  // Punctal plugs and lacrimal probing are reported per eyelid (E1-E4).
  { from: '68020', to: '68899', site: 'conjunctiva and lacrimal system', evidence: '68899', says: /lacrimal/, fits: [S, E], misfits: [F, T, C] },
  { from: '69000', to: '69979', site: 'ear', evidence: '69979', says: /temporal bone/, fits: [S], misfits: [F, T, E, C] },
  { from: '70010', to: '70559', site: 'imaging of the head and neck', evidence: '70100', says: /jaw/, fits: [], misfits: [F, T, C] },
  { from: '71045', to: '71555', site: 'imaging of the chest', evidence: '71045', says: /chest/, fits: [], misfits: [F, T, E, C] },
  { from: '72020', to: '72295', site: 'imaging of the spine and pelvis', evidence: '72170', says: /pelvis/, fits: [], misfits: [F, T, E, C] },
  { from: '73000', to: '73225', site: 'imaging of the upper extremity', evidence: '73225', says: /upr extr/, fits: [S, F], misfits: [T, E, C] },
  { from: '73501', to: '73725', site: 'imaging of the lower extremity', evidence: '73725', says: /lwr ext/, fits: [S, T], misfits: [F, E, C] },
  { from: '74018', to: '74485', site: 'imaging of the abdomen, digestive and urinary tracts', evidence: '74018', says: /abdomen/, fits: [], misfits: [F, T, E, C] },
  { from: '80047', to: '89398', site: 'laboratory and pathology', evidence: '89398', says: /lab/, fits: [], misfits: [E, C] },
  { from: '90281', to: '90899', site: 'immunizations and psychiatry', evidence: '90899', says: /psyc/, fits: [], misfits: [F, T, E, C] },
  { from: '92002', to: '92499', site: 'eye examinations and tests', evidence: '92499', says: /oph svc/, fits: [S], misfits: [F, T, C] },
  { from: '92502', to: '92700', site: 'ear, nose and throat services', evidence: '92700', says: /orl service/, fits: [], misfits: [F, T, E, C] },
  { from: '92920', to: '92944', site: 'coronary artery interventions', evidence: '92920', says: /cardiac angioplast/, fits: [C], misfits: [F, T, E] },
  { from: '92950', to: '93799', site: 'heart and vessel services', evidence: '93799', says: /cv svc/, fits: [], misfits: [F, T, E] },
  { from: '99202', to: '99499', site: 'evaluation and management visits', evidence: '99213', says: /office o\/p est/, fits: [], misfits: [F, T, E, C] },
];

/** Words of a Level II descriptor that make a kind of anatomic modifier fit (never a misfit). */
const SITE_WORDS: readonly [RegExp, readonly AnatomicGroup[]][] = [
  [/\b(?:toes?|toenails?|foot|feet)\b/i, [S, T]],
  [/\b(?:fingers?|fingernails?|hands?)\b/i, [S, F]],
  [/\bnails?\b/i, [F, T]],
  [/\beyelids?\b/i, [S, E]],
  [/\bcoronary\b/i, [C]],
  [/\b(?:knee|hip|shoulder|ankle|elbow|wrist|arm|leg|breast|eye|ear)s?\b/i, [S]],
];

/** What the table knows of one code's site. */
export interface BodySite {
  /** The site in words; undefined when only descriptor words were read. */
  site?: string;
  /** Where the site comes from: "CPT 27301-27599", or the descriptor. */
  basis: string;
  fits: ReadonlySet<AnatomicGroup>;
  misfits: ReadonlySet<AnatomicGroup>;
}

/**
 * The body site of `code`: its CPT range, else (Level II) the site words of `descriptor`.
 * Undefined when neither says anything; nothing is then a misfit.
 */
export function bodySiteOf(code: string, descriptor?: string): BodySite | undefined {
  if (FIVE_DIGITS.test(code)) {
    const range = rangeOf(code);
    if (!range) return undefined;
    // Built once per range: the rule asks for every line with a modifier.
    let site = RANGE_SITES.get(range);
    if (!site) RANGE_SITES.set(range, (site = { site: range.site, basis: `CPT ${range.from}-${range.to}`, fits: new Set(range.fits), misfits: new Set(range.misfits) }));
    return site;
  }
  if (!descriptor) return undefined;
  // Read once per descriptor: the rule asks for every Level II line with a modifier.
  let known = DESCRIPTOR_SITES.get(descriptor);
  if (known === undefined) {
    const fits = new Set<AnatomicGroup>();
    for (const [words, groups] of SITE_WORDS) if (words.test(descriptor)) for (const g of groups) fits.add(g);
    known = fits.size ? { basis: 'the CMS descriptor names the site', fits, misfits: new Set() } : null;
    if (DESCRIPTOR_SITES.size >= MAX_DESCRIPTOR_SITES) DESCRIPTOR_SITES.clear();
    DESCRIPTOR_SITES.set(descriptor, known);
  }
  return known ?? undefined;
}

/** A CPT code's shape (a module constant: a pattern literal in a function is a new object at every call). */
const FIVE_DIGITS = /^\d{5}$/;
const RANGE_SITES = new Map<BodySiteRange, BodySite>();
/** The Level II sites read from descriptors (null: none), shared by every line of a code (read only); bounded. */
const DESCRIPTOR_SITES = new Map<string, BodySite | null>();
const MAX_DESCRIPTOR_SITES = 10_000;

function rangeOf(code: string): BodySiteRange | undefined {
  let lo = 0;
  let hi = BODY_SITE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = BODY_SITE_RANGES[mid];
    if (code < r.from) hi = mid - 1;
    else if (code > r.to) lo = mid + 1;
    else return r;
  }
  return undefined;
}

/** The kind of anatomic modifier `modifier` is, if it is one. */
export function anatomicGroupOf(modifier: string): AnatomicGroup | undefined {
  for (const [group, set] of GROUP_ENTRIES) if (set.has(modifier)) return group;
  return undefined;
}

/** ANATOMIC_GROUPS as entries, made once: every modifier of every line is looked up. */
const GROUP_ENTRIES = Object.entries(ANATOMIC_GROUPS) as [AnatomicGroup, ReadonlySet<string>][];
