import { nhsCodeFromGender } from '../core/normalise/index.js';
import { currentAddress, currentName, type RegisterPerson } from '../core/person.js';
import {
  PDS_MESH_RESPONSE_COLUMNS,
  type PdsMeshRequestRow,
  type PdsMeshResponseColumn,
} from './pds-mesh-columns.js';

/** Our columns after the PDS MESH response columns (design.md, "Interfaces"). */
export const TRACE_EXTRA_COLUMNS = [
  'TRACE_OUTCOME',
  'MATCH_WEIGHT',
  'MATCH_PROBABILITY',
  'EXPLANATION',
] as const;

/** Every column of a `trace` response file, in order: PDS MESH's, then {@link TRACE_EXTRA_COLUMNS}. */
export const TRACE_RESPONSE_COLUMNS = [
  ...PDS_MESH_RESPONSE_COLUMNS,
  ...TRACE_EXTRA_COLUMNS,
] as const;

/** The `TRACE_OUTCOME` values of a response row. */
export type TraceOutcome =
  'matched' | 'review' | 'no-match' | 'multiple' | 'invalid' | 'not-enough-data';

/** `MATCHED_NHS_NO` when nothing was found (PDS MESH code 98). */
export const NO_MATCH_NHS_NO = '0000000000';

/** `MATCHED_NHS_NO` when several people matched too closely to choose (PDS MESH code 97). */
export const MULTIPLE_NHS_NO = '9999999999';

/**
 * `SENSITIVITY_FLAG` values written: `R` restricted (address, GP and contact details withheld),
 * `U` unrestricted, as the PDS FHIR `meta.security` confidentiality codes (nhs-domain.md §2.8).
 * The PDS MESH dictionary's own spelling of this flag is not verified.
 */
export const SENSITIVITY_FLAGS = { restricted: 'R', unrestricted: 'U' } as const;

/** What the trace decided for one request row, ready to be written as a response row. */
export interface ResponseAnswer {
  /** `ERROR/SUCCESS_CODE`: `00`, `90`, `91`, `92`, `96`, `97`, `98` or a row error code. */
  readonly code: string;
  readonly outcome: TraceOutcome;
  /** `MATCHED_NHS_NO`: a current number, {@link NO_MATCH_NHS_NO}, {@link MULTIPLE_NHS_NO} or ''. */
  readonly matchedNhsNumber: string;
  /** `MATCHED_ALGORITHM_INDICATOR`: `0` none, `1` cross-check, `3` alphanumeric, `4` algorithmic. */
  readonly algorithmIndicator: '0' | '1' | '3' | '4';
  /** `MATCHED_CONFIDENCE_PERCENTAGE`, 50-100, or '' when nothing is matched. */
  readonly confidence: string;
  /** The matched register person whose current demographics are returned; only when matched. */
  readonly person?: RegisterPerson;
  /** Match weight of the best candidate, in bits. */
  readonly weight?: number;
  /** Probability of the best candidate, 0-1. */
  readonly probability?: number;
  /** Compact text of the best candidate's comparisons (see `explanationText`). */
  readonly explanation: string;
}

type Column = (typeof TRACE_RESPONSE_COLUMNS)[number];

/** Each response column's position in a row. */
const AT = Object.fromEntries(TRACE_RESPONSE_COLUMNS.map((column, i) => [column, i])) as Record<
  Column,
  number
>;

/**
 * An ISO date or date-time as a PDS MESH date (`YYYYMMDD`); blank when missing.
 * @param iso - `YYYY-MM-DD…`
 */
export const isoToPds = (iso: string | undefined): string =>
  iso === undefined ? '' : iso.slice(0, 10).replaceAll('-', '');

const ADDRESS_LINES = [
  AT.ADDRESS_LINE1,
  AT.ADDRESS_LINE2,
  AT.ADDRESS_LINE3,
  AT.ADDRESS_LINE4,
  AT.ADDRESS_LINE5,
] as const;

