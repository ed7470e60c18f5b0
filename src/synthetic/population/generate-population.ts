import { TEST_NHS_NUMBER_CAPACITY, testNhsNumberAt } from '../../core/nhs-number/generate.js';
import type { RegisterPerson } from '../../core/person.js';
import { createRng } from '../rng.js';
import { planTowns, postcodeUnit, townPicker } from './geography.js';
import { household } from './household.js';
import { INVALIDATED, INVALIDATED_STREAM, SUPERSEDED } from './rates.js';
import { NameDobReservoir } from './reservoir.js';

/** Largest population the generator makes (the 9xx range holds 90.9 million valid numbers). */
export const MAX_PEOPLE = 80_000_000;

/** What to generate. */
export interface PopulationOptions {
  /** How many register records, dead people included; 1 to {@link MAX_PEOPLE}. */
  readonly people: number;
  /** Any integer from 0 to 2³²−1: the same seed always gives the same people, in the same order. */
  readonly seed: number;
}

/**
 * A synthetic England register of exactly `people` records, one at a time, town by town and
 * household by household (members of a household are consecutive). Memory stays flat whatever
 * the size: nothing is kept per person, only a 512-entry sample for cross-town look-alikes.
 * NHS Numbers come from the seed's shuffled sequence of valid 9xx numbers: record i gets index i,
 * superseded numbers take indexes from `people` upwards, so all are distinct.
 * The invalidated flag is drawn once per person from a second stream of its own (the seed mixed
 * with {@link INVALIDATED_STREAM}), so adding it left every other value of a seed unchanged; it
 * is set only on unrestricted records (PDS holds one confidentiality code per record).
 * The model and every rate are described in docs/synthetic-population.md.
 * @param options - size and seed
 * @throws RangeError when `people` or `seed` is out of range (a programming error; the CLI checks first)
 * @example [...generatePopulation({ people: 3, seed: 1 })].length // 3
 */
export function* generatePopulation(
  options: PopulationOptions,
): Generator<RegisterPerson, void, undefined> {
  const { people, seed } = options;
  if (!Number.isInteger(people) || people < 1 || people > MAX_PEOPLE) {
    throw new RangeError(`people must be an integer from 1 to ${MAX_PEOPLE}, got ${people}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new RangeError(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  const rng = createRng(seed | 0);
  const invalidRng = createRng((seed ^ INVALIDATED_STREAM) | 0);
  const plans = planTowns(people);
  const towns = townPicker(plans);
  const reservoir = new NameDobReservoir();
  let index = 0;
  let supersededIndex = people;
  for (const plan of plans) {
    let made = 0;
    for (let unitIndex = 0; made < plan.people; unitIndex += 1) {
      const unit = postcodeUnit(plan, unitIndex, seed);
      for (let slot = 0; slot < unit.capacity && made < plan.people; slot += 1) {
        const drafts = household(rng, { seed, plan, unit, slot, towns, reservoir });
        for (const draft of drafts.slice(0, plan.people - made)) {
          const superseded = rng.chance(SUPERSEDED) && supersededIndex < TEST_NHS_NUMBER_CAPACITY;
          const invalidated = invalidRng.chance(INVALIDATED) && !draft.restricted;
          yield {
            nhsNumber: testNhsNumberAt(seed, index),
            ...draft,
            ...(invalidated ? { invalidated: true as const } : {}),
            supersededNhsNumbers: superseded ? [testNhsNumberAt(seed, supersededIndex++)] : [],
          };
          index += 1;
          made += 1;
        }
      }
    }
  }
}
