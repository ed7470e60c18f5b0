import { describe, expect, it } from 'vitest';
import { isTrainable, type Comparison } from '../model/comparison.js';
import { defaultModel } from '../model/default-model.js';
import type { MatchModel } from '../model/model.js';
import { serialiseModel } from '../settings.js';
import { expectationMaximisation, roundRobinEm } from './em.js';
import { estimateFromLabelledPairs } from './labelled.js';
import { estimateLambdaFromRules } from './lambda.js';
import { simulateVectors } from './simulate.js';
import { estimateUFromRandomPairs } from './u-random.js';

const start = defaultModel();

/** A "true" model unlike the defaults: m moved 30% of the way towards uniform. */
function shiftedM(model: MatchModel): MatchModel {
  const shift = (c: Comparison): Comparison => {
    const n = c.levels.filter(isTrainable).length;
    return {
      ...c,
      levels: c.levels.map((l) => (isTrainable(l) ? { ...l, m: 0.7 * l.m + 0.3 / n } : l)),
    };
  };
  return { ...model, comparisons: model.comparisons.map(shift) };
}

function maxMError(a: MatchModel, b: MatchModel, only?: (id: string) => boolean): number {
  let worst = 0;
  a.comparisons.forEach((c, i) => {
    if (only !== undefined && !only(c.id)) {
      return;
    }
    c.levels.forEach((l, j) => {
      if (isTrainable(l)) {
        worst = Math.max(worst, Math.abs(l.m - (b.comparisons[i]?.levels[j]?.m ?? NaN)));
      }
    });
  });
  return worst;
}

const truth = shiftedM(start);
const blocked = simulateVectors(truth, { pairs: 20_000, lambda: 0.3, nullRate: 0.1, seed: 7 });
const vectors = blocked.map((p) => p.vector);

describe('expectation-maximisation', () => {
  it('recovers m and the blocked λ of a simulated model (within 0.02)', () => {
    expect(maxMError(start, truth)).toBeGreaterThan(0.05);
    const result = expectationMaximisation(start, vectors, { initialLambda: 0.05 });
    expect(result.converged).toBe(true);
    expect(result.blockedLambda).toBeCloseTo(0.3, 1);
    expect(Math.abs(result.blockedLambda - 0.3)).toBeLessThan(0.02);
    expect(maxMError(result.model, truth)).toBeLessThan(0.02);
    expect(result.model.provenance.at(-1)).toMatchObject({
      step: 'm-expectation-maximisation',
      details: { pairs: 20_000, converged: true },
    });
  });

  it('gives the same model from vectors counted by pattern as from the repeated vectors', () => {
    const patterns = new Map<string, { vector: readonly number[]; n: number }>();
    for (const vector of vectors) {
      const key = vector.join(',');
      const seen = patterns.get(key);
      patterns.set(key, { vector, n: (seen?.n ?? 0) + 1 });
    }
    const distinct = [...patterns.values()];
    expect(distinct.length).toBeLessThan(vectors.length / 2);
    const repeated = expectationMaximisation(start, vectors, { initialLambda: 0.05 });
    const counted = expectationMaximisation(
      start,
      distinct.map((p) => p.vector),
      { initialLambda: 0.05, counts: distinct.map((p) => p.n) },
    );
    expect(counted.iterations).toBe(repeated.iterations);
    expect(counted.blockedLambda).toBeCloseTo(repeated.blockedLambda, 9);
    counted.model.comparisons.forEach((comparison, c) => {
      comparison.levels.forEach((level, l) => {
        expect(level.m).toBeCloseTo(repeated.model.comparisons[c]?.levels[l]?.m ?? NaN, 9);
      });
    });
    expect(counted.model.provenance.at(-1)).toMatchObject({ details: { pairs: 20_000 } });
  });

  it('leaves the comparisons used for blocking alone, and the input model untouched', () => {
    const before = serialiseModel(start);
    const result = expectationMaximisation(start, vectors, {
      fixed: ['date-of-birth', 'postcode'],
    });
    expect(result.model.comparisons[3]).toBe(start.comparisons[3]);
    expect(result.model.comparisons[5]).toBe(start.comparisons[5]);
    expect(maxMError(result.model, truth, (id) => id === 'family-name')).toBeLessThan(0.03);
    expect(serialiseModel(start)).toBe(before);
  });

  it('round robin averages the passes that estimated each comparison', () => {
    const passA = { fixed: ['date-of-birth'], vectors: vectors.slice(0, 10_000) };
    const passB = { fixed: ['given-name', 'family-name'], vectors: vectors.slice(10_000) };
    const model = roundRobinEm(start, [passA, passB]);
    const a = expectationMaximisation(start, passA.vectors, { fixed: passA.fixed }).model;
    const b = expectationMaximisation(start, passB.vectors, { fixed: passB.fixed }).model;
    expect(model.comparisons[1]?.levels[1]?.m).toBe(a.comparisons[1]?.levels[1]?.m);
    expect(model.comparisons[3]?.levels[1]?.m).toBe(b.comparisons[3]?.levels[1]?.m);
    const gender =
      ((a.comparisons[4]?.levels[1]?.m ?? 0) + (b.comparisons[4]?.levels[1]?.m ?? 0)) / 2;
    expect(model.comparisons[4]?.levels[1]?.m).toBeCloseTo(gender, 15);
    expect(model.provenance.filter((s) => s.step === 'm-expectation-maximisation')).toHaveLength(2);
    expect(maxMError(model, truth)).toBeLessThan(0.03);
  });
});

