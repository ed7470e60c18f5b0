import {
  BLOCK_NAMES,
  LOCALITY_ENDINGS,
  LOCALITY_STEMS,
  STREET_STEMS,
  STREET_SUFFIXES,
  TOWNS,
  type TownSeed,
} from '../data/places.js';
import type { Rng } from '../rng.js';
import { hashOf } from './hash.js';
import {
  DISTRICT_LOCALITY,
  FLATS_UNIT,
  HOUSEHOLDS_PER_UNIT,
  MEAN_HOUSEHOLD_SIZE,
  PEOPLE_PER_PRACTICE,
  SECTORS_PER_DISTRICT,
  UNITS_PER_SECTOR,
} from './rates.js';
import { weighted, words, type WeightedList } from './weighted.js';

/**
 * The synthetic geography: towns → postcode districts → sectors → units → streets. Nothing is
 * stored per unit: a unit's postcode, street, locality and house numbers are computed from the
 * seed and the unit's index, so a unit is the same whenever it is visited (by the households that
 * live there now, and by people who used to).
 */

/** A town sized for one population: how many people and postcode units it gets. */
export interface TownPlan {
  readonly index: number;
  readonly town: TownSeed;
  /** People generated in this town. */
  readonly people: number;
  /** Postcode units planned for them (households / mean households per unit), at least 1. */
  readonly units: number;
  readonly unitsPerSector: number;
  /** GP practices in the town, at least 1. */
  readonly practices: number;
  /** The first three characters of the town's GP practice ODS codes (region letter, 2 digits). */
  readonly practicePrefix: string;
}

/** A postcode unit: about 15 neighbouring households on one street. */
export interface PostcodeUnit {
  readonly postcode: string;
  /** The district's index in its town (0-based); GP practices are shared within a district. */
  readonly district: number;
  /** How many households the unit holds. */
  readonly capacity: number;
  readonly seedHash: number;
}

const MAX_DISTRICTS = 80;
const MAX_UNITS_PER_SECTOR = 400;
const UNIT_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const streetStems = words(STREET_STEMS);
const streetSuffixes = words(STREET_SUFFIXES);
const localityStems = words(LOCALITY_STEMS);
const localityEndings = words(LOCALITY_ENDINGS);
const blockNames = words(BLOCK_NAMES);
const [minCapacity, maxCapacity] = HOUSEHOLDS_PER_UNIT;
const meanCapacity = (minCapacity + maxCapacity) / 2;

/**
 * Shares `people` among the towns by population weight (largest remainder, so the parts add up
 * exactly) and sizes each town's postcode geography and GP practices.
 * @param people - the population size
 * @throws RangeError when a town would need more than 80 districts (more than about 80 million people)
 */
export function planTowns(people: number): TownPlan[] {
  const total = TOWNS.reduce((sum, town) => sum + town.weight, 0);
  const exact = TOWNS.map((town) => (people * town.weight) / total);
  const counts = exact.map(Math.floor);
  let left = people - counts.reduce((sum, n) => sum + n, 0);
  const byRemainder = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of byRemainder) {
    if (left === 0) {
      break;
    }
    counts[i] = (counts[i] ?? 0) + 1;
    left -= 1;
  }
  const regionCount = new Map<string, number>();
  return TOWNS.map((town, index) => {
    const townPeople = counts[index] ?? 0;
    const units = Math.max(1, Math.ceil(townPeople / (MEAN_HOUSEHOLD_SIZE * meanCapacity)));
    const unitsPerSector = Math.max(
      UNITS_PER_SECTOR,
      Math.ceil(units / (MAX_DISTRICTS * SECTORS_PER_DISTRICT)),
    );
    if (unitsPerSector > MAX_UNITS_PER_SECTOR) {
      throw new RangeError(
        `${town.postTown} cannot hold ${townPeople} people in 80 postcode districts`,
      );
    }
    const ordinal = regionCount.get(town.region) ?? 0;
    regionCount.set(town.region, ordinal + 1);
    return {
      index,
      town,
      people: townPeople,
      units,
      unitsPerSector,
      practices: Math.max(1, Math.round(townPeople / PEOPLE_PER_PRACTICE)),
      practicePrefix: `${town.region}${10 + ordinal}`,
    };
  });
}

