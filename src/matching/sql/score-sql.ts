import { clampProbability, levelWeight, type TfColumn } from '../model/comparison.js';
import { priorWeight, type MatchModel } from '../model/model.js';
import { comparisonGammaSql } from './comparison-sql.js';

/**
 * The Fellegi-Sunter score as SQL: a comparison vector (one level index per comparison) and the
 * match weight, added in the same order as `score()` in TypeScript (prior, then each
 * comparison's level weight and term-frequency adjustment), so both give the same number.
 */

/** A double literal that DuckDB reads back to exactly the same value. */
export function doubleSql(value: number): string {
  return `CAST('${String(value)}' AS DOUBLE)`;
}

/** The match table column holding a term-frequency column's frequency on the register side. */
export const TF_SQL_COLUMN: Readonly<Record<TfColumn, string>> = {
  'given-name': 'tf_given',
  'family-name': 'tf_family',
  postcode: 'tf_postcode',
};

/**
 * The comparison vector columns `g0, g1, …` of a pair, in model order.
 * @param model - the model
 * @param sides - aliases of the request row (`q`) and register row (`r`)
 */
export function gammaColumnsSql(
  model: MatchModel,
  sides: { readonly q: string; readonly r: string },
): string {
  return model.comparisons
    .map((comparison, c) => `${comparisonGammaSql(comparison, sides)} AS g${String(c)}`)
    .join(',\n  ');
}

/**
 * The match weight of a pair from its comparison vector (`g0, g1, …`) and the register side's
 * term frequencies (`tf_given`, `tf_family`, `tf_postcode` of row `r`, NULL when unknown).
 * @param model - the model
 * @param r - alias of the relation holding the gammas and term frequencies
 */
export function weightSql(model: MatchModel, r: string): string {
  const minimum = model.termFrequency.minimumFrequency;
  let sum = doubleSql(priorWeight(model.lambda));
  model.comparisons.forEach((comparison, c) => {
    const gamma = `${r}.g${String(c)}`;
    const weights = comparison.levels
      .map((level, i) => `WHEN ${String(i)} THEN ${doubleSql(levelWeight(level))}`)
      .join(' ');
    sum = `(${sum} + CASE ${gamma} ${weights} END)`;
    const base = comparison.levels.find((l) => l.id === comparison.tfBase);
    const adjustments = comparison.levels.flatMap((level, i) => {
      if (level.tf === undefined) {
        return [];
      }
      const f = `${r}.${TF_SQL_COLUMN[level.tf]}`;
      const baseU = clampProbability((base ?? level).u);
      const frequency = `least(${doubleSql(1)}, greatest(${doubleSql(1e-10)}, greatest(${doubleSql(minimum)}, ${f})))`;
      return [
        `WHEN ${gamma} = ${String(i)} AND ${f} IS NOT NULL THEN log2(${doubleSql(baseU)} / ${frequency})`,
      ];
    });
    if (adjustments.length > 0) {
      sum = `(${sum} + CASE ${adjustments.join(' ')} ELSE ${doubleSql(0)} END)`;
    }
  });
  return sum;
}
