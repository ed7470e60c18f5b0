import { checkDigit } from '../../core/nhs-number/nhs-number.js';
import type { Comparison } from '../model/comparison.js';
import { levelIndex } from '../model/comparison.js';
import { buildMatchRecord, type MatchInput } from '../record-builder.js';

/**
 * A valid test-range NHS Number (999 prefix, never issued to a real person) from a 6-digit seed.
 * @param seed - 0 to 999999; seeds whose check digit would be 10 are stepped past
 */
export function testNhsNumber(seed: number): string {
  for (let s = seed; ; s += 1) {
    const nine = `999${String(s % 1_000_000).padStart(6, '0')}`;
    const check = checkDigit(nine);
    if (check !== 10) {
      return `${nine}${check}`;
    }
  }
}

/** The Ashworth family of 14 Elm Grove, Leeds: fictional, used across the matching tests. */
export const ASHWORTH = {
  margaret: {
    nhsNumber: testNhsNumber(1),
    givenNames: 'Margaret Anne',
    familyName: 'Ashworth',
    previousFamilyNames: ['Pickles'],
    birthDate: '1950-03-12',
    gender: 'female',
    postcode: 'LS6 2QT',
    addressLines: ['14 Elm Grove', 'Headingley', 'Leeds'],
    previousPostcodes: ['BD7 1DP'],
    previousAddresses: [['3 Mill Lane', 'Bradford']],
  },
  /** Twins: same family name, date of birth and address; only the given names differ. */
  oliver: {
    nhsNumber: testNhsNumber(2),
    givenNames: 'Oliver',
    familyName: 'Ashworth',
    birthDate: '2015-07-04',
    gender: 'male',
    postcode: 'LS6 2QT',
    addressLines: ['14 Elm Grove', 'Headingley', 'Leeds'],
  },
  harry: {
    nhsNumber: testNhsNumber(3),
    givenNames: 'Harry',
    familyName: 'Ashworth',
    birthDate: '2015-07-04',
    gender: 'male',
    postcode: 'LS6 2QT',
    addressLines: ['14 Elm Grove', 'Headingley', 'Leeds'],
  },
} as const satisfies Record<string, MatchInput>;

/**
 * The id of the level a pair falls in, checked both ways round (comparisons must be symmetric).
 * @param comparison - the comparison
 * @param left - raw fields of one record
 * @param right - raw fields of the other
 */
export function levelOf(comparison: Comparison, left: MatchInput, right: MatchInput): string {
  const a = buildMatchRecord(left);
  const b = buildMatchRecord(right);
  const forward = comparison.levels[levelIndex(comparison, a, b)]?.id ?? 'none';
  const backward = comparison.levels[levelIndex(comparison, b, a)]?.id ?? 'none';
  return forward === backward ? forward : `asymmetric: ${forward} / ${backward}`;
}
