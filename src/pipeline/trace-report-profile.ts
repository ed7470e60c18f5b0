import {
  PDS_MESH_REQUEST_COLUMNS,
  type PdsMeshRequestColumn,
} from '../formats/pds-mesh-columns.js';
import { CODE_LABELS, GENDER_LABELS, labelOf, PROBLEM_LABELS } from './trace-report-labels.js';
import type { InputProfile } from './trace-profile.js';

/** A count, its share of the rows it is counted over (0-1), and what it counts. */
export interface LabelledCount {
  readonly code: string;
  readonly label: string;
  readonly count: number;
  readonly rate: number;
}

/** One request column in the data-quality profile; rates are shares of all data rows. */
export interface FieldReport {
  readonly column: PdsMeshRequestColumn;
  readonly present: { readonly count: number; readonly rate: number };
  /** Present, checked and usable. */
  readonly usable: { readonly count: number; readonly rate: number };
  /** Present but unusable, by reason, most common first. */
  readonly unusable: readonly LabelledCount[];
  /** Present and used, but worth a look. */
  readonly cautions: readonly LabelledCount[];
  /** Present in rows that could not be read field by field. */
  readonly unchecked: number;
}

/** The data-quality profile of the request file, as the report gives it. */
export interface InputProfileReport {
  readonly rows: number;
  /** Rows that could not be read field by field (codes `01`, `16`, `17`). */
  readonly unsplitRows: number;
  /** Columns in PDS MESH order: the ones a trace uses always, the others when filled anywhere. */
  readonly fields: readonly FieldReport[];
  readonly genders: readonly LabelledCount[];
  /** Rows by how many address lines they fill; index 0 to 5. */
  readonly addressLines: readonly {
    readonly lines: number;
    readonly count: number;
    readonly rate: number;
  }[];
  /** Rows not traced (a row error, or `96`), by the response's code, most common first. */
  readonly rowErrors: readonly LabelledCount[];
}

/** The columns a trace reads: always shown, even when empty everywhere. */
export const TRACED_COLUMNS: ReadonlySet<PdsMeshRequestColumn> = new Set([
  'UNIQUE REFERENCE',
  'NHS_NO',
  'FAMILY_NAME',
  'GIVEN_NAME',
  'GENDER',
  'DATE_OF_BIRTH',
  'POSTCODE',
  'ADDRESS_LINE1',
]);

function listed(
  tally: Readonly<Record<string, number>>,
  labels: Readonly<Record<string, string>>,
  rows: number,
): LabelledCount[] {
  return Object.entries(tally)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([code, count]) => ({
      code,
      label: labelOf(labels, code),
      count,
      rate: rows === 0 ? 0 : count / rows,
    }));
}

/**
 * The data-quality profile as the report gives it: rates and plain-English labels.
 * @param profile - the profile counted while the file streamed
 */
export function inputProfileReport(profile: InputProfile): InputProfileReport {
  const { rows } = profile;
  const share = (count: number): { count: number; rate: number } => ({
    count,
    rate: rows === 0 ? 0 : count / rows,
  });
  const fields = PDS_MESH_REQUEST_COLUMNS.filter(
    (column) => TRACED_COLUMNS.has(column) || profile.fields[column].present > 0,
  ).map((column): FieldReport => {
    const field = profile.fields[column];
    const unusable = Object.values(field.unusable).reduce((sum, n) => sum + n, 0);
    return {
      column,
      present: share(field.present),
      usable: share(field.present - unusable - field.unchecked),
      unusable: listed(field.unusable, PROBLEM_LABELS, rows),
      cautions: listed(field.cautions, PROBLEM_LABELS, rows),
      unchecked: field.unchecked,
    };
  });
  return {
    rows,
    unsplitRows: profile.unsplitRows,
    fields,
    genders: listed(profile.genders, GENDER_LABELS, rows),
    addressLines: profile.addressLines.map((count, lines) => ({ lines, ...share(count) })),
    rowErrors: listed(profile.rowErrors, CODE_LABELS, rows),
  };
}
