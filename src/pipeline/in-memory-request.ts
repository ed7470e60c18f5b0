import { PDS_MESH_ADDRESS_COLUMNS } from '../formats/pds-mesh-columns.js';
import type { PdsMeshRequestRow } from '../formats/pds-mesh-columns.js';
import type { RequestDateFormat, TraceRequest } from '../formats/pds-mesh-request-types.js';
import type { MatchInput } from '../matching/index.js';

/**
 * The matcher's raw fields from a PDS MESH request row (cells as read): NHS Number, names,
 * gender code, date of birth in the file's layout, postcode and address lines. Blank cells are
 * left out; the matcher normalises everything else (and treats unusable values as missing).
 * @param row - the row's cells by PDS MESH column
 * @param dateFormat - the layout of `DATE_OF_BIRTH`; default `YYYYMMDD`
 * @param request - the row as `parseRequestRow` checked it: its names and address lines, already
 *   normalised, are passed on (`MatchInput.normalised`) rather than normalised again
 */
export function matchInputFromRequestRow(
  row: PdsMeshRequestRow,
  dateFormat: RequestDateFormat = 'YYYYMMDD',
  request?: TraceRequest,
): MatchInput {
  const cell = (value: string): string | undefined => {
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  };
  const nhsNumber = cell(row.NHS_NO);
  const given = cell(row.GIVEN_NAME);
  const other = cell(row.OTHER_GIVEN_NAME);
  const family = cell(row.FAMILY_NAME);
  const birthDate = cell(row.DATE_OF_BIRTH);
  const gender = cell(row.GENDER);
  const postcode = cell(row.POSTCODE);
  const lines: string[] = [];
  for (const column of PDS_MESH_ADDRESS_COLUMNS) {
    const line = row[column].trim();
    if (line !== '') {
      lines.push(line);
    }
  }
  // Members set one by one rather than spread from conditional objects: this runs for every
  // request row, and each spread made an object to throw away.
  const input: { -readonly [K in keyof MatchInput]?: MatchInput[K] } = {};
  if (nhsNumber !== undefined) {
    input.nhsNumber = nhsNumber;
  }
  if (given !== undefined) {
    input.givenNames = given;
  }
  if (other !== undefined) {
    input.otherGivenNames = other;
  }
  if (family !== undefined) {
    input.familyName = family;
  }
  if (birthDate !== undefined) {
    input.birthDate = birthDate;
    input.birthDateFormat = dateFormat;
  }
  if (gender !== undefined) {
    input.gender = gender;
  }
  if (postcode !== undefined) {
    input.postcode = postcode;
  }
  if (lines.length > 0) {
    input.addressLines = lines;
  }
  if (request !== undefined) {
    input.normalised = {
      givenNames: request.givenNames,
      otherGivenNames: request.otherGivenNames,
      familyName: request.familyName,
      address: request.address,
    };
  }
  return input;
}
