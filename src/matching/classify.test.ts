import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  classify,
  looksLikeTwins,
  weightForProbability,
  type ScoredCandidate,
} from './classify.js';
import { defaultModel } from './model/default-model.js';
import { buildMatchRecord, type MatchInput } from './record-builder.js';
import { ASHWORTH, testNhsNumber } from './test-support/fixtures.js';
import { probabilityFromWeight, score } from './weights.js';

const model = defaultModel();

function candidates(request: MatchInput, register: readonly MatchInput[]): ScoredCandidate[] {
  const left = buildMatchRecord(request);
  return register.map((input) => {
    const record = buildMatchRecord(input);
    const { weight, probability } = score(left, record, model);
    return { id: record.nhsNumber ?? '', record, weight, probability };
  });
}

/** A candidate with a given weight (record irrelevant unless twins are tested). */
function at(id: string, weight: number, input: MatchInput = { givenNames: id }): ScoredCandidate {
  return {
    id,
    record: buildMatchRecord(input),
    weight,
    probability: probabilityFromWeight(weight),
  };
}

describe('classify', () => {
  it('no-match when there are no candidates or all are weak', () => {
    expect(classify([]).outcome).toBe('no-match');
    expect(classify([at('a', -3), at('b', -8)])).toMatchObject({
      outcome: 'no-match',
      reasons: ['below-review-threshold'],
    });
  });

  it('matched only when high and clearly ahead', () => {
    const decision = classify([at('a', 20), at('b', 2)]);
    expect(decision).toMatchObject({ outcome: 'matched', reasons: ['clear-best'], margin: 18 });
    expect(decision.best?.id).toBe('a');
  });

  it('review when the best is uncertain', () => {
    expect(classify([at('a', 6)])).toMatchObject({
      outcome: 'review',
      reasons: ['below-match-threshold'],
    });
  });

  it('review when a runner-up is close', () => {
    expect(classify([at('a', 14), at('b', 9.5)])).toMatchObject({
      outcome: 'review',
      reasons: ['close-runner-up'],
      margin: 4.5,
    });
  });

  it('multiple when several candidates are high and close', () => {
    expect(classify([at('a', 30), at('b', 28), at('c', 1)])).toMatchObject({
      outcome: 'multiple',
      reasons: ['several-high-candidates'],
    });
  });

  it('thresholds are configuration', () => {
    const lenient = { matchProbability: 0.9, reviewProbability: 0.5, minimumMargin: 2 };
    expect(classify([at('a', 6)], lenient).outcome).toBe('matched');
    expect(weightForProbability(0.999)).toBeCloseTo(9.9643, 4);
  });
});

describe('household members are never matched on family name and home alone', () => {
  /** A candidate far above the match threshold and far ahead of the runner-up. */
  const strong = (facts: Partial<ScoredCandidate>): ScoredCandidate[] => [
    { ...at('a', 25), ...facts },
    at('b', 2),
  ];

  it('a strong candidate goes to review when the request has no date of birth', () => {
    expect(classify(strong({ requestBirthDateMissing: false })).outcome).toBe('matched');
    expect(classify(strong({ requestBirthDateMissing: true }))).toMatchObject({
      outcome: 'review',
      reasons: ['date-of-birth-missing'],
    });
    expect(classify(strong({ requestBirthDateMissing: true })).best?.id).toBe('a');
  });

  it('another first name goes to review, however strong the candidate', () => {
    expect(classify(strong({ givenNameDiffers: true }))).toMatchObject({
      outcome: 'review',
      reasons: ['given-name-differs'],
    });
  });

  it('a first name that agrees at some level (a nickname) matches', () => {
    expect(classify(strong({ givenNameDiffers: false }))).toMatchObject({
      outcome: 'matched',
      reasons: ['clear-best'],
    });
  });

  it('both rules give their reasons together, and only the best candidate counts', () => {
    expect(
      classify(strong({ requestBirthDateMissing: true, givenNameDiffers: true })).reasons,
    ).toEqual(['date-of-birth-missing', 'given-name-differs']);
    const weakOther = { ...at('b', 2), givenNameDiffers: true };
    expect(classify([at('a', 25), weakOther]).outcome).toBe('matched');
  });
});

describe('twins are never auto-matched', () => {
  it('an exact request for one twin goes to review, with the reason', () => {
    const request: MatchInput = { ...ASHWORTH.oliver, nhsNumber: '' };
    const scored = candidates(request, [ASHWORTH.oliver, ASHWORTH.harry]);
    const oliver = scored[0]!;
    const harry = scored[1]!;
    expect(oliver.probability).toBeGreaterThan(0.999999);
    expect(oliver.weight - harry.weight).toBeGreaterThan(5);
    const decision = classify(scored);
    expect(decision.outcome).toBe('review');
    expect(decision.reasons).toContain('possible-twin');
    expect(decision.best?.id).toBe(oliver.id);
  });

  it('even with the twin\u2019s NHS Number supplied', () => {
    expect(classify(candidates(ASHWORTH.oliver, [ASHWORTH.oliver, ASHWORTH.harry])).outcome).toBe(
      'review',
    );
  });

  it('looksLikeTwins needs the same family name, date and home, and different given names', () => {
    const oliver = buildMatchRecord(ASHWORTH.oliver);
    expect(looksLikeTwins(oliver, buildMatchRecord(ASHWORTH.harry))).toBe(true);
    expect(looksLikeTwins(oliver, oliver)).toBe(false);
    expect(
      looksLikeTwins(oliver, buildMatchRecord({ ...ASHWORTH.harry, birthDate: '2016-07-04' })),
    ).toBe(false);
    expect(
      looksLikeTwins(
        oliver,
        buildMatchRecord({ ...ASHWORTH.harry, postcode: 'M1 1AE', addressLines: ['1 Oak Road'] }),
      ),
    ).toBe(false);
  });

  const name = fc.constantFrom(
    'Amelia',
    'Isla',
    'Ava',
    'Mia',
    'Jack',
    'Noah',
    'Leo',
    'Oscar',
    'Jak',
    'Ammelia',
  );
  const family = fc.constantFrom('Ashworth', 'Khan', 'Smith', 'Nowak', 'Okafor');
  const date = fc.constantFrom('2001-02-03', '2019-11-30', '1988-01-01');
  const gender = fc.constantFrom('male', 'female', 'unknown');

  test.prop([name, name, family, date, gender, gender, fc.boolean(), fc.boolean()])(
    'for any twin pair and any request resembling one of them',
    (first, second, familyName, birthDate, g1, g2, withNumber, typo) => {
      fc.pre(first !== second);
      const home = { familyName, birthDate, postcode: 'LS6 2QT', addressLines: ['14 Elm Grove'] };
      const a = { ...home, givenNames: first, gender: g1, nhsNumber: testNhsNumber(11) };
      const b = { ...home, givenNames: second, gender: g2, nhsNumber: testNhsNumber(12) };
      const request: MatchInput = {
        ...a,
        ...(withNumber ? {} : { nhsNumber: '' }),
        ...(typo ? { givenNames: `${first}e` } : {}),
      };
      const decision = classify(candidates(request, [a, b]));
      expect(decision.outcome).not.toBe('matched');
    },
  );
});
