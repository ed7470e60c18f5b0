import type { PseudoPostcodeMeaning } from './postcode-rules.js';

/**
 * What sort of postcode it is:
 * - `geographic`: an ordinary BS 7666 postcode;
 * - `girobank`: the special `GIR 0AA`;
 * - `bfpo`: a British Forces Post Office number, `BFPO 1234`, which follows no BS 7666 rule;
 * - `pseudo`: an NHS `ZZ99` pseudo-postcode (no fixed abode, not known, country codes).
 */
export type PostcodeKind = 'geographic' | 'girobank' | 'bfpo' | 'pseudo';

/**
 * A checked postcode split into its levels. The levels are `null` where sharing them would
 * not mean sharing a place: all four for a pseudo-postcode (two people of no fixed abode do
 * not live together, so matching must treat `ZZ99` codes as missing, never as agreement),
 * and all but `unit` for BFPO numbers.
 * @example parsePostcode('sw1a1aa') // data: { postcode: 'SW1A 1AA', area: 'SW', district: 'SW1A', sector: 'SW1A 1', unit: 'SW1A 1AA', … }
 */
export interface Postcode {
  readonly kind: PostcodeKind;
  /** Canonical form: uppercase, one space before the inward code (`SW1A 1AA`, `BFPO 1234`). */
  readonly postcode: string;
  /** The part before the space (`SW1A`, `BFPO`, `ZZ99`). */
  readonly outward: string;
  /** The part after the space (`1AA`, `1234`, `3VZ`). */
  readonly inward: string;
  /** Postcode area: the leading letters of the outward code (`SW`). */
  readonly area: string | null;
  /** Postcode district: the outward code (`SW1A`). */
  readonly district: string | null;
  /** Postcode sector: outward code, space, first inward digit (`SW1A 1`). */
  readonly sector: string | null;
  /** Postcode unit: the whole postcode (`SW1A 1AA`). */
  readonly unit: string | null;
  /** For `pseudo` postcodes, what the code stands for; otherwise `null`. */
  readonly pseudo: PseudoPostcodeMeaning | null;
  /** Keying repairs made to reach a valid postcode (only with `repairKeying`), in order. */
  readonly repairs: readonly PostcodeRepair[];
}

/** One character changed by a keying repair. `position` is 0-based in the unspaced code. */
export interface PostcodeRepair {
  readonly position: number;
  readonly from: string;
  readonly to: string;
}

/** Why a string is not a postcode. */
export type PostcodeIssueCode =
  | 'empty'
  | 'bad-character'
  | 'too-short'
  | 'too-long'
  | 'invalid-outward'
  | 'invalid-inward'
  | 'invalid-bfpo';

/** One reason a postcode was rejected; `code` is stable, `message` is for people and holds no postcode. */
export interface PostcodeIssue {
  readonly code: PostcodeIssueCode;
  readonly message: string;
}

/** Options for {@link parsePostcode}. */
export interface PostcodeOptions {
  /**
   * Repair letter O keyed for digit 0 (and 0 for O) where only one of them is allowed: the
   * first character (always a letter) and the first inward character (always a digit).
   * Applied only when the code is otherwise invalid and the repaired code is valid; every
   * change is listed in `repairs`. Default `false`.
   */
  readonly repairKeying?: boolean;
}
