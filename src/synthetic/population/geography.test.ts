import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { parsePostcode } from '../../core/normalise/postcode.js';
import { planTowns, postcodeUnit, unitAddress } from './geography.js';

describe('synthetic geography', () => {
  test.prop([fc.integer({ min: 1, max: 80_000_000 })])(
    'shares the people exactly among the towns',
    (people) => {
      const plans = planTowns(people);
      expect(plans.reduce((sum, plan) => sum + plan.people, 0)).toBe(people);
    },
  );

  it('gives distinct, valid postcodes to the units of a town, and neighbours the same street', () => {
    const birmingham = planTowns(10_000_000).find((plan) => plan.town.area === 'B')!;
    const codes = Array.from(
      { length: 6_000 },
      (_, unit) => postcodeUnit(birmingham, unit, 3).postcode,
    );
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(parsePostcode(code).success).toBe(true);
    }
    const unit = postcodeUnit(birmingham, 17, 3);
    const first = unitAddress(birmingham, unit, 0, 3);
    const second = unitAddress(birmingham, unit, 1, 3);
    expect(first.postalCode).toBe(second.postalCode);
    expect(first.lines.slice(1)).toEqual(second.lines.slice(1));
    expect(first.lines[0]).not.toBe(second.lines[0]);
    expect(first.lines.length).toBeLessThanOrEqual(5);
  });

  it('is the same for the same seed and differs for another', () => {
    const [leeds] = planTowns(1_000_000).filter((plan) => plan.town.area === 'LS');
    const codes = (seed: number): string[] =>
      Array.from({ length: 50 }, (_, unit) => postcodeUnit(leeds!, unit, seed).postcode);
    expect(codes(1)).toEqual(codes(1));
    expect(codes(2)).not.toEqual(codes(1));
  });
});
