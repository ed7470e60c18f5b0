import type { Rng } from '../rng.js';

/** A list to draw from with fixed relative weights. */
export interface WeightedList<T> {
  readonly items: readonly T[];
  /** One item, with probability proportional to its weight. */
  pick(rng: Rng): T;
}

/**
 * A weighted list drawn from by binary search over cumulative weights (O(log n) a draw).
 * @param items - the items, at least one
 * @param weights - one non-negative weight per item, not all zero
 * @throws RangeError when the lists differ in length or no item has weight (a programming error)
 */
export function weighted<T>(items: readonly T[], weights: readonly number[]): WeightedList<T> {
  if (items.length === 0 || items.length !== weights.length) {
    throw new RangeError('weighted() needs one weight per item and at least one item');
  }
  const cumulative = new Float64Array(items.length);
  let total = 0;
  weights.forEach((weight, i) => {
    total += weight;
    cumulative[i] = total;
  });
  if (!(total > 0)) {
    throw new RangeError('weighted() needs a positive total weight');
  }
  return {
    items,
    pick(rng) {
      const target = rng.float() * total;
      let low = 0;
      let high = items.length - 1;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if ((cumulative[mid] ?? 0) > target) {
          high = mid;
        } else {
          low = mid + 1;
        }
      }
      return items[low] as T;
    },
  };
}

/** The shape of a Zipf-Mandelbrot law: weight of rank r is 1 / (r + offset)^exponent. */
export interface ZipfShape {
  readonly exponent: number;
  readonly offset: number;
}

/**
 * Given names: a steep head (the top name of a cohort is about 4% of it, as in ONS baby-name
 * tables). Family names: a flatter head, since a short list stands for a very long real tail
 * (Smith, the commonest English surname, is about 1.3% of people).
 */
export const ZIPF = {
  given: { exponent: 1.05, offset: 2.7 },
  family: { exponent: 1, offset: 20 },
} as const satisfies Record<string, ZipfShape>;

/**
 * Zipf-Mandelbrot weights for a list in rank order: the item at rank r (from 1) weighs
 * 1 / (r + offset)^exponent, so the most common items dominate and the tail stays long.
 * @param count - how many ranks
 * @param shape - exponent and offset
 */
export function zipfWeights(count: number, shape: ZipfShape): number[] {
  return Array.from({ length: count }, (_, i) => 1 / (i + 1 + shape.offset) ** shape.exponent);
}

/**
 * The words of a whitespace-separated data string, duplicates removed (first rank kept).
 * @param text - names separated by spaces or new lines
 */
export function words(text: string): string[] {
  return [...new Set(text.split(/\s+/).filter((word) => word !== ''))];
}

/**
 * A weighted list of the words of a ranked data string, with Zipf-Mandelbrot weights.
 * @param text - words in rank order, most common first
 * @param shape - the law's exponent and offset
 */
export function zipfList(text: string, shape: ZipfShape): WeightedList<string> {
  const items = words(text);
  return weighted(items, zipfWeights(items.length, shape));
}
