/**
 * The NHS Number: parsing and Modulus 11 validation, display format, advisory allocation ranges,
 * the NHS Number Status Indicator codes, and deterministic test-range numbers.
 */
export { checkDigit, formatNhsNumber, isValidNhsNumber, parseNhsNumber } from './nhs-number.js';
export type { NhsNumber, NhsNumberIssue, NhsNumberIssueCode } from './nhs-number.js';
export { classifyNhsNumberRange, NHS_NUMBER_RANGES, nhsNumberRangeOfPrefix } from './ranges.js';
export type { NhsNumberRange, NhsNumberRangeLabel } from './ranges.js';
export {
  describeStatus,
  NHS_NUMBER_STATUS,
  NHS_NUMBER_STATUS_SYSTEM,
  parseStatusCode,
} from './status.js';
export type {
  NhsNumberStatusCode,
  NhsNumberStatusIssue,
  NhsNumberStatusIssueCode,
} from './status.js';
export {
  TEST_NHS_NUMBER_CAPACITY,
  testNhsNumberAt,
  testNhsNumberIndex,
  testNhsNumbers,
} from './generate.js';
