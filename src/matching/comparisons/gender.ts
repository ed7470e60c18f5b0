import type { Comparison } from '../model/comparison.js';
import { agree, elseLevel, nullLevel } from './level.js';

/**
 * The gender comparison: match, mismatch; `unknown` on either side weighs 0. Low weight by
 * design: PDS advises not to rely on gender, which may differ between records of one person.
 */
export function genderComparison(): Comparison {
  const levels = [
    nullLevel('gender not known', (r) => r.gender === undefined),
    agree('match', 'gender agrees', { m: 0.98, u: 0.5 }, (l, r) => l.gender === r.gender),
  ];
  return {
    id: 'gender',
    label: 'Gender',
    options: {},
    levels: [...levels, elseLevel('gender differs', levels)],
  };
}
