import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded source of random choices; the same seed gives the same sequence on every machine. */
export interface Rng {
  /** A float in [0, 1). */
  float(): number;
  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T;
}

/**
 * A seeded {@link Rng} on pure-rand's xoroshiro128+ generator.
 * @param seed - any 32-bit integer
 */
export function createRng(seed: number): Rng {
  // xoroshiro128+ seeded with small integers starts with poorly mixed output, so the seed is
  // scrambled first (MurmurHash3's 32-bit finaliser).
  const generator = xoroshiro128plus(mix32(seed));
  return {
    float: () => uniformFloat64(generator),
    int: (min, max) => uniformInt(generator, min, max),
    chance(p) {
      return p > 0 && uniformFloat64(generator) < p;
    },
    pick<T>(items: readonly T[]): T {
      const item = items[uniformInt(generator, 0, items.length - 1)];
      if (item === undefined) {
        throw new RangeError('pick() needs a non-empty array');
      }
      return item;
    },
  };
}

function mix32(seed: number): number {
  let h = seed | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}
