/**
 * Text folding shared by the name and address normalisers: uppercase ASCII, accents removed,
 * apostrophes dropped and every other punctuation mark turned into a word break.
 */

/**
 * Letters that Unicode decomposition (NFKD) does not reduce to ASCII, spelled as a UK clerk
 * would key them. Keys are uppercase because folding uppercases first (`ß` uppercases to `SS`).
 */
const SPECIAL_LETTERS: Readonly<Record<string, string>> = {
  Ø: 'O',
  Æ: 'AE',
  Œ: 'OE',
  Ł: 'L',
  Đ: 'D',
  Ð: 'D',
  Þ: 'TH',
  Ħ: 'H',
  Ŧ: 'T',
  Ŋ: 'NG',
  ẞ: 'SS',
};

/** Apostrophe look-alikes: straight, curly, backtick, acute accent, modifier letter, prime. */
const APOSTROPHES = /['\u2018\u2019\u201B`\u00B4\u02BC\u02B9\u2032]/g;

/**
 * Removes apostrophes and their look-alikes, so `O'Reilly` and `St Mary's` join up
 * (`OReilly`, `St Marys`). Run it before {@link foldToAscii}: decomposing an acute accent used as
 * an apostrophe would otherwise leave a space.
 * @param raw - any text
 */
export function stripApostrophes(raw: string): string {
  return raw.replace(APOSTROPHES, '');
}

/**
 * Folds text to uppercase ASCII where a Latin letter has an ASCII spelling: accents and other
 * combining marks are removed (`Kociński` → `KOCINSKI`, `Zoë` → `ZOE`), `ß` → `SS`, `Ø` → `O`,
 * `Æ` → `AE`, `Œ` → `OE`, `Ł` → `L`, `Þ` → `TH`. Compatibility forms are decomposed (`ﬁ` → `FI`).
 * Characters with no ASCII spelling (other scripts, symbols) are left as they are; the token
 * functions below treat them as word breaks.
 * @param raw - any text
 * @returns the folded text, same word order, not trimmed
 */
export function foldToAscii(raw: string): string {
  const upper = raw.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase();
  let out = '';
  for (const ch of upper) {
    out += SPECIAL_LETTERS[ch] ?? ch;
  }
  return out;
}

/** Options for {@link textTokens}. */
export interface TextTokenOptions {
  /** Keep digits as part of tokens (addresses) instead of treating them as breaks (names). */
  readonly keepDigits: boolean;
}

/**
 * Splits text into uppercase ASCII tokens: folds with {@link foldToAscii}, removes apostrophes
 * inside words (`O'Reilly` → `OREILLY`), and breaks words at every other character that is not
 * an ASCII letter (or digit, when `keepDigits`): spaces, hyphens, commas, full stops, brackets.
 * @param raw - any text
 * @param options - whether digits are kept
 * @returns the tokens in order; empty when the text has no letters (or digits)
 */
export function textTokens(raw: string, options: TextTokenOptions): string[] {
  const kept = options.keepDigits ? /[^A-Z0-9]+/ : /[^A-Z]+/;
  return foldToAscii(stripApostrophes(raw))
    .split(kept)
    .filter((token) => token !== '');
}

/** True when the text contains a letter of any script (used to tell "no name" from "non-Latin"). */
export function hasAnyLetter(raw: string): boolean {
  return /\p{L}/u.test(raw);
}
