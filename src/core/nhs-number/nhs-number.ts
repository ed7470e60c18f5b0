import { fail, ok, type Result } from '../result.js';

/**
 * A 10-digit NHS Number whose Modulus 11 check digit is correct. Only {@link parseNhsNumber}
 * (and the generators built on it) create one, so a function that takes an `NhsNumber` never
 * has to validate again.
 * @see https://archive.datadictionary.nhs.uk/DD%20Release%20August%202021/attributes/nhs_number.html
 */
export type NhsNumber = string & { readonly __brand: 'NhsNumber' };

/** Why a string is not a valid NHS Number. */
export type NhsNumberIssueCode =
  'empty' | 'non-digit' | 'wrong-length' | 'check-digit-10' | 'bad-check-digit';

/**
 * One reason a string is not a valid NHS Number: `code` is stable (safe to count and match on),
 * `message` is for people and never repeats the input.
 */
export interface NhsNumberIssue {
  readonly code: NhsNumberIssueCode;
  readonly message: string;
}

const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/**
 * The Modulus 11 check digit for the first nine digits, or 10 when no valid number can be
 * made from them (such numbers are never issued). Does not validate its input: callers pass
 * nine ASCII digits (extra characters are ignored, fewer give a meaningless result).
 *
 * What the check digit catches. A valid number satisfies Σ wᵢ·dᵢ ≡ 0 (mod 11) with weights
 * 10, 9, …, 2 and weight 1 for the check digit itself. A single-digit substitution changes the
 * sum by w·δ, a transposition of two different digits by (wᵢ − wⱼ)·δ, where the weight w is 1–10,
 * the weight difference 1–9 and the digit difference δ 1–9 (up to sign); 11 is prime, so neither
 * change is ever a multiple of 11. Hence every single substitution and every transposition,
 * adjacent or not, including one with the check digit, is rejected: proved in
 * nhs-number.test.ts, and bench/validate-transpositions.ts checks all 736,363,637 adjacent
 * transpositions of the 90,909,091 valid 9xx numbers and finds none accepted. About 1 in 10 of
 * them (1 in 9 when digits 9 and 10 are swapped) is reported as `check-digit-10` rather than
 * `bad-check-digit`, because the changed first nine digits can give no valid number at all.
 * Blind spots: a twin error in digits 5 and 6 (`aa` → `bb`; weights 6 + 5 = 11) is never
 * caught, and two independent substitutions cancel out about 1 time in 11.
 * @param nineDigits - exactly nine ASCII digits
 */
export function checkDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    sum += (nineDigits.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 11 ? 0 : check;
}

/** Separators a person may type between digit groups: spaces and hyphens (ISB 0149 req. 10). */
const SEPARATORS = /[\s-]/g;
const TEN_DIGITS = /^\d{10}$/;

/**
 * Parses an NHS Number as typed: 10 digits, with or without spaces or hyphens.
 * Never throws: an invalid input gives the precise reason as a value.
 * @param input - the number as typed; surrounding whitespace is ignored
 * @example
 * parseNhsNumber('943 476 5919') // { success: true, data: '9434765919' }
 * parseNhsNumber('9876544321')   // { success: false, issues: [{ code: 'bad-check-digit', … }] }
 */
export function parseNhsNumber(input: string): Result<NhsNumber, NhsNumberIssue> {
  // Fast path for the common case of ten bare digits (large files are mostly that).
  const digits = TEN_DIGITS.test(input) ? input : input.trim().replace(SEPARATORS, '');
  if (digits === '') {
    return fail({ code: 'empty', message: 'no NHS Number given' });
  }
  if (!/^\d+$/.test(digits)) {
    return fail({
      code: 'non-digit',
      message: 'an NHS Number has only digits (spaces and hyphens are allowed between them)',
    });
  }
  if (digits.length !== 10) {
    return fail({
      code: 'wrong-length',
      message: `an NHS Number has 10 digits, this has ${digits.length}`,
    });
  }
  const expected = checkDigit(digits);
  if (expected === 10) {
    return fail({
      code: 'check-digit-10',
      message: 'the first nine digits give check digit 10, so no such NHS Number can be issued',
    });
  }
  const actual = digits.charCodeAt(9) - 48;
  if (actual !== expected) {
    return fail({
      code: 'bad-check-digit',
      message: `the check digit is ${actual} but Modulus 11 gives ${expected}`,
    });
  }
  return ok(digits as NhsNumber);
}

/**
 * True when the input parses as a valid NHS Number.
 * @param input - the number as typed, with or without spaces or hyphens
 */
export function isValidNhsNumber(input: string): boolean {
  return parseNhsNumber(input).success;
}

/**
 * Formats an NHS Number for display in the 3 3 4 pattern (ISB 0149 req. 09).
 * @param nhsNumber - a parsed NHS Number
 * @example formatNhsNumber(n) // '943 476 5919'
 */
export function formatNhsNumber(nhsNumber: NhsNumber): string {
  return `${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`;
}
