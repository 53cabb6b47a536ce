/**
 * The shapes of the codes the code set holds (DOMAIN.md section 1), in one place: the
 * charge-file model, the note citations, hover and the rules all test codes against
 * these, never against copies of their own.
 */

/** The alternatives of a procedure code: CPT I (5 digits), II (4+F), III (4+T), PLA (4+U), HCPCS II (letter+4). */
export const CODE_SHAPE_SOURCE = '\\d{5}|\\d{4}[FTU]|[A-Z]\\d{4}';

/** Exactly a well-formed procedure code. */
export const CODE_SHAPE = new RegExp(`^(?:${CODE_SHAPE_SOURCE})$`);

/** A modifier: two letters or digits. */
export const MODIFIER_SHAPE = /^[A-Z0-9]{2}$/;
