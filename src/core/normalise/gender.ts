import type { Gender } from '../person.js';
import { fail, ok, type Result } from '../result.js';

/**
 * NHS Data Dictionary PERSON GENDER CODE, the legacy code PDS MESH, MPT and SMSP use:
 * `0` not known (not recorded), `1` male, `2` female, `9` not specified (indeterminate).
 */
export type NhsGenderCode = '0' | '1' | '2' | '9';

/**
 * The crosswalk between PERSON GENDER CODE and FHIR `Patient.gender`: `1` ↔ `male`,
 * `2` ↔ `female`, `9` ↔ `other`, `0` ↔ `unknown`. This is the suggested mapping in the project's
 * domain notes (nhs-domain.md §5.1), not an officially published crosswalk.
 */
export const NHS_GENDER_CROSSWALK: Readonly<Record<NhsGenderCode, Gender>> = {
  '0': 'unknown',
  '1': 'male',
  '2': 'female',
  '9': 'other',
};

const CODE_FOR: Readonly<Record<Gender, NhsGenderCode>> = {
  unknown: '0',
  male: '1',
  female: '2',
  other: '9',
};

/**
 * The FHIR gender for a PERSON GENDER CODE (see {@link NHS_GENDER_CROSSWALK}).
 * @param code - `0`, `1`, `2` or `9`
 */
export function genderFromNhsCode(code: NhsGenderCode): Gender {
  return NHS_GENDER_CROSSWALK[code];
}

/**
 * The PERSON GENDER CODE for a FHIR gender (see {@link NHS_GENDER_CROSSWALK}).
 * @param gender - `male`, `female`, `other` or `unknown`
 */
export function nhsCodeFromGender(gender: Gender): NhsGenderCode {
  return CODE_FOR[gender];
}

/** Why a gender value was not understood. */
export type GenderIssueCode = 'empty' | 'ambiguous' | 'unrecognised';

/** Why a gender was not understood; `code` is stable, `message` is for people. */
export interface GenderIssue {
  readonly code: GenderIssueCode;
  readonly message: string;
}

/** Spellings accepted by {@link parseGender}, compared after trimming and upper-casing. */
const SPELLINGS: Readonly<Record<string, Gender>> = {
  ...NHS_GENDER_CROSSWALK,
  M: 'male',
  MALE: 'male',
  MAN: 'male',
  BOY: 'male',
  F: 'female',
  FEMALE: 'female',
  WOMAN: 'female',
  GIRL: 'female',
  O: 'other',
  OTHER: 'other',
  I: 'other',
  INDETERMINATE: 'other',
  'NOT SPECIFIED': 'other',
  U: 'unknown',
  UNK: 'unknown',
  UNKNOWN: 'unknown',
  NK: 'unknown',
  'N/K': 'unknown',
  'NOT KNOWN': 'unknown',
  'NOT RECORDED': 'unknown',
};

/**
 * Codes that mean different things in different NHS code sets, so they are refused rather
 * than guessed: `X` is "not known" in PERSON STATED GENDER CODE but "unspecified" on passports;
 * `3`/`4`/`Z` belong to GENDER IDENTITY CODE, not to the PERSON GENDER CODE read here.
 */
const AMBIGUOUS = new Set(['X', '3', '4', 'Z']);

/**
 * Reads a gender as systems key it: PERSON GENDER CODE digits (`0`, `1`, `2`, `9`), FHIR codes
 * (`male`, `female`, `other`, `unknown`), letters (`M`, `F`, `U`, `I`, `O`) and common words,
 * in any case and with surrounding spaces.
 * An empty value fails with `empty`, so a caller can tell "not supplied" from a stated
 * `unknown`; codes whose meaning depends on the code set fail with `ambiguous`.
 * @param raw - the gender as recorded
 * @example parseGender(' f ') // { success: true, data: 'female' }
 * @example parseGender('X')   // { success: false, issues: [{ code: 'ambiguous', … }] }
 */
export function parseGender(raw: string): Result<Gender, GenderIssue> {
  const text = raw.trim().toUpperCase().replace(/\s+/g, ' ');
  if (text === '') {
    return fail({ code: 'empty', message: 'no gender given' });
  }
  const gender = SPELLINGS[text];
  if (gender !== undefined) {
    return ok(gender);
  }
  if (AMBIGUOUS.has(text)) {
    return fail({
      code: 'ambiguous',
      message: `gender code ${text} means different things in different NHS code sets; map it before tracing`,
    });
  }
  return fail({
    code: 'unrecognised',
    message: 'gender must be 0, 1, 2, 9, M, F, U, male, female, other or unknown',
  });
}
