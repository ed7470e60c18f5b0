/** What the generator knows about one request row, written to the ground-truth CSV. */
export interface GroundTruth {
  readonly reference: string;
  /** The register NHS Number of the person the row describes; '' when not in the register. */
  readonly trueNhsNumber: string;
  readonly inRegister: boolean;
  /** For the second row of a person exported twice: the reference of the first row. */
  readonly duplicateOf: string;
  /** The error patterns applied to this row (names from ERROR_RATES). */
  readonly errors: readonly string[];
}

/** Columns of the ground-truth CSV, in order. */
export const GROUND_TRUTH_COLUMNS = [
  'UNIQUE REFERENCE',
  'TRUE_NHS_NO',
  'IN_REGISTER',
  'DUPLICATE_OF',
  'ERRORS',
] as const;

/** One ground-truth CSV row; errors are joined with `;`. */
export function groundTruthRow(truth: GroundTruth): readonly string[] {
  return [
    truth.reference,
    truth.trueNhsNumber,
    truth.inRegister ? 'Y' : 'N',
    truth.duplicateOf,
    truth.errors.join(';'),
  ];
}
