/**
 * The normalisers as they were before the speed work (text folding, names, address lines),
 * kept verbatim as the reference the property tests compare the fast paths and memos with:
 * any input on which the two disagree is a behaviour change. Test code only (not built).
 */
import { ADDRESS_ABBREVIATIONS, BEFORE_SAINT, THOROUGHFARE_TYPES } from '../address-lexicon.js';
import {
  JOINED_PREFIXES,
  PARTICLES,
  PLACEHOLDER_FIRST_WORDS,
  PLACEHOLDER_WORDS,
  RAW_PLACEHOLDERS,
  SUFFIXES,
  TITLES,
} from '../name-lexicon.js';
import type { NameStatus, NormalisedFamilyName, NormalisedGivenNames } from '../name.js';
import type { NormalisedAddress } from '../address.js';

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

/** How to describe a field with no name words: empty, placeholder punctuation or another script. */
function statusWithoutTokens(raw: string): NameStatus {
  if (raw.trim() === '') {
    return 'empty';
  }
  return hasAnyLetter(raw) ? 'non-latin' : 'placeholder';
}

function isRawPlaceholder(raw: string): boolean {
  return RAW_PLACEHOLDERS.has(raw.toUpperCase().replace(/\s+/g, ''));
}

/** True for the joined key of a placeholder family name or name key (`UNKNOWN`, `NK`, `XXX`). */
function isPlaceholderKey(key: string): boolean {
  return PLACEHOLDER_WORDS.has(key) || /^X+$/.test(key) || /^Z{2,}$/.test(key);
}

/** Joins `MC`/`MAC`/`O` keyed as separate words to the following word. */
function joinPrefixes(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    if (JOINED_PREFIXES.has(token) && next !== undefined) {
      out.push(token + next);
      i += 1;
    } else {
      out.push(token);
    }
  }
  return out;
}

const NO_FAMILY_NAME = { normalised: '', key: '', coreKey: '', parts: [], particles: [] };

/**
 * Normalises a family name for matching: uppercase ASCII with accents folded (`Kociński` →
 * `KOCINSKI`), apostrophes removed (`O'Reilly` → `OREILLY`), hyphens and other punctuation as
 * word breaks, digits dropped, `Mc Donald` → `MCDONALD`, trailing `JR`/`SNR`/`III` removed,
 * particles (`VAN`, `DE`, `LA`, …) recognised before a later word, and placeholders
 * (`UNKNOWN`, `NK`, `N/A`, `?`, `XXX`) flagged. Never fails: the status says what was found.
 * @param raw - the family name as recorded
 */
export function normaliseFamilyName(raw: string): NormalisedFamilyName {
  const found = textTokens(raw, { keepDigits: false });
  const suffixes: string[] = [];
  while (found.length > 1 && SUFFIXES.has(found.at(-1) ?? '')) {
    suffixes.unshift(found.pop() ?? '');
  }
  const tokens = joinPrefixes(found);
  if (tokens.length === 0) {
    return { status: statusWithoutTokens(raw), ...NO_FAMILY_NAME, suffixes };
  }
  const key = tokens.join('');
  if (isRawPlaceholder(raw) || isPlaceholderKey(key)) {
    return { status: 'placeholder', ...NO_FAMILY_NAME, suffixes };
  }
  const last = tokens.length - 1;
  const isParticle = (token: string, i: number): boolean => i < last && PARTICLES.has(token);
  const parts = tokens.filter((token, i) => !isParticle(token, i));
  return {
    status: 'present',
    normalised: tokens.join(' '),
    key,
    coreKey: parts.join(''),
    parts,
    particles: tokens.filter(isParticle),
    suffixes,
  };
}

/** Index where a `KNOWN AS` or `AKA` alias starts, or -1. */
function aliasStart(tokens: readonly string[]): { at: number; length: number } {
  for (let i = 0; i < tokens.length; i += 1) {
    if (tokens[i] === 'AKA') {
      return { at: i, length: 1 };
    }
    if (tokens[i] === 'KNOWN' && tokens[i + 1] === 'AS') {
      return { at: i, length: 2 };
    }
  }
  return { at: -1, length: 0 };
}

/**
 * Normalises given names for matching: folding as for family names, leading titles removed and
 * returned (`Dr. Anna-Maria` → titles `['DR']`, first `ANNA`, others `['MARIA']`), an alias after
 * `AKA`/`KNOWN AS` moved to `knownAs`, placeholders flagged (`BABY`, `BABY OF JONES`,
 * `TWIN 2`, `UNKNOWN`, `NK`, `?`). Never fails: the status says what was found.
 * @param raw - the given names as one string, or as a list (a FHIR `given` array), in order
 */
export function normaliseGivenNames(raw: string | readonly string[]): NormalisedGivenNames {
  const text = typeof raw === 'string' ? raw : raw.join(' ');
  const tokens = textTokens(text, { keepDigits: false });
  const titles: string[] = [];
  while (tokens.length > 0 && TITLES.has(tokens[0] ?? '')) {
    titles.push(tokens.shift() ?? '');
  }
  const alias = aliasStart(tokens);
  const knownAs = alias.at < 0 ? [] : tokens.splice(alias.at).slice(alias.length);
  const none = { first: '', others: [], normalised: '', titles, knownAs };
  const [first, ...others] = tokens;
  if (first === undefined) {
    const status = titles.length > 0 || alias.at === 0 ? 'empty' : statusWithoutTokens(text);
    return { status, ...none };
  }
  const normalised = tokens.join(' ');
  if (
    isRawPlaceholder(text) ||
    PLACEHOLDER_FIRST_WORDS.has(first) ||
    PLACEHOLDER_WORDS.has(normalised) ||
    /^X+$/.test(normalised)
  ) {
    return { status: 'placeholder', ...none };
  }
  return { status: 'present', first, others, normalised, titles, knownAs };
}

