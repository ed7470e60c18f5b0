import { describe, expect, it } from 'vitest';
import type { CascadeCandidate } from './cascade.js';
import { defaultModel } from './model/default-model.js';
import { buildMatchRecord, type MatchInput } from './record-builder.js';
import { ASHWORTH, testNhsNumber } from './test-support/fixtures.js';
import { probabilisticStep, traceDeterministic, traceRecord } from './trace-decision.js';

const candidate = (input: MatchInput): CascadeCandidate => ({
  id: input.nhsNumber ?? '',
  record: buildMatchRecord(input),
});

/** The Ashworths and a neighbour: a tiny register. */
const register: CascadeCandidate[] = [
  candidate(ASHWORTH.margaret),
  candidate(ASHWORTH.oliver),
  candidate(ASHWORTH.harry),
  candidate({
    nhsNumber: testNhsNumber(4),
    givenNames: 'Peter',
    familyName: 'Clough',
    birthDate: '1961-11-30',
    gender: 'male',
    postcode: 'LS6 2QU',
    addressLines: ['16 Elm Grove', 'Leeds'],
  }),
];
const settings = { model: { ...defaultModel(), lambda: 1e-4 } };
const trace = (input: MatchInput) => traceRecord(buildMatchRecord(input), register, settings);

describe('traceRecord', () => {
  it('attaches the number through the cross-check when number and date of birth agree', () => {
    const result = trace({ nhsNumber: ASHWORTH.margaret.nhsNumber, birthDate: '1950-03-12' });
    expect(result).toMatchObject({
      outcome: 'matched',
      method: 'cross-check',
      nhsNumber: ASHWORTH.margaret.nhsNumber,
    });
    expect(result.candidates[0]?.explanation.length).toBeGreaterThan(0);
  });

  it('matches a maiden name with a typo in the given name probabilistically', () => {
    const result = trace({
      givenNames: 'Margret',
      familyName: 'Pickles',
      birthDate: '1950-03-12',
      gender: 'female',
      postcode: 'LS6 2QT',
      addressLines: ['14 Elm Grove'],
    });
    expect(result).toMatchObject({
      outcome: 'matched',
      method: 'probabilistic',
      nhsNumber: ASHWORTH.margaret.nhsNumber,
    });
    const best = result.candidates[0];
    expect(best?.id).toBe(ASHWORTH.margaret.nhsNumber);
    expect(best?.explanation.find((c) => c.comparison === 'family-name')?.level).toBe(
      'part-or-previous',
    );
  });

  it('sends a twin with a mistyped given name to review, never a number', () => {
    const result = trace({
      givenNames: 'Olivr',
      familyName: 'Ashworth',
      birthDate: '2015-07-04',
      gender: 'male',
      postcode: 'LS6 2QT',
    });
    expect(result.outcome).toBe('review');
    expect(result.nhsNumber).toBeUndefined();
    expect(result.reasons).toContain('possible-twin');
    expect(result.candidates.map((c) => c.id)).toContain(ASHWORTH.harry.nhsNumber);
  });

  it('sends a twin request without a given name to review, not to either twin', () => {
    const result = trace({ familyName: 'Ashworth', birthDate: '2015-07-04', gender: 'male' });
    expect(['review', 'multiple']).toContain(result.outcome);
    expect(result.nhsNumber).toBeUndefined();
  });

  it('finds no match for someone who is not there', () => {
    const result = trace({
      givenNames: 'Zofia',
      familyName: 'Nowak',
      birthDate: '1988-02-14',
      gender: 'female',
      postcode: 'M1 1AA',
    });
    expect(result.outcome).toBe('no-match');
    expect(result.nhsNumber).toBeUndefined();
  });

  it('sends a same-named father at the same address to review, not to his son', () => {
    // Peter Clough junior is not in the register; his father is, at the same house.
    const result = trace({
      givenNames: 'Peter',
      familyName: 'Clough',
      birthDate: '1992-05-08',
      gender: 'male',
      postcode: 'LS6 2QU',
      addressLines: ['16 Elm Grove', 'Leeds'],
    });
    expect(result.outcome).toBe('review');
    expect(result.nhsNumber).toBeUndefined();
    expect(result.reasons).toContain('date-of-birth-differs');
  });

  it('still matches a date of birth with a typing slip in it', () => {
    const result = trace({
      givenNames: 'Peter',
      familyName: 'Clough',
      birthDate: '1961-11-03',
      gender: 'male',
      postcode: 'LS6 2QU',
      addressLines: ['16 Elm Grove', 'Leeds'],
    });
    expect(result).toMatchObject({ outcome: 'matched', nhsNumber: testNhsNumber(4) });
  });

  it('sends a request without a date of birth to review, however strong the best candidate', () => {
    const result = trace({ ...ASHWORTH.margaret, nhsNumber: '', birthDate: '' });
    expect(result.outcome).toBe('review');
    expect(result.nhsNumber).toBeUndefined();
    expect(result.reasons).toContain('date-of-birth-missing');
    expect(result.candidates[0]).toMatchObject({ id: ASHWORTH.margaret.nhsNumber });
    expect(result.candidates[0]?.probability).toBeGreaterThan(0.999999);
  });

  it('takes a partial date of birth (year and month) as a date of birth', () => {
    const result = probabilisticStep(
      buildMatchRecord({ ...ASHWORTH.margaret, nhsNumber: '', birthDate: '1950-03' }),
      register,
      [],
      settings,
    );
    expect(result).toMatchObject({ outcome: 'matched', nhsNumber: ASHWORTH.margaret.nhsNumber });
    expect(result.reasons).not.toContain('date-of-birth-missing');
  });

  it('sends another first name at the same house to review, whatever the date of birth', () => {
    // Paul Clough is not in the register; Peter is, at the same house, born 1961-11-30.
    const paul = {
      givenNames: 'Paul',
      familyName: 'Clough',
      gender: 'male',
      postcode: 'LS6 2QU',
      addressLines: ['16 Elm Grove', 'Leeds'],
    };
    const typo = trace({ ...paul, birthDate: '1961-11-20' });
    expect(typo.outcome).toBe('review');
    expect(typo.nhsNumber).toBeUndefined();
    expect(typo.reasons).toContain('given-name-differs');
    const best = typo.candidates[0];
    expect(best?.id).toBe(testNhsNumber(4));
    expect(best?.probability).toBeGreaterThan(0.999);
    expect(best?.explanation.find((c) => c.comparison === 'given-name')?.level).toBe('else');
    expect(best?.explanation.find((c) => c.comparison === 'date-of-birth')?.level).toBe('one-typo');
    const noDate = trace(paul);
    expect(noDate.outcome).toBe('review');
    expect(noDate.reasons).toEqual(
      expect.arrayContaining(['date-of-birth-missing', 'given-name-differs']),
    );
    // Born the same day at the same house (a twin not in the register): still a person's call,
    // though the weight alone is far above the match threshold.
    const twin = trace({ ...paul, birthDate: '1961-11-30' });
    expect(twin.outcome).toBe('review');
    expect(twin.reasons).toContain('given-name-differs');
    expect(twin.candidates[0]?.probability).toBeGreaterThan(0.999);
  });

  it('still matches a nickname with a mistyped date of birth', () => {
    const peggy = { givenNames: 'Peggy', birthDate: '1950-03-13' };
    const result = trace({ ...ASHWORTH.margaret, nhsNumber: '', ...peggy });
    expect(result).toMatchObject({ outcome: 'matched', nhsNumber: ASHWORTH.margaret.nhsNumber });
    expect(
      result.candidates[0]?.explanation.find((c) => c.comparison === 'given-name')?.level,
    ).toBe('nickname');
  });

  it('takes an alphanumeric hit only when the rest of the record supports it', () => {
    // The initial, family name, birth date and gender of Peter Clough, no postcode, and a house
    // in another town: the alphanumeric step alone attaches his number.
    const namesake = {
      givenNames: 'P',
      familyName: 'Clough',
      birthDate: '1961-11-30',
      gender: 'male' as const,
    };
    const elsewhere = { ...namesake, addressLines: ['2 Quay Street', 'Truro'] };
    const alone = traceDeterministic(buildMatchRecord(elsewhere), register);
    expect(alone).toMatchObject({ outcome: 'matched', method: 'alphanumeric' });
    // The default prior (1 in a million) leaves this pair below the match threshold.
    const strict = { model: defaultModel() };
    const result = traceRecord(buildMatchRecord(elsewhere), register, strict);
    expect(result.nhsNumber).toBeUndefined();
    expect(result.reasons).toContain('alphanumeric-not-confirmed');
    const agreeing = traceRecord(
      buildMatchRecord({ ...namesake, givenNames: 'Peter', postcode: 'LS6 2QU' }),
      register,
      strict,
    );
    expect(agreeing).toMatchObject({ outcome: 'matched', method: 'alphanumeric' });
  });

  it('reports no method when there are no candidates at all', () => {
    const result = traceRecord(buildMatchRecord({ familyName: 'Nowak' }), [], settings);
    expect(result).toEqual({
      outcome: 'no-match',
      candidates: [],
      reasons: ['cross-check-no-number', 'alphanumeric-missing-fields', 'no-candidates'],
    });
  });
});

describe('traceDeterministic', () => {
  it('matches an exact alphanumeric request and nothing looser', () => {
    const exact = traceDeterministic(
      buildMatchRecord({ ...ASHWORTH.harry, nhsNumber: '' }),
      register,
    );
    expect(exact).toMatchObject({
      outcome: 'matched',
      method: 'alphanumeric',
      nhsNumber: ASHWORTH.harry.nhsNumber,
    });
    const typo = traceDeterministic(
      buildMatchRecord({ ...ASHWORTH.margaret, nhsNumber: '', givenNames: 'Margret' }),
      register,
    );
    expect(typo.outcome).toBe('no-match');
  });

  it('gives multiple for twins when the request has no given name', () => {
    const result = traceDeterministic(
      buildMatchRecord({ familyName: 'Ashworth', birthDate: '2015-07-04', gender: 'male' }),
      register,
    );
    expect(result.outcome).toBe('multiple');
  });
});
