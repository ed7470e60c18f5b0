import { describe, expect, it } from 'vitest';
import type { NhsNumber } from '../core/nhs-number/nhs-number.js';
import type { RegisterPerson } from '../core/person.js';
import { birthDateDigits } from './record.js';
import { buildMatchRecord, fromRegisterPerson } from './record-builder.js';
import { ASHWORTH, testNhsNumber } from './test-support/fixtures.js';

describe('buildMatchRecord', () => {
  it('normalises every field', () => {
    expect(buildMatchRecord(ASHWORTH.margaret)).toEqual({
      nhsNumber: ASHWORTH.margaret.nhsNumber,
      supersededNhsNumbers: [],
      givenFirst: 'MARGARET',
      givenOthers: ['ANNE'],
      givenPhonetic: ['MRKRT'],
      familyName: 'ASHWORTH',
      familyParts: ['ASHWORTH'],
      familyHistoric: ['PICKLES'],
      familyPhonetic: ['AXR0', 'AXRT'],
      birthDate: { year: 1950, month: 3, day: 12, placeholder: false },
      gender: 'female',
      postcode: { full: 'LS6 2QT', sector: 'LS6 2', district: 'LS6', area: 'LS' },
      historicPostcodes: [{ full: 'BD7 1DP', sector: 'BD7 1', district: 'BD7', area: 'BD' }],
      address: { houseNumber: '14', streetTokens: ['ELM', 'GROVE'] },
      historicAddresses: [{ houseNumber: '3', streetTokens: ['LANE', 'MILL'] }],
    });
  });

  it('turns unusable values into missing ones, never into agreement', () => {
    expect(
      buildMatchRecord({
        nhsNumber: '123',
        givenNames: 'Baby',
        familyName: 'Unknown',
        birthDate: '1980-02-30',
        gender: 'unknown',
        postcode: 'ZZ99 3VZ',
        addressLines: [' '],
      }),
    ).toEqual({
      supersededNhsNumbers: [],
      givenOthers: [],
      givenPhonetic: [],
      familyParts: [],
      familyHistoric: [],
      familyPhonetic: [],
      historicPostcodes: [],
      historicAddresses: [],
    });
  });

  it('flags 1 January as a placeholder and keeps partial dates', () => {
    expect(buildMatchRecord({ birthDate: '1975-01-01' }).birthDate?.placeholder).toBe(true);
    const partial = buildMatchRecord({ birthDate: '1975-06' }).birthDate;
    expect(partial).toEqual({ year: 1975, month: 6, placeholder: false });
    expect(birthDateDigits(partial!)).toBe('197506');
  });

  it('splits the other given names and aliases from the forename', () => {
    const record = buildMatchRecord({
      givenNames: 'Dr Anna-Maria',
      otherGivenNames: 'Louise',
      aliases: ['Annie'],
    });
    expect(record.givenFirst).toBe('ANNA');
    expect(record.givenOthers).toEqual(['MARIA', 'LOUISE', 'ANNIE']);
  });
});

describe('fromRegisterPerson', () => {
  const person: RegisterPerson = {
    nhsNumber: testNhsNumber(5) as NhsNumber,
    verificationStatus: '01',
    names: [
      { use: 'old', given: ['Margaret'], family: 'Pickles' },
      { use: 'usual', given: ['Margaret', 'Anne'], family: 'Ashworth' },
      { use: 'nickname', given: ['Peggy'], family: 'Ashworth' },
    ],
    gender: 'female',
    birthDate: '1950-03-12',
    addresses: [
      { use: 'old', lines: ['3 Mill Lane', 'Bradford'], postalCode: 'BD7 1DP' },
      { use: 'home', lines: ['14 Elm Grove', 'Leeds'], postalCode: 'LS6 2QT' },
    ],
    restricted: false,
    supersededNhsNumbers: [testNhsNumber(6) as NhsNumber],
  };

  it('takes the usual name and home address as current, the rest as history', () => {
    const record = fromRegisterPerson(person);
    expect(record).toMatchObject({
      nhsNumber: testNhsNumber(5),
      supersededNhsNumbers: [testNhsNumber(6)],
      givenFirst: 'MARGARET',
      givenOthers: ['ANNE', 'PEGGY'],
      familyName: 'ASHWORTH',
      familyHistoric: ['PICKLES'],
      postcode: { full: 'LS6 2QT' },
      historicPostcodes: [{ full: 'BD7 1DP' }],
      address: { houseNumber: '14' },
      historicAddresses: [{ houseNumber: '3' }],
    });
  });

  it('builds the same record as the request builder for the same facts (symmetry)', () => {
    expect(fromRegisterPerson(person)).toEqual(
      buildMatchRecord({
        nhsNumber: testNhsNumber(5),
        supersededNhsNumbers: [testNhsNumber(6)],
        givenNames: ['Margaret', 'Anne'],
        aliases: ['Peggy'],
        familyName: 'Ashworth',
        previousFamilyNames: ['Pickles'],
        birthDate: '1950-03-12',
        gender: 'female',
        postcode: 'LS6 2QT',
        addressLines: ['14 Elm Grove', 'Leeds'],
        previousPostcodes: ['BD7 1DP'],
        previousAddresses: [['3 Mill Lane', 'Bradford']],
      }),
    );
  });
});
