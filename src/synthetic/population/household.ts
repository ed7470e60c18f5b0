import type { Rng } from '../rng.js';
import { householdHistory } from './address-history.js';
import { yearsToDays } from './dates.js';
import { unitAddress, type PostcodeUnit, type TownPlan } from './geography.js';
import { couple, loneParent, sharers, single } from './household-kinds.js';
import { toDraft, type Member, type PersonDraft } from './members.js';
import {
  HOUSEHOLD_SIZE,
  LARGER_KIND,
  NAME_DOB_TWIN_ELSEWHERE,
  RESTRICTED_HOUSEHOLD,
  TWO_PERSON_KIND,
} from './rates.js';
import type { NameDobReservoir } from './reservoir.js';
import { weighted, type WeightedList } from './weighted.js';

const sizeList = weighted(HOUSEHOLD_SIZE.sizes, HOUSEHOLD_SIZE.weights);

/** What building a household needs besides the random source. */
export interface HouseholdPlace {
  readonly seed: number;
  readonly plan: TownPlan;
  readonly unit: PostcodeUnit;
  /** The household's place in its postcode unit. */
  readonly slot: number;
  readonly towns: WeightedList<TownPlan>;
  readonly reservoir: NameDobReservoir;
}

function members(rng: Rng, place: HouseholdPlace): Member[] {
  const size = sizeList.pick(rng);
  if (size === 1) {
    const template = rng.chance(NAME_DOB_TWIN_ELSEWHERE)
      ? place.reservoir.fromAnotherTown(rng, place.plan.index)
      : undefined;
    return single(rng, template);
  }
  const shares = size === 2 ? TWO_PERSON_KIND : LARGER_KIND;
  const roll = rng.float();
  if (roll < shares.couple) {
    return couple(rng, size - 2);
  }
  return roll < shares.couple + shares.loneParent ? loneParent(rng, size - 1) : sharers(rng, size);
}

/**
 * One household at a slot of a postcode unit, as register drafts (no NHS Numbers yet): its people
 * (see household-kinds.ts), their shared address history, one GP practice (near the district),
 * and a restricted flag for every member of 0.5% of households.
 * @param rng - the random source
 * @param place - where the household lives and the shared generation state
 */
export function household(rng: Rng, place: HouseholdPlace): PersonDraft[] {
  const people = members(rng, place);
  const adults = people.filter((m) => !m.child && m.deceasedOn === undefined);
  const head = adults[0];
  if (head !== undefined) {
    place.reservoir.offer(rng, head, place.plan.index);
  }
  const adultSince = Math.max(...adults.map((m) => m.birthDay + yearsToDays(18)));
  const diedOn = people.find((m) => m.deceasedOn !== undefined)?.deceasedOn;
  const current = unitAddress(place.plan, place.unit, place.slot, place.seed);
  const history = householdHistory(
    rng,
    { plan: place.plan, towns: place.towns, seed: place.seed },
    current,
    { adultSince, movedBy: diedOn },
  );
  const practice = ((place.unit.district * 3 + rng.int(0, 2)) % place.plan.practices) + 1;
  const facts = {
    history,
    gpOdsCode: `${place.plan.practicePrefix}${String(practice).padStart(3, '0')}`,
    restricted: rng.chance(RESTRICTED_HOUSEHOLD),
  };
  return people.map((member) => toDraft(rng, member, facts));
}
