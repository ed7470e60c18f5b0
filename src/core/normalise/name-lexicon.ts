/**
 * Word lists the name normaliser uses. All entries are uppercase ASCII, as produced by
 * `textTokens` (apostrophes removed, punctuation as word breaks, digits dropped).
 */

/** A set from a comma-separated list (entries may contain single spaces). */
function list(text: string): ReadonlySet<string> {
  return new Set(text.split(',').map((entry) => entry.trim()));
}

/**
 * Titles and honorifics recognised at the start of a given-name field and returned separately.
 * `RT HON` arrives as two tokens, both listed.
 */
export const TITLES = list(
  'MR, MRS, MS, MISS, MX, MASTER, DR, DOCTOR, PROF, PROFESSOR, REV, REVD, REVEREND, FR, SIR, ' +
    'DAME, LADY, LORD, RT, HON, CLLR, CAPT, CAPTAIN, MAJ, COL, LT, SGT, CPL, PTE, RABBI, IMAM',
);

/**
 * Name particles: when one of these stands before another word of a family name it is a
 * particle (`VAN DER BERG` has particles `VAN`, `DER` and core `BERG`). As the last word it is
 * the name itself (`LE`, `DA` and `DE` are surnames too).
 */
export const PARTICLES = list(
  'VAN, VON, DE, DA, DI, DO, DOS, DAS, DEL, DELLA, DER, DEN, DES, DU, LE, LA, LO, TER, TEN, ' +
    'AL, EL, BIN, BINTI, BEN, AP, Y',
);

/**
 * Prefixes that belong to the following word when keyed apart: `MC DONALD` → `MCDONALD`,
 * `MAC LEOD` → `MACLEOD`, `O BRIEN` → `OBRIEN` (the apostrophe of `O'Brien` is already gone).
 */
export const JOINED_PREFIXES = list('MC, MAC, O');

/** Generational suffixes removed from the end of a family name and returned separately. */
export const SUFFIXES = list('JR, JNR, JUNIOR, SR, SNR, SENIOR, II, III, IV');

/** Placeholder spellings compared with the raw text (upper-cased, spaces removed). */
export const RAW_PLACEHOLDERS = list('N/A, N/K, U/K, NOT/KNOWN');

/**
 * Words that say "no name recorded" rather than naming anyone. For a family name they are
 * compared with all tokens joined (`NOT KNOWN` → `NOTKNOWN`); for given names with the tokens
 * joined by single spaces, so initials such as `N K` are not mistaken for `NK`.
 */
export const PLACEHOLDER_WORDS = list(
  'UNKNOWN, NOTKNOWN, NOT KNOWN, NK, UNK, NONE, NULL, NIL, ANON, ANONYMOUS, UNNAMED, ' +
    'NONAME, NO NAME, NOTGIVEN, NOT GIVEN, NOTSTATED, NOT STATED, NOTRECORDED, NOT RECORDED, ' +
    'REFUSED, WITHHELD, BABY, BABYBOY, BABYGIRL, INFANT, NEWBORN',
);

/**
 * First given-name words that mark a placeholder however the field continues: `BABY`,
 * `BABY BOY`, `BABY OF JONES`, `TWIN 1`, `TWIN OF SMITH` (the NHS England linkage pilot ignores
 * these, as it does titles and "known as" aliases).
 */
export const PLACEHOLDER_FIRST_WORDS = list(
  'BABY, TWIN, INFANT, NEWBORN, UNKNOWN, UNNAMED, ANON, ANONYMOUS',
);
