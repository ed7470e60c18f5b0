import type { Comparison } from '../model/comparison.js';
import type { MatchRecord } from '../record.js';
import { isOneEdit } from '../string/edit-distance.js';
import { agree, elseLevel, nullLevel } from './level.js';

function onNumbers(
  test: (a: string, b: string) => boolean,
): (l: MatchRecord, r: MatchRecord) => boolean {
  return (left, right) =>
    left.nhsNumber !== undefined &&
    right.nhsNumber !== undefined &&
    test(left.nhsNumber, right.nhsNumber);
}

/**
 * The NHS Number comparison, used when the request supplies a number. Levels: exact, equal to
 * a superseded number of the other record (merged duplicates), one digit wrong or two adjacent
 * digits swapped (Damerau-Levenshtein 1; a typed number that fails Modulus 11 is still kept for
 * this), else. Not supplied weighs 0.
 */
export function nhsNumberComparison(): Comparison {
  const levels = [
    nullLevel('NHS Number not supplied', (r) => r.nhsNumber === undefined),
    agree(
      'exact',
      'NHS Number exact',
      { m: 0.97, u: 1e-8 },
      onNumbers((a, b) => a === b),
    ),
    agree(
      'superseded',
      'NHS Number matches a superseded number',
      { m: 0.005, u: 1e-8 },
      (l, r) =>
        (l.nhsNumber !== undefined && r.supersededNhsNumbers.includes(l.nhsNumber)) ||
        (r.nhsNumber !== undefined && l.supersededNhsNumbers.includes(r.nhsNumber)),
    ),
    agree(
      'one-digit',
      'NHS Number one digit wrong or two digits swapped',
      { m: 0.015, u: 1e-6 },
      onNumbers(isOneEdit),
    ),
  ];
  return {
    id: 'nhs-number',
    label: 'NHS Number',
    options: {},
    levels: [...levels, elseLevel('NHS Numbers differ', levels)],
  };
}
