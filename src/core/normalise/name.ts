import {
  JOINED_PREFIXES,
  PARTICLES,
  PLACEHOLDER_FIRST_WORDS,
  PLACEHOLDER_WORDS,
  RAW_PLACEHOLDERS,
  SUFFIXES,
  TITLES,
} from './name-lexicon.js';
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
