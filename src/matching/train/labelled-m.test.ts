import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTrainable, type Comparison, type ComparisonLevel } from '../model/comparison.js';
import { defaultModel } from '../model/default-model.js';
import type { MatchModel } from '../model/model.js';
import { combineLabelledM } from './labelled-m.js';
import type { LabelledVector } from './labelled.js';

const level = (
  id: string,
  kind: ComparisonLevel['kind'],
  m: number,
  u: number,
): ComparisonLevel => ({
  id,
  label: id,
  kind,
  m,
  u,
  test: () => true,
});

/** One comparison: null, exact, close, far, else; EM m 0.6 / 0.2 / 0.15 / 0.05. */
const comparison: Comparison = {
  id: 'name',
  label: 'name',
  options: {},
  levels: [
    level('null', 'null', 1, 1),
    level('exact', 'agree', 0.6, 0.01),
    level('close', 'agree', 0.2, 0.05),
    level('far', 'agree', 0.15, 0.1),
    level('else', 'else', 0.05, 0.84),
  ],
};

const model: MatchModel = { ...defaultModel(), comparisons: [comparison], provenance: [] };

/** Labelled matches: `counts[i]` pairs at level i. */
function matches(counts: readonly number[], isMatch = true): LabelledVector[] {
  return counts.flatMap((n, i) => Array.from({ length: n }, () => ({ vector: [i], isMatch })));
}

const mOf = (trained: MatchModel): number[] => trained.comparisons[0]?.levels.map((l) => l.m) ?? [];
const uOf = (trained: MatchModel): number[] => trained.comparisons[0]?.levels.map((l) => l.u) ?? [];

describe('combineLabelledM (m from reviewers’ labelled matches)', () => {
  it('takes m as the labelled frequency when every level has enough labels', () => {
    // 7 matches at the null level are ignored: a missing value says nothing about m.
    const result = combineLabelledM(model, matches([7, 30, 10, 10, 10]), { minimumMatches: 10 });
    const m = mOf(result.model);
    expect(m[0]).toBe(1);
    expect(m.slice(1).map((x) => x.toFixed(4))).toEqual(['0.5000', '0.1667', '0.1667', '0.1667']);
    expect(result.fromLabels).toEqual([
      'name/exact (30)',
      'name/close (10)',
      'name/far (10)',
      'name/else (10)',
    ]);
    expect(result.fromEm).toEqual([]);
    expect(uOf(result.model)).toEqual(uOf(model));
  });

  it('splits a well-counted pool of sparse levels as EM did, at its labelled share', () => {
    // far + else: 6 + 6 = 12 ≥ 10 labelled matches together, though neither level has 10.
    const result = combineLabelledM(model, matches([0, 40, 20, 6, 6]), { minimumMatches: 10 });
    const m = mOf(result.model);
    expect(m[1]).toBeCloseTo(40 / 72, 12);
    expect(m[2]).toBeCloseTo(20 / 72, 12);
    expect(m[3]).toBeCloseTo((12 / 72) * 0.75, 12);
    expect(m[4]).toBeCloseTo((12 / 72) * 0.25, 12);
    expect(result.fromEm).toEqual(['name/far (6)', 'name/else (6)']);
  });

  it('keeps EM m for a pool with too few labels; labelled levels share the rest by count', () => {
    const result = combineLabelledM(model, matches([0, 50, 10, 2, 1]), { minimumMatches: 10 });
    const m = mOf(result.model);
    expect(m[3]).toBe(0.15);
    expect(m[4]).toBe(0.05);
    expect(m[1]).toBeCloseTo(0.8 * (50 / 60), 12);
    expect(m[2]).toBeCloseTo(0.8 * (10 / 60), 12);
    expect(result.fromLabels).toEqual(['name/exact (50)', 'name/close (10)']);
    expect(result.fromEm).toEqual(['name/far (2)', 'name/else (1)']);
  });

  it('leaves a comparison as EM had it when no level reaches the minimum', () => {
    const result = combineLabelledM(model, matches([0, 9, 3, 0, 1]), { minimumMatches: 10 });
    expect(result.model.comparisons).toEqual(model.comparisons);
    expect(result.fromLabels).toEqual([]);
    expect(result.fromEm).toHaveLength(4);
  });

  it('estimates nothing from non-matches (u stays from random pairs) but counts them', () => {
    const labelled = [...matches([0, 30, 10, 10, 10]), ...matches([0, 1, 5, 20, 40], false)];
    const withNon = combineLabelledM(model, labelled, { minimumMatches: 10, at: '2026-01-01' });
    const without = combineLabelledM(model, matches([0, 30, 10, 10, 10]), { minimumMatches: 10 });
    expect(withNon.model.comparisons).toEqual(without.model.comparisons);
    expect(withNon.nonMatches).toBe(66);
    expect(withNon.model.provenance).toHaveLength(1);
    const [step] = withNon.model.provenance;
    expect(step?.step).toBe('labelled-pairs');
    expect(step?.at).toBe('2026-01-01');
    expect(step?.description).toMatch(/^m from 60 reviewer-labelled matches for 4 level/);
    expect(step?.details).toMatchObject({
      matches: 60,
      nonMatches: 66,
      minimumMatchesPerLevel: 10,
      levelsFromLabels: 'name/exact (30), name/close (10), name/far (10), name/else (10)',
      levelsFromEm: '',
      u: 'random pairs',
    });
  });

  it('always leaves trainable m summing to 1, labelled levels in the labels’ proportions', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(40), { minLength: 5, maxLength: 5 }),
        fc.integer({ min: 1, max: 20 }),
        (counts, minimum) => {
          const trained = combineLabelledM(model, matches(counts), { minimumMatches: minimum });
          const levels = trained.model.comparisons[0]?.levels ?? [];
          const total = levels.filter(isTrainable).reduce((s, l) => s + l.m, 0);
          expect(total).toBeCloseTo(1, 9);
          for (const l of levels) {
            expect(l.m).toBeGreaterThanOrEqual(0);
          }
          expect(trained.fromLabels.length + trained.fromEm.length).toBe(4);
          // Labelled levels keep the labels' proportions: m / count is one constant.
          const ratios = levels
            .map((l, i) => [l, counts[i] ?? 0] as const)
            .filter(([l, n]) => isTrainable(l) && n >= minimum)
            .map(([l, n]) => l.m / n);
          for (const r of ratios) {
            expect(r).toBeCloseTo(ratios[0] ?? r, 9);
          }
        },
      ),
    );
  });
});
