import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortedUnique } from './sorted-unique.js';

describe('sortedUnique', () => {
  it('is the set of non-empty words, sorted', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom('', 'A', 'B', 'ELM', 'GROVE', 'É'), fc.string()), {
          maxLength: 12,
        }),
        (words) => {
          expect(sortedUnique(words)).toEqual([...new Set(words.filter((w) => w !== ''))].sort());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps one of each and drops blanks', () => {
    expect(sortedUnique(['GROVE', '', 'ELM', 'GROVE'])).toEqual(['ELM', 'GROVE']);
  });
});
