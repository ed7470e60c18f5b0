import type { Comparison } from '../model/comparison.js';
import type { MatchRecord } from '../record.js';
import { jaroWinklerSimilarity } from '../string/jaro.js';
import { sharePhoneticCode } from '../string/phonetic.js';
import { NAME_JW_DEFAULTS } from './given-name.js';
import { agree, elseLevel, namesSwapped, nullLevel, withTf } from './level.js';

type Pair = (left: MatchRecord, right: MatchRecord) => boolean;

function onFamily(test: (a: string, b: string) => boolean): Pair {
  return (left, right) =>
    left.familyName !== undefined &&
    right.familyName !== undefined &&
    test(left.familyName, right.familyName);
}

/** Whether `name` is one of `record`'s family names: current, a part, or previous. */
function hasFamilyName(record: MatchRecord, name: string): boolean {
  return (
    record.familyName === name ||
    record.familyParts.includes(name) ||
    record.familyHistoric.includes(name)
  );
}

/**
 * Whether the two records share a family name, current, a part of a double-barrelled one, or
 * previous (checked in place: this runs for most compared pairs, and lists of names are garbage).
 */
function shareAnyFamilyName(left: MatchRecord, right: MatchRecord): boolean {
  if (left.familyName !== undefined && hasFamilyName(right, left.familyName)) {
    return true;
  }
  for (const name of left.familyParts) {
    if (hasFamilyName(right, name)) {
      return true;
    }
  }
  for (const name of left.familyHistoric) {
    if (hasFamilyName(right, name)) {
      return true;
    }
  }
  return false;
}

/**
 * The family name comparison. Levels, strongest first: given and family names swapped (JOHN
 * SMITH vs SMITH JOHN; the whole name evidence is counted here, the given-name comparison
 * gives 0), exact (term-frequency adjusted), shares a barrel of a double-barrelled name or an
 * earlier (maiden) name, Jaro-Winkler ≥ `jwHigh`, ≥ `jwLow`, same Double Metaphone code, else.
 * @param options - `jwHigh` and `jwLow` cut-offs (default 0.92 and 0.88)
 */
export function familyNameComparison(
  options: { readonly jwHigh: number; readonly jwLow: number } = NAME_JW_DEFAULTS,
): Comparison {
  const { jwHigh, jwLow } = options;
  const levels = [
    nullLevel('family name missing', (r) => r.familyName === undefined),
    agree('swapped', 'given and family names swapped', { m: 0.003, u: 0.000001 }, namesSwapped),
    withTf(
      'family-name',
      agree(
        'exact',
        'family name exact',
        { m: 0.86, u: 0.002 },
        onFamily((a, b) => a === b),
      ),
    ),
    agree(
      'part-or-previous',
      'shares part of a double-barrelled name or a previous family name',
      { m: 0.04, u: 0.0004 },
      shareAnyFamilyName,
    ),
    agree(
      'jw-high',
      `family name similar (Jaro-Winkler ≥ ${jwHigh})`,
      { m: 0.03, u: 0.001 },
      onFamily((a, b) => jaroWinklerSimilarity(a, b) >= jwHigh),
    ),
    agree(
      'jw-low',
      `family name fairly similar (Jaro-Winkler ≥ ${jwLow})`,
      { m: 0.015, u: 0.0008 },
      onFamily((a, b) => jaroWinklerSimilarity(a, b) >= jwLow),
    ),
    agree(
      'phonetic',
      'family name sounds alike (Double Metaphone)',
      { m: 0.015, u: 0.002 },
      (l, r) => sharePhoneticCode(l.familyPhonetic, r.familyPhonetic),
    ),
  ];
  return {
    id: 'family-name',
    label: 'Family name',
    options: { jwHigh, jwLow },
    tfBase: 'exact',
    levels: [...levels, elseLevel('family names differ', levels)],
  };
}
