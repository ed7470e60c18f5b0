import { describe, expect, it } from 'vitest';
import {
  blockingKey,
  blockPairs,
  columnsFixedBy,
  rulePairs,
  type BlockingRule,
} from './blocking.js';

const left = [
  { id: 'L0', first: 'ann', last: 'lee', dob: '19800101' },
  { id: 'L1', first: 'bob', last: 'ray', dob: '19900202' },
  { id: 'L2', first: '', last: 'ray', dob: '19900202' },
  { id: 'L3', first: 'kim', last: 'ong', dob: '19700303' },
];
const right = [
  { id: 'R0', first: 'ann', last: 'lee', dob: '19800101' },
  { id: 'R1', first: 'bobby', last: 'ray', dob: '19900202' },
  { id: 'R2', first: 'ong', last: 'kim', dob: '19991231' },
  { id: 'R3', first: 'bo', last: 'ray', dob: '' },
];

const names: BlockingRule = {
  name: 'first+last',
  on: [
    { left: 'first', right: 'first' },
    { left: 'last', right: 'last' },
  ],
};
const dob: BlockingRule = { name: 'dob', on: [{ left: 'dob', right: 'dob' }] };
const swapped: BlockingRule = {
  name: 'swapped',
  on: [
    { left: 'first', right: 'last' },
    { left: 'last', right: 'first' },
  ],
};
const prefix: BlockingRule = {
  name: 'first2+last',
  on: [
    { left: 'first', right: 'first', prefix: 2 },
    { left: 'last', right: 'last' },
  ],
};

describe('blocking', () => {
  it('joins on every part of the key; missing values never block', () => {
    expect(rulePairs(names, left, right)).toEqual([[0, 0]]);
    expect(rulePairs(dob, left, right)).toEqual([
      [0, 0],
      [1, 1],
      [2, 1],
    ]);
    expect(blockingKey(names, 'left', left[2] ?? {})).toBeUndefined();
  });
  it('compares different columns on each side (swapped names) and prefixes', () => {
    expect(rulePairs(swapped, left, right)).toEqual([[3, 2]]);
    expect(rulePairs(prefix, left, right)).toEqual([
      [0, 0],
      [1, 1],
      [1, 3],
    ]);
  });
  it('unions rules, keeping each pair once under the first rule that makes it', () => {
    const blocked = blockPairs([names, dob, prefix, swapped], left, right);
    expect(blocked.pairs).toEqual([
      [0, 0],
      [1, 1],
      [2, 1],
      [1, 3],
      [3, 2],
    ]);
    expect(blocked.counts).toEqual([
      { rule: 'first+last', pairs: 1, newPairs: 1 },
      { rule: 'dob', pairs: 3, newPairs: 2 },
      { rule: 'first2+last', pairs: 3, newPairs: 1 },
      { rule: 'swapped', pairs: 1, newPairs: 1 },
    ]);
  });
  it('names the columns a rule reads on either side', () => {
    expect(columnsFixedBy(swapped)).toEqual(['first', 'last']);
    expect(columnsFixedBy(dob)).toEqual(['dob']);
  });
});
