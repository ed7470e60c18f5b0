import {
  normaliseFamilyName,
  normaliseGivenNames,
  parseAddressLines,
  type PartialDate,
} from '../core/normalise/index.js';
import { fail, ok, type Result } from '../core/result.js';
import {
  emptyRequestRow,
  PDS_MESH_REQUEST_COLUMNS,
  type PdsMeshRequestColumn,
  type PdsMeshRequestRow,
  PDS_MESH_ADDRESS_COLUMNS,
} from './pds-mesh-columns.js';
import { cellError, ODS_CODE, referenceError } from './pds-mesh-request-fields.js';
import { NOT_ENOUGH_DATA, possibleTraces } from './pds-mesh-request-traces.js';
import type {
  RequestRowContext,
  RowError,
  RowWarning,
  TraceRequest,
} from './pds-mesh-request-types.js';
import {
  birthDateWarning,
  readDate,
  readGender,
  readNhsNumber,
  readPostcode,
} from './pds-mesh-request-values.js';

export { possibleTraces, type TraceInputs } from './pds-mesh-request-traces.js';

/** A checked request row, or the reasons it cannot be traced (`issues[0]` gives the PDS code). */
export type RequestRowResult = Result<TraceRequest, RowError>;

/** The cells as a full request row: known columns copied, missing ones ''. */
function toRow(cells: Readonly<Record<string, string>>): PdsMeshRequestRow {
  const row = emptyRequestRow();
  for (const column of PDS_MESH_REQUEST_COLUMNS) {
    const value = cells[column];
    row[column] = typeof value === 'string' ? value : '';
  }
  return row;
}

/** Records the error of a read, or returns its value; a cell that already failed reads as absent. */
function take<T>(read: Result<T | null, RowError>, errors: RowError[]): T | null {
  if (read.success) {
    return read.data;
  }
  errors.push(...read.issues);
  return null;
}

/**
 * Checks and normalises one PDS MESH request row. The rules, in the order the errors are
 * listed (the first gives the row's `ERROR/SUCCESS_CODE`):
 * - `UNIQUE REFERENCE` missing → `10`; disallowed characters → `02`;
 * - any cell over its limit (`FIELD_LIMITS` in pds-mesh-request-fields.ts) → `11`; a cell
 *   holding control characters (a line break inside a quoted field, say) → `13`;
 * - `GENDER` not `0`/`1`/`2`/`9` → `12` (with `genderCodes: 'any'`, not a known spelling);
 * - `DATE_OF_BIRTH`, `DATE_OF_DEATH` or `AS_AT_DATE` impossible or not in the date layout → `13`
 *   (a date of birth after `today` too), and a date of death before the date of birth → `13`;
 * - otherwise, no trace possible ({@link possibleTraces}) → `96`.
 *
 * Not errors, carried as warnings: an invalid NHS Number (the trace uses the demographics), an
 * invalid or pseudo postcode (kept, not used), names that are placeholders or in another script,
 * a 1 January date of birth, a malformed GP practice code. Never throws.
 * @param cells - the row's cells keyed by PDS MESH column name (other keys are ignored; missing
 *   columns are blank)
 * @param context - date layout (default `YYYYMMDD`), reference day and accepted gender codes
 * @example parseRequestRow({ 'UNIQUE REFERENCE': 'R1', NHS_NO: '9434765919', DATE_OF_BIRTH: '19840719' })
 *   // success, traces ['cross-check']
 */
export function parseRequestRow(
  cells: Readonly<Record<string, string>>,
  context: RequestRowContext = {},
): RequestRowResult {
  return parseFullRequestRow(toRow(cells), context);
}

/**
 * {@link parseRequestRow} of a row that already has every column (as the request file's reader
 * builds it): the row itself becomes the request's `raw`, not a copy of it.
 * @param raw - every PDS MESH request column ('' when blank)
 * @param context - date layout (default `YYYYMMDD`), reference day and accepted gender codes
 */
