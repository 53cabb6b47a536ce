/**
 * The groups of lines that claim rules compare: one patient's lines when the file names
 * patients, else one account's or encounter's, else one claim id's; a line with none of
 * these is a group of its own, so lines of different patients are never compared (an
 * export without such a column must not turn a day of a clinic into one claim). Within a
 * group, the same lines by service day (date + provider): NCCI pairs, MUE per date,
 * add-on primaries, same-day global surgery and duplicates work inside one service day,
 * across the patient's claims, as payers apply them; `ChargeLine.claimLabel` names the
 * line's own claim.
 *
 * The type keeps the name `Claim`, the unit a claim scrubber reasons about; for a file
 * with claim ids and no patient column it is exactly one claim.
 */
import type { ChargeLine } from './chargeFile';

/** The lines checked together (one patient's, account's or claim's), and the same lines by service day (date + provider). */
export interface Claim {
  key: string;
  lines: ChargeLine[];
  /** The claim's lines grouped by `dayKey`, in file order (arrays: most claims have one day, and 25k Maps cost). */
  days: ChargeLine[][];
}

/**
 * Adds a line to its claim and service day, and returns the claim. `recent` is the
 * claim the previous line went to: an export lists a claim's lines together, so
 * comparing with it usually spares a lookup in a Map of tens of thousands of claims.
 */
export function addToClaim(claims: Map<string, Claim>, line: ChargeLine, recent?: Claim): Claim {
  const claim = recent !== undefined && recent.key === line.claimKey ? recent : claims.get(line.claimKey);
  if (!claim) {
    const created: Claim = { key: line.claimKey, lines: [line], days: [[line]] };
    claims.set(line.claimKey, created);
    return created;
  }
  claim.lines.push(line);
  // One key string per claim, not per line (a claim's later lines made equal ones).
  line.claimKey = claim.key;
  const day = dayOf(claim, line.dayKey);
  if (day) day.push(line);
  else claim.days.push([line]);
  return claim;
}

function dayOf(claim: Claim, dayKey: string): ChargeLine[] | undefined {
  for (const day of claim.days) if (day[0].dayKey === dayKey) return day;
  return undefined;
}

/**
 * The claims' line lists at their length: a list grown by push keeps room for 17 lines, and
 * most claims have a few (on 100k lines, about 75 bytes a line for the life of the model).
 */
export function trimClaims(claims: Map<string, Claim>): void {
  for (const claim of claims.values()) {
    if (claim.lines.length > 1) claim.lines = claim.lines.slice();
    for (let d = 0; d < claim.days.length; d++) if (claim.days[d].length > 1) claim.days[d] = claim.days[d].slice();
  }
}

/** Removes a line from its claim (and the claim when it becomes empty). */
export function removeFromClaim(claims: Map<string, Claim>, line: ChargeLine): void {
  const claim = claims.get(line.claimKey);
  if (!claim) return;
  const at = claim.lines.indexOf(line);
  if (at >= 0) claim.lines.splice(at, 1);
  const day = dayOf(claim, line.dayKey);
  if (day) {
    const k = day.indexOf(line);
    if (k >= 0) day.splice(k, 1);
    if (day.length === 0) claim.days.splice(claim.days.indexOf(day), 1);
  }
  if (claim.lines.length === 0) claims.delete(line.claimKey);
}

/** Adds a line to its claim keeping the claim's lines (and days) in file order. */
export function insertIntoClaim(claims: Map<string, Claim>, line: ChargeLine): void {
  const claim = claims.get(line.claimKey);
  if (!claim) {
    addToClaim(claims, line);
    return;
  }
  const place = (list: ChargeLine[]): void => {
    let i = list.length;
    while (i > 0 && list[i - 1].index > line.index) i--;
    list.splice(i, 0, line);
  };
  place(claim.lines);
  const day = dayOf(claim, line.dayKey);
  if (day) place(day);
  else {
    // Days stay in the order of their first line.
    let i = claim.days.length;
    while (i > 0 && claim.days[i - 1][0].index > line.index) i--;
    claim.days.splice(i, 0, [line]);
  }
}

