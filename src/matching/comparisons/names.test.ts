import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { levelIndex } from '../model/comparison.js';
import { buildMatchRecord } from '../record-builder.js';
import { levelOf } from '../test-support/fixtures.js';
import { familyNameComparison } from './family-name.js';
import { givenNameComparison } from './given-name.js';

const given = givenNameComparison();
const family = familyNameComparison();

describe('given name comparison', () => {
  it.each([
    ['missing one side', { givenNames: 'John' }, {}, 'null'],
    ['placeholder is missing', { givenNames: 'Unknown' }, { givenNames: 'John' }, 'null'],
    ['exact, accents and case folded', { givenNames: 'Zoë' }, { givenNames: 'ZOE' }, 'exact'],
    ['exact, title removed', { givenNames: 'Dr John' }, { givenNames: 'John' }, 'exact'],
    ['nickname', { givenNames: 'Peggy' }, { givenNames: 'Margaret' }, 'nickname'],
    ['nickname via a shared formal name', { givenNames: 'Bob' }, { givenNames: 'Rob' }, 'nickname'],
    [
      'swapped with family name',
      { givenNames: 'Smith', familyName: 'John' },
      { givenNames: 'John', familyName: 'Smith' },
      'swapped',
    ],
    ['Jaro-Winkler ≥ 0.92', { givenNames: 'Martha' }, { givenNames: 'Marhta' }, 'jw-high'],
    ['Jaro-Winkler ≥ 0.88 (0.9067)', { givenNames: 'Aidan' }, { givenNames: 'Aiden' }, 'jw-low'],
    ['phonetic (Jaro-Winkler 0.74)', { givenNames: 'Karen' }, { givenNames: 'Carine' }, 'phonetic'],
    ['initial only', { givenNames: 'J' }, { givenNames: 'Joanna' }, 'initial'],
    [
      'matches a middle name',
      { givenNames: 'Anne' },
      { givenNames: 'Margaret Anne' },
      'other-given',
    ],
    ['different', { givenNames: 'Oliver' }, { givenNames: 'Harry' }, 'else'],
  ])('%s', (_, left, right, expected) => {
    expect(levelOf(given, left, right)).toBe(expected);
  });
});

describe('family name comparison', () => {
  it.each([
    ['missing one side', {}, { familyName: 'Smith' }, 'null'],
    [
      'swapped with given name',
      { givenNames: 'Smith', familyName: 'John' },
      { givenNames: 'John', familyName: 'Smith' },
      'swapped',
    ],
    ['exact, apostrophe dropped', { familyName: "O'Neil" }, { familyName: 'ONeil' }, 'exact'],
    [
      'exact, hyphen or space',
      { familyName: 'Jones-Smith' },
      { familyName: 'Jones Smith' },
      'exact',
    ],
    [
      'barrel of a double name',
      { familyName: 'Jones-Smith' },
      { familyName: 'Smith' },
      'part-or-previous',
    ],
    [
      'previous (maiden) name',
      { familyName: 'Ashworth', previousFamilyNames: ['Pickles'] },
      { familyName: 'Pickles' },
      'part-or-previous',
    ],
    ['Jaro-Winkler ≥ 0.92', { familyName: 'Ashworth' }, { familyName: 'Ashwroth' }, 'jw-high'],
    ['Jaro-Winkler ≥ 0.88 (0.9111)', { familyName: 'Elliot' }, { familyName: 'Eliott' }, 'jw-low'],
    ['phonetic', { familyName: 'Smith' }, { familyName: 'Smythe' }, 'phonetic'],
    ['different', { familyName: 'Ashworth' }, { familyName: 'Patel' }, 'else'],
  ])('%s', (_, left, right, expected) => {
    expect(levelOf(family, left, right)).toBe(expected);
  });

  it('uses the Jaro-Winkler cut-offs it is given', () => {
    const strict = familyNameComparison({ jwHigh: 0.99, jwLow: 0.97 });
    expect(levelOf(strict, { familyName: 'Ashworth' }, { familyName: 'Ashwroth' })).not.toBe(
      'jw-high',
    );
    expect(strict.options).toEqual({ jwHigh: 0.99, jwLow: 0.97 });
  });
});

describe('thresholds', () => {
  const name = fc.constantFrom(
    'ASHWORTH',
    'ASHWROTH',
    'ASHWORT',
    'ASWORTH',
    'ELLIOT',
    'ELIOTT',
    'AIDAN',
    'AIDEN',
    'SMITH',
  );
  const cutoffs = fc
    .tuple(
      fc.double({ min: 0.5, max: 1, noNaN: true }),
      fc.double({ min: 0.5, max: 1, noNaN: true }),
    )
    .map(([a, b]) => ({ jwHigh: Math.max(a, b), jwLow: Math.min(a, b) }));

  test.prop([name, name, cutoffs, cutoffs])(
    'stricter Jaro-Winkler cut-offs never move a pair to a stronger level',
    (a, b, x, y) => {
      const strict = { jwHigh: Math.max(x.jwHigh, y.jwHigh), jwLow: Math.max(x.jwLow, y.jwLow) };
      const loose = { jwHigh: Math.min(x.jwHigh, y.jwHigh), jwLow: Math.min(x.jwLow, y.jwLow) };
      for (const build of [givenNameComparison, familyNameComparison]) {
        const left = buildMatchRecord({ givenNames: a, familyName: a });
        const right = buildMatchRecord({ givenNames: b, familyName: b });
        expect(levelIndex(build(strict), left, right)).toBeGreaterThanOrEqual(
          levelIndex(build(loose), left, right),
        );
      }
    },
  );
});
