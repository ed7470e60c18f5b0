import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  TEST_NHS_NUMBER_CAPACITY,
  testNhsNumberAt,
  testNhsNumberIndex,
  testNhsNumbers,
} from './generate.js';
import { parseNhsNumber, type NhsNumber } from './nhs-number.js';

const seed = fc.integer({ min: -(2 ** 40), max: 2 ** 40 });
const index = fc.integer({ min: 0, max: TEST_NHS_NUMBER_CAPACITY - 1 });

/** Counts valid 9xx bodies by dynamic programming over sum residues (not the tables under test). */
function countValidTestBodies(): number {
  let ways: number[] = Array.from({ length: 11 }, (_, residue) => (residue === 90 % 11 ? 1 : 0));
  for (const weight of [9, 8, 7, 6, 5, 4, 3, 2]) {
    const next = Array.from({ length: 11 }, () => 0);
    ways.forEach((count, residue) => {
      for (let digit = 0; digit <= 9; digit += 1) {
        const to = (residue + weight * digit) % 11;
        next[to] = (next[to] ?? 0) + count;
      }
    });
    ways = next;
  }
  // Check digit 10 comes from a sum ≡ 1 (mod 11).
  return ways.reduce((total, count, residue) => (residue === 1 ? total : total + count), 0);
}

function take(numbers: Iterator<NhsNumber>, count: number): NhsNumber[] {
  const taken: NhsNumber[] = [];
  for (let i = 0; i < count; i += 1) {
    const next = numbers.next();
    if (next.done === true) {
      break;
    }
    taken.push(next.value);
  }
  return taken;
}

describe('test-range NHS Number generation', () => {
  it('has one index for every valid 9xx number: 90,909,091', () => {
    expect(TEST_NHS_NUMBER_CAPACITY).toBe(countValidTestBodies());
    expect(TEST_NHS_NUMBER_CAPACITY).toBe(90_909_091);
  });

  it('gives the same numbers for a seed on every run and platform', () => {
    expect(take(testNhsNumbers(42), 4)).toMatchInlineSnapshot(`
      [
        "9385788728",
        "9755704027",
        "9869205763",
        "9069646072",
      ]
    `);
    expect(testNhsNumberAt(0, TEST_NHS_NUMBER_CAPACITY - 1)).toMatchInlineSnapshot(`"9946443333"`);
  });

  test.prop([seed, index])('generates a valid number starting with 9', (s, i) => {
    const generated = testNhsNumberAt(s, i);
    expect(parseNhsNumber(generated)).toEqual({ success: true, data: generated });
    expect(generated).toMatch(/^9\d{9}$/);
    expect(testNhsNumberAt(s, i)).toBe(generated);
  });

  test.prop([seed, index])('is invertible, so distinct indexes give distinct numbers', (s, i) => {
    expect(testNhsNumberIndex(s, testNhsNumberAt(s, i))).toBe(i);
  });

  test.prop([seed, fc.integer({ min: 0, max: TEST_NHS_NUMBER_CAPACITY - 50 })], { numRuns: 20 })(
    'generator yields the same numbers as testNhsNumberAt, from any start',
    (s, start) => {
      const expected = Array.from({ length: 50 }, (_, offset) =>
        testNhsNumberAt(s, start + offset),
      );
      expect(take(testNhsNumbers(s, start), 50)).toEqual(expected);
    },
  );

  it('gives 200,000 distinct numbers for a run of 200,000 indexes', () => {
    const numbers = new Set(take(testNhsNumbers(7, 12_345_678), 200_000));
    expect(numbers.size).toBe(200_000);
  });

  it('ends the sequence after the last index', () => {
    const tail = take(testNhsNumbers(3, TEST_NHS_NUMBER_CAPACITY - 2), 5);
    expect(tail).toHaveLength(2);
  });

  it('shuffles differently for different seeds', () => {
    const first = take(testNhsNumbers(1), 100);
    const second = take(testNhsNumbers(2), 100);
    expect(first.filter((n, i) => n === second[i]).length).toBeLessThan(5);
  });

  it.each([-1, TEST_NHS_NUMBER_CAPACITY, 1.5, Number.NaN])('rejects index %d', (bad) => {
    expect(() => testNhsNumberAt(1, bad)).toThrow(RangeError);
    expect(() => testNhsNumbers(1, bad).next()).toThrow(RangeError);
  });

  it.each([1.5, Number.NaN, 2 ** 60])('rejects seed %d', (bad) => {
    expect(() => testNhsNumberAt(bad, 0)).toThrow(RangeError);
  });

  it('finds no index for a number outside the 9xx range', () => {
    const internalTest = parseNhsNumber('5000000005');
    expect(internalTest.success && testNhsNumberIndex(1, internalTest.data)).toBeUndefined();
  });
});