export function parseFullRequestRow(
  raw: PdsMeshRequestRow,
  context: RequestRowContext = {},
): RequestRowResult {
  const errors: RowError[] = [];
  const reference = raw['UNIQUE REFERENCE'].trim();
  const refError = referenceError(reference);
  if (refError !== undefined) {
    errors.push(refError);
  }
  const failed = new Set<PdsMeshRequestColumn>();
  for (const column of PDS_MESH_REQUEST_COLUMNS) {
    const error = cellError(column, raw[column]);
    if (error !== undefined && !(column === 'UNIQUE REFERENCE' && refError !== undefined)) {
      errors.push(error);
      failed.add(column);
    }
  }
  const cell = (column: PdsMeshRequestColumn): string => (failed.has(column) ? '' : raw[column]);
  const warnings: RowWarning[] = [];

  const gender = take(readGender(cell('GENDER'), context.genderCodes ?? 'pds'), errors);
  const birthDate = take(readDate('DATE_OF_BIRTH', cell('DATE_OF_BIRTH'), context), errors);
  const dateOfDeath = take(readDate('DATE_OF_DEATH', cell('DATE_OF_DEATH'), context), errors);
  const asAtDate = take(readDate('AS_AT_DATE', cell('AS_AT_DATE'), context), errors);
  if (birthDate !== null && dateOfDeath !== null && isBefore(dateOfDeath, birthDate)) {
    errors.push({
      code: '13',
      field: 'DATE_OF_DEATH',
      message: 'DATE_OF_DEATH is before DATE_OF_BIRTH',
    });
  }
  const nhsNumber = readNhsNumber(cell('NHS_NO'), warnings);
  const familyName = normaliseFamilyName(cell('FAMILY_NAME'));
  const givenNames = normaliseGivenNames(cell('GIVEN_NAME'));
  const otherGivenNames = normaliseGivenNames(cell('OTHER_GIVEN_NAME'));
  nameWarnings(familyName.status, 'FAMILY_NAME', warnings);
  nameWarnings(givenNames.status, 'GIVEN_NAME', warnings);
  const dobWarning = birthDateWarning(birthDate);
  if (dobWarning !== undefined) {
    warnings.push(dobWarning);
  }
  const postcode = readPostcode(cell('POSTCODE'), warnings);
  const gpPracticeCode = optional(cell('GP_PRACTICE_CODE'))?.toUpperCase() ?? null;
  if (gpPracticeCode !== null && !ODS_CODE.test(gpPracticeCode)) {
    warnings.push({
      code: 'gp-practice-code-format',
      field: 'GP_PRACTICE_CODE',
      message: 'GP_PRACTICE_CODE is not an ODS code (3 to 8 letters and digits); not used',
    });
  }
  if (errors.length > 0) {
    return fail(...errors);
  }
  const traces = possibleTraces({
    nhsNumber,
    familyPresent: familyName.status === 'present',
    givenPresent: givenNames.status === 'present',
    gender,
    birthDate,
    postcode,
  });
  if (traces.length === 0) {
    return fail({ code: '96', field: 'row', message: NOT_ENOUGH_DATA });
  }
  return ok({
    raw,
    reference,
    nhsNumber,
    familyName,
    givenNames,
    otherGivenNames,
    gender,
    birthDate,
    postcode,
    address: parseAddressLines(
      PDS_MESH_ADDRESS_COLUMNS.map((c) => cell(c)).filter((l) => l.trim() !== ''),
    ),
    dateOfDeath,
    gpPracticeCode: ODS_CODE.test(gpPracticeCode ?? '') ? gpPracticeCode : null,
    localPatientId: optional(cell('LOCAL_PATIENT_ID')),
    asAtDate,
    traces,
    warnings,
  });
}

/**
 * True when date `a` is certainly before date `b`: partial dates compare on the precision both
 * share, so a death in `1984` is not before a birth on `1984-07-19`.
 */
function isBefore(a: PartialDate, b: PartialDate): boolean {
  const shared = Math.min(a.iso.length, b.iso.length);
  return a.iso.slice(0, shared) < b.iso.slice(0, shared);
}

/** The trimmed value, or `null` when blank. */
function optional(value: string): string | null {
  const text = value.trim();
  return text === '' ? null : text;
}

/** Warns when a name was given but names nobody (a placeholder, or letters of another script). */
function nameWarnings(
  status: string,
  field: 'FAMILY_NAME' | 'GIVEN_NAME',
  warnings: RowWarning[],
): void {
  if (status === 'placeholder' || status === 'non-latin') {
    warnings.push({
      code: field === 'FAMILY_NAME' ? 'family-name-unusable' : 'given-name-unusable',
      field,
      message: `${field} is ${status === 'placeholder' ? 'a placeholder' : 'in a script this service cannot compare'}; not used`,
    });
  }
}
