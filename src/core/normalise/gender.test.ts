import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { Gender } from '../person.js';
import {
  genderFromNhsCode,
  NHS_GENDER_CROSSWALK,
  nhsCodeFromGender,
  parseGender,
  type NhsGenderCode,
} from './gender.js';

describe('PERSON GENDER CODE crosswalk', () => {
  it.each([
    ['0', 'unknown'],
    ['1', 'male'],
    ['2', 'female'],
    ['9', 'other'],
  ] as const)('%s ↔ %s', (code, gender) => {
    expect(genderFromNhsCode(code)).toBe(gender);
    expect(nhsCodeFromGender(gender)).toBe(code);
  });

  test.prop([fc.constantFrom<Gender>('male', 'female', 'other', 'unknown')])(
    'round-trips every FHIR gender',
    (gender) => {
      expect(genderFromNhsCode(nhsCodeFromGender(gender))).toBe(gender);
    },
  );

  it('is one-to-one', () => {
    const genders = Object.values(NHS_GENDER_CROSSWALK);
    expect(new Set(genders).size).toBe(Object.keys(NHS_GENDER_CROSSWALK).length);
    for (const code of Object.keys(NHS_GENDER_CROSSWALK) as NhsGenderCode[]) {
      expect(nhsCodeFromGender(genderFromNhsCode(code))).toBe(code);
    }
  });
});

describe('parseGender', () => {
  it.each([
    ['1', 'male'],
    ['2', 'female'],
    ['9', 'other'],
    ['0', 'unknown'],
    [' 2 ', 'female'],
    ['M', 'male'],
    ['m', 'male'],
    ['Male', 'male'],
    ['MALE', 'male'],
    ['man', 'male'],
    ['F', 'female'],
    ['female', 'female'],
    ['Woman', 'female'],
    ['girl', 'female'],
    ['other', 'other'],
    ['I', 'other'],
    ['Indeterminate', 'other'],
    ['not  specified', 'other'],
    ['U', 'unknown'],
    ['unknown', 'unknown'],
    ['NK', 'unknown'],
    ['N/K', 'unknown'],
    ['Not Known', 'unknown'],
  ] as const)('%j → %s', (raw, gender) => {
    expect(parseGender(raw)).toEqual({ success: true, data: gender });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['X', 'ambiguous'],
    ['x', 'ambiguous'],
    ['3', 'ambiguous'],
    ['Z', 'ambiguous'],
    ['5', 'unrecognised'],
    ['MF', 'unrecognised'],
    ['malee', 'unrecognised'],
    ['12', 'unrecognised'],
  ] as const)('%j fails with %s', (raw, code) => {
    const result = parseGender(raw);
    expect(result.success ? undefined : result.issues.map((i) => i.code)).toEqual([code]);
  });
});
