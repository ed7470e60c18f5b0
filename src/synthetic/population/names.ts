import { FAMILY_NAMES, type Origin } from '../data/family-names.js';
import { BRITISH_GIVEN_NAMES, BRITISH_SHARE, GIVEN_NAMES } from '../data/given-names.js';
import type { Rng } from '../rng.js';
import { MIDDLE_NAMES, ORIGIN_SHARE } from './rates.js';
import { ZIPF, weighted, zipfList, type WeightedList } from './weighted.js';

/** The sex a person's given names are drawn for. */
export type Sex = 'male' | 'female';

const origins = Object.keys(ORIGIN_SHARE) as Origin[];
const originList = weighted(origins, Object.values(ORIGIN_SHARE));

const familyLists = Object.fromEntries(
  origins.map((origin) => [origin, zipfList(FAMILY_NAMES[origin], ZIPF.family)]),
) as Record<Origin, WeightedList<string>>;

type Cohort = keyof (typeof BRITISH_GIVEN_NAMES)['male'];

function cohortOf(birthYear: number): Cohort {
  if (birthYear < 1960) {
    return 'before1960';
  }
  return birthYear < 1990 ? 'from1960' : 'from1990';
}

const britishLists = {
  male: mapCohorts(BRITISH_GIVEN_NAMES.male),
  female: mapCohorts(BRITISH_GIVEN_NAMES.female),
};

function mapCohorts(lists: Record<Cohort, string>): Record<Cohort, WeightedList<string>> {
  return {
    before1960: zipfList(lists.before1960, ZIPF.given),
    from1960: zipfList(lists.from1960, ZIPF.given),
    from1990: zipfList(lists.from1990, ZIPF.given),
  };
}

const ownLists = new Map<Origin, Record<Sex, WeightedList<string>>>(
  Object.entries(GIVEN_NAMES).map(([origin, bySex]) => [
    origin as Origin,
    { male: zipfList(bySex.male, ZIPF.given), female: zipfList(bySex.female, ZIPF.given) },
  ]),
);

/**
 * A name origin, drawn with the shares in `ORIGIN_SHARE`.
 * @param rng - the random source
 */
export function pickOrigin(rng: Rng): Origin {
  return originList.pick(rng);
}

/**
 * A family name of the origin, in its masculine form (see {@link familyNameForSex}).
 * @param rng - the random source
 * @param origin - the naming tradition
 */
export function pickFamilyName(rng: Rng, origin: Origin): string {
  return familyLists[origin].pick(rng);
}

/** Whom a given name is for: the naming tradition, sex and calendar year of birth. */
export interface NameFor {
  readonly origin: Origin;
  readonly sex: Sex;
  readonly birthYear: number;
}

/** The list a given name is drawn from for this origin, sex and birth year. */
function givenList(rng: Rng, { origin, sex, birthYear }: NameFor): WeightedList<string> {
  const own = ownLists.get(origin);
  if (own === undefined || rng.chance(BRITISH_SHARE[origin])) {
    return britishLists[sex][cohortOf(birthYear)];
  }
  return own[sex];
}

/**
 * A forename for a person of this origin, sex and birth year (British names follow the cohort).
 * @param rng - the random source
 * @param who - origin, sex and birth year
 */
export function pickGivenName(rng: Rng, who: NameFor): string {
  return givenList(rng, who).pick(rng);
}

/**
 * Given names in order: a forename and, for some, one or two middle names (never repeating).
 * @param rng - the random source
 * @param who - origin, sex and birth year
 * @param forename - the forename to use instead of drawing one
 */
export function pickGivenNames(
  rng: Rng,
  who: NameFor,
  forename = pickGivenName(rng, who),
): string[] {
  const roll = rng.float();
  const middles = roll < MIDDLE_NAMES.two ? 2 : roll < MIDDLE_NAMES.two + MIDDLE_NAMES.one ? 1 : 0;
  const names = [forename];
  for (let i = 0; i < middles; i += 1) {
    const middle = pickGivenName(rng, who);
    if (!names.includes(middle)) {
      names.push(middle);
    }
  }
  return names;
}

/**
 * A different forename that looks like `name` (the same first two letters, else the same first
 * letter), as twins are sometimes given; any different name when the list has no look-alike.
 * @param rng - the random source
 * @param who - origin, sex and birth year
 * @param name - the twin's forename
 */
export function similarGivenName(rng: Rng, who: NameFor, name: string): string {
  const list = givenList(rng, who).items;
  for (const prefixLength of [2, 1]) {
    const prefix = name.slice(0, prefixLength);
    const alike = list.filter((other) => other !== name && other.startsWith(prefix));
    if (alike.length > 0) {
      return rng.pick(alike);
    }
  }
  const others = list.filter((other) => other !== name);
  return others.length > 0 ? rng.pick(others) : `${name}a`;
}

/**
 * The form of a family name for a person of this sex: Polish -ski/-cki/-dzki names take -ska,
 * -cka, -dzka for women; every other name is the same for all.
 * @param family - the family name in its listed (masculine) form
 * @param sex - the person's sex
 */
export function familyNameForSex(family: string, sex: Sex): string {
  return sex === 'female' && /(sk|ck|dzk)i$/.test(family) ? `${family.slice(0, -1)}a` : family;
}

/**
 * The listed (masculine) form of a family name: undoes {@link familyNameForSex}.
 * @param family - a family name in any form
 */
export function baseFamilyName(family: string): string {
  return /(sk|ck|dzk)a$/.test(family) ? `${family.slice(0, -1)}i` : family;
}
