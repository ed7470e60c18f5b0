import fc from 'fast-check';
import { checkDigit, type NhsNumber } from '../../core/nhs-number/nhs-number.js';
import type {
  Gender,
  NhsNumberStatusCode,
  Period,
  PersonAddress,
  PersonName,
  RegisterPerson,
} from '../../core/person.js';

/**
 * fast-check arbitraries for register people in canonical form: every value the register formats
 * must carry losslessly (PDS limits: ≤ 5 given names and address lines, names ≤ 35 characters;
 * no empty prefix lists or empty periods, which the formats write as absent).
 */

/** A valid NHS Number in the 900–999 test range. */
export const arbNhsNumber: fc.Arbitrary<NhsNumber> = fc
  .integer({ min: 900_000_000, max: 999_999_999 })
  .map(String)
  .filter((nine) => checkDigit(nine) !== 10)
  .map((nine) => `${nine}${checkDigit(nine)}` as NhsNumber);

const text = (max: number): fc.Arbitrary<string> =>
  fc
    .string({
      minLength: 1,
      maxLength: max,
      unit: fc.constantFrom(
        'a',
        'b',
        'c',
        'X',
        'Y',
        'é',
        'ñ',
        "'",
        '-',
        '.',
        ' ',
        ',',
        '&',
        '1',
        '/',
      ),
    })
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A FHIR date: full, or (rarely) year-month or year only. */
export const arbDate: fc.Arbitrary<string> = fc
  .record({
    y: fc.integer({ min: 1900, max: 2030 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    precision: fc.constantFrom('day', 'day', 'day', 'month', 'year'),
  })
  .map(({ y, m, d, precision }) => {
    if (precision === 'year') {
      return pad(y, 4);
    }
    return precision === 'month'
      ? `${pad(y, 4)}-${pad(m, 2)}`
      : `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
  });

const arbDateTime = fc.oneof(
  arbDate,
  arbDate.filter((d) => d.length === 10).map((d) => `${d}T00:00:00+00:00`),
);

const arbPeriod: fc.Arbitrary<Period> = fc.oneof(
  fc.record({ start: arbDateTime }),
  fc.record({ end: arbDateTime }),
  fc.record({ start: arbDateTime, end: arbDateTime }),
);

const arbName: fc.Arbitrary<PersonName> = fc.record(
  {
    use: fc.constantFrom('usual', 'old', 'nickname'),
    given: fc.array(text(35), { maxLength: 5 }),
    family: fc.oneof(text(35), fc.constant('')),
    prefix: fc.array(text(10), { minLength: 1, maxLength: 2 }),
    period: arbPeriod,
  },
  { requiredKeys: ['use', 'given', 'family'] },
);

const arbAddress: fc.Arbitrary<PersonAddress> = fc.record(
  {
    use: fc.constantFrom('home', 'old', 'temp'),
    lines: fc.array(text(40), { maxLength: 5 }),
    postalCode: fc.constantFrom('LS1 6AE', 'M1 1AE', 'SW1A 1AA', 'ZZ99 3VZ', 'B33 8TH'),
    period: arbPeriod,
  },
  { requiredKeys: ['use', 'lines'] },
);

/**
 * Any register person in canonical form. An invalidated one is never restricted (PDS holds one
 * confidentiality code per record, so the formats cannot carry both).
 */
export const arbRegisterPerson: fc.Arbitrary<RegisterPerson> = fc
  .record(
    {
      nhsNumber: arbNhsNumber,
      verificationStatus: fc.constantFrom<NhsNumberStatusCode>(
        '01',
        '02',
        '03',
        '04',
        '05',
        '06',
        '07',
        '08',
      ),
      names: fc.array(arbName, { maxLength: 3 }),
      gender: fc.constantFrom<Gender>('male', 'female', 'other', 'unknown'),
      birthDate: arbDate,
      deceasedDateTime: arbDateTime,
      addresses: fc.array(arbAddress, { maxLength: 3 }),
      gpOdsCode: fc.stringMatching(/^[A-Z]\d{5}$/),
      restricted: fc.boolean(),
      invalidated: fc.constant(true as const),
      supersededNhsNumbers: fc.array(arbNhsNumber, { maxLength: 2 }),
    },
    {
      requiredKeys: [
        'nhsNumber',
        'verificationStatus',
        'names',
        'gender',
        'birthDate',
        'addresses',
        'restricted',
        'supersededNhsNumbers',
      ],
    },
  )
  .map((p) => (p.invalidated === true ? { ...p, restricted: false } : p));
