import type { MatchRecord } from '../record.js';
import type { Comparison, ComparisonLevel, TfColumn } from './comparison.js';
import { clampProbability } from './comparison.js';

/**
 * Looks up how common a value is: its share of register records (0–1), e.g. `SMITH` ≈ 0.012,
 * or `undefined` when unknown (then no adjustment is made). The store computes the table; the
 * engine only reads it.
 */
export type TermFrequencyLookup = (column: TfColumn, value: string) => number | undefined;

/**
 * A lookup over in-memory tables of relative frequencies.
 * @param tables - per column, value → share of records
 */
export function tfLookupFromTables(
  tables: Partial<Record<TfColumn, ReadonlyMap<string, number>>>,
): TermFrequencyLookup {
  return (column, value) => tables[column]?.get(value);
}

/** Every term-frequency column (the values {@link tfValue} reads). */
export const TF_COLUMNS: readonly TfColumn[] = ['family-name', 'given-name', 'postcode'];

/** The record's value for a term-frequency column. */
export function tfValue(record: MatchRecord, column: TfColumn): string | undefined {
  switch (column) {
    case 'given-name':
      return record.givenFirst;
    case 'family-name':
      return record.familyName;
    case 'postcode':
      return record.postcode?.full;
  }
}

/** A value's frequency when the lookup knows it as a finite number. */
function known(
  lookup: TermFrequencyLookup,
  column: TfColumn,
  value: string | undefined,
): number | undefined {
  const frequency = value === undefined ? undefined : lookup(column, value);
  return frequency !== undefined && Number.isFinite(frequency) ? frequency : undefined;
}

/**
 * The term-frequency adjustment of a level in bits (Splink term-frequency.md): for an exact
 * match the level's average u is replaced by the value's own frequency, so the extra weight is
 * `log2(u / frequency)`: negative for common values (SMITH), positive for rare ones. 0 when the
 * level has no term-frequency column, no lookup is given, or the value's frequency is unknown.
 * Symmetric: uses the larger of the two sides' frequencies. The reference u is that of the
 * comparison's `tfBase` level (the plain exact match), so conditional levels such as "same
 * postcode and same house" adjust by the same amount as "same postcode".
 * @param where - the comparison and the level of it the pair fell in
 * @param left - one record
 * @param right - the other
 * @param context - the lookup and the minimum frequency
 */
export function tfAdjustment(
  where: { readonly comparison: Comparison; readonly level: ComparisonLevel },
  left: MatchRecord,
  right: MatchRecord,
  context: { readonly lookup?: TermFrequencyLookup; readonly minimumFrequency: number },
): number {
  const { comparison, level } = where;
  const { tf: column } = level;
  const { lookup } = context;
  if (column === undefined || lookup === undefined) {
    return 0;
  }
  // Each side's frequency, without arrays: this runs for every term-frequency level of every
  // pair scored. A term-frequency level is an agreement on the value, so the two sides mostly
  // hold the same one: it is then looked up once (a look-up in a table of hundreds of
  // thousands of postcodes is a cache miss or two).
  const leftValue = tfValue(left, column);
  const rightValue = tfValue(right, column);
  const leftFrequency = known(lookup, column, leftValue);
  const rightFrequency =
    rightValue === leftValue ? leftFrequency : known(lookup, column, rightValue);
  if (leftFrequency === undefined && rightFrequency === undefined) {
    return 0;
  }
  const frequency = Math.max(
    context.minimumFrequency,
    leftFrequency ?? -Infinity,
    rightFrequency ?? -Infinity,
  );
  const base = comparison.levels.find((l) => l.id === comparison.tfBase) ?? level;
  return Math.log2(clampProbability(base.u) / clampProbability(frequency));
}
