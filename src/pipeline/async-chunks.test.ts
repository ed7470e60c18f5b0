import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rechunked } from './async-chunks.js';

async function* from<T>(batches: readonly T[][]): AsyncGenerator<T[]> {
  for (const batch of batches) {
    yield await Promise.resolve(batch);
  }
}

async function all<T>(chunks: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const chunk of chunks) {
    out.push(chunk);
  }
  return out;
}

describe('rechunked', () => {
  it('is the items after the first `skip`, in chunks of `size`, whatever the batches', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.nat(), { maxLength: 9 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        fc.nat({ max: 40 }),
        async (batches, size, skip) => {
          const items = batches.flat().slice(skip);
          const expected: number[][] = [];
          for (let at = 0; at < items.length; at += size) {
            expected.push(items.slice(at, at + size));
          }
          expect(await all(rechunked(from(batches), size, skip))).toEqual(expected);
        },
      ),
    );
  });

  it('stops reading the batches when the reader stops', async () => {
    let closed = false;
    async function* batches(): AsyncGenerator<number[]> {
      try {
        yield await Promise.resolve([1, 2, 3]);
        yield [4, 5, 6];
      } finally {
        closed = true;
      }
    }
    for await (const chunk of rechunked(batches(), 2)) {
      expect(chunk).toEqual([1, 2]);
      break;
    }
    expect(closed).toBe(true);
  });
});
