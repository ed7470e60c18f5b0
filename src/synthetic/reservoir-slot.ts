import type { Rng } from './rng.js';

/**
 * Reservoir sampling (Algorithm R): the slot the `seen`-th item offered (1-based) takes in a
 * uniform sample of `size` items, or `undefined` when it is not kept. The first `size` items fill
 * the slots in order without a draw; each later one draws once.
 * @param rng - the random source
 * @param seen - how many items have been offered, this one included
 * @param size - the sample's size
 */
export function reservoirSlot(rng: Rng, seen: number, size: number): number | undefined {
  if (seen <= size) {
    return seen - 1;
  }
  const slot = rng.int(0, seen - 1);
  return slot < size ? slot : undefined;
}
