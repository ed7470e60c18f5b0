import fc from 'fast-check';
import type { MatchInput } from '../record-builder.js';
import { testNhsNumber } from './fixtures.js';

const pick = <T>(...values: T[]): fc.Arbitrary<T | undefined> =>
  fc.option(fc.constantFrom(...values), { nil: undefined, freq: 5 });

/**
 * Raw request/register fields drawn from small pools, so that random pairs land in every
 * comparison level (exact, nickname, swapped, typo, placeholder, pseudo-postcode, history).
 */
export const matchInput: fc.Arbitrary<MatchInput> = fc
  .record({
    nhsNumber: pick(testNhsNumber(1), testNhsNumber(2), '9990000019'),
    supersededNhsNumbers: fc.subarray([testNhsNumber(1), testNhsNumber(3)]),
    givenNames: pick(
      'John',
      'Jon',
      'Jack',
      'Smith',
      'Margaret Anne',
      'Peggy',
      'J',
      'Anne',
      'Aiden',
      'Aidan',
    ),
    familyName: pick('Smith', 'John', 'Smythe', 'Jones-Smith', 'Ashworth', 'Ashwroth'),
    previousFamilyNames: fc.subarray(['Pickles', 'Smith']),
    birthDate: pick(
      '1980-03-12',
      '1980-12-03',
      '1981-03-12',
      '1980-03-18',
      '1980-01-01',
      '1980-03',
      '1980',
    ),
    gender: pick('male', 'female', 'unknown', '9'),
    postcode: pick('LS6 2QT', 'LS6 2AB', 'LS6 4AB', 'LS17 4AB', 'ZZ99 3VZ', 'M1 1AE'),
    previousPostcodes: fc.subarray(['BD7 1DP', 'LS6 2QT']),
    aliases: fc.subarray(['Peggy', 'Jack', 'Anne']),
    previousAddresses: fc.subarray([['14 Elm Grove'], ['Flat 2, 16 Elm Grove'], ['3 Mill Lane']]),
    addressLines: fc.option(fc.subarray(['14 Elm Grove', 'Flat 2', '16 Elm Grove', 'Leeds']), {
      nil: undefined,
    }),
  })
  .map(
    (raw) =>
      Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as MatchInput,
  );
