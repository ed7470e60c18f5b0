import { describe, expect, it } from 'vitest';
import { parseNhsNumber, type NhsNumber } from './nhs-number.js';
import {
  classifyNhsNumberRange,
  NHS_NUMBER_RANGES,
  nhsNumberRangeOfPrefix,
  type NhsNumberRangeLabel,
} from './ranges.js';

function nhsNumber(input: string): NhsNumber {
  const parsed = parseNhsNumber(input);
  if (!parsed.success) {
    throw new Error(`fixture ${input} is not a valid NHS Number`);
  }
  return parsed.data;
}

/** docs/reference/nhs-domain.md §1.3, written out independently of the table under test. */
function expectedLabel(prefix: number): NhsNumberRangeLabel {
  const bounds: readonly (readonly [number, NhsNumberRangeLabel])[] = [
    [10, 'unknown'],
    [320, 'scotland-chi'],
    [400, 'northern-ireland'],
    [500, 'england-wales-iom'],
    [600, 'test-internal'],
    [800, 'england-wales-iom'],
    [860, 'ireland-ihi'],
    [900, 'unallocated-spare'],
    [1000, 'unallocated-test'],
  ];
  const found = bounds.find(([below]) => prefix < below);
  return found === undefined ? 'unknown' : found[1];
}

describe('NHS Number ranges', () => {
  it('covers every prefix 000–999 exactly once, in order', () => {
    let next = 0;
    for (const row of NHS_NUMBER_RANGES) {
      expect(row.firstPrefix).toBe(next);
      expect(row.lastPrefix).toBeGreaterThanOrEqual(row.firstPrefix);
      next = row.lastPrefix + 1;
    }
    expect(next).toBe(1000);
  });

  it('labels every prefix as the reference table does', () => {
    for (let prefix = 0; prefix < 1000; prefix += 1) {
      expect(nhsNumberRangeOfPrefix(prefix).label, `prefix ${prefix}`).toBe(expectedLabel(prefix));
    }
  });

  it.each([
    [9, 'unknown'],
    [10, 'scotland-chi'],
    [319, 'scotland-chi'],
    [320, 'northern-ireland'],
    [399, 'northern-ireland'],
    [400, 'england-wales-iom'],
    [499, 'england-wales-iom'],
    [500, 'test-internal'],
    [599, 'test-internal'],
    [600, 'england-wales-iom'],
    [799, 'england-wales-iom'],
    [800, 'ireland-ihi'],
    [859, 'ireland-ihi'],
    [860, 'unallocated-spare'],
    [899, 'unallocated-spare'],
    [900, 'unallocated-test'],
    [999, 'unallocated-test'],
  ])('puts boundary prefix %i in %s', (prefix, label) => {
    expect(nhsNumberRangeOfPrefix(prefix).label).toBe(label);
  });

  it.each([-1, 1000, 12.5, Number.NaN])('rejects the impossible prefix %d', (prefix) => {
    expect(() => nhsNumberRangeOfPrefix(prefix)).toThrow(RangeError);
  });

  it('classifies a parsed number by its first three digits, with a description', () => {
    expect(classifyNhsNumberRange(nhsNumber('943 476 5919'))).toEqual({
      label: 'unallocated-test',
      description: 'not allocated: used by development and test systems',
    });
    expect(classifyNhsNumberRange(nhsNumber('9000000009')).label).toBe('unallocated-test');
  });
});
