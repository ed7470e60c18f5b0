import type { RegisterPerson } from '../core/person.js';

/**
 * Register statistics: the shape every adapter returns from `stats()`, and the definitions they
 * share. Completeness is measured on each person's current name (the first) and current
 * address (the first); "historic" means `use: 'old'`.
 */

/** Fields whose completeness `stats()` reports. */
export const COMPLETENESS_FIELDS = [
  'givenName',
  'familyName',
  'fullBirthDate',
  'gender',
  'addressLine',
  'postcode',
  'gpPractice',
] as const;

/** A field whose completeness is reported. */
export type CompletenessField = (typeof COMPLETENESS_FIELDS)[number];

/** One common value and how many current people hold it. */
export interface ValueCount {
  readonly value: string;
  readonly count: number;
}

/** Options for `stats()`. */
export interface RegisterStatsOptions {
  /** How many common values to list per field. Default 10. */
  readonly top?: number;
  /** Leave out values held by fewer people than this. Default 1 (show all). */
  readonly minCount?: number;
}

/** Counts, completeness and common values of a register. */
export interface RegisterStats {
  /** Current people. */
  readonly people: number;
  /** People with a date of death. */
  readonly deceased: number;
  /** People with the restricted (sensitive) flag. */
  readonly restricted: number;
  /** Invalidated records (PDS `REDACTED`; a trace landing on one answers code 91). */
  readonly invalidated: number;
  /** Superseded NHS Numbers that resolve to a current person. */
  readonly supersededNumbers: number;
  /** Names with `use: 'old'`. */
  readonly historicNames: number;
  /** Addresses with `use: 'old'`. */
  readonly historicAddresses: number;
  /** Percentage (0-100, one decimal place) of people with each field present. */
  readonly completeness: Readonly<Record<CompletenessField, number>>;
  /** Most common values as held (current family name, first given name, current postcode). */
  readonly common: {
    readonly familyName: readonly ValueCount[];
    readonly givenName: readonly ValueCount[];
    readonly postcode: readonly ValueCount[];
  };
}

/** Default number of common values listed per field. */
export const DEFAULT_TOP = 10;

/**
 * A count as a percentage of the people, to one decimal place; 0 for an empty register.
 * @param count - people with the field
 * @param people - all people
 */
export function percentOf(count: number, people: number): number {
  return people === 0 ? 0 : Math.round((count / people) * 1000) / 10;
}

/**
 * Whether a person has each completeness field: the one definition both SQL and in-memory
 * adapters follow (the SQL adapters spell it out in their own dialect).
 * @param p - a register person
 */
export function completenessOf(p: RegisterPerson): Record<CompletenessField, boolean> {
  const name = p.names[0];
  const address = p.addresses[0];
  return {
    givenName: name !== undefined && name.given.length > 0,
    familyName: name !== undefined && name.family !== '',
    fullBirthDate: p.birthDate.length === 10,
    gender: p.gender !== 'unknown',
    addressLine: address !== undefined && address.lines.length > 0,
    postcode: address?.postalCode !== undefined,
    gpPractice: p.gpOdsCode !== undefined,
  };
}

/**
 * The values `stats()` counts for a person: current family name, first given name of the
 * current name, current postcode; `undefined` when absent or empty.
 * @param p - a register person
 */
export function commonValuesOf(p: RegisterPerson): {
  familyName: string | undefined;
  givenName: string | undefined;
  postcode: string | undefined;
} {
  const name = p.names[0];
  const family = name?.family;
  return {
    familyName: family === '' ? undefined : family,
    givenName: name?.given[0],
    postcode: p.addresses[0]?.postalCode,
  };
}

/**
 * The most common values of a count map: by count descending, then value ascending.
 * @param counts - value to count
 * @param options - top and minCount
 */
export function topValues(
  counts: ReadonlyMap<string, number>,
  options: RegisterStatsOptions = {},
): ValueCount[] {
  const minCount = options.minCount ?? 1;
  return [...counts]
    .filter(([, count]) => count >= minCount)
    .sort(([va, ca], [vb, cb]) => cb - ca || (va < vb ? -1 : va > vb ? 1 : 0))
    .slice(0, options.top ?? DEFAULT_TOP)
    .map(([value, count]) => ({ value, count }));
}

/** The columns of the one-row counts query that the SQL adapters share (`COUNTS_SQL`). */
export type StatsCountColumn =
  | 'people'
  | 'deceased'
  | 'restricted'
  | 'invalidated'
  | 'superseded'
  | 'full_birth_date'
  | 'gender'
  | 'gp_practice'
  | 'given_name'
  | 'family_name'
  | 'historic_names'
  | 'address_line'
  | 'postcode'
  | 'historic_addresses';

/**
 * Assembles {@link RegisterStats} from a SQL adapter's counts row and its most common values, so
 * every adapter reports the same figures in the same shape.
 * @param count - reads one column of the counts row (0 when absent)
 * @param common - the most common family names, given names and postcodes
 */
export function registerStatsFromCounts(
  count: (column: StatsCountColumn) => number,
  common: RegisterStats['common'],
): RegisterStats {
  const people = count('people');
  return {
    people,
    deceased: count('deceased'),
    restricted: count('restricted'),
    invalidated: count('invalidated'),
    supersededNumbers: count('superseded'),
    historicNames: count('historic_names'),
    historicAddresses: count('historic_addresses'),
    completeness: {
      givenName: percentOf(count('given_name'), people),
      familyName: percentOf(count('family_name'), people),
      fullBirthDate: percentOf(count('full_birth_date'), people),
      gender: percentOf(count('gender'), people),
      addressLine: percentOf(count('address_line'), people),
      postcode: percentOf(count('postcode'), people),
      gpPractice: percentOf(count('gp_practice'), people),
    },
    common,
  };
}
