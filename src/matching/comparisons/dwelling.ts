import type { AddressKey, MatchRecord } from '../record.js';

/** Share of street words in common, over the shorter side (one side may omit the town). */
export const STREET_OVERLAP_DEFAULT = 0.5;

/**
 * The share of the shorter side's street words that the other side also has (0 when either
 * has none).
 * @param a - one address key
 * @param b - the other
 */
export function streetOverlap(a: AddressKey, b: AddressKey): number {
  const shorter = Math.min(a.streetTokens.length, b.streetTokens.length);
  if (shorter === 0) {
    return 0;
  }
  // Counted in a loop: this runs for most compared pairs, and a filtered list is garbage.
  let common = 0;
  for (const token of a.streetTokens) {
    if (b.streetTokens.includes(token)) {
      common += 1;
    }
  }
  return common / shorter;
}

/**
 * True when two addresses name the same street (at least `overlap` of the shorter side's words).
 * @param a - one address key
 * @param b - the other
 * @param overlap - required share, default {@link STREET_OVERLAP_DEFAULT}
 */
export function sameStreet(
  a: AddressKey,
  b: AddressKey,
  overlap = STREET_OVERLAP_DEFAULT,
): boolean {
  return streetOverlap(a, b) >= overlap;
}

/**
 * True when two addresses are the same dwelling: same house number and same street, and the
 * same flat when both give one (Flat 2 and Flat 3 of number 14 are different homes).
 * @param a - one address key
 * @param b - the other
 * @param overlap - required street-word share
 */
export function sameDwelling(
  a: AddressKey,
  b: AddressKey,
  overlap = STREET_OVERLAP_DEFAULT,
): boolean {
  const sameFlat = a.flat === undefined || b.flat === undefined || a.flat === b.flat;
  return (
    a.houseNumber !== undefined &&
    a.houseNumber === b.houseNumber &&
    sameFlat &&
    sameStreet(a, b, overlap)
  );
}

/** True when both records have a current postcode and they agree in full. */
export function samePostcode(left: MatchRecord, right: MatchRecord): boolean {
  return left.postcode !== undefined && left.postcode.full === right.postcode?.full;
}

/** True when both records have current address lines naming the same dwelling. */
export function sameCurrentDwelling(left: MatchRecord, right: MatchRecord): boolean {
  return (
    left.address !== undefined &&
    right.address !== undefined &&
    sameDwelling(left.address, right.address)
  );
}
