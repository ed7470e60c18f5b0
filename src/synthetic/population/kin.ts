import type { Rng } from '../rng.js';
import { REFERENCE_DAY, yearOf, yearsToDays } from './dates.js';
import { birthDayForAge, newMember, type Member } from './members.js';
import {
  familyNameForSex,
  pickGivenName,
  pickGivenNames,
  pickOrigin,
  similarGivenName,
  type Sex,
} from './names.js';
import {
  MAX_CHILD_AGE,
  MIXED_COUPLE,
  MOTHER_AGE_AT_BIRTH,
  PARTNER_AGE_OFFSET,
  TWIN_RATE,
  TWIN_SAME_SEX,
  TWIN_SIMILAR_NAME,
} from './rates.js';

/** Family ties inside a household: partners, children and twins, weddings and changes of name. */

/**
 * The other sex.
 * @param sex - a sex
 */
export const other = (sex: Sex): Sex => (sex === 'male' ? 'female' : 'male');

/**
 * A sex at even odds.
 * @param rng - the random source
 */
export const coin = (rng: Rng): Sex => (rng.chance(0.5) ? 'male' : 'female');

/**
 * Age in whole years on the reference date.
 * @param birthDay - day of birth
 */
export const ageOf = (birthDay: number): number =>
  Math.floor((REFERENCE_DAY - birthDay) / 365.2425);

/**
 * A day, uniform between two days (inclusive); `from` when the span is empty.
 * @param rng - the random source
 * @param from - first day
 * @param to - last day
 */
export function dayBetween(rng: Rng, from: number, to: number): number {
  return to > from ? rng.int(from, to) : from;
}

/**
 * Changes `member`'s family name at `day`, keeping the old one as history (no change, no history).
 * @param member - whose name changes
 * @param family - the new family name, listed form (made feminine where the tradition does)
 * @param day - the day of the change
 */
export function changeName(member: Member, family: string, day: number): void {
  if (familyNameForSex(family, member.sex) === member.family) {
    return;
  }
  member.formerFamily = member.family;
  member.family = familyNameForSex(family, member.sex);
  member.nameChangedOn = day;
}

/**
 * A partner for `head`: age within ±6 years (18 or over), usually the same origin.
 * @param rng - the random source
 * @param head - the household's reference person
 * @param sex - the partner's sex
 */
export function partnerOf(rng: Rng, head: Member, sex: Sex): Member {
  const [low, high] = PARTNER_AGE_OFFSET;
  const age = Math.max(18, ageOf(head.birthDay) + rng.int(low, high));
  const origin = rng.chance(MIXED_COUPLE) ? pickOrigin(rng) : head.origin;
  return newMember(rng, { origin, sex, birthDay: birthDayForAge(rng, age), child: false });
}

/**
 * Children of `mother`: each aged so she was 21–43 at the birth (and at most `MAX_CHILD_AGE` now);
 * with `TWIN_RATE` a child has a twin (same birth day; same sex 65%; a look-alike name 30%).
 * @param rng - the random source
 * @param count - how many children
 * @param parents - the mother (whose age bounds the children's) and the father, if present
 * @param family - the children's family name, listed form
 */
export function children(
  rng: Rng,
  count: number,
  { mother, father }: { mother: Member; father: Member | undefined },
  family: string,
): Member[] {
  const [youngest, oldest] = MOTHER_AGE_AT_BIRTH;
  const motherAge = ageOf(mother.birthDay);
  const out: Member[] = [];
  while (out.length < count) {
    const lowest = Math.max(0, motherAge - oldest);
    const highest = Math.max(0, Math.min(MAX_CHILD_AGE, motherAge - youngest));
    const age = lowest <= highest ? rng.int(lowest, highest) : highest;
    const origin = father !== undefined && rng.chance(0.5) ? father.origin : mother.origin;
    const first = newMember(rng, {
      origin,
      sex: coin(rng),
      birthDay: birthDayForAge(rng, age),
      child: true,
      family,
    });
    out.push(first);
    if (out.length < count && rng.chance(TWIN_RATE)) {
      const sex = rng.chance(TWIN_SAME_SEX) ? first.sex : other(first.sex);
      const year = yearOf(first.birthDay);
      const forename0 = first.given[0] ?? '';
      let forename =
        sex === first.sex && rng.chance(TWIN_SIMILAR_NAME)
          ? similarGivenName(rng, { origin, sex, birthYear: year }, forename0)
          : pickGivenName(rng, { origin, sex, birthYear: year });
      for (let tries = 0; forename === forename0 && tries < 5; tries += 1) {
        forename = pickGivenName(rng, { origin, sex, birthYear: year });
      }
      const twin = newMember(rng, { origin, sex, birthDay: first.birthDay, child: true, family });
      twin.given = pickGivenNames(rng, { origin, sex, birthYear: year }, forename);
      out.push(twin);
    }
  }
  return out;
}

/**
 * A wedding day: after the younger partner turned 20, before `before`.
 * @param rng - the random source
 * @param a - one partner
 * @param b - the other
 * @param before - the day by which they were married
 */
export function marriageDay(rng: Rng, a: Member, b: Member, before: number): number {
  const from = Math.max(a.birthDay, b.birthDay) + yearsToDays(20);
  return dayBetween(rng, from, before - 1);
}
