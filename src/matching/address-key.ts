import { parseAddressLines, type NormalisedAddress } from '../core/normalise/index.js';
import type { AddressKey } from './record.js';
import { sortedUnique } from './sorted-unique.js';

/** Words that say which dwelling inside a building, not where the building is. */
const UNIT_WORDS = new Set(['FLAT', 'UNIT', 'APARTMENT', 'ROOM', 'FLOOR']);

/**
 * The dwelling key of an address, from the core address normaliser (`parseAddressLines`):
 * flat, house number, and the street words (`ELM GROVE` → `ELM`, `GROVE`), sorted and unique.
 * When no street is found (a named house), every word but flat words and numbers stands in.
 * `undefined` when the lines hold neither a number nor a word.
 * @param lines - address lines as written, without the postcode
 * @example addressKey(['Flat 3', '12 High St', 'Leeds']) // { flat: '3', houseNumber: '12', streetTokens: ['HIGH', 'STREET'] }
 */
export function addressKey(lines: readonly string[]): AddressKey | undefined {
  return addressKeyOf(parseAddressLines(lines));
}

/**
 * {@link addressKey} of lines the core normaliser has already parsed.
 * @param address - `parseAddressLines` of the address lines
 */
export function addressKeyOf(address: NormalisedAddress): AddressKey | undefined {
  const words =
    address.street === null
      ? address.tokens.filter((token) => !/[0-9]/.test(token) && !UNIT_WORDS.has(token))
      : address.street.split(' ');
  const streetTokens = sortedUnique(words);
  if (address.houseNumber === null && streetTokens.length === 0) {
    return undefined;
  }
  return {
    ...(address.flat === null ? {} : { flat: address.flat }),
    ...(address.houseNumber === null ? {} : { houseNumber: address.houseNumber }),
    streetTokens,
  };
}
