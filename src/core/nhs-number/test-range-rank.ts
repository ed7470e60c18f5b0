import type { NhsNumber } from './nhs-number.js';

/*
 * Ranking of the valid NHS Numbers that start with 9. The nine-digit bodies 900000000–999999999
 * are a leading 9 and eight free digits, split into a high half (digits 2–5) and a low half
 * (digits 6–9), each 0–9999. About 1 body in 11 gives check digit 10 and can never be a valid
 * number, so the valid bodies are ranked 0 … capacity−1 in numeric order. A count per high half
 * (10,001 numbers) and, per Modulus 11 residue, the list of low halves that keep a body valid
 * (11 × 10⁴) turn a rank into a number, and a number into its rank, in a few steps with no
 * per-number storage. The tables take about 300 KB and are built once, at import.
 */

const HALF = 10_000;
/** Body digit 1 is always 9, with weight 10: 90 mod 11. */
const LEADING_RESIDUE = 90 % 11;
const FIRST_BODY = 900_000_000;

/** Modulus 11 residue of every four-digit half for the given four weights. */
function halfResidues(weights: readonly [number, number, number, number]): Uint8Array {
  const residues = new Uint8Array(HALF);
  for (let value = 0; value < HALF; value += 1) {
    const sum =
      Math.floor(value / 1000) * weights[0] +
      (Math.floor(value / 100) % 10) * weights[1] +
      (Math.floor(value / 10) % 10) * weights[2] +
      (value % 10) * weights[3];
    residues[value] = sum % 11;
  }
  return residues;
}

const highResidue = halfResidues([9, 8, 7, 6]);
const lowResidue = halfResidues([5, 4, 3, 2]);

/** The low-half residue that makes the body's check digit 10, for a high-half residue. */
function forbiddenLowResidue(high: number): number {
  return (((1 - LEADING_RESIDUE - high) % 11) + 22) % 11;
}

/** For each forbidden residue t: the low halves whose residue is not t, ascending, at t·HALF. */
const allowedLows = new Uint16Array(11 * HALF);
const allowedLowCount = new Int32Array(11);
for (let forbidden = 0; forbidden < 11; forbidden += 1) {
  let count = 0;
  for (let low = 0; low < HALF; low += 1) {
    if (lowResidue[low] !== forbidden) {
      allowedLows[forbidden * HALF + count] = low;
      count += 1;
    }
  }
  allowedLowCount[forbidden] = count;
}

/** validBefore[h] is the number of valid bodies whose high half is below h. */
const validBefore = new Int32Array(HALF + 1);
for (let high = 0; high < HALF; high += 1) {
  const allowed = allowedLowCount[forbiddenLowResidue(highResidue[high] ?? 0)] ?? 0;
  validBefore[high + 1] = (validBefore[high] ?? 0) + allowed;
}

/**
 * How many distinct valid NHS Numbers start with 9: 90,909,091 (of the 10⁸ bodies, 9,090,909
 * give check digit 10). The test-number generator accepts indexes 0 to this − 1.
 */
export const TEST_NHS_NUMBER_CAPACITY: number = validBefore[HALF] ?? 0;

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/**
 * The rank-th valid NHS Number starting with 9, in ascending order: rank 0 is 900 000 0009.
 * Built from the nine-digit body, a small integer, because converting a 10-digit number to a
 * string is slow.
 * @param rank - an integer from 0 to {@link TEST_NHS_NUMBER_CAPACITY} − 1 (not checked)
 */
export function testNumberAtRank(rank: number): NhsNumber {
  // Every high half has about capacity / 10⁴ valid low halves, so a proportional guess lands on
  // or next to the right high half; the two loops correct it from any starting point.
  let highHalf = Math.min(HALF - 1, Math.floor((rank * HALF) / TEST_NHS_NUMBER_CAPACITY));
  while ((validBefore[highHalf] ?? 0) > rank) {
    highHalf -= 1;
  }
  while ((validBefore[highHalf + 1] ?? 0) <= rank) {
    highHalf += 1;
  }
  const highRes = highResidue[highHalf] ?? 0;
  const offset = forbiddenLowResidue(highRes) * HALF + rank - (validBefore[highHalf] ?? 0);
  const lowHalf = allowedLows[offset] ?? 0;
  const remainder = (LEADING_RESIDUE + highRes + (lowResidue[lowHalf] ?? 0)) % 11;
  const check = remainder === 0 ? 0 : 11 - remainder;
  return (String(FIRST_BODY + highHalf * HALF + lowHalf) + (DIGITS[check] ?? '')) as NhsNumber;
}

/**
 * The inverse of {@link testNumberAtRank}: the rank of a nine-digit body among the valid ones,
 * or undefined when the body is outside 900000000–999999999 or its check digit would be 10.
 * @param body - the first nine digits of a number, as an integer
 */
export function testRankOfBody(body: number): number | undefined {
  if (!Number.isInteger(body) || body < FIRST_BODY || body > FIRST_BODY + HALF * HALF - 1) {
    return undefined;
  }
  const offset = body - FIRST_BODY;
  const highHalf = Math.floor(offset / HALF);
  const lowHalf = offset - highHalf * HALF;
  const forbidden = forbiddenLowResidue(highResidue[highHalf] ?? 0);
  if (lowResidue[lowHalf] === forbidden) {
    return undefined;
  }
  let first = forbidden * HALF;
  let last = first + (allowedLowCount[forbidden] ?? 0);
  while (first < last) {
    const mid = (first + last) >>> 1;
    if ((allowedLows[mid] ?? 0) < lowHalf) {
      first = mid + 1;
    } else {
      last = mid;
    }
  }
  return (validBefore[highHalf] ?? 0) + first - forbidden * HALF;
}