/**
 * Writes the register's current demographics into a response row. Address lines 1-4 as held; a
 * sixth line or more is joined onto line 5 so nothing is lost.
 */
function writeDemographics(cells: string[], person: RegisterPerson): void {
  const name = currentName(person);
  cells[AT.FAMILY_NAME] = name?.family ?? '';
  cells[AT.GIVEN_NAME] = name?.given[0] ?? '';
  cells[AT.OTHER_GIVEN_NAME] = name?.given.slice(1).join(' ') ?? '';
  cells[AT.GENDER] = nhsCodeFromGender(person.gender);
  cells[AT.DATE_OF_BIRTH] = isoToPds(person.birthDate);
  cells[AT.DATE_OF_DEATH] = isoToPds(person.deceasedDateTime);
  if (person.restricted) {
    cells[AT.SENSITIVITY_FLAG] = SENSITIVITY_FLAGS.restricted;
    return;
  }
  const address = currentAddress(person);
  const lines = address?.lines ?? [];
  ADDRESS_LINES.forEach((at, i) => {
    cells[at] = (i < 4 ? lines[i] : lines.slice(4).join(', ')) ?? '';
  });
  cells[AT.POSTCODE] = address?.postalCode ?? '';
  cells[AT.GP_PRACTICE_CODE] = person.gpOdsCode ?? '';
  cells[AT.SENSITIVITY_FLAG] = SENSITIVITY_FLAGS.unrestricted;
}

/**
 * One response row's cells in {@link TRACE_RESPONSE_COLUMNS} order. Every row echoes the
 * caller's own identifiers (`UNIQUE REFERENCE`, the supplied number as `REQ_NHS_NUMBER`,
 * `LOCAL_PATIENT_ID`, `INTERNAL_ID`); a matched row adds the register's current demographics
 * (name, gender, date of birth, date of death, address, postcode, GP practice). A restricted
 * person's address, postcode, GP practice and contact details are never written (PDS code 92).
 * The register holds no telephone, e-mail, GP registration date or NHAIS posting id, so those
 * are blank. Weight is written to 2 decimals, probability to 6.
 * @param request - the request row as read
 * @param answer - the trace's answer for it
 */
export function responseRow(request: PdsMeshRequestRow, answer: ResponseAnswer): string[] {
  const cells = Array<string>(TRACE_RESPONSE_COLUMNS.length).fill('');
  cells[AT['UNIQUE REFERENCE']] = request['UNIQUE REFERENCE'].trim();
  cells[AT.REQ_NHS_NUMBER] = request.NHS_NO.trim();
  cells[AT.LOCAL_PATIENT_ID] = request.LOCAL_PATIENT_ID.trim();
  cells[AT.INTERNAL_ID] = request.INTERNAL_ID.trim();
  if (answer.person !== undefined) {
    writeDemographics(cells, answer.person);
  }
  cells[AT['ERROR/SUCCESS_CODE']] = answer.code;
  cells[AT.MATCHED_NHS_NO] = answer.matchedNhsNumber;
  cells[AT.MATCHED_ALGORITHM_INDICATOR] = answer.algorithmIndicator;
  cells[AT.MATCHED_CONFIDENCE_PERCENTAGE] = answer.confidence;
  cells[AT.TRACE_OUTCOME] = answer.outcome;
  cells[AT.MATCH_WEIGHT] = answer.weight === undefined ? '' : answer.weight.toFixed(2);
  cells[AT.MATCH_PROBABILITY] =
    answer.probability === undefined ? '' : answer.probability.toFixed(6);
  cells[AT.EXPLANATION] = answer.explanation;
  return cells;
}

/** The PDS MESH response column a value is written under; for tests and readers. */
export type TraceResponseColumn = PdsMeshResponseColumn | (typeof TRACE_EXTRA_COLUMNS)[number];
