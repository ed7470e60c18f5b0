import { ADDRESS_ABBREVIATIONS, BEFORE_SAINT, THOROUGHFARE_TYPES } from './address-lexicon.js';
import { foldToAscii, stripApostrophes } from './text.js';

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
