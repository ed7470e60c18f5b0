import { test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { levelWeight, MIN_PROBABILITY } from './model/comparison.js';
import { defaultModel } from './model/default-model.js';
import { priorWeight } from './model/model.js';
import {
  tfAdjustment,
  tfLookupFromTables,
  type TermFrequencyLookup,
} from './model/term-frequency.js';
import { buildMatchRecord } from './record-builder.js';
import type { MatchRecord } from './record.js';
import { matchInput } from './test-support/arbitraries.js';
import { ASHWORTH } from './test-support/fixtures.js';
import { compareRecords, pairWeight, probabilityFromWeight, score, scorePair } from './weights.js';

const model = defaultModel();

describe('weight arithmetic', () => {
  it('turns weights into probabilities: 0 → 0.5, 1 → 2/3, ±large stays finite', () => {
    expect(probabilityFromWeight(0)).toBe(0.5);
    expect(probabilityFromWeight(1)).toBeCloseTo(2 / 3, 15);
    expect(probabilityFromWeight(-1)).toBeCloseTo(1 / 3, 15);
    expect(probabilityFromWeight(3)).toBeCloseTo(8 / 9, 15);
    expect(probabilityFromWeight(2000)).toBe(1);
    expect(probabilityFromWeight(-2000)).toBe(0);
  });

  it('prior is log2(λ/(1−λ))', () => {
    expect(priorWeight(0.5)).toBe(0);
    expect(priorWeight(1 / 9)).toBeCloseTo(-3, 12);
  });

  it('clamps m and u before the logarithm', () => {
    const level = { id: 'x', label: 'x', kind: 'agree' as const, m: 0.5, u: 0, test: () => true };
    expect(levelWeight(level)).toBeCloseTo(Math.log2(0.5 / MIN_PROBABILITY), 12);
    expect(levelWeight({ ...level, kind: 'null' })).toBe(0);
    expect(levelWeight({ ...level, kind: 'neutral' })).toBe(0);
  });

  it('sums prior and level weights: weight = prior + Σ log2(m/u)', () => {
    const a = buildMatchRecord(ASHWORTH.margaret);
    const b = buildMatchRecord({ ...ASHWORTH.margaret, nhsNumber: '', givenNames: 'Peggy' });
    const result = score(a, b, model);
    const byComparison = Object.fromEntries(
      result.contributions.map((c) => [c.comparison, c.level]),
    );
    expect(byComparison).toEqual({
      'nhs-number': 'null',
      'given-name': 'nickname',
      'family-name': 'exact',
      'date-of-birth': 'exact',
      gender: 'match',
      postcode: 'same-house',
      address: 'postcode-agrees',
    });
    const expected =
      Math.log2(1e-6 / (1 - 1e-6)) +
      Math.log2(0.04 / 0.0015) +
      Math.log2(0.86 / 0.002) +
      Math.log2(0.88 / 0.000034) +
      Math.log2(0.98 / 0.5) +
      Math.log2(0.65 / 0.0000005);
    expect(result.weight).toBeCloseTo(expected, 10);
    expect(result.probability).toBeCloseTo(2 ** expected / (1 + 2 ** expected), 12);
  });
});

describe('scoring a pair whose comparison vector is known', () => {
  const a = buildMatchRecord(ASHWORTH.margaret);
  const b = buildMatchRecord({ ...ASHWORTH.margaret, nhsNumber: '', givenNames: 'Peggy' });

  it('gives what score gives when the vector is the pair’s own', () => {
    const levels = compareRecords(a, b, model);
    expect(scorePair({ left: a, right: b, levels }, model)).toEqual(score(a, b, model));
  });

  it('takes each level from the vector rather than working it out again', () => {
    const levels = model.comparisons.map((c) => c.levels.length - 1);
    const result = scorePair({ left: a, right: b, levels }, model);
    expect(result.contributions.map((c) => c.level)).toEqual(
      model.comparisons.map((c) => c.levels.at(-1)?.id),
    );
    expect(result.weight).toBeLessThan(score(a, b, model).weight);
  });

  it('shares one frozen contribution per level between pairs, unless a frequency adjusts it', () => {
    const first = score(a, b, model).contributions;
    const second = score(b, a, model).contributions;
    first.forEach((c, i) => {
      expect(c).toBe(second[i]);
      expect(Object.isFrozen(c)).toBe(true);
    });
    const lookup = tfLookupFromTables({ 'family-name': new Map([[a.familyName ?? '', 0.5]]) });
    const family = (result: ReturnType<typeof score>) =>
      result.contributions.find((c) => c.comparison === 'family-name');
    const adjusted = family(score(a, b, model, lookup));
    expect(adjusted?.tfAdjustment).not.toBe(0);
    expect(adjusted).not.toBe(family(score(a, b, model)));
    expect(family(score(a, b, model))?.tfAdjustment).toBe(0);
  });
});

describe('term-frequency adjustment', () => {
  const lookup = tfLookupFromTables({
    'family-name': new Map([
      ['SMITH', 0.012],
      ['ASHWORTH', 0.00004],
    ]),
  });
  const pair = (familyName: string): ReturnType<typeof score> =>
    score(buildMatchRecord({ familyName }), buildMatchRecord({ familyName }), model, lookup);
  const familyTf = (familyName: string): number =>
    pair(familyName).contributions.find((c) => c.comparison === 'family-name')?.tfAdjustment ?? NaN;

  it('makes a common name weaker and a rare one stronger: log2(u / frequency)', () => {
    expect(familyTf('SMITH')).toBeCloseTo(Math.log2(0.002 / 0.012), 12);
    expect(familyTf('ASHWORTH')).toBeCloseTo(Math.log2(0.002 / 0.00004), 12);
    expect(pair('SMITH').weight).toBeLessThan(pair('ASHWORTH').weight);
  });

  it('adjusts "same house" by the postcode frequency against the plain postcode level', () => {
    const home = { postcode: 'LS6 2QT', addressLines: ['14 Elm Grove'] };
    const careHome = tfLookupFromTables({ postcode: new Map([['LS6 2QT', 0.0002]]) });
    const result = score(buildMatchRecord(home), buildMatchRecord(home), model, careHome);
    const postcode = result.contributions.find((c) => c.comparison === 'postcode');
    expect(postcode?.level).toBe('same-house');
    expect(postcode?.tfAdjustment).toBeCloseTo(Math.log2(0.00001 / 0.0002), 12);
  });

  it('raises tiny frequencies to the minimum, so one rare spelling cannot dominate', () => {
    const rare = tfLookupFromTables({ 'family-name': new Map([['QZWX', 1e-12]]) });
    const result = score(
      buildMatchRecord({ familyName: 'Qzwx' }),
      buildMatchRecord({ familyName: 'Qzwx' }),
      model,
      rare,
    );
    const family = result.contributions.find((c) => c.comparison === 'family-name');
    expect(family?.tfAdjustment).toBeCloseTo(Math.log2(0.002 / 1e-6), 12);
  });

  it('takes the larger frequency when the two sides hold different values', () => {
    const exact = model.comparisons.find((c) => c.id === 'family-name');
    const level = exact?.levels.find((l) => l.tf === 'family-name');
    if (exact === undefined || level === undefined) {
      throw new Error('the default model has an exact family-name level with a frequency');
    }
    const where = { comparison: exact, level };
    const context = { lookup, minimumFrequency: model.termFrequency.minimumFrequency };
    const smith = buildMatchRecord({ familyName: 'Smith' });
    const ashworth = buildMatchRecord({ familyName: 'Ashworth' });
    const expected = Math.log2(0.002 / 0.012);
    expect(tfAdjustment(where, smith, ashworth, context)).toBeCloseTo(expected, 12);
    expect(tfAdjustment(where, ashworth, smith, context)).toBeCloseTo(expected, 12);
  });

  it('looks a value both sides hold up once', () => {
    const asked: string[] = [];
    const counting: TermFrequencyLookup = (column, value) => {
      asked.push(value);
      return lookup(column, value);
    };
    const ashworth = buildMatchRecord({ familyName: 'Ashworth' });
    score(ashworth, buildMatchRecord({ familyName: 'Ashworth' }), model, counting);
    expect(asked.filter((value) => value === 'ASHWORTH')).toHaveLength(1);
  });

  it('is 0 for values not in the table and without a table', () => {
    expect(familyTf('PATEL')).toBe(0);
    const plain = score(
      buildMatchRecord({ familyName: 'SMITH' }),
      buildMatchRecord({ familyName: 'SMITH' }),
      model,
    );
    expect(plain.contributions.every((c) => c.tfAdjustment === 0)).toBe(true);
  });
});

describe('properties of the default model', () => {
  test.prop([matchInput, matchInput])(
    'pairWeight is the weight scorePair gives, to the last bit',
    (a, b) => {
      const left = buildMatchRecord(a);
      const built = buildMatchRecord(b);
      const right: MatchRecord =
        left.familyName === undefined ? built : { ...built, familyName: left.familyName };
      // Term frequencies of the left side's values (the right shares its family name).
      const lookup = tfLookupFromTables({
        'family-name': new Map(left.familyName === undefined ? [] : [[left.familyName, 0.0123]]),
        'given-name': new Map(left.givenFirst === undefined ? [] : [[left.givenFirst, 0.5]]),
      });
      const levels = compareRecords(left, right, model);
      expect(pairWeight({ left, right, levels }, model, lookup)).toBe(
        scorePair({ left, right }, model, lookup).weight,
      );
    },
  );

  test.prop([matchInput, matchInput])('score(a, b) equals score(b, a)', (a, b) => {
    const left = buildMatchRecord(a);
    const right = buildMatchRecord(b);
    expect(score(left, right, model)).toEqual(score(right, left, model));
  });

  it('weights never increase down the levels of a comparison', () => {
    for (const comparison of model.comparisons) {
      const weights = comparison.levels
        .filter((level) => level.kind === 'agree' || level.kind === 'else')
        .map(levelWeight);
      weights.slice(1).forEach((w, i) => {
        expect(w, `${comparison.id} level ${i + 1}`).toBeLessThanOrEqual(weights[i]!);
      });
    }
  });

  it('m and u each sum to 1 over the levels that carry evidence', () => {
    for (const comparison of model.comparisons) {
      const trainable = comparison.levels.filter(
        (level) => level.kind === 'agree' || level.kind === 'else',
      );
      expect(
        trainable.reduce((s, l) => s + l.m, 0),
        comparison.id,
      ).toBeCloseTo(1, 12);
      expect(
        trainable.reduce((s, l) => s + l.u, 0),
        comparison.id,
      ).toBeCloseTo(1, 12);
      expect(
        trainable.every((l) => l.m > 0 && l.u > 0),
        comparison.id,
      ).toBe(true);
    }
  });

  it('a full agreement is a near-certain match, a stranger a near-certain non-match', () => {
    const margaret = buildMatchRecord(ASHWORTH.margaret);
    expect(score(margaret, margaret, model).probability).toBeGreaterThan(0.999999);
    expect(score(margaret, buildMatchRecord(ASHWORTH.oliver), model).probability).toBeLessThan(
      0.001,
    );
  });
});
