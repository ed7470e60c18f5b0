import { normaliseFamilyName, normaliseGivenNames } from '../core/normalise/name.js';
import { parsePostcode } from '../core/normalise/postcode.js';
import { phoneticCodes } from '../matching/string/phonetic.js';

/**
 * The derived values a store keeps beside each name and address for set-based matching, made by
 * the same pure functions the in-process matcher uses (core/normalise, matching/string), so the
 * SQL path and the one-record path compare the same keys. SQL adapters compute them once per
 * distinct raw value and keep them in dictionary tables.
 */

/**
 * The version of the derivations below. Stores record the version their dictionaries were made
 * with and re-derive every key when it differs, so keys made by two versions never mix: raise
 * it whenever a change to these functions (or to what they call) changes any result.
 */
export const DERIVATION_VERSION = 1;

/** Matching keys of one name field; `null` where the name is empty, a placeholder or non-Latin. */
export interface DerivedName {
  /** Uppercase ASCII letters, no spaces (`O'Reilly` → `OREILLY`). */
  readonly key: string | null;
  /** Double Metaphone primary code of the key. */
  readonly phonetic1: string | null;
  /** Double Metaphone alternate code, when it differs from the primary. */
  readonly phonetic2: string | null;
}

/**
 * The levels of a postcode; all `null` for a value that is not a postcode, and the levels
 * `null` for an NHS pseudo-postcode (`ZZ99 3VZ`: no fixed abode is not a shared place).
 */
export interface DerivedPostcode {
  /** Canonical form `SW1A 1AA` (`null` when the value is not a postcode). */
  readonly postcode: string | null;
  /** Area (`SW`). */
  readonly area: string | null;
  /** District, the outward code (`SW1A`). */
  readonly district: string | null;
  /** Sector (`SW1A 1`). */
  readonly sector: string | null;
  /** Unit, the whole postcode (`SW1A 1AA`). */
  readonly unit: string | null;
}

function withPhonetics(key: string): DerivedName {
  if (key === '') {
    return { key: null, phonetic1: null, phonetic2: null };
  }
  const [primary, alternate] = phoneticCodes(key);
  return { key, phonetic1: primary ?? null, phonetic2: alternate ?? null };
}

/**
 * Keys of a family name: the normalised key and its Double Metaphone codes.
 * @param family - the family name as held
 * @example deriveFamilyName("O'Reilly") // { key: 'OREILLY', phonetic1: 'ARL', phonetic2: null }
 */
export function deriveFamilyName(family: string): DerivedName {
  const normalised = normaliseFamilyName(family);
  return withPhonetics(normalised.status === 'present' ? normalised.key : '');
}

/**
 * Keys of the forename: the first given name after titles are removed, and its codes.
 * @param givenText - the given names joined by single spaces, as held
 */
export function deriveForename(givenText: string): DerivedName {
  const normalised = normaliseGivenNames(givenText);
  return withPhonetics(normalised.status === 'present' ? normalised.first : '');
}

/**
 * The postcode levels of an address's postcode.
 * @param raw - the postcode as held
 * @example derivePostcode('ls16ae') // { postcode: 'LS1 6AE', area: 'LS', district: 'LS1', sector: 'LS1 6', unit: 'LS1 6AE' }
 */
export function derivePostcode(raw: string): DerivedPostcode {
  const parsed = parsePostcode(raw);
  if (!parsed.success) {
    return { postcode: null, area: null, district: null, sector: null, unit: null };
  }
  const p = parsed.data;
  return {
    postcode: p.postcode,
    area: p.area,
    district: p.district,
    sector: p.sector,
    unit: p.unit,
  };
}
