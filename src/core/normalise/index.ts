/**
 * Demographics normalisation: pure functions that turn names, dates of birth, gender codes,
 * postcodes and address lines as keyed into comparable values. No I/O, no runtime dependencies;
 * expected failures are `Result` values, never exceptions.
 */
export {
  nameKey,
  normaliseFamilyName,
  normaliseGivenNames,
  type NameStatus,
  type NormalisedFamilyName,
  type NormalisedGivenNames,
} from './name.js';
export {
  daysInMonth,
  isLeapYear,
  isPlaceholderBirthDate,
  parseBirthDate,
  type BirthDateOptions,
  type DateFormat,
  type DateIssue,
  type DateIssueCode,
  type DatePrecision,
  type PartialDate,
} from './date.js';
export { formatBirthDate, formatPdsMeshDate } from './date-format.js';
export {
  genderFromNhsCode,
  NHS_GENDER_CROSSWALK,
  nhsCodeFromGender,
  parseGender,
  type GenderIssue,
  type GenderIssueCode,
  type NhsGenderCode,
} from './gender.js';
export { isPseudoPostcode, normalisePostcode, parsePostcode } from './postcode.js';
export { PSEUDO_POSTCODES, type PseudoPostcodeMeaning } from './postcode-rules.js';
export type {
  Postcode,
  PostcodeIssue,
  PostcodeIssueCode,
  PostcodeKind,
  PostcodeOptions,
  PostcodeRepair,
} from './postcode-types.js';
export { normaliseAddressLine, parseAddressLines, type NormalisedAddress } from './address.js';
export { foldToAscii } from './text.js';
