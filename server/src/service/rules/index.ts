/**
 * Every rule, listed explicitly, in the order a coder reads a line: the table, the
 * code, its modifiers, then the claim-spanning edits, then units, setting and
 * diagnoses. A meta test checks each has a docs page and fixtures.
 */
import { addOnWithoutPrimary } from './addOnWithoutPrimary';
import { codeNotValidOnDate } from './codeNotValidOnDate';
import { codeShape } from './codeShape';
import { conflictingModifiers } from './conflictingModifiers';
import { csvStructure } from './csvStructure';
import { dateOfService } from './dateOfService';
import { diagnosis } from './diagnosis';
import { diagnosisPointer } from './diagnosisPointer';
import { duplicateLine } from './duplicateLine';
import { duplicateModifier } from './duplicateModifier';
import { globalSurgery } from './globalSurgery';
import { modifierNotAllowed } from './modifierNotAllowed';
import { modifierNotValidOnDate } from './modifierNotValidOnDate';
import { modifierOrder } from './modifierOrder';
import { modifierShape } from './modifierShape';
import { mue } from './mue';
import { ncciPtp } from './ncciPtp';
import { noCodeColumn } from './noCodeColumn';
import { placeOfService } from './placeOfService';
import type { Rule } from './rule';
import { statusNotPayable } from './statusNotPayable';
import { suppression } from './suppression';
import { tooManyModifiers } from './tooManyModifiers';
import { unknownCode } from './unknownCode';
import { unknownModifier } from './unknownModifier';
import { units } from './units';

export const ALL_RULES: readonly Rule[] = [
  csvStructure,
  noCodeColumn,
  dateOfService,
  suppression,
  codeShape,
  unknownCode,
  codeNotValidOnDate,
  statusNotPayable,
  modifierShape,
  unknownModifier,
  modifierNotValidOnDate,
  duplicateModifier,
  tooManyModifiers,
  modifierNotAllowed,
  conflictingModifiers,
  modifierOrder,
  ncciPtp,
  mue,
  addOnWithoutPrimary,
  globalSurgery,
  duplicateLine,
  units,
  placeOfService,
  diagnosis,
  diagnosisPointer,
];
