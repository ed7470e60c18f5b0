import type { PersonAddress } from '../../core/person.js';
import type { Rng } from '../rng.js';
import { REFERENCE_DAY, isoDate, yearsToDays } from './dates.js';
import { randomAddress, type TownPlan } from './geography.js';
import {
  MOVE_WITHIN_TOWN,
  PREVIOUS_ADDRESSES,
  YEARS_AT_ADDRESS_MEAN,
  YEARS_AT_PREVIOUS_MEAN,
} from './rates.js';
import { weighted, type WeightedList } from './weighted.js';

/** Where a household lives now and where it lived before, as day spans. */
export interface HouseholdHistory {
  readonly current: { readonly lines: readonly string[]; readonly postalCode: string };
  /** The day the household moved in. */
  readonly movedIn: number;
  /** Earlier addresses, newest first, each with its first and last day. */
  readonly previous: readonly {
    readonly lines: readonly string[];
    readonly postalCode: string;
    readonly from: number;
    readonly to: number;
  }[];
}

const previousCount = weighted(PREVIOUS_ADDRESSES.counts, PREVIOUS_ADDRESSES.weights);

/** An exponential span in days with this mean in years, at least `minYears`. */
function span(rng: Rng, meanYears: number, minYears: number): number {
  return yearsToDays(Math.max(minYears, -meanYears * Math.log(1 - rng.float())));
}

/** What the history model needs to know about the population. */
export interface HistoryPlace {
  readonly plan: TownPlan;
  readonly towns: WeightedList<TownPlan>;
  readonly seed: number;
}

/**
 * A household's move history: moved in an exponential number of years ago (mean 9) but not
 * before `adultSince`; before that, 0–3 earlier addresses (70% in the same town), each held for an
 * exponential span (mean 4 years, at least 6 months), none starting before `adultSince`.
 * @param rng - the random source
 * @param place - the town and the geography to draw old addresses from
 * @param current - the address the household lives at now
 * @param limits - `adultSince`: the day the youngest adult turned 18; `movedBy`: the latest
 *   possible move-in day (a dead spouse's death, so that it was their home too), default today
 */
export function householdHistory(
  rng: Rng,
  place: HistoryPlace,
  current: HouseholdHistory['current'],
  limits: { readonly adultSince: number; readonly movedBy?: number | undefined },
): HouseholdHistory {
  const { adultSince, movedBy = REFERENCE_DAY } = limits;
  const drawn = Math.max(adultSince, REFERENCE_DAY - span(rng, YEARS_AT_ADDRESS_MEAN, 0));
  const movedIn = Math.min(drawn, movedBy);
  const previous: HouseholdHistory['previous'][number][] = [];
  let to = movedIn - 1;
  for (let n = previousCount.pick(rng); n > 0 && to > adultSince; n -= 1) {
    const from = Math.max(adultSince, to - span(rng, YEARS_AT_PREVIOUS_MEAN, 0.5));
    const town = rng.chance(MOVE_WITHIN_TOWN) ? place.plan : place.towns.pick(rng);
    previous.push({ ...randomAddress(rng, town, place.seed), from, to });
    to = from - 1;
  }
  return { current, movedIn, previous };
}

/**
 * One person's addresses from the household history: the current home (from the move-in day or
 * their birth, whichever is later), then the earlier addresses they lived at (those that ended
 * after their birth), newest first.
 * @param history - the household's history
 * @param birthDay - the person's day of birth
 */
export function personAddresses(history: HouseholdHistory, birthDay: number): PersonAddress[] {
  const addresses: PersonAddress[] = [
    {
      use: 'home',
      lines: history.current.lines,
      postalCode: history.current.postalCode,
      period: { start: isoDate(Math.max(history.movedIn, birthDay)) },
    },
  ];
  for (const old of history.previous) {
    if (old.to >= birthDay) {
      addresses.push({
        use: 'old',
        lines: old.lines,
        postalCode: old.postalCode,
        period: { start: isoDate(Math.max(old.from, birthDay)), end: isoDate(old.to) },
      });
    }
  }
  return addresses;
}
