import { normaliseFamilyName, normaliseGivenNames, parseGender } from '../core/normalise/index.js';
import type { NameStatus } from '../core/normalise/index.js';
import {
  PDS_MESH_ADDRESS_COLUMNS,
  PDS_MESH_REQUEST_COLUMNS,
  type PdsMeshRequestColumn,
} from '../formats/pds-mesh-columns.js';
import { ODS_CODE } from '../formats/pds-mesh-request-fields.js';
import type { RowError, TraceRequest } from '../formats/pds-mesh-request-types.js';
import { readNhsNumber, readPostcode } from '../formats/pds-mesh-request-values.js';
import type { SourceRow } from './request-source.js';

/** What was found in one request column over the whole file (counts of rows). */
export interface FieldProfile {
  /** Rows whose cell is not blank. */
  present: number;
  /**
   * Present but not usable, by stable code: `error-NN` (a row error on this field, with its
   * PDS code), `nhs-number-bad-check-digit` and the other NHS Number issues, `postcode-invalid`,
   * `postcode-pseudo`, `name-placeholder`, `name-non-latin`, `name-empty`,
   * `gp-practice-code-format`.
   */
  unusable: Record<string, number>;
  /** Present and used, but worth a look (`birth-date-placeholder`: 1 January). */
  cautions: Record<string, number>;
  /** Present in a row that could not be split into fields reliably, so not checked. */
  unchecked: number;
}

/**
 * The data-quality profile of a request file, built row by row as it streams. Counts only:
 * never a value from the file. Plain numbers and records, so it serialises to JSON as it is.
 */
export interface InputProfile {
  /** Data rows profiled. */
  rows: number;
  /**
   * Rows whose cells could not be read field by field (wrong number of cells `16`/`17`, or bytes
   * that are not text `01`): their fields count as present but unchecked.
   */
  unsplitRows: number;
  /** By PDS MESH request column. */
  readonly fields: Record<PdsMeshRequestColumn, FieldProfile>;
  /** `GENDER` as read: `male`, `female`, `other`, `unknown`, `invalid`, `blank`, `unchecked`. */
  readonly genders: Record<string, number>;
  /** Rows by how many of `ADDRESS_LINE1`…`ADDRESS_LINE5` they fill (index 0 to 5). */
  readonly addressLines: number[];
  /** Rows not traced (a row error, or `96` too little data), by the code the response gives. */
  readonly rowErrors: Record<string, number>;
}

/** A fresh, zeroed profile. */
export function emptyProfile(): InputProfile {
  return {
    rows: 0,
    unsplitRows: 0,
    fields: Object.fromEntries(
      PDS_MESH_REQUEST_COLUMNS.map((c) => [
        c,
        { present: 0, unusable: {}, cautions: {}, unchecked: 0 },
      ]),
    ) as Record<PdsMeshRequestColumn, FieldProfile>,
    genders: {},
    addressLines: [0, 0, 0, 0, 0, 0],
    rowErrors: {},
  };
}

const bump = (record: Record<string, number>, key: string): void => {
  record[key] = (record[key] ?? 0) + 1;
};

/** Row errors after which the cells were not checked one by one (`parseRequestRow` did not run). */
const UNSPLIT_CODES: ReadonlySet<string> = new Set(['01', '16', '17']);

const NAME_PROBLEMS: Readonly<Partial<Record<NameStatus, string>>> = {
  placeholder: 'name-placeholder',
  'non-latin': 'name-non-latin',
  empty: 'name-empty',
};

type ValueCheck = (raw: string, request: TraceRequest | undefined) => string | undefined;

const nameProblem = (status: NameStatus): string | undefined => NAME_PROBLEMS[status];

/**
 * Why a present value that raised no row error is still unusable, by column (columns without a
 * check are usable when present). Uses the checked request when the row has one, else the same
 * readers `parseRequestRow` uses.
 */
