import type { Comparison, ComparisonLevel } from '../model/comparison.js';
import type { GenericRow } from './row.js';

/**
 * The parameters of a generic level: the engine's {@link ComparisonLevel} without its
 * `MatchRecord` test (a generic comparison classifies rows itself, see
 * {@link GenericComparison.levelOf}) and with `tf` as a flag: on an exact level, the u of the
 * comparison's own column is replaced by the value's frequency.
 */
export type GenericLevel = Omit<ComparisonLevel, 'test' | 'tf'> & { readonly tf?: true };

/**
 * A comparison over named CSV columns. It has the same identity, label, options and level
 * parameters as the engine's {@link Comparison}, so the engine's training functions estimate
 * it unchanged (through `toEngineModel`). What differs is how a pair is classified: one
 * function returns the level index, so an expensive similarity is computed once per pair, not
 * once per level.
 */
export interface GenericComparison extends Omit<Comparison, 'levels'> {
  /** The column compared (on both sides). */
  readonly column: string;
  readonly levels: readonly GenericLevel[];
  /**
   * The level a pair falls in: 0 (null) when either value is missing, the last (else) when no
   * other level applies. Symmetric in its arguments.
   */
  readonly levelOf: (left: GenericRow, right: GenericRow) => number;
}

/**
 * Starting m and u of the agree levels, strongest first, before any training: m falls from
 * 0.8 (most pairs of one person agree exactly), u rises from 0.005. The else level takes the
 * rest so each distribution sums to 1. EM re-estimates m and random sampling re-estimates u,
 * so these only seed training and fill levels the data never reaches.
 * @param count - number of agree levels (≥ 1)
 */
export function startingParameters(count: number): { m: number; u: number }[] {
  return Array.from({ length: count }, (_, i) =>
    i === 0 ? { m: 0.8, u: 0.005 } : { m: 0.1 / count, u: 0.01 * i },
  );
}

/**
 * Assembles the null, agree and else levels of a comparison with starting parameters.
 * @param column - the column, used in labels
 * @param agreeLevels - id and plain-English label of each agree level, strongest first
 * @param tfOnExact - mark the first agree level (the exact match) for term-frequency adjustment
 */
export function buildLevels(
  column: string,
  agreeLevels: readonly { readonly id: string; readonly label: string }[],
  tfOnExact: boolean,
): GenericLevel[] {
  const start = startingParameters(agreeLevels.length);
  const agree = agreeLevels.map((level, i): GenericLevel => {
    const { m, u } = start[i] ?? { m: 0.01, u: 0.01 };
    const base = { id: level.id, label: level.label, kind: 'agree' as const, m, u };
    return i === 0 && tfOnExact ? { ...base, tf: true } : base;
  });
  const m = 1 - agree.reduce((sum, level) => sum + level.m, 0);
  const u = 1 - agree.reduce((sum, level) => sum + level.u, 0);
  return [
    { id: 'null', label: `${column} missing`, kind: 'null', m: 1, u: 1 },
    ...agree,
    { id: 'else', label: `${column} differs`, kind: 'else', m, u },
  ];
}
