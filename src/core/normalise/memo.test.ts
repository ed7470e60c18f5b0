import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { freezeResult, MEMO_MAX_KEY_LENGTH, memoise } from './memo.js';

describe('memoise', () => {
  it('computes each key once while it is remembered', () => {
    const calls: string[] = [];
    const upper = memoise((key: string) => {
      calls.push(key);
      return key.toUpperCase();
    }, 4);
    expect([upper('a'), upper('b'), upper('a'), upper('b')]).toEqual(['A', 'B', 'A', 'B']);
    expect(calls).toEqual(['a', 'b']);
  });

  it('forgets the least recently used keys beyond its capacity', () => {
    const calls: string[] = [];
    const upper = memoise((key: string) => {
      calls.push(key);
      return key.toUpperCase();
    }, 4);
    for (const key of ['a', 'b', 'c', 'd', 'e', 'f', 'a']) {
      upper(key);
    }
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'a']);
  });

  it('keeps a key that is still being used when its generation ages', () => {
    const calls: string[] = [];
    const upper = memoise((key: string) => {
      calls.push(key);
      return key.toUpperCase();
    }, 4);
    for (const key of ['a', 'b', 'c', 'a', 'd', 'e', 'a']) {
      upper(key);
    }
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('does not remember keys longer than the limit', () => {
    let calls = 0;
    const length = memoise((key: string) => {
      calls += 1;
      return key.length;
    }, 8);
    const long = 'x'.repeat(MEMO_MAX_KEY_LENGTH + 1);
    expect([length(long), length(long)]).toEqual([long.length, long.length]);
    expect(calls).toBe(2);
  });

  test.prop([
    fc.array(fc.string({ maxLength: 3 }), { maxLength: 200 }),
    fc.integer({ min: 2, max: 16 }),
  ])(
    'always gives the function result, whatever the capacity and order of keys',
    (keys, capacity) => {
      const reverse = (key: string): string => Array.from(key).reverse().join('');
      const memo = memoise(reverse, capacity);
      for (const key of keys) {
        expect(memo(key)).toBe(reverse(key));
      }
    },
  );
});

describe('freezeResult', () => {
  it('freezes the object and the arrays it holds', () => {
    const result = freezeResult({ name: 'A', parts: ['A'] });
    expect(Object.isFrozen(result) && Object.isFrozen(result.parts)).toBe(true);
  });
});