/**
 * A simple comparison key for any single name: uppercase ASCII letters only, no spaces
 * (`O'Reilly` → `OREILLY`, `Jones-Smith` → `JONESSMITH`, `Zoë` → `ZOE`), or '' when the name is
 * empty, a placeholder (`UNKNOWN`, `NK`, `N/A`, `XXX`, `?`) or in another script.
 * Unlike {@link normaliseFamilyName} it keeps suffixes and titles; use it for blocking keys.
 * @param raw - one name as recorded
 */
export function nameKey(raw: string): string {
  const key = textTokens(raw, { keepDigits: false }).join('');
  return isRawPlaceholder(raw) || isPlaceholderKey(key) ? '' : key;
}

/** A house number, a number range or a flat number: `12`, `12A`, `12-14`. */
const NUMBER = /^[0-9]+[A-Z]?(?:-[0-9]+[A-Z]?)?$/;

/** Splits folded text into words, keeping number ranges (`12-14`, `12 - 14`, `12/14`) whole. */
function addressTokens(raw: string): string[] {
  const folded = foldToAscii(stripApostrophes(raw)).replace(/([0-9])\s*[-/]\s*(?=[0-9])/g, '$1-');
  return folded
    .split(/[^A-Z0-9-]+/)
    .flatMap((token) => (NUMBER.test(token) ? [token] : token.split('-')))
    .filter((token) => token !== '');
}

/** `12 A HIGH …` → `12A HIGH …`: a lone letter after a number, with more words after it. */
function joinNumberSuffixes(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1] ?? '';
    if (/^[0-9]+$/.test(token) && /^[A-Z]$/.test(next) && i + 2 < tokens.length) {
      out.push(token + next);
      i += 1;
    } else {
      out.push(token);
    }
  }
  return out;
}

/**
 * `ST` is SAINT before a name and STREET after one: STREET when it is the last word or follows
 * a word (`HIGH ST`, `CHURCH ST NORTH`); SAINT when it starts the line, follows a number
 * (`12 ST MARYS ROAD`), or follows UPPER/LOWER/GREAT/LITTLE/OLD/NEW/NORTH/SOUTH/EAST/WEST
 * with a word after it (`GREAT ST HELENS`).
 */
function expandSt(previous: string | undefined, next: string | undefined): string {
  if (next === undefined) {
    return 'STREET';
  }
  if (previous === undefined || /[0-9]/.test(previous) || BEFORE_SAINT.has(previous)) {
    return 'SAINT';
  }
  return 'STREET';
}

/**
 * Normalises one address line for comparison: uppercase ASCII (accents folded), apostrophes
 * removed (`St Mary's` → `SAINT MARYS`), other punctuation as word breaks (hyphens too, except
 * in number ranges such as `12-14`), a lone letter after a house number joined to it
 * (`12 a High St` → `12A HIGH STREET`), and abbreviations expanded (`RD` → `ROAD`, `AVE` →
 * `AVENUE`, `APT` → `FLAT`, …; `ST` by position, see the rule on SAINT/STREET). Idempotent.
 * @param line - one address line as recorded
 * @returns the words joined by single spaces; '' when the line has no letters or digits
 */
export function normaliseAddressLine(line: string): string {
  const tokens = joinNumberSuffixes(addressTokens(line));
  const out: string[] = [];
  tokens.forEach((token, i) => {
    out.push(
      token === 'ST'
        ? expandSt(out.at(-1), tokens[i + 1])
        : (ADDRESS_ABBREVIATIONS[token] ?? token),
    );
  });
  return out.join(' ');
}

const FLAT_WORDS = new Set(['FLAT', 'UNIT']);

/**
 * Normalises address lines (see {@link normaliseAddressLine}) and finds the flat, house number
 * and street: a flat number follows FLAT/APARTMENT/APT/UNIT; the house number is the first
 * other number; the street is the rest of that line, or the next line when the number stands
 * alone. Without a house number, the street is the first line ending in a thoroughfare word
 * (ROAD, STREET, LANE, …). Building names are kept in `lines` and `tokens` only.
 * @param lines - address lines as recorded, house and street first, without the postcode
 */
export function parseAddressLines(lines: readonly string[]): NormalisedAddress {
  const segments = lines
    .flatMap((line) => line.split(/[,;]/))
    .map(normaliseAddressLine)
    .filter((line) => line !== '');
  const found = findNumbers(segments);
  const street =
    found.street ??
    segments.find((segment) => THOROUGHFARE_TYPES.has(segment.split(' ').at(-1) ?? '')) ??
    null;
  const tokens = [...new Set(segments.flatMap((segment) => segment.split(' ')))];
  return { lines: segments, flat: found.flat, houseNumber: found.houseNumber, street, tokens };
}

/** Finds the flat number, then the first other number and the street words after it. */
function findNumbers(segments: readonly string[]): {
  flat: string | null;
  houseNumber: string | null;
  street: string | null;
} {
  let flat: string | null = null;
  for (const [index, segment] of segments.entries()) {
    const words = segment.split(' ');
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] ?? '';
      const next = words[i + 1];
      if (flat === null && FLAT_WORDS.has(word) && next !== undefined) {
        flat = next;
        i += 1;
      } else if (NUMBER.test(word)) {
        const rest = words.slice(i + 1).join(' ');
        const following = segments[index + 1];
        const nextLine = following !== undefined && !/[0-9]/.test(following) ? following : null;
        return { flat, houseNumber: word, street: rest !== '' ? rest : nextLine };
      }
    }
  }
  return { flat, houseNumber: null, street: null };
}
