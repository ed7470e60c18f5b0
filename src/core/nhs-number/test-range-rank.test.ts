import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { checkDigit } from './nhs-number.js';
import { TEST_NHS_NUMBER_CAPACITY, testNumberAtRank, testRankOfBody } from './test-range-rank.js';

/** The next body after `body` whose check digit is not 10, found by brute force. */
function nextValidBody(body: number): number {
  let next = body + 1;
  while (checkDigit(String(next)) === 10) {
    next += 1;
  }
  return next;
}

describe('ranking of the valid 9xx NHS Numbers', () => {
  it('starts at 900 000 0009 and ends at 999 999 9999', () => {
    expect(testNumberAtRank(0)).toBe('9000000009');
    expect(testNumberAtRank(TEST_NHS_NUMBER_CAPACITY - 1)).toBe('9999999999');
  });

  test.prop([fc.integer({ min: 0, max: TEST_NHS_NUMBER_CAPACITY - 2_001 })], { numRuns: 20 })(
    'lists every valid body in order, skipping exactly the check-digit-10 ones',
    (start) => {
      const expected: string[] = [];
      const actual: string[] = [];
      let body = Number(testNumberAtRank(start).slice(0, 9));
      for (let rank = start + 1; rank <= start + 2_000; rank += 1) {
        body = nextValidBody(body);
        expected.push(`${body}${checkDigit(String(body))} at ${rank}`);
        actual.push(`${testNumberAtRank(rank)} at ${testRankOfBody(body) ?? 'none'}`);
      }
      expect(actual).toEqual(expected);
    },
  );

  it('crosses every boundary between high halves correctly', () => {
    const wrong: string[] = [];
    for (let high = 1; high < 10_000; high += 1) {
      const first = 900_000_000 + high * 10_000;
      const firstValid = checkDigit(String(first)) === 10 ? first + 1 : first;
      const lastValid = checkDigit(String(first - 1)) === 10 ? first - 2 : first - 1;
      const rank = testRankOfBody(firstValid) ?? -1;
      const around = `${testNumberAtRank(rank - 1).slice(0, 9)} ${testNumberAtRank(rank).slice(0, 9)}`;
      if (around !== `${lastValid} ${firstValid}`) {
        wrong.push(`high half ${high}: ${around}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each([899_999_999, 1_000_000_000, 900_000_005, 1.5])('gives no rank to body %d', (body) => {
    expect(testRankOfBody(body)).toBeUndefined();
  });
});
