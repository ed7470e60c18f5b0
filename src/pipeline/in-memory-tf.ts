import {
  TF_COLUMNS,
  tfLookupFromTables,
  tfValue,
  type MatchRecord,
  type TermFrequencyLookup,
  type TfColumn,
} from '../matching/index.js';

/**
 * Term-frequency tables of a register held in memory: for family name, first given name and
 * postcode, each value's share of the records that have the field (0–1). The SQL path computes
 * the same with `GROUP BY`.
 * @param records - the register's records
 */
export function termFrequencyTables(
  records: Iterable<MatchRecord>,
): Record<TfColumn, Map<string, number>> {
  const counts = new Map(TF_COLUMNS.map((c) => [c, new Map<string, number>()]));
  const totals = new Map(TF_COLUMNS.map((c) => [c, 0]));
  for (const record of records) {
    for (const column of TF_COLUMNS) {
      const value = tfValue(record, column);
      const map = counts.get(column);
      if (value !== undefined && map !== undefined) {
        map.set(value, (map.get(value) ?? 0) + 1);
        totals.set(column, (totals.get(column) ?? 0) + 1);
      }
    }
  }
  const share = (column: TfColumn): Map<string, number> => {
    const total = totals.get(column) ?? 0;
    const map = counts.get(column) ?? new Map<string, number>();
    return new Map([...map].map(([value, n]) => [value, total > 0 ? n / total : 0]));
  };
  return {
    'family-name': share('family-name'),
    'given-name': share('given-name'),
    postcode: share('postcode'),
  };
}

/**
 * The term-frequency lookup for a register in memory ({@link termFrequencyTables}).
 * @param records - the register's records
 */
export function inMemoryTermFrequencies(records: Iterable<MatchRecord>): TermFrequencyLookup {
  return tfLookupFromTables(termFrequencyTables(records));
}
