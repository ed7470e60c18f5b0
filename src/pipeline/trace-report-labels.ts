import type { TraceOutcome } from '../formats/pds-mesh-response.js';

/**
 * Plain-English labels for the stable codes the trace report counts. A code without a label is
 * shown as the code itself (codes hold no patient data).
 */

/** `TRACE_OUTCOME` values, for people. */
export const OUTCOME_LABELS: Readonly<Record<TraceOutcome, string>> = {
  matched: 'Matched: NHS Number returned',
  review: 'Sent to review',
  multiple: 'Several people matched',
  'no-match': 'No match found',
  'not-enough-data': 'Not enough data to trace',
  invalid: 'Row error: not traced',
};

/** `ERROR/SUCCESS_CODE` values (nhs-domain.md §3.2; row errors as in pds-mesh-request-types.ts). */
export const CODE_LABELS: Readonly<Record<string, string>> = {
  '00': 'Matched',
  '01': 'Row could not be read (bytes that are not text, or an unclosed quote)',
  '02': 'UNIQUE REFERENCE holds disallowed characters',
  '08': 'UNIQUE REFERENCE already used on an earlier row',
  '10': 'A required field is missing (UNIQUE REFERENCE)',
  '11': 'A field is longer than allowed',
  '12': 'GENDER is not a valid code',
  '13': 'A field has an invalid format or an impossible value (such as a date)',
  '16': 'The row has fewer cells than the header',
  '17': 'The row has more cells than the header',
  '90': 'Matched through a superseded NHS Number (current number returned)',
  '91': 'Matched an invalidated record (demographics withheld)',
  '92': 'Matched a restricted person (location details withheld)',
  '96': 'Not enough data to trace',
  '97': 'Sent to review, or several close matches',
  '98': 'No match found',
};

/** Why a row was sent to review, given several matches or no match (RowTrace.reasons). */
export const REASON_LABELS: Readonly<Record<string, string>> = {
  'no-candidates': 'No one in the register shares enough details to be a candidate',
  'below-review-threshold': 'The best candidate is too unlikely to be worth a review',
  'below-match-threshold': 'The best candidate is likely, but not certain enough to match',
  'close-runner-up': 'A second candidate scores too close to the best',
  'several-high-candidates': 'Several candidates score above the match threshold',
  'possible-twin': 'The best candidate has a possible twin in the register',
  'date-of-birth-differs':
    'The best candidate has another date of birth (beyond a typing slip): parent and child?',
  'date-of-birth-missing': 'No date of birth in the request: never matched without a review',
  'given-name-differs': 'The best candidate has another first name: a relative, or a twin?',
  several: 'Several people match the name, date of birth and postcode exactly',
  'cross-check-no-number': 'No valid NHS Number supplied, so no cross-check',
  'cross-check-no-date': 'NHS Number supplied without a full date of birth',
  'cross-check-number-not-found': 'The supplied NHS Number is not in the register',
  'cross-check-date-differs': 'The supplied NHS Number’s date of birth differs',
  'alphanumeric-missing-fields': 'Too few fields for an exact (alphanumeric) trace',
  'alphanumeric-no-exact-match': 'No exact match on name, gender, date of birth and postcode',
  'alphanumeric-not-confirmed':
    'An exact name, gender and date-of-birth match that the rest of the record does not support',
  'supplied-number-birth-date-differs':
    'The supplied NHS Number belongs to someone with another date of birth',
  'supplied-number-differs': 'The details traced to someone other than the supplied NHS Number',
  'invalidated-record': 'The trace landed on an invalidated record (code 91, details withheld)',
  other: 'Other',
};

/**
 * The reasons that say why the deterministic (exact) steps did not match, as opposed to why the
 * probabilistic decision or a conflict sent the row where it went.
 */
export const CASCADE_REASONS: ReadonlySet<string> = new Set([
  'several',
  'cross-check-no-number',
  'cross-check-no-date',
  'cross-check-number-not-found',
  'cross-check-date-differs',
  'alphanumeric-missing-fields',
  'alphanumeric-no-exact-match',
]);

/** Why a filled field cannot be used, or needs a look (FieldProfile codes). */
export const PROBLEM_LABELS: Readonly<Record<string, string>> = {
  'error-01': 'bytes that are not valid text',
  'error-02': 'disallowed characters',
  'error-08': 'used on an earlier row',
  'error-10': 'missing',
  'error-11': 'too long',
  'error-12': 'not a gender code',
  'error-13': 'invalid format or impossible value',
  'nhs-number-bad-check-digit': 'fails the Modulus 11 check',
  'nhs-number-check-digit-10': 'check digit would be 10 (never issued)',
  'nhs-number-wrong-length': 'not 10 digits',
  'nhs-number-non-digit': 'holds characters other than digits',
  'nhs-number-empty': 'empty',
  'postcode-invalid': 'not a UK postcode',
  'postcode-pseudo': 'pseudo-postcode ZZ99 (locates nobody)',
  'name-placeholder': 'a placeholder, not a name',
  'name-non-latin': 'in a script the service cannot compare',
  'name-empty': 'no name in it (titles or punctuation only)',
  'gp-practice-code-format': 'not an ODS code',
  'birth-date-placeholder': '1 January (often stands for an unknown date)',
};

/** `GENDER` tallies of the profile, for people. */
export const GENDER_LABELS: Readonly<Record<string, string>> = {
  male: 'Male (1)',
  female: 'Female (2)',
  unknown: 'Not known (0)',
  other: 'Not specified (9)',
  invalid: 'Invalid code',
  blank: 'Blank',
  unchecked: 'In a row that could not be read field by field',
};

/**
 * The label of a code, or the code itself.
 * @param labels - one of the label tables
 * @param code - the code
 */
export function labelOf(labels: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(labels, code) ? (labels[code] ?? code) : code;
}
