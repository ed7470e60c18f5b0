import type { Comparison } from '../model/comparison.js';
import type { MatchRecord } from '../record.js';
import { jaroWinklerSimilarity } from '../string/jaro.js';
import { areNicknames } from '../string/nicknames.js';
import { sharePhoneticCode } from '../string/phonetic.js';
import { agree, elseLevel, namesSwapped, neutral, nullLevel, withTf } from './level.js';

/** Jaro-Winkler cut-offs for names (fastLink and Splink's NameComparison use 0.92 and 0.88). */
export const NAME_JW_DEFAULTS = { jwHigh: 0.92, jwLow: 0.88 } as const;

type Pair = (left: MatchRecord, right: MatchRecord) => boolean;

/** Both first given names, or false when either is missing. */
function onFirst(test: (a: string, b: string) => boolean): Pair {
  return (left, right) =>
    left.givenFirst !== undefined &&
    right.givenFirst !== undefined &&
    test(left.givenFirst, right.givenFirst);
}

/** One side recorded only an initial, and it is the other's first letter (J vs JOHN). */
const initialOnly: Pair = onFirst(
  (a, b) => (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b)),
);

/** One side's forename is among the other's further given names or aliases. */
const otherGivenName: Pair = (left, right) =>
  (left.givenFirst !== undefined && right.givenOthers.includes(left.givenFirst)) ||
  (right.givenFirst !== undefined && left.givenOthers.includes(right.givenFirst));

/**
 * The first given name comparison. Levels, strongest first: exact (term-frequency adjusted),
 * nickname or diminutive (BOB ~ ROBERT), names swapped with the family name (weighs 0 here: the
 * family-name comparison counts a swap once), Jaro-Winkler ≥ `jwHigh`, ≥ `jwLow`, same Double
 * Metaphone code, initial only, matches another given name, else.
 * @param options - `jwHigh` and `jwLow` cut-offs (default 0.92 and 0.88)
 */
export function givenNameComparison(
  options: { readonly jwHigh: number; readonly jwLow: number } = NAME_JW_DEFAULTS,
): Comparison {
  const { jwHigh, jwLow } = options;
  const levels = [
    nullLevel('given name missing', (r) => r.givenFirst === undefined),
    withTf(
      'given-name',
      agree(
        'exact',
        'given name exact',
        { m: 0.85, u: 0.01 },
        onFirst((a, b) => a === b),
      ),
    ),
    agree(
      'nickname',
      'given name is a nickname or short form',
      { m: 0.04, u: 0.0015 },
      onFirst(areNicknames),
    ),
    neutral('swapped', 'given and family names swapped (weighed under family name)', namesSwapped),
    agree(
      'jw-high',
      `given name similar (Jaro-Winkler ≥ ${jwHigh})`,
      { m: 0.03, u: 0.003 },
      onFirst((a, b) => jaroWinklerSimilarity(a, b) >= jwHigh),
    ),
    agree(
      'jw-low',
      `given name fairly similar (Jaro-Winkler ≥ ${jwLow})`,
      { m: 0.015, u: 0.002 },
      onFirst((a, b) => jaroWinklerSimilarity(a, b) >= jwLow),
    ),
    agree(
      'phonetic',
      'given name sounds alike (Double Metaphone)',
      { m: 0.015, u: 0.003 },
      (l, r) => sharePhoneticCode(l.givenPhonetic, r.givenPhonetic),
    ),
    agree('initial', 'given name initial only, and it agrees', { m: 0.008, u: 0.002 }, initialOnly),
    agree(
      'other-given',
      'forename matches another given name',
      { m: 0.01, u: 0.004 },
      otherGivenName,
    ),
  ];
  return {
    id: 'given-name',
    label: 'Given name',
    options: { jwHigh, jwLow },
    tfBase: 'exact',
    levels: [...levels, elseLevel('given names differ', levels)],
  };
}
