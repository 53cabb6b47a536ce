/** Every note rule, listed explicitly, in the order a reader meets the problems. */
import { bilateralModifier } from './bilateralModifier';
import { countUnits } from './countUnits';
import { documentationIfApplicable } from './documentationIfApplicable';
import { documentationMissing } from './documentationMissing';
import { lateralityModifier } from './lateralityModifier';
import type { NoteRule } from './rule';
import { unfilledBlank } from './unfilledBlank';
import { unknownMarkedCode } from './unknownMarkedCode';

export const ALL_NOTE_RULES: readonly NoteRule[] = [
  unknownMarkedCode,
  documentationMissing,
  documentationIfApplicable,
  unfilledBlank,
  bilateralModifier,
  lateralityModifier,
  countUnits,
];
