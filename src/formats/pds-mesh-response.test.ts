import { describe, expect, it } from 'vitest';
import { fixturePerson, testNhsNumber as n } from '../storage/test-support/register-people.js';
import { emptyRequestRow } from './pds-mesh-columns.js';
import {
  NO_MATCH_NHS_NO,
  responseRow,
  TRACE_RESPONSE_COLUMNS,
  type ResponseAnswer,
} from './pds-mesh-response.js';

const request = {
  ...emptyRequestRow(),
  'UNIQUE REFERENCE': ' R1 ',
  NHS_NO: '1234',
  LOCAL_PATIENT_ID: 'L9',
  FAMILY_NAME: 'Local Name',
};

const matched: ResponseAnswer = {
  code: '00',
  outcome: 'matched',
  matchedNhsNumber: n(0),
  algorithmIndicator: '1',
  confidence: '100',
  weight: 31.4159,
  probability: 0.99999,
  explanation: 'nhs-number=exact+26.5',
};

const cells = (answer: ResponseAnswer): Record<string, string> => {
  const row = responseRow(request, answer);
  return Object.fromEntries(TRACE_RESPONSE_COLUMNS.map((c, i) => [c, row[i] ?? '']));
};

describe('responseRow', () => {
  it('returns the register’s current demographics, not the local ones', () => {
    const person = fixturePerson(n(0), {
      deceasedDateTime: '2020-02-03T10:00:00Z',
      addresses: [
        { use: 'old', lines: ['Old House'], postalCode: 'LS2 7EE' },
        { use: 'home', lines: ['1 A', '2 B', '3 C', '4 D', '5 E', '6 F'], postalCode: 'LS1 6AE' },
      ],
    });
    expect(cells({ ...matched, person })).toMatchObject({
      'UNIQUE REFERENCE': 'R1',
      REQ_NHS_NUMBER: '1234',
      FAMILY_NAME: 'Simpson',
      GIVEN_NAME: 'Marge',
      OTHER_GIVEN_NAME: 'Jacqueline',
      GENDER: '2',
      DATE_OF_BIRTH: '19561001',
      DATE_OF_DEATH: '20200203',
      ADDRESS_LINE1: '1 A',
      ADDRESS_LINE5: '5 E, 6 F',
      POSTCODE: 'LS1 6AE',
      GP_PRACTICE_CODE: 'B86001',
      SENSITIVITY_FLAG: 'U',
      LOCAL_PATIENT_ID: 'L9',
      MATCH_WEIGHT: '31.42',
      MATCH_PROBABILITY: '0.999990',
    });
  });

  it('withholds every location and contact column of a restricted person', () => {
    const person = fixturePerson(n(1), { restricted: true });
    const row = cells({ ...matched, code: '92', person });
    expect(row).toMatchObject({ SENSITIVITY_FLAG: 'R', FAMILY_NAME: 'Simpson' });
    const withheld = Object.keys(row).filter(
      (c) => /ADDRESS|POSTCODE|GP_|TELEPHONE|MOBILE|EMAIL/.test(c) && row[c] !== '',
    );
    expect(withheld).toEqual([]);
  });

  it('writes no demographics for an unmatched row', () => {
    const row = cells({
      code: '98',
      outcome: 'no-match',
      matchedNhsNumber: NO_MATCH_NHS_NO,
      algorithmIndicator: '0',
      confidence: '',
      explanation: '',
    });
    expect(row).toMatchObject({ FAMILY_NAME: '', MATCHED_NHS_NO: '0000000000', MATCH_WEIGHT: '' });
    expect(responseRow(request, matched)).toHaveLength(TRACE_RESPONSE_COLUMNS.length);
  });
});
