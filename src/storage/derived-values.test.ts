import { describe, expect, it } from 'vitest';
import { deriveFamilyName, deriveForename, derivePostcode } from './derived-values.js';

describe('derived matching values', () => {
  it.each([
    ["O'Reilly", { key: 'OREILLY', phonetic1: 'ARL', phonetic2: null }],
    ['Smith', { key: 'SMITH', phonetic1: 'SM0', phonetic2: 'XMT' }],
    ['UNKNOWN', { key: null, phonetic1: null, phonetic2: null }],
    ['', { key: null, phonetic1: null, phonetic2: null }],
  ])('family name %j', (raw, expected) => {
    expect(deriveFamilyName(raw)).toEqual(expected);
  });

  it('keys the forename, without titles', () => {
    expect(deriveForename('Dr Anna-Maria')).toEqual({
      key: 'ANNA',
      phonetic1: 'AN',
      phonetic2: null,
    });
    expect(deriveForename('Baby')).toEqual({ key: null, phonetic1: null, phonetic2: null });
  });

  it('splits postcodes, and gives pseudo-postcodes no shared levels', () => {
    expect(derivePostcode('ls16ae')).toEqual({
      postcode: 'LS1 6AE',
      area: 'LS',
      district: 'LS1',
      sector: 'LS1 6',
      unit: 'LS1 6AE',
    });
    expect(derivePostcode('ZZ99 3VZ')).toMatchObject({ postcode: 'ZZ99 3VZ', unit: null });
    expect(derivePostcode('not a postcode')).toMatchObject({ postcode: null, area: null });
  });
});
