import {
  JOINED_PREFIXES,
  PARTICLES,
  PLACEHOLDER_FIRST_WORDS,
  PLACEHOLDER_WORDS,
  RAW_PLACEHOLDERS,
  SUFFIXES,
  TITLES,
} from './name-lexicon.js';
import { freezeResult, memoise } from './memo.js';
import { hasAnyLetter, textTokens } from './text.js';

/**
 * Whether a name field names anyone:
 * - `present`: at least one name word remains after normalisation;
 * - `empty`: nothing but spaces (or only a title, for given names);
 * - `placeholder`: a stand-in such as `UNKNOWN`, `NK`, `N/A`, `BABY`, `?`, `XXX`;
 * - `non-latin`: letters of another script only, which this normaliser cannot fold to ASCII.
 *
 * Only `present` names carry identity: matching treats every other status as missing, never
 * as agreement.
 */
export type NameStatus = 'present' | 'empty' | 'placeholder' | 'non-latin';

/**
 * A family name ready for matching. Hyphens and spaces are the same word break, so
 * `Jones-Smith` and `Jones Smith` normalise alike.
 * @example normaliseFamilyName("van der Berg") // key 'VANDERBERG', coreKey 'BERG', parts ['BERG'], particles ['VAN', 'DER']
 * @example normaliseFamilyName('Jones-Smith')  // normalised 'JONES SMITH', key 'JONESSMITH', parts ['JONES', 'SMITH']
 */
export interface NormalisedFamilyName {
  readonly status: NameStatus;
  /** Words joined by single spaces (`JONES SMITH`, `VAN DER BERG`); '' unless `present`. */
  readonly normalised: string;
  /** All words joined with no space (`JONESSMITH`, `VANDERBERG`, `OREILLY`); '' unless `present`. */
  readonly key: string;
  /** The words without particles joined with no space (`BERG`, `JONESSMITH`); '' unless `present`. */
  readonly coreKey: string;
  /** The words that are not particles, in order: the barrels of a double-barrelled name. */
  readonly parts: readonly string[];
  /** Particles found before a later word (`VAN`, `DER`), in order. */
  readonly particles: readonly string[];
  /** Generational suffixes removed from the end (`JR`, `III`). */
  readonly suffixes: readonly string[];
}

/**
 * Given names ready for matching: titles removed, the first (forename) separated from the rest.
 * A hyphenated forename breaks like a space: `Jean-Paul` has first `JEAN` and others `['PAUL']`,
 * the same as `Jean Paul`.
 */
export interface NormalisedGivenNames {
  readonly status: NameStatus;
  /** The first given name (forename); '' unless `present`. */
  readonly first: string;
  /** The further given names in order; empty unless `present`. */
  readonly others: readonly string[];
  /** First and others joined by single spaces; '' unless `present`. */
  readonly normalised: string;
  /** Leading titles removed (`MR`, `DR`, `PROF`, `SIR`), in order, whatever the status. */
  readonly titles: readonly string[];
  /** Words after `AKA` or `KNOWN AS` (an alias the person uses), removed from the names. */
  readonly knownAs: readonly string[];
}

/** How to describe a field with no name words: empty, placeholder punctuation or another script. */
function statusWithoutTokens(raw: string): NameStatus {
  if (raw.trim() === '') {
    return 'empty';
  }
  return hasAnyLetter(raw) ? 'non-latin' : 'placeholder';
}

const SPACES = /\s+/g;
const ALL_X = /^X+$/;
const ZZ = /^Z{2,}$/;

/** Every raw placeholder holds a `/`, so text without one needs no upper-casing to rule it out. */
const RAW_PLACEHOLDERS_NEED_SLASH = [...RAW_PLACEHOLDERS].every((entry) => entry.includes('/'));

function isRawPlaceholder(raw: string): boolean {
  if (RAW_PLACEHOLDERS_NEED_SLASH && !raw.includes('/')) {
    return false;
  }
  return RAW_PLACEHOLDERS.has(raw.toUpperCase().replace(SPACES, ''));
}

