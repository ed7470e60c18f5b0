import type { Origin } from '../data/family-names.js';
import type { Gender, PersonName, RegisterPerson } from '../../core/person.js';
import type { Rng } from '../rng.js';
import { personAddresses, type HouseholdHistory } from './address-history.js';
import { REFERENCE_DAY, isoDate, yearOf, yearsToDays } from './dates.js';
import { familyNameForSex, pickFamilyName, pickGivenNames, type Sex } from './names.js';
import { AGE_BANDS, GENDER_OTHER, GENDER_UNKNOWN, NO_GP, TITLE_RECORDED } from './rates.js';
import { weighted, type WeightedList } from './weighted.js';

/** A household member while the household is being built. */
export interface Member {
  readonly origin: Origin;
  readonly sex: Sex;
  readonly birthDay: number;
  given: string[];
  /** Current family name, in the form for the member's sex. */
  family: string;
  /** Family name before a change of name (marriage), and the day of the change. */
  formerFamily?: string;
  nameChangedOn?: number;
  deceasedOn?: number;
  readonly child: boolean;
}

/** The age-band kinds of `AGE_BANDS`. */
export type AgeKind = keyof typeof AGE_BANDS;

const bandLists = Object.fromEntries(
  Object.entries(AGE_BANDS).map(([kind, { bands, weights }]) => [
    kind,
    weighted<readonly [number, number]>(bands, weights),
  ]),
) as Record<AgeKind, WeightedList<readonly [number, number]>>;

/**
 * An age in whole years for a household reference person of this kind (band by weight, then
 * uniform within the band).
 * @param rng - the random source
 * @param kind - which age distribution
 */
export function ageFor(rng: Rng, kind: AgeKind): number {
  const [from, to] = bandLists[kind].pick(rng);
  return rng.int(from, to);
}

/**
 * A birth day for someone `age` whole years old on the reference date (uniform within the year).
 * @param rng - the random source
 * @param age - age in whole years
 */
export function birthDayForAge(rng: Rng, age: number): number {
  return REFERENCE_DAY - yearsToDays(age) - rng.int(0, 364);
}

/**
 * A new member with freshly drawn given names, and a family name of their origin unless given.
 * @param rng - the random source
 * @param fields - origin, sex, birth day, whether a child, and optionally the family name (listed form)
 */
export function newMember(
  rng: Rng,
  fields: { origin: Origin; sex: Sex; birthDay: number; child: boolean; family?: string },
): Member {
  const family = fields.family ?? pickFamilyName(rng, fields.origin);
  return {
    origin: fields.origin,
    sex: fields.sex,
    birthDay: fields.birthDay,
    child: fields.child,
    given: pickGivenNames(rng, {
      origin: fields.origin,
      sex: fields.sex,
      birthYear: yearOf(fields.birthDay),
    }),
    family: familyNameForSex(family, fields.sex),
  };
}

/** Facts shared by everyone in a household. */
export interface HouseholdFacts {
  readonly history: HouseholdHistory;
  readonly gpOdsCode: string;
  readonly restricted: boolean;
}

function title(rng: Rng, member: Member): string[] | undefined {
  if (member.child || !rng.chance(TITLE_RECORDED)) {
    return undefined;
  }
  if (rng.chance(0.02)) {
    return ['Dr'];
  }
  if (member.sex === 'male') {
    return ['Mr'];
  }
  if (member.formerFamily !== undefined) {
    return ['Mrs'];
  }
  return [rng.chance(0.4) ? 'Ms' : 'Miss'];
}

function names(rng: Rng, member: Member): PersonName[] {
  const prefix = title(rng, member);
  const usual: PersonName = {
    use: 'usual',
    given: member.given,
    family: member.family,
    ...(prefix === undefined ? {} : { prefix }),
    ...(member.nameChangedOn === undefined
      ? {}
      : { period: { start: isoDate(member.nameChangedOn) } }),
  };
  if (member.formerFamily === undefined || member.nameChangedOn === undefined) {
    return [usual];
  }
  const old: PersonName = {
    use: 'old',
    given: member.given,
    family: member.formerFamily,
    period: { end: isoDate(member.nameChangedOn - 1) },
  };
  return [usual, old];
}

function gender(rng: Rng, sex: Sex): Gender {
  const roll = rng.float();
  if (roll < GENDER_UNKNOWN) {
    return 'unknown';
  }
  return roll < GENDER_UNKNOWN + GENDER_OTHER ? 'other' : sex;
}

/** A register person without the NHS Numbers, which the stream assigns in order. */
export type PersonDraft = Omit<RegisterPerson, 'nhsNumber' | 'supersededNhsNumbers'>;

/**
 * The register record of a member: names with history, addresses from the household history,
 * the household GP (none for the dead and for the unregistered 2.5%), the restricted flag.
 * @param rng - the random source
 * @param member - the member
 * @param facts - the household's address history, GP practice and restricted flag
 */
export function toDraft(rng: Rng, member: Member, facts: HouseholdFacts): PersonDraft {
  const dead = member.deceasedOn !== undefined;
  return {
    verificationStatus: '01',
    names: names(rng, member),
    gender: gender(rng, member.sex),
    birthDate: isoDate(member.birthDay),
    ...(member.deceasedOn === undefined
      ? {}
      : { deceasedDateTime: `${isoDate(member.deceasedOn)}T00:00:00+00:00` }),
    addresses: personAddresses(facts.history, member.birthDay),
    ...(dead || rng.chance(NO_GP) ? {} : { gpOdsCode: facts.gpOdsCode }),
    restricted: facts.restricted,
  };
}
