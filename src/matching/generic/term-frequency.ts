import type { GenericRow } from './row.js';
import { cell } from './row.js';

/** Per column, each value's share of the non-missing values (0–1). */
export type GenericTfTables = ReadonlyMap<string, ReadonlyMap<string, number>>;

/**
 * Counts how common each value is in the given columns over all rows of both files together
 * (Splink computes term frequencies over the union of the inputs).
 * @param columns - the columns with term-frequency adjustment
 * @param datasets - the rows of each input
 */
export function termFrequencies(
  columns: readonly string[],
  datasets: readonly (readonly GenericRow[])[],
): GenericTfTables {
  const tables = new Map<string, ReadonlyMap<string, number>>();
  for (const column of new Set(columns)) {
    const counts = new Map<string, number>();
    let total = 0;
    for (const rows of datasets) {
      for (const row of rows) {
        const value = cell(row, column);
        if (value !== undefined) {
          counts.set(value, (counts.get(value) ?? 0) + 1);
          total += 1;
        }
      }
    }
    tables.set(column, new Map([...counts].map(([value, n]) => [value, n / total])));
  }
  return tables;
}
