/**
 * MurmurHash3's 32-bit finaliser: a fast, well-mixed hash of one integer (signed 32-bit result).
 * @param value - any integer (only the low 32 bits count)
 */
export function mix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/**
 * A well-mixed unsigned 32-bit hash of several integers: fixed facts about a place (its street,
 * whether it is a block of flats) are drawn from this, so they are the same whenever the place is
 * visited, with no table kept in memory.
 * @param values - integers (the seed first, then what identifies the thing)
 */
export function hashOf(...values: number[]): number {
  let h = 0x2545f491;
  for (const value of values) {
    h = mix32(h ^ mix32(value));
  }
  return h >>> 0;
}
