import type { PdsMeshRequestColumn } from './pds-mesh-columns.js';
import type { RowError } from './pds-mesh-request-types.js';

/**
 * The longest value each request column may hold, in characters after trimming; longer is
 * error `11`. Sourced limits: names 35 (PDS FHIR `HumanName`, NHS DD an35), postcode 8 (NHS DD
 * an8), `NHS_NO` 10 digits (separators not counted), `GENDER` 1, ODS code 8, dates 12 (the
 * longest layout, PDS MESH `YYYYMMDDHHMM`; a value too short or long for the chosen layout is a
 * format error `13`). The data dictionary's other limits are not public; the rest are this project's
 * guards against garbage, deliberately generous: `UNIQUE REFERENCE` 50, `OTHER_GIVEN_NAME` 100
 * (it may hold several names of up to 35 each), address lines 100, `LOCAL_PATIENT_ID` 50 and
 * 255 for the columns not used in tracing.
 */
export const FIELD_LIMITS: Readonly<Record<PdsMeshRequestColumn, number>> = {
  'UNIQUE REFERENCE': 50,
  NHS_NO: 10,
  FAMILY_NAME: 35,
  GIVEN_NAME: 35,
  OTHER_GIVEN_NAME: 100,
  GENDER: 1,
  DATE_OF_BIRTH: 12,
  POSTCODE: 8,
  DATE_OF_DEATH: 12,
  ADDRESS_LINE1: 100,
  ADDRESS_LINE2: 100,
  ADDRESS_LINE3: 100,
  ADDRESS_LINE4: 100,
  ADDRESS_LINE5: 100,
  ADDRESS_DATE: 255,
  GP_PRACTICE_CODE: 8,
  GP_REGISTRATION_DATE: 255,
  NHAIS_POSTING_ID: 255,
  AS_AT_DATE: 12,
  LOCAL_PATIENT_ID: 50,
  INTERNAL_ID: 255,
  TELEPHONE_NUMBER: 255,
  MOBILE_NUMBER: 255,
  EMAIL_ADDRESS: 255,
};

/** True when the text holds C0 or C1 control characters other than tab: never part of a demographic value. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || (code >= 0x7f && code <= 0x9f)) {
      return true;
    }
  }
  return false;
}

/**
 * A `UNIQUE REFERENCE` this service accepts: a letter or digit, then letters, digits, spaces
 * and `. _ / : -`. PDS says only that "some characters are disallowed"; this rule keeps the
 * reference safe to echo in CSV and spreadsheets (no commas, quotes or leading `=`, `+`, `@`).
 */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9 ._/:-]*$/;

/**
 * The length a value is measured at for {@link FIELD_LIMITS}: characters (code points) after
 * trimming; for `NHS_NO` the spaces and hyphens people type between digit groups are not
 * counted; for `POSTCODE` runs of spaces count as one.
 * @param column - the column the value is in
 * @param value - the value as read
 */
export function measuredLength(column: PdsMeshRequestColumn, value: string): number {
  let text = value.trim();
  if (column === 'NHS_NO') {
    text = text.replace(/[\s-]/g, '');
  } else if (column === 'POSTCODE') {
    text = text.replace(/\s+/g, ' ');
  }
  return Array.from(text).length;
}

/**
 * The format and length errors of one cell, before its meaning is read: control characters
 * (`13`) and values over the column's limit (`11`). Returns `undefined` when the cell is fine.
 * @param column - the column the value is in
 * @param value - the value as read
 */
export function cellError(column: PdsMeshRequestColumn, value: string): RowError | undefined {
  if (hasControlCharacter(value)) {
    return {
      code: '13',
      field: column,
      message: `${column} holds control characters, which no demographic value contains`,
    };
  }
  const limit = FIELD_LIMITS[column];
  // A string never has more code points than UTF-16 units, so short values need no counting.
  const length = value.length <= limit ? 0 : measuredLength(column, value);
  if (length > limit) {
    return {
      code: '11',
      field: column,
      message: `${column} is ${length} characters long; the limit is ${limit}`,
    };
  }
  return undefined;
}

/**
 * The error for a `UNIQUE REFERENCE`, or `undefined` when it is usable: missing (`10`) or with
 * characters outside the accepted set (`02`). Length is checked by {@link cellError}.
 * @param reference - the reference, trimmed
 */
export function referenceError(reference: string): RowError | undefined {
  if (reference === '') {
    return {
      code: '10',
      field: 'UNIQUE REFERENCE',
      message: 'UNIQUE REFERENCE is missing; every request row needs one',
    };
  }
  if (!REFERENCE.test(reference)) {
    return {
      code: '02',
      field: 'UNIQUE REFERENCE',
      message:
        'UNIQUE REFERENCE may hold only letters, digits, spaces and . _ / : - (starting with a letter or digit)',
    };
  }
  return undefined;
}

/** An ODS organisation code: letters and digits only (GP practices are six, e.g. `B86001`). */
export const ODS_CODE = /^[A-Z0-9]{3,8}$/;
