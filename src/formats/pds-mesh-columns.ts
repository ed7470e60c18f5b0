/**
 * Column names of the PDS MESH batch trace CSV (formerly Master Patient Trace). The header row
 * names the columns, so readers look columns up by name, not position; writers use this order.
 * @see https://digital.nhs.uk/developer/api-catalogue/personal-demographic-service-mesh/pds-mesh-data-dictionary
 */
export const PDS_MESH_REQUEST_COLUMNS = [
  'UNIQUE REFERENCE',
  'NHS_NO',
  'FAMILY_NAME',
  'GIVEN_NAME',
  'OTHER_GIVEN_NAME',
  'GENDER',
  'DATE_OF_BIRTH',
  'POSTCODE',
  'DATE_OF_DEATH',
  'ADDRESS_LINE1',
  'ADDRESS_LINE2',
  'ADDRESS_LINE3',
  'ADDRESS_LINE4',
  'ADDRESS_LINE5',
  'ADDRESS_DATE',
  'GP_PRACTICE_CODE',
  'GP_REGISTRATION_DATE',
  'NHAIS_POSTING_ID',
  'AS_AT_DATE',
  'LOCAL_PATIENT_ID',
  'INTERNAL_ID',
  'TELEPHONE_NUMBER',
  'MOBILE_NUMBER',
  'EMAIL_ADDRESS',
] as const;

export type PdsMeshRequestColumn = (typeof PDS_MESH_REQUEST_COLUMNS)[number];

/** The five request address-line columns, in order. */
export const PDS_MESH_ADDRESS_COLUMNS = [
  'ADDRESS_LINE1',
  'ADDRESS_LINE2',
  'ADDRESS_LINE3',
  'ADDRESS_LINE4',
  'ADDRESS_LINE5',
] as const satisfies readonly PdsMeshRequestColumn[];

/** One request row as read from or written to a PDS MESH request file; absent cells are ''. */
export type PdsMeshRequestRow = Readonly<Record<PdsMeshRequestColumn, string>>;

/** The PDS MESH response columns, in order (the dorset-ics model of the data dictionary). */
export const PDS_MESH_RESPONSE_COLUMNS = [
  'UNIQUE REFERENCE',
  'REQ_NHS_NUMBER',
  'FAMILY_NAME',
  'GIVEN_NAME',
  'OTHER_GIVEN_NAME',
  'GENDER',
  'DATE_OF_BIRTH',
  'DATE_OF_DEATH',
  'ADDRESS_LINE1',
  'ADDRESS_LINE2',
  'ADDRESS_LINE3',
  'ADDRESS_LINE4',
  'ADDRESS_LINE5',
  'POSTCODE',
  'GP_PRACTICE_CODE',
  'GP_REGISTRATION_DATE',
  'NHAIS_POSTING_ID',
  'AS_AT_DATE',
  'LOCAL_PATIENT_ID',
  'INTERNAL_ID',
  'TELEPHONE_NUMBER',
  'MOBILE_NUMBER',
  'EMAIL_ADDRESS',
  'SENSITIVITY_FLAG',
  'MPS_ID',
  'ERROR/SUCCESS_CODE',
  'MATCHED_NHS_NO',
  'MATCHED_ALGORITHM_INDICATOR',
  'MATCHED_CONFIDENCE_PERCENTAGE',
] as const;

export type PdsMeshResponseColumn = (typeof PDS_MESH_RESPONSE_COLUMNS)[number];

/**
 * An empty request row, every column ''. Written out as one literal (the same columns as
 * {@link PDS_MESH_REQUEST_COLUMNS}, checked by the type) so that each row is a compact object
 * with its values in place: a row built by spreading or by `Object.fromEntries` keeps them in a
 * separate property store, which costs per row on a large request file.
 */
export function emptyRequestRow(): Record<PdsMeshRequestColumn, string> {
  return {
    'UNIQUE REFERENCE': '',
    NHS_NO: '',
    FAMILY_NAME: '',
    GIVEN_NAME: '',
    OTHER_GIVEN_NAME: '',
    GENDER: '',
    DATE_OF_BIRTH: '',
    POSTCODE: '',
    DATE_OF_DEATH: '',
    ADDRESS_LINE1: '',
    ADDRESS_LINE2: '',
    ADDRESS_LINE3: '',
    ADDRESS_LINE4: '',
    ADDRESS_LINE5: '',
    ADDRESS_DATE: '',
    GP_PRACTICE_CODE: '',
    GP_REGISTRATION_DATE: '',
    NHAIS_POSTING_ID: '',
    AS_AT_DATE: '',
    LOCAL_PATIENT_ID: '',
    INTERNAL_ID: '',
    TELEPHONE_NUMBER: '',
    MOBILE_NUMBER: '',
    EMAIL_ADDRESS: '',
  } satisfies Record<PdsMeshRequestColumn, string>;
}