/**
 * The postcode unit with this index in a town: district = index / (units per sector × 6), then
 * sector digit and unit letters spread over the allowed letters so codes do not look sequential.
 * @param plan - the town
 * @param unit - the unit's index in the town (0 upwards; may exceed the planned count)
 * @param seed - the population seed
 */
export function postcodeUnit(plan: TownPlan, unit: number, seed: number): PostcodeUnit {
  const perDistrict = plan.unitsPerSector * SECTORS_PER_DISTRICT;
  const district = Math.floor(unit / perDistrict);
  const sector = Math.floor((unit % perDistrict) / plan.unitsPerSector);
  const inSector = unit % plan.unitsPerSector;
  const districtHash = hashOf(seed, plan.index, district);
  const sectorDigit = (sector + districtHash) % 10;
  const letters =
    (hashOf(seed, plan.index, district, sector) + inSector * 7) % MAX_UNITS_PER_SECTOR;
  const inward = `${sectorDigit}${UNIT_LETTERS[Math.floor(letters / 20)] ?? 'A'}${UNIT_LETTERS[letters % 20] ?? 'A'}`;
  const seedHash = hashOf(seed, plan.index, unit, 1);
  return {
    postcode: `${plan.town.area}${district + 1} ${inward}`,
    district,
    capacity: minCapacity + (seedHash % (maxCapacity - minCapacity + 1)),
    seedHash,
  };
}

/** The locality (suburb) line of a district, or undefined when its addresses have none. */
function locality(plan: TownPlan, district: number, seed: number): string | undefined {
  const h = hashOf(seed, plan.index, district, 2);
  if ((h % 1000) / 1000 >= DISTRICT_LOCALITY) {
    return undefined;
  }
  const stem = localityStems[(h >>> 10) % localityStems.length] ?? 'North';
  return `${stem}${localityEndings[(h >>> 20) % localityEndings.length] ?? 'field'}`;
}

/**
 * The address lines of one household slot in a unit, in the PDS order (premises, house number
 * and street, locality, post town, county; blank lines left out) and the postcode.
 * @param plan - the town
 * @param unit - the unit
 * @param slot - the household's place in the unit (0-based)
 * @param seed - the population seed
 */
export function unitAddress(
  plan: TownPlan,
  unit: PostcodeUnit,
  slot: number,
  seed: number,
): { lines: string[]; postalCode: string } {
  const h = unit.seedHash;
  const street = `${streetStems[(h >>> 3) % streetStems.length] ?? 'High'} ${streetSuffixes[(h >>> 12) % streetSuffixes.length] ?? 'Street'}`;
  const flats = ((h >>> 20) % 100) / 100 < FLATS_UNIT;
  const firstNumber = 1 + ((h >>> 24) % 80);
  const lines = flats
    ? [
        `Flat ${slot + 1} ${blockNames[(h >>> 8) % blockNames.length] ?? 'Park'} ${(h & 1) === 0 ? 'House' : 'Court'}`,
        `${firstNumber} ${street}`,
      ]
    : [`${firstNumber + 2 * slot} ${street}`];
  const place = locality(plan, unit.district, seed);
  if (place !== undefined) {
    lines.push(place);
  }
  lines.push(plan.town.postTown);
  if (plan.town.county !== '') {
    lines.push(plan.town.county);
  }
  return { lines, postalCode: unit.postcode };
}

/**
 * A town to draw random addresses from, weighted by population (towns with no people are left out).
 * @param plans - the towns of the population
 */
export function townPicker(plans: readonly TownPlan[]): WeightedList<TownPlan> {
  const used = plans.filter((plan) => plan.people > 0);
  return weighted(
    used,
    used.map((plan) => plan.people),
  );
}

/**
 * A random existing-looking address in a town: a random planned unit and household slot.
 * @param rng - the random source
 * @param plan - the town
 * @param seed - the population seed
 */
export function randomAddress(
  rng: Rng,
  plan: TownPlan,
  seed: number,
): { lines: string[]; postalCode: string } {
  const unit = postcodeUnit(plan, rng.int(0, plan.units - 1), seed);
  return unitAddress(plan, unit, rng.int(0, unit.capacity - 1), seed);
}
