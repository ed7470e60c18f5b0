import { PDS_MESH_REQUEST_COLUMNS, type PdsMeshRequestColumn } from './pds-mesh-columns.js';

/**
 * Friendly names for the PDS MESH request columns, usable on the left of a mapping entry
 * (`family=SURNAME`). The PDS MESH column names themselves are accepted too, in any case and
 * with spaces, hyphens or underscores alike (`unique reference`, `date-of-birth`).
 */
export const MAPPING_ALIASES: Readonly<Record<string, PdsMeshRequestColumn>> = {
  reference: 'UNIQUE REFERENCE',
  ref: 'UNIQUE REFERENCE',
  nhs_number: 'NHS_NO',
  nhs: 'NHS_NO',
  family: 'FAMILY_NAME',
  surname: 'FAMILY_NAME',
  given: 'GIVEN_NAME',
  forename: 'GIVEN_NAME',
  first_name: 'GIVEN_NAME',
  other_given: 'OTHER_GIVEN_NAME',
  middle: 'OTHER_GIVEN_NAME',
  gender: 'GENDER',
  sex: 'GENDER',
  dob: 'DATE_OF_BIRTH',
  birth_date: 'DATE_OF_BIRTH',
  postcode: 'POSTCODE',
  dod: 'DATE_OF_DEATH',
  death_date: 'DATE_OF_DEATH',
  address1: 'ADDRESS_LINE1',
  address2: 'ADDRESS_LINE2',
  address3: 'ADDRESS_LINE3',
  address4: 'ADDRESS_LINE4',
  address5: 'ADDRESS_LINE5',
  address_date: 'ADDRESS_DATE',
  gp: 'GP_PRACTICE_CODE',
  gp_practice: 'GP_PRACTICE_CODE',
  gp_registration_date: 'GP_REGISTRATION_DATE',
  as_at: 'AS_AT_DATE',
  local_id: 'LOCAL_PATIENT_ID',
  internal_id: 'INTERNAL_ID',
  telephone: 'TELEPHONE_NUMBER',
  mobile: 'MOBILE_NUMBER',
  email: 'EMAIL_ADDRESS',
};

/**
 * The comparison key of a column name: trimmed, upper-case, runs of spaces, hyphens and
 * underscores as one `_` (`Unique Reference`, `UNIQUE_REFERENCE` and `unique-reference` are the
 * same column). Header columns and mapping entries are matched on this key.
 * @param name - a column name as written
 */
export function columnKey(name: string): string {
  return name
    .trim()
    .toUpperCase()
    .replace(/[\s_-]+/g, '_');
}

const BY_KEY: ReadonlyMap<string, PdsMeshRequestColumn> = new Map([
  ...PDS_MESH_REQUEST_COLUMNS.map((c): [string, PdsMeshRequestColumn] => [columnKey(c), c]),
  ...Object.entries(MAPPING_ALIASES).map(([a, c]): [string, PdsMeshRequestColumn] => [
    columnKey(a),
    c,
  ]),
]);

/**
 * The PDS MESH column a mapping target names: a friendly alias ({@link MAPPING_ALIASES}) or a
 * PDS MESH column name, compared by {@link columnKey}; `undefined` when it names neither.
 * @param target - the left side of a mapping entry
 */
export function resolveTarget(target: string): PdsMeshRequestColumn | undefined {
  return BY_KEY.get(columnKey(target));
}

/** The request columns a trace can use; a request file must have at least one of them. */
export const TRACE_COLUMNS: readonly PdsMeshRequestColumn[] = [
  'NHS_NO',
  'FAMILY_NAME',
  'GIVEN_NAME',
  'GENDER',
  'DATE_OF_BIRTH',
  'POSTCODE',
];
