import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { jaroSimilarity, jaroWinklerSimilarity } from './jaro.js';

describe('jaroWinklerSimilarity', () => {
  it.each([
    ['MARTHA', 'MARHTA', 0.9611111111111111],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.8133333333333332],
    ['SMITH', 'SMITH', 1],
    ['SMITH', '', 0],
    ['', '', 0],
    ['AB', 'BA', 0],
  ])('%s ~ %s = %d', (a, b, expected) => {
    expect(jaroWinklerSimilarity(a, b)).toBeCloseTo(expected, 12);
  });

  it('adds no prefix bonus when the Jaro similarity is 0.7 or less', () => {
    const jaro = jaroSimilarity('ABCDXYZQ', 'ABCDPRST');
    expect(jaro).toBeLessThanOrEqual(0.7);
    expect(jaroWinklerSimilarity('ABCDXYZQ', 'ABCDPRST')).toBe(jaro);
  });

  const name = fc.string({
    unit: fc.constantFrom('A', 'E', 'N', 'R', 'S', 'T', 'Y'),
    maxLength: 10,
  });

  test.prop([name, name])('is within [0, 1] and at least the Jaro similarity', (a, b) => {
    const jw = jaroWinklerSimilarity(a, b);
    expect(jw).toBeGreaterThanOrEqual(0);
    expect(jw).toBeLessThanOrEqual(1);
    expect(jw).toBeGreaterThanOrEqual(jaroSimilarity(a, b));
  });

  test.prop([name.filter((s) => s !== '')])('is 1 for a string and itself', (a) => {
    expect(jaroWinklerSimilarity(a, a)).toBe(1);
  });

  test.prop([name, name])('is symmetric', (a, b) => {
    expect(jaroWinklerSimilarity(a, b)).toBe(jaroWinklerSimilarity(b, a));
  });
});
