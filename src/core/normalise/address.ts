import { ADDRESS_ABBREVIATIONS, BEFORE_SAINT, THOROUGHFARE_TYPES } from './address-lexicon.js';
import { memoise } from './memo.js';
import { foldToAscii, stripApostrophes } from './text.js';

/** A house number, a number range or a flat number: `12`, `12A`, `12-14`. */
const NUMBER = /^[0-9]+[A-Z]?(?:-[0-9]+[A-Z]?)?$/;

/** A digit, then a hyphen or slash with optional spaces, before another digit. */
const RANGE = /([0-9])\s*[-/]\s*(?=[0-9])/g;
const WORD_BREAKS = /[^A-Z0-9-]+/;
const DIGITS = /^[0-9]+$/;
const ONE_LETTER = /^[A-Z]$/;
const ANY_DIGIT = /[0-9]/;

/** Splits folded text into words, keeping number ranges (`12-14`, `12 - 14`, `12/14`) whole. */
function addressTokens(raw: string): string[] {
  let folded = foldToAscii(stripApostrophes(raw));
  if (folded.includes('-') || folded.includes('/')) {
    folded = folded.replace(RANGE, '$1-');
  }
  const tokens: string[] = [];
  for (const token of folded.split(WORD_BREAKS)) {
    if (token === '') {
      continue;
    }
    if (!token.includes('-') || NUMBER.test(token)) {
      tokens.push(token);
      continue;
    }
    for (const piece of token.split('-')) {
      if (piece !== '') {
        tokens.push(piece);
      }
    }
  }
  return tokens;
}

/** `12 A HIGH …` → `12A HIGH …`: a lone letter after a number, with more words after it. */
function joinNumberSuffixes(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1] ?? '';
    if (i + 2 < tokens.length && ONE_LETTER.test(next) && DIGITS.test(token)) {
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
  if (previous === undefined || ANY_DIGIT.test(previous) || BEFORE_SAINT.has(previous)) {
    return 'SAINT';
  }
  return 'STREET';
}

/**
 * The uncached form of {@link normaliseAddressLine}. Exported for the property test that pins
 * the memoised function to it.
 * @param line - one address line as recorded
 */
export function normaliseAddressLineUncached(line: string): string {
  const tokens = joinNumberSuffixes(addressTokens(line));
  let out = '';
  let previous: string | undefined;
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    const word =
      token === 'ST' ? expandSt(previous, tokens[i + 1]) : (ADDRESS_ABBREVIATIONS[token] ?? token);
    out = previous === undefined ? word : `${out} ${word}`;
    previous = word;
  }
  return out;
}

/** How many normalised address lines the line memo keeps (towns and streets repeat); about 6 MB full. */
export const ADDRESS_LINE_MEMO_CAPACITY = 32_768;

const addressLineMemo = memoise(normaliseAddressLineUncached, ADDRESS_LINE_MEMO_CAPACITY);

/**
 * A line holding a digit (a house or flat number) is normalised without the memo: such lines
 * are nearly all one household's, so they seldom recur, and each one memoised lived on in the
 * memo long enough to be promoted into the old generation and collected there. A trace of
 * 100,000 requests against 1,000,000 people missed the memo 68,000 times in 415,000 lines,
 * nearly all of them numbered first lines, which also pushed the towns and streets out.
 */
const HAS_DIGIT = /[0-9]/;

/**
 * Normalises one address line for comparison: uppercase ASCII (accents folded), apostrophes
 * removed (`St Mary's` → `SAINT MARYS`), other punctuation as word breaks (hyphens too, except
 * in number ranges such as `12-14`), a lone letter after a house number joined to it
 * (`12 a High St` → `12A HIGH STREET`), and abbreviations expanded (`RD` → `ROAD`, `AVE` →
 * `AVENUE`, `APT` → `FLAT`, …; `ST` by position, see the rule on SAINT/STREET). Idempotent.
 * Lines without a digit are memoised ({@link ADDRESS_LINE_MEMO_CAPACITY} lines, see `memo.ts`).
 * @param line - one address line as recorded
 * @returns the words joined by single spaces; '' when the line has no letters or digits
 */
export function normaliseAddressLine(line: string): string {
  return HAS_DIGIT.test(line) ? normaliseAddressLineUncached(line) : addressLineMemo(line);
}

/**
 * An address broken into the parts matching compares. Parts not found are `null`.
 * @example parseAddressLines(['Flat 3, 12a High St', 'Leeds']) // { flat: '3', houseNumber: '12A', street: 'HIGH STREET', … }
 */
export interface NormalisedAddress {
  /** Normalised lines; a line holding commas is split at them (`Flat 3, 12 High St` is two). */
  readonly lines: readonly string[];
  /** The flat, apartment or unit number or letter (`3`, `3A`, `B`). */
  readonly flat: string | null;
  /** The house number or range (`12`, `12A`, `12-14`). */
  readonly houseNumber: string | null;
  /** The thoroughfare (`HIGH STREET`): the words after the house number, or the next line. */
  readonly street: string | null;
  /** Every distinct word of the address in order, for token-based comparison. */
  readonly tokens: readonly string[];
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
  const segments: string[] = [];
  for (const line of lines) {
    if (!line.includes(',') && !line.includes(';')) {
      addSegment(segments, line);
      continue;
    }
    for (const piece of line.split(SEGMENT_BREAKS)) {
      addSegment(segments, piece);
    }
  }
  const words = segments.map((segment) => segment.split(' '));
  const found = findNumbers(segments, words);
  let street = found.street;
  for (let i = 0; street === null && i < segments.length; i += 1) {
    if (THOROUGHFARE_TYPES.has(words[i]?.at(-1) ?? '')) {
      street = segments[i] ?? null;
    }
  }
  const tokens = new Set<string>();
  for (const segmentWords of words) {
    for (const word of segmentWords) {
      tokens.add(word);
    }
  }
  return {
    lines: segments,
    flat: found.flat,
    houseNumber: found.houseNumber,
    street,
    tokens: [...tokens],
  };
}

const SEGMENT_BREAKS = /[,;]/;

/** Normalises a piece of a line and keeps it when it has words. */
function addSegment(segments: string[], piece: string): void {
  const segment = normaliseAddressLine(piece);
  if (segment !== '') {
    segments.push(segment);
  }
}

/** Finds the flat number, then the first other number and the street words after it. */
function findNumbers(
  segments: readonly string[],
  segmentWords: readonly (readonly string[])[],
): {
  flat: string | null;
  houseNumber: string | null;
  street: string | null;
} {
  let flat: string | null = null;
  for (let index = 0; index < segmentWords.length; index += 1) {
    const words = segmentWords[index] ?? [];
    for (let i = 0; i < words.length; i += 1) {
      const word = words[i] ?? '';
      const next = words[i + 1];
      if (flat === null && FLAT_WORDS.has(word) && next !== undefined) {
        flat = next;
        i += 1;
      } else if (NUMBER.test(word)) {
        const rest = words.slice(i + 1).join(' ');
        const following = segments[index + 1];
        const nextLine = following !== undefined && !ANY_DIGIT.test(following) ? following : null;
        return { flat, houseNumber: word, street: rest !== '' ? rest : nextLine };
      }
    }
  }
  return { flat, houseNumber: null, street: null };
}
