import { describe, expect, it } from 'vitest';
import {
  damerauLevenshteinComparison,
  exactComparison,
  jaroWinklerComparison,
} from './comparisons.js';
import { dateComparison, parseYyyymmdd } from './date-comparison.js';
import type { GenericComparison } from './levels.js';

/** The id of the level a pair of single values falls in. */
function levelId(comparison: GenericComparison, a: string, b: string): string | undefined {
  const row = (value: string) => ({ [comparison.column]: value });
  return comparison.levels[comparison.levelOf(row(a), row(b))]?.id;
}

describe('exact comparison', () => {
  const c = exactComparison('postcode', { tf: true });
  it.each([
    ['2135', '2135', 'exact'],
    ['2135', '2136', 'else'],
    ['', '2135', 'null'],
    ['2135', '', 'null'],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(levelId(c, a, b)).toBe(expected);
    expect(levelId(c, b, a)).toBe(expected);
  });
  it('marks only the exact level for term-frequency adjustment', () => {
    expect(c.levels.filter((l) => l.tf === true).map((l) => l.id)).toEqual(['exact']);
    expect(exactComparison('x').levels.some((l) => l.tf === true)).toBe(false);
  });
});

describe('Jaro-Winkler comparison (Splink NameComparison cut-offs)', () => {
  const c = jaroWinklerComparison('given_name');
  it.each([
    ['michaela', 'michaela', 'exact'],
    ['michaela', 'micheala', 'jw-0.92'], // JW 0.975
    ['martha', 'marhta', 'jw-0.92'], // JW 0.961
    ['dwayne', 'duane', 'jw-0.7'], // JW 0.840
    ['courtney', 'kourtney', 'jw-0.88'], // JW 0.917 (no common prefix)
    ['jones', 'johnson', 'jw-0.7'], // JW 0.832
    ['charles', 'vanessa', 'else'],
    ['', 'charles', 'null'],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(levelId(c, a, b)).toBe(expected);
    expect(levelId(c, b, a)).toBe(expected);
  });
  it('has null, exact, one level per threshold (descending) and else', () => {
    expect(jaroWinklerComparison('s', [0.7, 0.92]).levels.map((l) => l.id)).toEqual([
      'null',
      'exact',
      'jw-0.92',
      'jw-0.7',
      'else',
    ]);
  });
  it('starts from m and u that each sum to 1 over the trainable levels', () => {
    const trainable = c.levels.filter((l) => l.kind !== 'null');
    expect(trainable.reduce((s, l) => s + l.m, 0)).toBeCloseTo(1, 12);
    expect(trainable.reduce((s, l) => s + l.u, 0)).toBeCloseTo(1, 12);
    expect(c.levels.at(-1)?.m).toBeGreaterThan(0);
  });
});

describe('Damerau-Levenshtein comparison', () => {
  const c = damerauLevenshteinComparison('soc_sec_id', [2, 1]);
  it.each([
    ['5304218', '5304218', 'exact'],
    ['5304218', '5304219', 'dl-1'],
    ['5304218', '5302418', 'dl-1'], // adjacent swap is one edit
    ['5304218', '5034128', 'dl-2'],
    ['5304218', '1234567', 'else'],
    ['5304218', '', 'null'],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(levelId(c, a, b)).toBe(expected);
    expect(levelId(c, b, a)).toBe(expected);
  });
});

describe('YYYYMMDD date comparison', () => {
  const c = dateComparison('date_of_birth');
  it.each([
    ['19651013', '19651013', 'exact'],
    ['19651013', '19651031', 'dl-1'], // last two digits swapped
    ['19651013', '19651018', 'dl-1'],
    ['19651013', '19651125', 'year'],
    ['19651013', '19651002', 'year-month'],
    ['19651013', '19700101', 'within-10-years'],
    ['19651013', '19900101', 'else'],
    ['19651013', '19651332', 'null'], // month 13: not a date
    ['19651013', '1965101', 'null'],
    ['', '19651013', 'null'],
  ])('%j vs %j → %s', (a, b, expected) => {
    expect(levelId(c, a, b)).toBe(expected);
    expect(levelId(c, b, a)).toBe(expected);
  });
  it.each([
    ['20000229', { year: 2000, month: 2, day: 29 }],
    ['19990431', undefined],
    ['19990001', undefined],
    ['1999-01-01', undefined],
  ])('parses %j', (text, expected) => {
    expect(parseYyyymmdd(text)).toEqual(expected);
  });
});
