import { describe, expect, it } from 'vitest';
import { emptyRequestRow } from '../formats/pds-mesh-columns.js';
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
});
