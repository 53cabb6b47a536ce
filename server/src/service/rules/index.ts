/** Every rule, listed explicitly. A meta test checks each has a docs page and fixtures. */
import { codeShape } from './codeShape';
import { csvStructure } from './csvStructure';
import { noCodeColumn } from './noCodeColumn';
import type { Rule } from './rule';
import { unknownCode } from './unknownCode';

export const ALL_RULES: readonly Rule[] = [csvStructure, noCodeColumn, codeShape, unknownCode];
