/**
 * Every rate and distribution of the synthetic population model, in one place, so that
 * docs/synthetic-population.md can quote them and a change is one edit. Shares are probabilities
 * (0–1); ages and spans are in years. Sources are noted where a figure comes from a published
 * statistic (ONS Census 2021 for England unless said otherwise); the rest are judgement calls.
 */

/** Household size → share of households (Census 2021, England: 30% one person, 34% two, …). */
export const HOUSEHOLD_SIZE = { sizes: [1, 2, 3, 4, 5, 6], weights: [30, 34, 16, 13, 5, 2] };

/** Of two-person households: couple without children, lone parent and child, two sharers. */
export const TWO_PERSON_KIND = { couple: 0.72, loneParent: 0.16, sharers: 0.12 };

/** Of households of three or more: couple with children, lone parent with children, sharers. */
export const LARGER_KIND = { couple: 0.8, loneParent: 0.14, sharers: 0.06 };

/** Age bands `from-to:weight` (years, inclusive) parsed into bands and weights. */
function ageBands(spec: string): { bands: [number, number][]; weights: number[] } {
  const parts = spec.split(' ').map((part) => part.split(/[-:]/).map(Number));
  return {
    bands: parts.map(([from = 0, to = 0]) => [from, to]),
    weights: parts.map(([, , weight = 0]) => weight),
  };
}

/**
 * Age of the reference person of each household kind: a band by weight, then uniform within it
 * (tuned so the living population's age pyramid resembles England's, Census 2021).
 */
export const AGE_BANDS = {
  single: ageBands('18-24:3 25-34:12 35-49:15 50-59:16 60-69:19 70-79:19 80-89:15 90-99:3'),
  couple: ageBands('20-24:1 25-29:7 30-39:9 40-49:7 50-59:15 60-69:24 70-79:23 80-92:8'),
  parent: ageBands('20-29:5 30-39:30 40-49:36 50-59:22 60-66:7'),
  sharer: ageBands('18-24:15 25-34:50 35-49:25 50-64:10'),
} as const;

/** Partner age: the reference person's age plus a uniform offset in this range (years). */
export const PARTNER_AGE_OFFSET = [-6, 6] as const;

/** Mother's age at a child's birth, uniform (years). */
export const MOTHER_AGE_AT_BIRTH = [21, 43] as const;
/** Oldest age of a son or daughter still living with parents (many 20–29 year olds do). */
export const MAX_CHILD_AGE = 22;

/** Share of births that are twins (England: about 1.5 multiple maternities per 100). */
export const TWIN_RATE = 0.015;
/** Share of twin pairs given very similar names (same first two letters). */
export const TWIN_SIMILAR_NAME = 0.3;
/** Share of twin pairs of the same sex. */
export const TWIN_SAME_SEX = 0.65;

/** Share of couples that are married (or civil partners); of the rest, unmarried partners. */
export const MARRIED = 0.68;
/** Share of couples of the same sex (no change of name is modelled for them). */
export const SAME_SEX_COUPLE = 0.02;
/** What happens to names at an opposite-sex marriage. */
export const MARRIAGE_NAME = {
  wifeTakesHusbands: 0.8,
  husbandTakesWifes: 0.02,
  bothDoubleBarrelled: 0.03,
  keepOwn: 0.15,
};
/** Children of unmarried parents: father's, mother's or double-barrelled surname. */
export const UNMARRIED_CHILD_SURNAME = { father: 0.7, mother: 0.2, doubleBarrelled: 0.1 };
/** Share of partners of a different origin from the reference person. */
export const MIXED_COUPLE = 0.12;

/** Share of single people aged 65+ who were widowed: a deceased spouse record shares the address. */
export const WIDOWED_65_PLUS = 0.55;
/** Years since a spouse's death, uniform. */
export const YEARS_SINCE_DEATH = [0, 18] as const;

/** Years at the current address: exponential with this mean, cut at when the youngest adult was 18. */
export const YEARS_AT_ADDRESS_MEAN = 9;
/** Previous addresses of a household: count → share. */
export const PREVIOUS_ADDRESSES = { counts: [0, 1, 2, 3], weights: [45, 30, 15, 10] };
/** Years at each previous address: exponential with this mean (at least 6 months). */
export const YEARS_AT_PREVIOUS_MEAN = 4;
/** Share of previous addresses in the same town (the rest anywhere in England). */
export const MOVE_WITHIN_TOWN = 0.7;

/** Middle names: share with one, and with two. */
export const MIDDLE_NAMES = { one: 0.55, two: 0.08 };
/** Share of adults whose record holds a title (Mr, Mrs, Miss, Ms, Dr). */
export const TITLE_RECORDED = 0.7;
/** Share of one-person households whose person has the name and birth date of someone in another town. */
export const NAME_DOB_TWIN_ELSEWHERE = 0.01;
/** Share of people with one superseded NHS Number (a merged duplicate record). */
export const SUPERSEDED = 0.002;
/** Share of households whose records are restricted (S-flagged), every member. */
export const RESTRICTED_HOUSEHOLD = 0.005;
/**
 * Share of unrestricted records that are invalidated (PDS `REDACTED`: created in error and marked
 * invalid, not merged). No published figure was found; a judgement call, kept small. Drawn from
 * its own random stream ({@link INVALIDATED_STREAM}) so every other value stays as it was.
 */
export const INVALIDATED = 0.001;
/** Mixed into the seed to make the invalidated flag's own random stream. */
export const INVALIDATED_STREAM = 0x1ab7_a11d;
/** Share of living people with no GP registration. */
export const NO_GP = 0.025;
/** People per GP practice (England: about 63 million registered patients, 6,300 practices). */
export const PEOPLE_PER_PRACTICE = 10_000;
/** Share of people recorded with gender `unknown`, and with `other`. */
export const GENDER_UNKNOWN = 0.0003;
/** Share of people recorded with gender `other`. */
export const GENDER_OTHER = 0.0002;

/** Households per postcode unit, uniform (mean 15, about 36 people). */
export const HOUSEHOLDS_PER_UNIT = [8, 22] as const;
/** Postcode units per sector (raised for very large towns so districts stay under 80). */
export const UNITS_PER_SECTOR = 120;
/** Sectors per postcode district. */
export const SECTORS_PER_DISTRICT = 6;
/** Share of postcode units that are blocks of flats. */
export const FLATS_UNIT = 0.2;
/** Share of districts whose addresses carry a locality line. */
export const DISTRICT_LOCALITY = 0.4;
/** Mean people per household, used to size each town's geography before it is filled. */
export const MEAN_HOUSEHOLD_SIZE = 2.4;

/** Name origin → share of households (shaped on Census 2021 England ethnicity and country of birth). */
export const ORIGIN_SHARE = {
  english: 0.73,
  scottish: 0.04,
  welsh: 0.03,
  irish: 0.04,
  indian: 0.03,
  pakistani: 0.04,
  polish: 0.03,
  romanian: 0.015,
  nigerian: 0.025,
  caribbean: 0.015,
  chinese: 0.01,
} as const;
