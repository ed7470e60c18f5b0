import { describe, expect, it } from 'vitest';
import {
  describeStatus,
  NHS_NUMBER_STATUS,
  parseStatusCode,
  type NhsNumberStatusCode,
} from './status.js';

/** docs/reference/nhs-domain.md §1.4, copied verbatim. */
const REFERENCE: readonly (readonly [NhsNumberStatusCode, string])[] = [
  ['01', 'Number present and verified'],
  ['02', 'Number present but not traced'],
  ['03', 'Trace required'],
  ['04', 'Trace attempted - No match or multiple match found'],
  ['05', 'Trace needs to be resolved - (NHS NUMBER or PATIENT detail conflict)'],
  ['06', 'Trace in progress'],
  ['07', 'Number not present and trace not required'],
  ['08', 'Trace postponed (baby under six weeks old)'],
];

describe('NHS Number Status Indicator codes', () => {
  it('has exactly the eight data dictionary codes', () => {
    expect(Object.keys(NHS_NUMBER_STATUS)).toEqual(REFERENCE.map(([code]) => code));
  });

  it.each(REFERENCE)('describes %s as %j', (code, meaning) => {
    expect(describeStatus(code)).toBe(meaning);
    expect(parseStatusCode(code)).toEqual({ success: true, data: code });
  });

  it.each([
    [' 03 ', '03'],
    ['1', '01'],
    ['8', '08'],
  ])('reads %j as %s', (input, code) => {
    expect(parseStatusCode(input)).toEqual({ success: true, data: code });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['0', 'unknown-status-code'],
    ['00', 'unknown-status-code'],
    ['9', 'unknown-status-code'],
    ['09', 'unknown-status-code'],
    ['001', 'unknown-status-code'],
    ['1.0', 'unknown-status-code'],
    ['constructor', 'unknown-status-code'],
    ['toString', 'unknown-status-code'],
  ])('rejects %j as %s', (input, code) => {
    const result = parseStatusCode(input);
    expect(result.success ? 'accepted' : result.issues.map((issue) => issue.code)).toEqual([code]);
  });
});
