import type { NhsNumber, NhsNumberIssue } from '../core/nhs-number/nhs-number.js';
import type {
  DateFormat,
  NormalisedAddress,
  NormalisedFamilyName,
  NormalisedGivenNames,
  PartialDate,
  Postcode,
  PostcodeIssue,
} from '../core/normalise/index.js';
import type { Gender } from '../core/person.js';
import type { PdsMeshRequestColumn, PdsMeshRequestRow } from './pds-mesh-columns.js';

/**
 * The PDS MESH person-level `ERROR/SUCCESS_CODE` values a request row can fail with before any
 * trace is run (nhs-domain.md §3.2; meanings as in the MPS response-code constants):
 * - `01` parse error: the row could not be read (bytes that are not UTF-8, an unclosed quote);
 * - `02` invalid request reference: `UNIQUE REFERENCE` holds disallowed characters;
 * - `08` unique reference error: the reference was already used earlier in the file;
 * - `10` required field missing: no `UNIQUE REFERENCE`;
 * - `11` field length exceeded: a field is longer than its limit ({@link FIELD_LIMITS});
 * - `12` invalid gender value: `GENDER` is not `0`, `1`, `2` or `9`;
 * - `13` invalid field format: an impossible or badly laid out date, an `NHS_NO` with letters,
 *   control characters in a field;
 * - `16` not enough fields provided: the row has fewer cells than the header;
 * - `17` more fields than allowed: the row has more (non-blank) cells than the header;
 * - `96` not enough data: too little usable demographics for any trace.
 */
export const ROW_ERROR_CODES = [
  '01',
  '02',
  '08',
  '10',
  '11',
  '12',
  '13',
  '16',
  '17',
  '96',
] as const;

/** One of {@link ROW_ERROR_CODES}. */
export type RowErrorCode = (typeof ROW_ERROR_CODES)[number];

/**
 * Why a request row cannot be traced. `message` names the field and the rule, never the value,
 * so it is safe to log and to show beside the row number.
 */
export interface RowError {
  readonly code: RowErrorCode;
  /** The PDS MESH column at fault, or `row` when the problem is the row as a whole. */
  readonly field: PdsMeshRequestColumn | 'row';
  readonly message: string;
}

/** Why a value was kept but not used, or used with care; the row is still traced. */
export type RowWarningCode =
  | 'nhs-number-invalid'
  | 'postcode-invalid'
  | 'postcode-pseudo'
  | 'family-name-unusable'
  | 'given-name-unusable'
  | 'birth-date-placeholder'
  | 'gp-practice-code-format';

/** A problem with one value that does not stop the trace; `message` never repeats the value. */
export interface RowWarning {
  readonly code: RowWarningCode;
  readonly field: PdsMeshRequestColumn;
  readonly message: string;
}

/** The traces a request has enough data for, in the order PDS tries them (nhs-domain.md §3.3). */
export type TraceKind = 'cross-check' | 'alphanumeric' | 'algorithmic';

/**
 * The supplied NHS Number: `valid` (Modulus 11 checked), or `invalid` with the reason. An
 * invalid number is not a row error: the trace proceeds on demographics and the response
 * reports the supplied value back.
 */
export type SuppliedNhsNumber =
  | { readonly status: 'valid'; readonly value: NhsNumber }
  | { readonly status: 'invalid'; readonly raw: string; readonly issue: NhsNumberIssue };

/** The supplied postcode: parsed, or kept as keyed with the reasons it is not a postcode. */
export type SuppliedPostcode =
  | { readonly status: 'valid'; readonly value: Postcode }
  | { readonly status: 'invalid'; readonly raw: string; readonly issues: readonly PostcodeIssue[] };

/**
 * One request row, checked and normalised, ready to trace. Every value is also in `raw`, as
 * read, for echoing back in the response. Absent values are `null`; names are always present
 * as normalised objects whose `status` says whether they name anyone.
 */
export interface TraceRequest {
  /** The row's cells by PDS MESH column, as read ('' for absent cells). */
  readonly raw: PdsMeshRequestRow;
  /** `UNIQUE REFERENCE`, trimmed. */
  readonly reference: string;
  readonly nhsNumber: SuppliedNhsNumber | null;
  readonly familyName: NormalisedFamilyName;
  readonly givenNames: NormalisedGivenNames;
  readonly otherGivenNames: NormalisedGivenNames;
  /** `GENDER` as a FHIR gender (`0` → `unknown`, `1` → `male`, `2` → `female`, `9` → `other`). */
  readonly gender: Gender | null;
  readonly birthDate: PartialDate | null;
  readonly postcode: SuppliedPostcode | null;
  /** `ADDRESS_LINE1`…`ADDRESS_LINE5` normalised (blank lines dropped). */
  readonly address: NormalisedAddress;
  readonly dateOfDeath: PartialDate | null;
  /** `GP_PRACTICE_CODE`, trimmed and upper-cased; `null` when blank or not an ODS code (warned). */
  readonly gpPracticeCode: string | null;
  readonly localPatientId: string | null;
  /** `AS_AT_DATE`: trace against the register as it stood on this day. */
  readonly asAtDate: PartialDate | null;
  /** The traces there is enough data for; never empty (an empty list is error `96`). */
  readonly traces: readonly TraceKind[];
  readonly warnings: readonly RowWarning[];
}

/** The date layouts a request file may use for its dates (PDS MESH itself uses `YYYYMMDD`). */
export const REQUEST_DATE_FORMATS = ['YYYYMMDD', 'YYYY-MM-DD', 'DD/MM/YYYY'] as const;

/** One of {@link REQUEST_DATE_FORMATS}, or any other {@link DateFormat} for partial dates. */
export type RequestDateFormat = DateFormat;

/** How {@link parseRequestRow} reads a row. */
export interface RequestRowContext {
  /** The layout of `DATE_OF_BIRTH`, `DATE_OF_DEATH` and `AS_AT_DATE`; default `YYYYMMDD`. */
  readonly dateFormat?: RequestDateFormat;
  /** The reference day `YYYY-MM-DD`: dates of birth after it are errors. No clock is read. */
  readonly today?: string;
  /**
   * Which `GENDER` values are accepted: `pds` (default) only `0`, `1`, `2`, `9`, as PDS MESH
   * requires; `any` also `M`, `F`, `male`, `female`, … (for other CSVs read through a mapping).
   */
  readonly genderCodes?: 'pds' | 'any';
}
