/**
 * A row of any CSV file, by column name. Empty and absent values are both "missing": the
 * comparisons put a pair with a missing value in the null level (weight 0).
 */
export type GenericRow = Readonly<Record<string, string | undefined>>;

/**
 * The value of a column, or `undefined` when it is absent or blank.
 * @param row - the row
 * @param column - the column name
 */
export function cell(row: GenericRow, column: string): string | undefined {
  const value = row[column];
  return value === undefined || value === '' ? undefined : value;
}
