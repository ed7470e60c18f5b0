import { checkDigit, type NhsNumber } from '../../core/nhs-number/nhs-number.js';
import type { RegisterPerson } from '../../core/person.js';

const numbers: NhsNumber[] = [];
let nextNine = 999_000_000;

/**
 * The `index`-th valid NHS Number in the 999 000 000x test range (numbers whose check digit
 * would be 10 are skipped), so fixtures never collide with real people. Memoised: cheap to call
 * for many indexes.
 * @param index - 0, 1, 2, …
 */
export function testNhsNumber(index: number): NhsNumber {
  while (numbers.length <= index) {
    const digits = String(nextNine);
    nextNine += 1;
    const check = checkDigit(digits);
    if (check !== 10) {
      numbers.push(`${digits}${check}` as NhsNumber);
    }
  }
  return numbers[index] as NhsNumber;
}

/**
 * A synthetic register person (the Simpsons-style fixture family: Marge Bouvier-Simpson),
 * with the given NHS Number and any fields overridden.
 * @param nhsNumber - the person's number
 * @param overrides - fields to replace
 */
export function fixturePerson(
  nhsNumber: NhsNumber,
  overrides: Partial<RegisterPerson> = {},
): RegisterPerson {
  return {
    nhsNumber,
    verificationStatus: '01',
    names: [
      { use: 'usual', given: ['Marge', 'Jacqueline'], family: 'Simpson', prefix: ['Mrs'] },
      { use: 'old', given: ['Marge'], family: 'Bouvier', period: { end: '1980-05-01' } },
    ],
    gender: 'female',
    birthDate: '1956-10-01',
    addresses: [
      { use: 'home', lines: ['742 Evergreen Terrace', 'Springfield'], postalCode: 'LS1 6AE' },
      {
        use: 'old',
        lines: ['1 Spinster Street'],
        postalCode: 'LS2 7EE',
        period: { start: '1970-01-01' },
      },
    ],
    gpOdsCode: 'B86001',
    restricted: false,
    supersededNhsNumbers: [],
    ...overrides,
  };
}