/** True for the joined key of a placeholder family name or name key (`UNKNOWN`, `NK`, `XXX`). */
function isPlaceholderKey(key: string): boolean {
  return PLACEHOLDER_WORDS.has(key) || ALL_X.test(key) || ZZ.test(key);
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
 * The uncached form of {@link normaliseFamilyName}. Exported for the property test that pins
 * the memoised function to it.
 * @param raw - the family name as recorded
 */
export function normaliseFamilyNameUncached(raw: string): NormalisedFamilyName {
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
  const parts: string[] = [];
  const particles: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] ?? '';
    (i < last && PARTICLES.has(token) ? particles : parts).push(token);
  }
  return {
    status: 'present',
    normalised: tokens.join(' '),
    key,
    coreKey: parts.join(''),
    parts,
    particles,
    suffixes,
  };
}

/**
 * How many normalised names each of the name memos keeps (family names, given names): enough
 * for the common spellings of a national register; measured full at about 13 MB (family names)
 * and 8 MB (given names) of heap.
 */
export const NAME_MEMO_CAPACITY = 32_768;

const familyNameMemo = memoise(
  (raw: string) => freezeResult(normaliseFamilyNameUncached(raw)),
  NAME_MEMO_CAPACITY,
);

/**
 * Normalises a family name for matching: uppercase ASCII with accents folded (`Kociński` →
 * `KOCINSKI`), apostrophes removed (`O'Reilly` → `OREILLY`), hyphens and other punctuation as
 * word breaks, digits dropped, `Mc Donald` → `MCDONALD`, trailing `JR`/`SNR`/`III` removed,
 * particles (`VAN`, `DE`, `LA`, …) recognised before a later word, and placeholders
 * (`UNKNOWN`, `NK`, `N/A`, `?`, `XXX`) flagged. Never fails: the status says what was found.
 * Results are memoised ({@link NAME_MEMO_CAPACITY} names, see `memo.ts`) and frozen: the same
 * spelling gives the same shared object.
 * @param raw - the family name as recorded
 */
export function normaliseFamilyName(raw: string): NormalisedFamilyName {
  return familyNameMemo(raw);
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
 * The uncached form of {@link normaliseGivenNames}, for the names as one string. Exported for
 * the property test that pins the memoised function to it.
 * @param text - the given names as one string, in order
 */
export function normaliseGivenNamesUncached(text: string): NormalisedGivenNames {
  const tokens = textTokens(text, { keepDigits: false });
  let start = 0;
  while (start < tokens.length && TITLES.has(tokens[start] ?? '')) {
    start += 1;
  }
  const titles = tokens.slice(0, start);
  const names = start === 0 ? tokens : tokens.slice(start);
  const alias = aliasStart(names);
  const knownAs = alias.at < 0 ? [] : names.splice(alias.at).slice(alias.length);
  const none = { first: '', others: [], normalised: '', titles, knownAs };
  const first = names[0];
  if (first === undefined) {
    const status = titles.length > 0 || alias.at === 0 ? 'empty' : statusWithoutTokens(text);
    return { status, ...none };
  }
  const normalised = names.join(' ');
  if (
    isRawPlaceholder(text) ||
    PLACEHOLDER_FIRST_WORDS.has(first) ||
    PLACEHOLDER_WORDS.has(normalised) ||
    ALL_X.test(normalised)
  ) {
    return { status: 'placeholder', ...none };
  }
  return { status: 'present', first, others: names.slice(1), normalised, titles, knownAs };
}

const givenNamesMemo = memoise(
  (text: string) => freezeResult(normaliseGivenNamesUncached(text)),
  NAME_MEMO_CAPACITY,
);

/**
 * Normalises given names for matching: folding as for family names, leading titles removed and
 * returned (`Dr. Anna-Maria` → titles `['DR']`, first `ANNA`, others `['MARIA']`), an alias after
 * `AKA`/`KNOWN AS` moved to `knownAs`, placeholders flagged (`BABY`, `BABY OF JONES`,
 * `TWIN 2`, `UNKNOWN`, `NK`, `?`). Never fails: the status says what was found.
 * Results are memoised ({@link NAME_MEMO_CAPACITY} spellings) and frozen, as for family names.
 * @param raw - the given names as one string, or as a list (a FHIR `given` array), in order
 */
export function normaliseGivenNames(raw: string | readonly string[]): NormalisedGivenNames {
  return givenNamesMemo(typeof raw === 'string' ? raw : raw.join(' '));
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