describe('u from random pairs', () => {
  it('is each level’s share of random (non-matching) pairs; unseen levels keep their u', () => {
    const uniformU: MatchModel = {
      ...start,
      comparisons: start.comparisons.map((c) => {
        const n = c.levels.filter(isTrainable).length;
        return { ...c, levels: c.levels.map((l) => (isTrainable(l) ? { ...l, u: 1 / n } : l)) };
      }),
    };
    const random = simulateVectors(uniformU, { pairs: 30_000, lambda: 0, nullRate: 0.2, seed: 3 });
    const model = estimateUFromRandomPairs(
      start,
      random.map((p) => p.vector),
      '2026-11-22T03:00:00Z',
    );
    model.comparisons.forEach((c) => {
      const trainable = c.levels.filter(isTrainable);
      for (const l of trainable) {
        expect(l.u).toBeCloseTo(1 / trainable.length, 1);
      }
      expect(trainable.reduce((s, l) => s + l.u, 0)).toBeCloseTo(1, 12);
    });
    expect(model.provenance.at(-1)).toMatchObject({
      step: 'u-random-sampling',
      at: '2026-11-22T03:00:00Z',
    });
  });

  it('keeps the u of levels no random pair reached', () => {
    const model = estimateUFromRandomPairs(start, [[3, 9, 8, 8, 2, 7, 6]]);
    expect(model.comparisons[1]?.levels[1]?.u).toBe(start.comparisons[1]?.levels[1]?.u);
    expect(model.comparisons[1]?.levels.at(-1)?.u).toBeCloseTo(1 - 0.0255, 12);
    expect(model.provenance.at(-1)?.details['unobservedLevels']).toContain('given-name/exact');
  });
});

describe('λ from deterministic rules', () => {
  it('is rule matches ÷ recall ÷ all pairs', () => {
    const result = estimateLambdaFromRules(start, {
      pairsMatchedByRules: 800,
      totalPairs: 1e9,
      recall: 0.8,
    });
    expect(result.success && result.data.lambda).toBeCloseTo(1e-6, 15);
  });

  it('reports impossible inputs', () => {
    const result = estimateLambdaFromRules(start, {
      pairsMatchedByRules: 0,
      totalPairs: 0,
      recall: 1.5,
    });
    expect(result.success ? [] : result.issues.map((i) => i.code)).toEqual([
      'bad-recall',
      'bad-pairs',
      'no-rule-matches',
    ]);
  });
});

describe('m and u from labelled pairs', () => {
  it('recovers m from labelled matches and u from labelled non-matches', () => {
    const labelled = simulateVectors(truth, { pairs: 20_000, lambda: 0.5, seed: 11 });
    const model = estimateFromLabelledPairs(start, labelled);
    expect(maxMError(model, truth)).toBeLessThan(0.02);
    expect(model.comparisons[4]?.levels[1]?.u).toBeCloseTo(0.5, 1);
  });
});
