import type { Comparison } from '../model/comparison.js';
import type { MatchRecord, PostcodeParts } from '../record.js';
import { sameCurrentDwelling, samePostcode } from './dwelling.js';
import { agree, elseLevel, nullLevel, withTf } from './level.js';

type Part = keyof PostcodeParts;

function onCurrent(part: Part): (left: MatchRecord, right: MatchRecord) => boolean {
  return (left, right) =>
    left.postcode !== undefined &&
    right.postcode !== undefined &&
    left.postcode[part] === right.postcode[part];
}

/** Whether `record` has the postcode `full`, now or before. */
function hadPostcode(record: MatchRecord, full: string): boolean {
  if (record.postcode?.full === full) {
    return true;
  }
  for (const earlier of record.historicPostcodes) {
    if (earlier.full === full) {
      return true;
    }
  }
  return false;
}

/** Whether the two records share a postcode, current or previous (in loops: no lists made). */
function shareAnyPostcode(left: MatchRecord, right: MatchRecord): boolean {
  if (left.postcode !== undefined && hadPostcode(right, left.postcode.full)) {
    return true;
  }
  for (const earlier of left.historicPostcodes) {
    if (hadPostcode(right, earlier.full)) {
      return true;
    }
  }
  return false;
}

/**
 * The postcode comparison on the current postcode, with address history and the house.
 * Levels, strongest first: same postcode and same house number and street; same postcode
 * (house differs or is not recorded); a full postcode either side has lived at (PDS returns a
 * trace whose postcode is historic); same sector (`SW1A 1`), district (`SW1A`), area (`SW`);
 * else. Both full-postcode levels are term-frequency adjusted (a care home's postcode is shared
 * by many). A missing or pseudo-postcode (`ZZ99 …`) weighs 0.
 *
 * The house is judged here, together with the postcode, because the two are strongly
 * correlated: counting a postcode match and a house match as independent evidence would
 * overstate the weight of everyone in one household. The address comparison therefore weighs
 * 0 whenever the postcodes agree in full.
 */
export function postcodeComparison(): Comparison {
  const levels = [
    nullLevel('postcode missing or a pseudo-postcode', (r) => r.postcode === undefined),
    withTf(
      'postcode',
      agree(
        'same-house',
        'postcode exact and same house number and street',
        { m: 0.65, u: 0.0000005 },
        (l, r) => samePostcode(l, r) && sameCurrentDwelling(l, r),
      ),
    ),
    withTf('postcode', agree('full', 'postcode exact', { m: 0.12, u: 0.00001 }, onCurrent('full'))),
    agree('historic', 'a previous postcode matches', { m: 0.1, u: 0.00002 }, shareAnyPostcode),
    agree('sector', 'same postcode sector', { m: 0.03, u: 0.0002 }, onCurrent('sector')),
    agree('district', 'same postcode district', { m: 0.03, u: 0.002 }, onCurrent('district')),
    agree('area', 'same postcode area', { m: 0.02, u: 0.02 }, onCurrent('area')),
  ];
  return {
    id: 'postcode',
    label: 'Postcode',
    options: {},
    tfBase: 'full',
    levels: [...levels, elseLevel('postcodes in different areas', levels)],
  };
}
