import { describe, expect, it } from 'vitest';
import { accuracyFigures, type TracedRow, type TruthRow } from './accuracy.js';

const truth: TruthRow[] = [
  { reference: 'R1', trueNhsNumber: '9990000018', inRegister: true, errors: [] },
  { reference: 'R2', trueNhsNumber: '9990000026', inRegister: true, errors: ['givenNameTypo'] },
  {
    reference: 'R3',
    trueNhsNumber: '9990000034',
    inRegister: true,
    errors: ['givenNameTypo', 'oldAddress'],
  },
  { reference: 'R4', trueNhsNumber: '', inRegister: false, errors: [] },
  { reference: 'R5', trueNhsNumber: '9990000042', inRegister: true, errors: ['dobMissing'] },
];

const traced = new Map<string, TracedRow>(
  [
    { reference: 'R1', outcome: 'matched', nhsNumber: '9990000018' } as const,
    { reference: 'R2', outcome: 'matched', nhsNumber: '9990000034' } as const,
    { reference: 'R3', outcome: 'review' } as const,
    { reference: 'R4', outcome: 'matched', nhsNumber: '9990000042' } as const,
  ].map((row) => [row.reference, row]),
);

describe('accuracyFigures', () => {
  const figures = accuracyFigures(truth, traced);

  it('counts right, wrong and undecided rows; untraced rows are no-match', () => {
    expect(figures).toMatchObject({
      requests: 5,
      inRegister: 4,
      correct: 1,
      attached: 3,
      wrong: 2,
      review: 1,
      multiple: 0,
      noMatch: 1,
    });
    expect(figures.tracedRate).toBe(1 / 4);
    expect(figures.falseMatchRate).toBe(2 / 3);
    expect(figures.reviewRate).toBe(1 / 5);
    expect(figures.noMatchRate).toBe(1 / 5);
  });

  it('breaks misses and false matches down by error pattern', () => {
    expect(Object.fromEntries(figures.byPattern)).toEqual({
      none: { rows: 1, missed: 0, falseMatches: 0 },
      givenNameTypo: { rows: 2, missed: 2, falseMatches: 1 },
      oldAddress: { rows: 1, missed: 1, falseMatches: 0 },
      'not-in-register': { rows: 1, missed: 0, falseMatches: 1 },
      dobMissing: { rows: 1, missed: 1, falseMatches: 0 },
    });
  });

  it('gives rates of 0, not NaN, for an empty run', () => {
    const empty = accuracyFigures([], new Map());
    expect([empty.tracedRate, empty.falseMatchRate, empty.reviewRate]).toEqual([0, 0, 0]);
  });
});
