import { testNhsNumberAt } from '../../core/nhs-number/generate.js';
import type { RegisterPerson } from '../../core/person.js';

const GIVEN = [
  'Robert',
  'Margaret',
  'William',
  'Elizabeth',
  'Oliver',
  'Amelia',
  'Mohammed',
  'Priya',
];
const FAMILY = ['Smith', 'Patel', 'Jones-Williams', "O'Brien", 'Nowak', 'Okafor', 'Taylor', 'Khan'];

/**
 * A small synthetic register for tests: `count` people with varied names, some with a former
 * family name and a former address, NHS Numbers from the test range.
 * @param count - how many people
 */
export function testPeople(count: number): RegisterPerson[] {
  return Array.from({ length: count }, (_, i): RegisterPerson => {
    const family = FAMILY[i % FAMILY.length] ?? 'Smith';
    const given = GIVEN[(i * 3) % GIVEN.length] ?? 'Alex';
    const month = (i % 12) + 1;
    const day = (i % 28) + 1;
    return {
      nhsNumber: testNhsNumberAt(7, i),
      verificationStatus: '01',
      names: [
        { use: 'usual', given: [given, 'James'], family },
        ...(i % 5 === 0 ? [{ use: 'old' as const, given: [given], family: 'Former' }] : []),
      ],
      gender: i % 2 === 0 ? 'male' : 'female',
      birthDate: `19${String(40 + (i % 60))}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      addresses: [
        { use: 'home', lines: [`${String(i + 1)} High Street`, 'Leeds'], postalCode: 'LS1 4AP' },
        ...(i % 4 === 0
          ? [{ use: 'old' as const, lines: ['2 Mill Lane', 'York'], postalCode: 'YO1 7HH' }]
          : []),
      ],
      gpOdsCode: 'B86001',
      restricted: false,
      supersededNhsNumbers: [],
    };
  });
}
