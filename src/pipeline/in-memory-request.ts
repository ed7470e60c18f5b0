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
  const lines = PDS_MESH_ADDRESS_COLUMNS.map((c) => row[c].trim()).filter((line) => line !== '');
  return {
    ...(nhsNumber === undefined ? {} : { nhsNumber }),
    ...(given === undefined ? {} : { givenNames: given }),
    ...(other === undefined ? {} : { otherGivenNames: other }),
    ...(family === undefined ? {} : { familyName: family }),
    ...(birthDate === undefined ? {} : { birthDate, birthDateFormat: dateFormat }),
    ...(gender === undefined ? {} : { gender }),
    ...(postcode === undefined ? {} : { postcode }),
    ...(lines.length === 0 ? {} : { addressLines: lines }),
    ...(request === undefined
      ? {}
      : {
          normalised: {
            givenNames: request.givenNames,
            otherGivenNames: request.otherGivenNames,
            familyName: request.familyName,
            address: request.address,
          },
        }),
  };
}
