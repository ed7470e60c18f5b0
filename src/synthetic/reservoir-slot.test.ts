import { describe, expect, it } from 'vitest';
import { reservoirSlot } from './reservoir-slot.js';
import { createRng } from './rng.js';

describe('reservoirSlot', () => {
  it('fills the slots in order, then keeps each later item with probability size / seen', () => {
    const rng = createRng(3);
    expect([1, 2, 3].map((seen) => reservoirSlot(rng, seen, 3))).toEqual([0, 1, 2]);
    // The 30th of 30 items offered to a sample of 3 is kept about 3 times in 30.
    let kept = 0;
    for (let i = 0; i < 30_000; i += 1) {
      const slot = reservoirSlot(rng, 30, 3);
      if (slot !== undefined) {
        expect(slot).toBeGreaterThanOrEqual(0);
        expect(slot).toBeLessThan(3);
        kept += 1;
      }
    }
    expect(kept / 30_000).toBeGreaterThan(0.09);
    expect(kept / 30_000).toBeLessThan(0.11);
  });
});
