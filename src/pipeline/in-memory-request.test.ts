import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { emptyRequestRow } from '../formats/pds-mesh-columns.js';
import { parseRequestRow } from '../formats/pds-mesh-request.js';
import { buildMatchRecord } from '../matching/index.js';
import { matchInputFromRequestRow } from './in-memory-request.js';

describe('matchInputFromRequestRow', () => {
  it('carries the traced fields and leaves blank cells out', () => {
    const row = {
      ...emptyRequestRow(),
      'UNIQUE REFERENCE': 'R1',
      NHS_NO: ' 9990000018 ',
      FAMILY_NAME: "O'Neil",
      GIVEN_NAME: 'Bob',
      OTHER_GIVEN_NAME: 'James',
      GENDER: '1',
      DATE_OF_BIRTH: '19800312',
      POSTCODE: 'ls62qt',
      ADDRESS_LINE1: '14 Elm Grove',
      ADDRESS_LINE3: 'Leeds',
    };
    const input = matchInputFromRequestRow(row);
    expect(input).toEqual({
      nhsNumber: '9990000018',
      givenNames: 'Bob',
      otherGivenNames: 'James',
      familyName: "O'Neil",
      birthDate: '19800312',
      birthDateFormat: 'YYYYMMDD',
      gender: '1',
      postcode: 'ls62qt',
      addressLines: ['14 Elm Grove', 'Leeds'],
    });
    const record = buildMatchRecord(input);
    expect(record.birthDate).toMatchObject({ year: 1980, month: 3, day: 12 });
    expect(record.postcode?.full).toBe('LS6 2QT');
    expect(record.gender).toBe('male');
  });

  it('gives an empty input for a blank row', () => {
    expect(matchInputFromRequestRow(emptyRequestRow())).toEqual({});
  });

  /** A name or address cell as councils send them: padded, punctuated, blank, odd. */
  const messy = (...pool: string[]): fc.Arbitrary<string> =>
    fc
      .tuple(
        fc.oneof(fc.constantFrom(...pool, '', ' ', 'N/K', 'Unknown'), fc.string({ maxLength: 12 })),
        fc.constantFrom('', ' ', '  '),
        fc.constantFrom('', ' ', '\t'),
      )
      .map(([value, before, after]) => `${before}${value}${after}`);
  const row = fc.record({
    FAMILY_NAME: messy("O'Neil", 'Jones-Smith', 'van der Berg', 'SMITH', 'Mc Donald', 'Ng'),
    GIVEN_NAME: messy('Bob', 'Mary Ann', 'J.', 'Jean-Luc', 'Mr John', 'Peggy (Margaret)'),
    OTHER_GIVEN_NAME: messy('James', 'Anne Marie', 'Jo'),
    ADDRESS_LINE1: messy('Flat 3, 12a High St', '14 Elm Grove', 'Rose Cottage', '12-14 Mill Rd'),
    ADDRESS_LINE2: messy('Headingley', 'Apt 2', "St Mary's Road"),
    ADDRESS_LINE5: messy('Leeds', 'LEEDS', 'West Yorkshire'),
  });

  test.prop([row], { numRuns: 400 })(
    'gives the same record when the row’s normalised names and address are passed on',
    (cells) => {
      const full = {
        ...emptyRequestRow(),
        ...cells,
        'UNIQUE REFERENCE': 'R1',
        DATE_OF_BIRTH: '19800312',
        POSTCODE: 'LS6 2QT',
        GENDER: '1',
      };
      const parsed = parseRequestRow(full);
      if (!parsed.success) {
        return;
      }
      const again = buildMatchRecord(matchInputFromRequestRow(full));
      const passed = buildMatchRecord(matchInputFromRequestRow(full, 'YYYYMMDD', parsed.data));
      expect(passed).toStrictEqual(again);
      // The same members in the same order.
      expect(JSON.stringify(passed)).toBe(JSON.stringify(again));
    },
  );
});
