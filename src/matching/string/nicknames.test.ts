import { describe, expect, it } from 'vitest';
import { NICKNAME_GROUPS } from '../data/nicknames.js';
import { areNicknames, formalNames } from './nicknames.js';
import { phoneticCodes, sharePhoneticCode } from './phonetic.js';

describe('areNicknames', () => {
  it.each([
    ['BOB', 'ROBERT', true],
    ['BILL', 'WILLIAM', true],
    ['PEGGY', 'MARGARET', true],
    ['JACK', 'JOHN', true],
    ['SANDY', 'ALEXANDER', true],
    ['KATE', 'KATHERINE', true],
    ['LIZ', 'ELIZABETH', true],
    ['BOB', 'ROB', true],
    ['ROBERT', 'ROBERT', false],
    ['ROBERT', 'WILLIAM', false],
    ['SAMUEL', 'SAMANTHA', false],
    ['ZEBEDEE', 'ROBERT', false],
  ])('%s ~ %s is %s, both ways', (a, b, expected) => {
    expect(areNicknames(a, b)).toBe(expected);
    expect(areNicknames(b, a)).toBe(expected);
  });

  it('holds a few hundred pairs, uppercase letters only, no repeats inside a group', () => {
    const pairs = NICKNAME_GROUPS.reduce((n, group) => n + group.length - 1, 0);
    expect(pairs).toBeGreaterThan(300);
    for (const group of NICKNAME_GROUPS) {
      expect(new Set(group).size).toBe(group.length);
      for (const name of group) {
        expect(name).toMatch(/^[A-Z]+$/);
      }
    }
  });

  it('gives the formal names a short form stands for', () => {
    expect(formalNames('SANDY')).toEqual(['ALEXANDER', 'ALEXANDRA']);
    expect(formalNames('ZEBEDEE')).toEqual(['ZEBEDEE']);
  });
});

describe('phoneticCodes', () => {
  it('codes sound-alike spellings alike', () => {
    expect(sharePhoneticCode(phoneticCodes('SMITH'), phoneticCodes('SMYTHE'))).toBe(true);
    expect(sharePhoneticCode(phoneticCodes('STEPHEN'), phoneticCodes('STEVEN'))).toBe(true);
    expect(sharePhoneticCode(phoneticCodes('SMITH'), phoneticCodes('JONES'))).toBe(false);
    expect(phoneticCodes('')).toEqual([]);
  });
});
