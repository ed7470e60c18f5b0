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

/** Combining marks, removed after decomposition. */
const MARKS = /\p{M}/gu;

/** True when every UTF-16 unit of the text is ASCII (U+0000 to U+007F). */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    if (text.charCodeAt(i) > 0x7f) {
      return false;
    }
  }
  return true;
}

/**
 * The general form of {@link foldToAscii}, for any text: decompose, drop marks, upper-case,
 * spell the special letters. Exported for the property test that pins the ASCII fast path to it.
 * @param raw - any text
 */
export function foldToAsciiGeneral(raw: string): string {
  const upper = raw.normalize('NFKD').replace(MARKS, '').toUpperCase();
  let out = '';
  for (const ch of upper) {
    out += SPECIAL_LETTERS[ch] ?? ch;
  }
  return out;
}

/**
 * Folds text to uppercase ASCII where a Latin letter has an ASCII spelling: accents and other
 * combining marks are removed (`Kociński` → `KOCINSKI`, `Zoë` → `ZOE`), `ß` → `SS`, `Ø` → `O`,
 * `Æ` → `AE`, `Œ` → `OE`, `Ł` → `L`, `Þ` → `TH`. Compatibility forms are decomposed (`ﬁ` → `FI`).
 * Characters with no ASCII spelling (other scripts, symbols) are left as they are; the token
 * functions below treat them as word breaks. Pure ASCII text (most keyed demographics) takes a
 * fast path, `toUpperCase` alone, which gives the same result: NFKD leaves ASCII unchanged.
 * @param raw - any text
 * @returns the folded text, same word order, not trimmed
 */
export function foldToAscii(raw: string): string {
  return isAscii(raw) ? raw.toUpperCase() : foldToAsciiGeneral(raw);
}

/** Options for {@link textTokens}. */
export interface TextTokenOptions {
  /** Keep digits as part of tokens (addresses) instead of treating them as breaks (names). */
  readonly keepDigits: boolean;
}

const BREAKS_KEEPING_DIGITS = /[^A-Z0-9]+/;
const BREAKS = /[^A-Z]+/;

/**
 * The general form of {@link textTokens}, for any text. Exported for the property test that
 * pins the ASCII fast path to it.
 * @param raw - any text
 * @param options - whether digits are kept
 */
export function textTokensGeneral(raw: string, options: TextTokenOptions): string[] {
  const kept = options.keepDigits ? BREAKS_KEEPING_DIGITS : BREAKS;
  return foldToAscii(stripApostrophes(raw))
    .split(kept)
    .filter((token) => token !== '');
}

/** Char codes: `'`, backtick, `0`, `9`, `A`, `Z`, `a`, `z`. */
const QUOTE = 0x27;
const BACKTICK = 0x60;
const [ZERO, NINE, UPPER_A, UPPER_Z, LOWER_A, LOWER_Z] = [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a];

/**
 * {@link textTokens} for pure ASCII text in one scan: apostrophes skipped, lowercase letters
 * upper-cased, letters (and digits) gathered, anything else a break.
 */
function asciiTokens(raw: string, keepDigits: boolean): string[] {
  const tokens: string[] = [];
  let token = '';
  for (let i = 0; i < raw.length; i += 1) {
    const code = raw.charCodeAt(i);
    if (code === QUOTE || code === BACKTICK) {
      continue;
    }
    if (code >= UPPER_A && code <= UPPER_Z) {
      token += raw.charAt(i);
    } else if (code >= LOWER_A && code <= LOWER_Z) {
      token += String.fromCharCode(code - 0x20);
    } else if (keepDigits && code >= ZERO && code <= NINE) {
      token += raw.charAt(i);
    } else if (token !== '') {
      tokens.push(token);
      token = '';
    }
  }
  if (token !== '') {
    tokens.push(token);
  }
  return tokens;
}

/**
 * Splits text into uppercase ASCII tokens: folds with {@link foldToAscii}, removes apostrophes
 * inside words (`O'Reilly` → `OREILLY`), and breaks words at every other character that is not
 * an ASCII letter (or digit, when `keepDigits`): spaces, hyphens, commas, full stops, brackets.
 * Pure ASCII text is scanned once without the intermediate strings.
 * @param raw - any text
 * @param options - whether digits are kept
 * @returns the tokens in order; empty when the text has no letters (or digits)
 */
export function textTokens(raw: string, options: TextTokenOptions): string[] {
  return isAscii(raw) ? asciiTokens(raw, options.keepDigits) : textTokensGeneral(raw, options);
}

const ANY_LETTER = /\p{L}/u;

/** True when the text contains a letter of any script (used to tell "no name" from "non-Latin"). */
export function hasAnyLetter(raw: string): boolean {
  return ANY_LETTER.test(raw);
}
