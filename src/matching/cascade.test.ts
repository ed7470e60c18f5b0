import { describe, expect, it } from 'vitest';
import { alphanumericTrace, crossCheck, runCascade, type CascadeCandidate } from './cascade.js';
import { buildMatchRecord, type MatchInput } from './record-builder.js';
import { ASHWORTH, testNhsNumber } from './test-support/fixtures.js';

const register: CascadeCandidate[] = [
  ASHWORTH.margaret,
  ASHWORTH.oliver,
  ASHWORTH.harry,
  {
    ...ASHWORTH.margaret,
    nhsNumber: testNhsNumber(20),
    givenNames: 'Joan',
    birthDate: '1948-05-30',
    supersededNhsNumbers: [testNhsNumber(21)],
  },
].map((input: MatchInput) => ({ id: input.nhsNumber ?? '', record: buildMatchRecord(input) }));

const request = (input: MatchInput): ReturnType<typeof buildMatchRecord> => buildMatchRecord(input);

describe('cross-check trace', () => {
  it('matches NHS Number + date of birth', () => {
    expect(
      crossCheck(
        request({ nhsNumber: ASHWORTH.margaret.nhsNumber, birthDate: '1950-03-12' }),
        register,
      ),
    ).toEqual({
      outcome: 'matched',
      step: 'cross-check',
      algorithmIndicator: 1,
      candidateId: ASHWORTH.margaret.nhsNumber,
      viaSuperseded: false,
    });
  });

  it('matches a superseded number to the person now holding it', () => {
    const result = crossCheck(
      request({ nhsNumber: testNhsNumber(21), birthDate: '1948-05-30' }),
      register,
    );
    expect(result).toMatchObject({
      outcome: 'matched',
      candidateId: testNhsNumber(20),
      viaSuperseded: true,
    });
  });

  it('accepts a partial date that agrees, rejects one that differs', () => {
    const number = ASHWORTH.margaret.nhsNumber;
    expect(crossCheck(request({ nhsNumber: number, birthDate: '1950-03' }), register).outcome).toBe(
      'matched',
    );
    expect(crossCheck(request({ nhsNumber: number, birthDate: '1950-04-12' }), register)).toEqual({
      outcome: 'not-matched',
      notes: ['cross-check-date-differs'],
    });
  });

  it.each([
    [{ birthDate: '1950-03-12' }, 'cross-check-no-number'],
    [{ nhsNumber: ASHWORTH.margaret.nhsNumber }, 'cross-check-no-date'],
    [{ nhsNumber: testNhsNumber(99), birthDate: '1950-03-12' }, 'cross-check-number-not-found'],
  ])('does not match %j', (input, note) => {
    expect(crossCheck(request(input), register)).toEqual({ outcome: 'not-matched', notes: [note] });
  });
});

describe('alphanumeric trace', () => {
  const margaret = { familyName: 'ASHWORTH', birthDate: '1950-03-12', gender: '2' };

  it('matches a single exact family name + date of birth + gender', () => {
    expect(alphanumericTrace(request(margaret), register)).toMatchObject({
      outcome: 'matched',
      algorithmIndicator: 3,
      candidateId: ASHWORTH.margaret.nhsNumber,
    });
  });

  it('uses the postcode when given, current or previous', () => {
    expect(alphanumericTrace(request({ ...margaret, postcode: 'BD7 1DP' }), register).outcome).toBe(
      'matched',
    );
    expect(alphanumericTrace(request({ ...margaret, postcode: 'M1 1AE' }), register).outcome).toBe(
      'not-matched',
    );
  });

  it('gives multiple for twins of the same gender, and never picks one', () => {
    const twins = { familyName: 'Ashworth', birthDate: '2015-07-04', gender: 'male' };
    expect(alphanumericTrace(request(twins), register)).toEqual({
      outcome: 'multiple',
      step: 'alphanumeric',
      candidateIds: [ASHWORTH.oliver.nhsNumber, ASHWORTH.harry.nhsNumber],
    });
    expect(alphanumericTrace(request({ ...twins, givenNames: 'Oliver' }), register)).toMatchObject({
      outcome: 'matched',
      candidateId: ASHWORTH.oliver.nhsNumber,
    });
  });

  it('needs family name, date of birth and gender', () => {
    expect(
      alphanumericTrace(request({ familyName: 'Ashworth', birthDate: '1950-03-12' }), register),
    ).toEqual({
      outcome: 'not-matched',
      notes: ['alphanumeric-missing-fields'],
    });
  });
});

describe('runCascade', () => {
  it('stops at cross-check when it succeeds', () => {
    const input = {
      nhsNumber: ASHWORTH.harry.nhsNumber,
      birthDate: '2015-07-04',
      familyName: 'Ashworth',
      gender: 'male',
    };
    expect(runCascade(request(input), register)).toMatchObject({
      step: 'cross-check',
      candidateId: ASHWORTH.harry.nhsNumber,
    });
  });

  it('falls back to alphanumeric, then reports both steps', () => {
    const wrongNumber = {
      nhsNumber: testNhsNumber(99),
      familyName: 'Ashworth',
      birthDate: '1950-03-12',
      gender: 'F',
    };
    expect(runCascade(request(wrongNumber), register)).toMatchObject({ step: 'alphanumeric' });
    expect(runCascade(request({ ...wrongNumber, familyName: 'Patel' }), register)).toEqual({
      outcome: 'not-matched',
      notes: ['cross-check-number-not-found', 'alphanumeric-no-exact-match'],
    });
  });
});
