import { describe, expect, it } from 'vitest';
import { buildMatchRecord, defaultModel, levelWeight, type MatchModel } from '../matching/index.js';
import { acceptedByRules, trainInMemory } from './in-memory-train.js';
import { floorWeights } from './in-memory-train-floor.js';

function withM(model: MatchModel, comparison: string, level: string, m: number): MatchModel {
  return {
    ...model,
    comparisons: model.comparisons.map((c) =>
      c.id !== comparison
        ? c
        : { ...c, levels: c.levels.map((l) => (l.id === level ? { ...l, m } : l)) },
    ),
  };
}

describe('floorWeights', () => {
  it('raises an agreement level that weighs less than disagreement, keeping Σm = 1', () => {
    const floored = floorWeights(withM(defaultModel(), 'given-name', 'other-given', 1e-9));
    const given = floored.comparisons.find((c) => c.id === 'given-name')!;
    const weight = (id: string) => levelWeight(given.levels.find((l) => l.id === id)!);
    expect(weight('other-given')).toBeCloseTo(weight('else'), 6);
    const sum = given.levels.reduce(
      (s, l) => s + (l.kind === 'null' || l.kind === 'neutral' ? 0 : l.m),
      0,
    );
    expect(sum).toBeCloseTo(1, 9);
    expect(floored.provenance.at(-1)).toMatchObject({
      step: 'manual',
      details: { levels: 'given-name/other-given' },
    });
  });

  it('returns the model unchanged when every level is above disagreement', () => {
    const model = defaultModel();
    expect(floorWeights(model)).toBe(model);
  });
});

describe('acceptedByRules', () => {
  const base = {
    givenNames: 'Ann',
    familyName: 'Lee',
    birthDate: '1980-05-06',
    postcode: 'LS6 2QT',
  };
  it('accepts the same NHS Number, or name + date of birth + postcode all exact', () => {
    expect(
      acceptedByRules(
        buildMatchRecord({ nhsNumber: '9990000018' }),
        buildMatchRecord({ nhsNumber: '9990000018' }),
      ),
    ).toBe(true);
    expect(acceptedByRules(buildMatchRecord(base), buildMatchRecord(base))).toBe(true);
  });

  it('rejects any difference in the demographic rule', () => {
    const request = buildMatchRecord(base);
    expect(acceptedByRules(request, buildMatchRecord({ ...base, postcode: 'LS6 2QU' }))).toBe(
      false,
    );
    expect(acceptedByRules(request, buildMatchRecord({ ...base, givenNames: 'Anne' }))).toBe(false);
    expect(acceptedByRules(request, buildMatchRecord({ ...base, birthDate: '1980-05' }))).toBe(
      false,
    );
  });
});

describe('trainInMemory', () => {
  it('fails as a value when there is nothing to train on', () => {
    const result = trainInMemory([], [], () => [], { seed: 1 });
    expect(result.success).toBe(false);
  });

  it('fails as a value when the rules match no pair (λ unknown)', () => {
    const register = [{ id: '9990000018', record: buildMatchRecord({ familyName: 'Lee' }) }];
    const requests = [buildMatchRecord({ familyName: 'Khan' })];
    const result = trainInMemory(register, requests, () => register, {
      seed: 1,
      randomPairs: 10,
    });
    expect(result.success).toBe(false);
  });
});