const VALUE_CHECKS: Readonly<Partial<Record<PdsMeshRequestColumn, ValueCheck>>> = {
  NHS_NO: (raw, request) => {
    const supplied = request === undefined ? readNhsNumber(raw, []) : request.nhsNumber;
    return supplied?.status === 'invalid' ? `nhs-number-${supplied.issue.code}` : undefined;
  },
  POSTCODE: (raw, request) => {
    const postcode = request === undefined ? readPostcode(raw, []) : request.postcode;
    if (postcode?.status === 'invalid') {
      return 'postcode-invalid';
    }
    return postcode?.value.kind === 'pseudo' ? 'postcode-pseudo' : undefined;
  },
  FAMILY_NAME: (raw, request) =>
    nameProblem((request?.familyName ?? normaliseFamilyName(raw)).status),
  GIVEN_NAME: (raw, request) =>
    nameProblem((request?.givenNames ?? normaliseGivenNames(raw)).status),
  OTHER_GIVEN_NAME: (raw, request) =>
    nameProblem((request?.otherGivenNames ?? normaliseGivenNames(raw)).status),
  GP_PRACTICE_CODE: (raw) =>
    ODS_CODE.test(raw.trim().toUpperCase()) ? undefined : 'gp-practice-code-format',
};

function genderOf(
  raw: string,
  issues: readonly RowError[],
  request: TraceRequest | undefined,
  unsplit: boolean,
): string {
  if (raw.trim() === '') {
    return 'blank';
  }
  if (issues.some((issue) => issue.field === 'GENDER')) {
    return 'invalid';
  }
  if (unsplit) {
    return 'unchecked';
  }
  if (request !== undefined) {
    return request.gender ?? 'blank';
  }
  const parsed = parseGender(raw);
  return parsed.success ? parsed.data : 'invalid';
}

/**
 * Adds one request row, as read, to the profile: which cells are filled, which are unusable and
 * why (from the row's errors and its checked request; the cells themselves are only tested for
 * blankness and, where the row failed for another reason, checked with the same readers), its
 * gender code and its row error. Reads no file and keeps no value.
 * @param profile - the profile, updated in place
 * @param row - the request row as read
 */
export function profileRow(profile: InputProfile, row: SourceRow): void {
  const { result } = row;
  const issues = result.success ? [] : result.issues;
  const request = result.success ? result.data : undefined;
  const unsplit = issues.length > 0 && issues.some((issue) => UNSPLIT_CODES.has(issue.code));
  profile.rows += 1;
  profile.unsplitRows += unsplit ? 1 : 0;
  const first = issues[0];
  if (first !== undefined) {
    bump(profile.rowErrors, first.code);
  }
  for (const column of PDS_MESH_REQUEST_COLUMNS) {
    const raw = row.row[column];
    if (raw.trim() === '') {
      continue;
    }
    const field = profile.fields[column];
    field.present += 1;
    // Most rows have no errors: then no search (and no function made for it) per column.
    const error = issues.length === 0 ? undefined : issues.find((issue) => issue.field === column);
    if (error !== undefined) {
      bump(field.unusable, `error-${error.code}`);
    } else if (unsplit) {
      field.unchecked += 1;
    } else {
      const problem = VALUE_CHECKS[column]?.(raw, request);
      if (problem !== undefined) {
        bump(field.unusable, problem);
      }
    }
  }
  if (request?.warnings.some((w) => w.code === 'birth-date-placeholder') === true) {
    bump(profile.fields.DATE_OF_BIRTH.cautions, 'birth-date-placeholder');
  }
  bump(profile.genders, genderOf(row.row.GENDER, issues, request, unsplit));
  let lines = 0;
  for (const column of PDS_MESH_ADDRESS_COLUMNS) {
    lines += row.row[column].trim() === '' ? 0 : 1;
  }
  profile.addressLines[lines] = (profile.addressLines[lines] ?? 0) + 1;
}
