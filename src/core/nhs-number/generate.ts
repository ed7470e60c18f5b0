import type { NhsNumber } from './nhs-number.js';
import { TEST_NHS_NUMBER_CAPACITY, testNumberAtRank, testRankOfBody } from './test-range-rank.js';

export { TEST_NHS_NUMBER_CAPACITY } from './test-range-rank.js';

/*
 * Index → rank → number. A seeded 4-round Feistel network on two base-10⁴ halves is a bijection
 * of 0 … 10⁸−1; cycle-walking (applying it again while the result is ≥ capacity) makes it a
 * bijection of 0 … capacity−1, and test-range-rank.ts turns a rank into the rank-th valid 9xx
 * number. So distinct indexes give distinct numbers with nothing stored per number.
 */

const HALF = 10_000;
const ROUNDS = 4;

/** MurmurHash3's 32-bit finaliser: a fast, well-mixed integer hash (signed 32-bit result). */
function mix(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** The Feistel round function: a hash of one half and the round key, scaled to 0 … HALF−1. */
function roundValue(half: number, key: number): number {
  return ((mix(half ^ key) >>> 16) * HALF) >>> 16;
}

/** Round keys for a seed: every bit of a safe-integer seed affects every key. */
function roundKeys(seed: number): Int32Array {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`the seed must be a safe integer, got ${seed}`);
  }
  const base = mix(mix(seed) ^ Math.floor(seed / 2 ** 32));
  const keys = new Int32Array(ROUNDS);
  for (let round = 0; round < ROUNDS; round += 1) {
    keys[round] = mix(base + Math.imul(round + 1, 0x9e3779b9));
  }
  return keys;
}

function feistel(value: number, keys: Int32Array): number {
  let left = Math.floor(value / HALF);
  let right = value - left * HALF;
  for (let round = 0; round < ROUNDS; round += 1) {
    const next = (left + roundValue(right, keys[round] ?? 0)) % HALF;
    left = right;
    right = next;
  }
  return left * HALF + right;
}

function feistelInverse(value: number, keys: Int32Array): number {
  let left = Math.floor(value / HALF);
  let right = value - left * HALF;
  for (let round = ROUNDS - 1; round >= 0; round -= 1) {
    const previous = (right - roundValue(left, keys[round] ?? 0) + HALF) % HALF;
    right = left;
    left = previous;
  }
  return left * HALF + right;
}

/** Index → rank: the Feistel bijection of 0 … 10⁸−1, cycle-walked into 0 … capacity−1. */
function rankAt(index: number, keys: Int32Array): number {
  let rank = feistel(index, keys);
  while (rank >= TEST_NHS_NUMBER_CAPACITY) {
    rank = feistel(rank, keys);
  }
  return rank;
}

function checkIndex(index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= TEST_NHS_NUMBER_CAPACITY) {
    throw new RangeError(
      `the index must be an integer from 0 to ${TEST_NHS_NUMBER_CAPACITY - 1}, got ${index}`,
    );
  }
}

let lastSeed = Number.NaN;
let lastKeys: Int32Array = new Int32Array(ROUNDS);

function keysFor(seed: number): Int32Array {
  if (seed !== lastSeed) {
    lastKeys = roundKeys(seed);
    lastSeed = seed;
  }
  return lastKeys;
}

/**
 * The index-th NHS Number of a seed's sequence: a valid number starting with 9 (the range no
 * NHS number is issued from). Distinct indexes give distinct numbers, the same seed and index
 * always give the same number on every platform, and nothing is stored per number, so any of the
 * {@link TEST_NHS_NUMBER_CAPACITY} numbers can be reached directly (several million a second).
 * @param seed - any safe integer; different seeds give differently shuffled sequences
 * @param index - an integer from 0 to {@link TEST_NHS_NUMBER_CAPACITY} − 1
 * @throws RangeError when the seed or index is out of range (a programming error)
 * @example testNhsNumberAt(42, 0) // a valid '9…' NhsNumber, the same on every run
 */
export function testNhsNumberAt(seed: number, index: number): NhsNumber {
  checkIndex(index);
  return testNumberAtRank(rankAt(index, keysFor(seed)));
}

/**
 * The seed's sequence from `start` to the end ({@link TEST_NHS_NUMBER_CAPACITY} numbers in all):
 * the same numbers as {@link testNhsNumberAt}, in index order. Memory use is constant.
 * @param seed - any safe integer
 * @param start - the first index, 0 by default
 * @throws RangeError when the seed or start is out of range
 * @example
 * const numbers = testNhsNumbers(7);
 * numbers.next().value // testNhsNumberAt(7, 0)
 */
export function* testNhsNumbers(seed: number, start = 0): Generator<NhsNumber, void, undefined> {
  const keys = roundKeys(seed);
  checkIndex(start);
  for (let index = start; index < TEST_NHS_NUMBER_CAPACITY; index += 1) {
    yield testNumberAtRank(rankAt(index, keys));
  }
}

/**
 * The inverse of {@link testNhsNumberAt}: the index at which a number appears in the seed's
 * sequence, or undefined for a number that does not start with 9 (it is in no sequence).
 * @param seed - any safe integer
 * @param nhsNumber - a parsed NHS Number
 * @throws RangeError when the seed is not a safe integer
 * @example testNhsNumberIndex(42, testNhsNumberAt(42, 1234)) // 1234
 */
export function testNhsNumberIndex(seed: number, nhsNumber: NhsNumber): number | undefined {
  const keys = keysFor(seed);
  const rank = testRankOfBody(Number(nhsNumber.slice(0, 9)));
  if (rank === undefined) {
    return undefined;
  }
  let index = feistelInverse(rank, keys);
  while (index >= TEST_NHS_NUMBER_CAPACITY) {
    index = feistelInverse(index, keys);
  }
  return index;
}
