import type { Rng } from '../rng.js';
import { REFERENCE_DAY, yearOf, yearsToDays } from './dates.js';
import { changeName, children, coin, dayBetween, marriageDay, other, partnerOf } from './kin.js';
import { ageFor, birthDayForAge, newMember, type Member } from './members.js';
import {
  baseFamilyName,
  familyNameForSex,
  pickFamilyName,
  pickGivenNames,
  pickOrigin,
  type Sex,
} from './names.js';
import {
  MARRIAGE_NAME,
  MARRIED,
  SAME_SEX_COUPLE,
  UNMARRIED_CHILD_SURNAME,
  WIDOWED_65_PLUS,
  YEARS_SINCE_DEATH,
} from './rates.js';
import type { NameDobTemplate } from './reservoir.js';

/** The four kinds of household: one person, a couple, a lone parent, sharers. */

/**
 * A person living alone; from 65, widowed at `WIDOWED_65_PLUS` (the dead spouse's record shares
 * the address). With a template, the person takes the template's forename, family name, sex
 * and birth day (someone of the same name and birthday in another town).
 * @param rng - the random source
 * @param template - a person from another town to copy, or undefined
 */
export function single(rng: Rng, template: NameDobTemplate | undefined): Member[] {
  if (template !== undefined) {
    const person = newMember(rng, {
      origin: template.origin,
      sex: template.sex,
      birthDay: template.birthDay,
      child: false,
      family: baseFamilyName(template.family),
    });
    const who = {
      origin: template.origin,
      sex: template.sex,
      birthYear: yearOf(template.birthDay),
    };
    person.given = pickGivenNames(rng, who, template.forename);
    return [person];
  }
  const age = ageFor(rng, 'single');
  const sex: Sex = age >= 65 ? (rng.chance(0.62) ? 'female' : 'male') : coin(rng);
  const person = newMember(rng, {
    origin: pickOrigin(rng),
    sex,
    birthDay: birthDayForAge(rng, age),
    child: false,
  });
  if (age < 65 || !rng.chance(WIDOWED_65_PLUS)) {
    return [person];
  }
  const spouse = partnerOf(rng, person, other(sex));
  const [minYears, maxYears] = YEARS_SINCE_DEATH;
  const died = Math.max(
    spouse.birthDay + yearsToDays(45),
    REFERENCE_DAY - yearsToDays(minYears + rng.float() * (maxYears - minYears)),
  );
  spouse.deceasedOn = Math.min(died, REFERENCE_DAY - 1);
  const wedding = marriageDay(rng, person, spouse, spouse.deceasedOn);
  if (sex === 'female') {
    spouse.family = baseFamilyName(person.family);
    person.family = familyNameForSex(pickFamilyName(rng, person.origin), 'female');
    changeName(person, spouse.family, wedding);
  } else {
    changeName(spouse, person.family, wedding);
  }
  return [person, spouse];
}

/**
 * A couple (2% same sex) with `childCount` children. 68% are married; at an opposite-sex marriage
 * the names change as `MARRIAGE_NAME` says, and children take the shared (or father's) name;
 * children of unmarried parents take the father's, mother's or a double-barrelled name.
 * @param rng - the random source
 * @param childCount - how many children live with them
 */
export function couple(rng: Rng, childCount: number): Member[] {
  const sameSex = rng.chance(SAME_SEX_COUPLE);
  const headSex: Sex = sameSex ? coin(rng) : 'male';
  const age = ageFor(rng, childCount > 0 ? 'parent' : 'couple');
  const head = newMember(rng, {
    origin: pickOrigin(rng),
    sex: headSex,
    birthDay: birthDayForAge(rng, age),
    child: false,
  });
  const partner = partnerOf(rng, head, sameSex ? headSex : 'female');
  const fatherName = baseFamilyName(head.family);
  const motherName = baseFamilyName(partner.family);
  let childName = fatherName;
  if (!sameSex && rng.chance(MARRIED)) {
    const wedding = marriageDay(rng, head, partner, REFERENCE_DAY);
    const roll = rng.float();
    if (roll < MARRIAGE_NAME.wifeTakesHusbands) {
      changeName(partner, fatherName, wedding);
    } else if (roll < MARRIAGE_NAME.wifeTakesHusbands + MARRIAGE_NAME.husbandTakesWifes) {
      changeName(head, motherName, wedding);
      childName = motherName;
    } else if (
      roll <
      MARRIAGE_NAME.wifeTakesHusbands +
        MARRIAGE_NAME.husbandTakesWifes +
        MARRIAGE_NAME.bothDoubleBarrelled
    ) {
      childName = `${fatherName}-${motherName}`;
      changeName(head, childName, wedding);
      changeName(partner, childName, wedding);
    }
  } else if (!sameSex) {
    const roll = rng.float();
    if (roll >= UNMARRIED_CHILD_SURNAME.father) {
      childName =
        roll < UNMARRIED_CHILD_SURNAME.father + UNMARRIED_CHILD_SURNAME.mother
          ? motherName
          : `${fatherName}-${motherName}`;
    }
  }
  const mother = sameSex ? head : partner;
  return [
    head,
    partner,
    ...children(rng, childCount, { mother, father: sameSex ? undefined : head }, childName),
  ];
}

/**
 * A lone parent (85% mothers) with `childCount` children; 35% of the mothers kept a former
 * husband's name (their maiden name is history), which the children share.
 * @param rng - the random source
 * @param childCount - how many children live with them
 */
export function loneParent(rng: Rng, childCount: number): Member[] {
  const sex: Sex = rng.chance(0.85) ? 'female' : 'male';
  const parent = newMember(rng, {
    origin: pickOrigin(rng),
    sex,
    birthDay: birthDayForAge(rng, ageFor(rng, 'parent')),
    child: false,
  });
  let childName = baseFamilyName(parent.family);
  if (sex === 'female' && rng.chance(0.35)) {
    const married = pickFamilyName(rng, parent.origin);
    const wedding = dayBetween(
      rng,
      parent.birthDay + yearsToDays(20),
      REFERENCE_DAY - yearsToDays(1),
    );
    changeName(parent, married, wedding);
    childName = married;
  } else if (rng.chance(0.2)) {
    childName = pickFamilyName(rng, parent.origin);
  }
  const mother =
    sex === 'female'
      ? parent
      : newMember(rng, {
          origin: parent.origin,
          sex: 'female',
          birthDay: parent.birthDay,
          child: false,
        });
  return [
    parent,
    ...children(
      rng,
      childCount,
      { mother, father: sex === 'male' ? parent : undefined },
      childName,
    ),
  ];
}

/**
 * Unrelated adults sharing a home (students, flatmates): each with their own origin and name.
 * @param rng - the random source
 * @param count - how many
 */
export function sharers(rng: Rng, count: number): Member[] {
  return Array.from({ length: count }, () =>
    newMember(rng, {
      origin: pickOrigin(rng),
      sex: coin(rng),
      birthDay: birthDayForAge(rng, ageFor(rng, 'sharer')),
      child: false,
    }),
  );
}
