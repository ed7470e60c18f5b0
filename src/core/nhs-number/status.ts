import { fail, ok, type Issue, type Result } from '../result.js';

/**
 * The NHS Number Status Indicator Code (data dictionary format an2): how far a record's NHS
 * Number has been checked against the Personal Demographics Service. Codes are two-character
 * strings and keep their leading zero. Code 08 is not valid in MSDS or MHSDS submissions.
 * @see https://archive.datadictionary.nhs.uk/DD%20Release%20December%202019/data_dictionary/attributes/n/nhs/nhs_number_status_indicator_code_de.asp@shownav=1.html
 */
export const NHS_NUMBER_STATUS = {
  '01': 'Number present and verified',
  '02': 'Number present but not traced',
  '03': 'Trace required',
  '04': 'Trace attempted - No match or multiple match found',
  '05': 'Trace needs to be resolved - (NHS NUMBER or PATIENT detail conflict)',
  '06': 'Trace in progress',
  '07': 'Number not present and trace not required',
  '08': 'Trace postponed (baby under six weeks old)',
} as const;

/** One NHS Number Status Indicator Code, `'01'` to `'08'`. */
export type NhsNumberStatusCode = keyof typeof NHS_NUMBER_STATUS;

/**
 * The FHIR CodeSystem that carries these codes in the UK Core NHS Number verification status
 * extension (same codes, same meanings).
 */
export const NHS_NUMBER_STATUS_SYSTEM =
  'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatus';

/** Why a string is not an NHS Number Status Indicator Code. */
export type NhsNumberStatusIssueCode = 'empty' | 'unknown-status-code';

/** One reason a string is not a status code; the message never repeats the input. */
export interface NhsNumberStatusIssue extends Issue {
  readonly code: NhsNumberStatusIssueCode;
}

/**
 * The data dictionary meaning of a status code.
 * @param code - a status code, `'01'` to `'08'`
 * @example describeStatus('01') // 'Number present and verified'
 */
export function describeStatus(code: NhsNumberStatusCode): string {
  return NHS_NUMBER_STATUS[code];
}

function isStatusCode(value: string): value is NhsNumberStatusCode {
  return Object.hasOwn(NHS_NUMBER_STATUS, value);
}

/**
 * Parses a status code as found in a file. Surrounding whitespace is ignored, and a single digit
 * `1`–`8` is read as `01`–`08`, because spreadsheets often drop the leading zero.
 * @param input - the code as written, for example `'01'` or `'1'`
 * @example
 * parseStatusCode('1')  // { success: true, data: '01' }
 * parseStatusCode('09') // { success: false, issues: [{ code: 'unknown-status-code', … }] }
 */
export function parseStatusCode(input: string): Result<NhsNumberStatusCode, NhsNumberStatusIssue> {
  const trimmed = input.trim();
  if (trimmed === '') {
    return fail({ code: 'empty', message: 'no NHS Number status code given' });
  }
  const code = /^\d$/.test(trimmed) ? `0${trimmed}` : trimmed;
  if (!isStatusCode(code)) {
    return fail({
      code: 'unknown-status-code',
      message: 'an NHS Number status code is one of 01 to 08',
    });
  }
  return ok(code);
}
