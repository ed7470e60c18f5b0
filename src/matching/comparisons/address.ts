import type { Comparison } from '../model/comparison.js';
import type { AddressKey, MatchRecord } from '../record.js';
import { sameDwelling, samePostcode, sameStreet, STREET_OVERLAP_DEFAULT } from './dwelling.js';
import { agree, elseLevel, neutral, nullLevel } from './level.js';

/**
 * The address comparison on house number and street words, for when the postcodes do not
 * settle it (one is missing, mistyped, or the person moved). Levels: postcodes agree in full
 * (weighs 0 here: the postcode comparison already judged the house, so nothing is counted
 * twice), same house number and street, same house number and street as a previous address of
 * either side, same street only, same house number only, else. Missing addresses weigh 0.
 * @param options - `streetOverlap`: share of the shorter side's street words that must be shared
 */
export function addressComparison(
  options: { readonly streetOverlap: number } = { streetOverlap: STREET_OVERLAP_DEFAULT },
): Comparison {
  const { streetOverlap } = options;
  const house = (a: AddressKey, b: AddressKey): boolean => sameDwelling(a, b, streetOverlap);
  const onCurrent =
    (test: (a: AddressKey, b: AddressKey) => boolean) =>
    (l: MatchRecord, r: MatchRecord): boolean =>
      l.address !== undefined && r.address !== undefined && test(l.address, r.address);
  /** Address `i` of a record: its current one at -1, then its previous ones. */
  const addressAt = (r: MatchRecord, i: number): AddressKey | undefined =>
    i < 0 ? r.address : r.historicAddresses[i];
  /** Whether any address of `l`, current or previous, is a house of `r`'s (no lists made). */
  const shareAnyHouse = (l: MatchRecord, r: MatchRecord): boolean => {
    for (let i = -1; i < l.historicAddresses.length; i += 1) {
      const a = addressAt(l, i);
      for (let j = -1; a !== undefined && j < r.historicAddresses.length; j += 1) {
        const b = addressAt(r, j);
        if (b !== undefined && house(a, b)) {
          return true;
        }
      }
    }
    return false;
  };
  const levels = [
    nullLevel('address missing', (r) => r.address === undefined),
    neutral('postcode-agrees', 'postcodes agree (house weighed under postcode)', samePostcode),
    agree(
      'number-street',
      'same house number and street',
      { m: 0.45, u: 0.0001 },
      onCurrent(house),
    ),
    agree(
      'previous-address',
      'same house number and street as a previous address',
      { m: 0.1, u: 0.00005 },
      shareAnyHouse,
    ),
    agree(
      'street',
      'same street, different or missing number',
      { m: 0.05, u: 0.003 },
      onCurrent((a, b) => sameStreet(a, b, streetOverlap)),
    ),
    agree(
      'number',
      'same house number, different street',
      { m: 0.05, u: 0.05 },
      onCurrent((a, b) => a.houseNumber !== undefined && a.houseNumber === b.houseNumber),
    ),
  ];
  return {
    id: 'address',
    label: 'Address',
    options: { streetOverlap },
    levels: [...levels, elseLevel('addresses differ', levels)],
  };
}
