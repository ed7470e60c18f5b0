import { describe, expect, it } from 'vitest';
import { fromRegisterPerson, type MatchRecord } from '../../matching/index.js';
import { fixturePerson, testNhsNumber as n } from '../test-support/register-people.js';
import { exactAgrees } from './exact-agrees.js';

/**
 * A key of the exact keys file is a hash: a record found under it is kept only when its values
 * agree, so a collision can never make a candidate.
 */

const register = fromRegisterPerson(
  fixturePerson(n(1), { birthDate: '1956-10-01', supersededNhsNumbers: [n(9)] }),
);

function request(changes: Partial<MatchRecord>): MatchRecord {
  return { ...register, ...changes };
}

describe('a record found under an exact key', () => {
  it('is kept for a number it holds, now or before a merge, and no other', () => {
    expect(exactAgrees(0, { nhsNumber: n(1) }, register)).toBe(true);
    expect(exactAgrees(0, { nhsNumber: n(9) }, register)).toBe(true);
    expect(exactAgrees(0, { nhsNumber: n(2) }, register)).toBe(false);
    expect(exactAgrees(0, {}, register)).toBe(false);
  });

  it('is kept for the same family name and full date of birth, and no other', () => {
    const full = { year: 1956, month: 10, day: 1, placeholder: false };
    expect(exactAgrees(1, request({ birthDate: full }), register)).toBe(true);
    expect(exactAgrees(1, request({ birthDate: { ...full, day: 2 } }), register)).toBe(false);
    expect(exactAgrees(1, request({ birthDate: { ...full, month: 11 } }), register)).toBe(false);
    expect(exactAgrees(1, request({ birthDate: { ...full, year: 1957 } }), register)).toBe(false);
    expect(exactAgrees(1, request({ familyName: 'FLANDERS' }), register)).toBe(false);
    expect(
      exactAgrees(1, request({ birthDate: { year: 1956, placeholder: false } }), register),
    ).toBe(false);
  });

  it('is kept for a request without a day on the year, and the month where it has one', () => {
    const year = { year: 1956, placeholder: false };
    expect(exactAgrees(2, request({ birthDate: year }), register)).toBe(true);
    expect(exactAgrees(2, request({ birthDate: { ...year, month: 10 } }), register)).toBe(true);
    expect(exactAgrees(2, request({ birthDate: { ...year, month: 11 } }), register)).toBe(false);
    expect(exactAgrees(2, request({ birthDate: { ...year, year: 1957 } }), register)).toBe(false);
    expect(exactAgrees(2, request({ familyName: 'FLANDERS', birthDate: year }), register)).toBe(
      false,
    );
    const nameless = Object.fromEntries(
      Object.entries(request({ birthDate: year })).filter(([key]) => key !== 'familyName'),
    ) as MatchRecord;
    expect(exactAgrees(2, nameless, register)).toBe(false);
    expect(exactAgrees(3, request({ birthDate: year }), register)).toBe(false);
  });
});
