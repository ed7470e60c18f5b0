/**
 * The BS 7666 format rules for UK postcodes (as set out in the Cabinet Office BS7666 schema and
 * nhs-domain.md §5.4), and the NHS pseudo-postcodes. Uppercase input with no spaces.
 */

/** Outward code shapes A9, A99, A9A, AA9, AA99, AA9A with the per-position letter rules. */
const OUTWARD =
  /^(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])$/;

/** Inward code: a digit then two letters, never C, I, K, M, O or V. */
const INWARD = /^[0-9][ABD-HJLNP-UW-Z]{2}$/;

/**
 * Why an outward code breaks the rules, or `undefined` when it is valid.
 * @param outward - 2 to 4 uppercase ASCII letters and digits
 */
export function outwardProblem(outward: string): string | undefined {
  if (OUTWARD.test(outward)) {
    return undefined;
  }
  const [first = '', second = '', third = '', fourth = ''] = outward;
  if (!/[A-Z]/.test(first)) {
    return 'an outward code starts with a letter';
  }
  if ('QVX'.includes(first)) {
    return 'an outward code never starts with Q, V or X';
  }
  if (/[A-Z]/.test(second)) {
    if ('IJZ'.includes(second)) {
      return 'the second letter of an outward code is never I, J or Z';
    }
    if (/[A-Z]/.test(fourth) && !'ABEHMNPRVWXY'.includes(fourth)) {
      return 'a letter in the fourth position of an outward code is one of A B E H M N P R V W X Y';
    }
  } else if (/[A-Z]/.test(third) && !'ABCDEFGHJKSTUW'.includes(third)) {
    return 'a letter in the third position of an outward code is one of A B C D E F G H J K S T U W';
  }
  return 'an outward code has the shape A9, A99, A9A, AA9, AA99 or AA9A (A a letter, 9 a digit)';
}

/**
 * Why an inward code breaks the rules, or `undefined` when it is valid.
 * @param inward - 3 uppercase ASCII letters and digits
 */
export function inwardProblem(inward: string): string | undefined {
  if (INWARD.test(inward)) {
    return undefined;
  }
  if (!/^[0-9]/.test(inward)) {
    return 'an inward code starts with a digit';
  }
  if (!/^[0-9][A-Z]{2}$/.test(inward)) {
    return 'an inward code is a digit followed by two letters';
  }
  return 'the letters of an inward code are never C, I, K, M, O or V';
}

/** What an NHS pseudo-postcode (`ZZ99 …`) stands for. None of them is a place. */
export type PseudoPostcodeMeaning =
  | 'no-fixed-abode'
  | 'not-known'
  | 'england-not-specified'
  | 'northern-ireland-not-specified'
  | 'scotland-not-specified'
  | 'wales-not-specified'
  | 'overseas-or-other';

/**
 * The documented NHS pseudo-postcodes (NHS Data Dictionary, POSTCODE OF USUAL ADDRESS notes).
 * Every other `ZZ99 9AZ`-shaped code is `overseas-or-other`: the Data Dictionary also uses
 * `ZZ99` codes for the countries of overseas visitors (e.g. `ZZ99 6CZ` India), which this table
 * does not decode.
 */
export const PSEUDO_POSTCODES: Readonly<Record<string, PseudoPostcodeMeaning>> = {
  'ZZ99 3VZ': 'no-fixed-abode',
  'ZZ99 3WZ': 'not-known',
  'ZZ99 3CZ': 'england-not-specified',
  'ZZ99 2WZ': 'northern-ireland-not-specified',
  'ZZ99 1WZ': 'scotland-not-specified',
  'ZZ99 3GZ': 'wales-not-specified',
};

/**
 * The meaning of a pseudo-postcode, or `undefined` when the code is not a `ZZ99` code.
 * @param outward - uppercase outward code
 * @param inward - uppercase inward code
 */
export function pseudoMeaning(outward: string, inward: string): PseudoPostcodeMeaning | undefined {
  if (outward !== 'ZZ99' || !/^[0-9][A-Z]{2}$/.test(inward)) {
    return undefined;
  }
  return PSEUDO_POSTCODES[`${outward} ${inward}`] ?? 'overseas-or-other';
}
