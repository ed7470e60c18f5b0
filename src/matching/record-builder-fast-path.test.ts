import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  isPlaceholderBirthDate,
  normaliseFamilyName,
  normaliseGivenNames,
  parseBirthDate,
  parseGender,
  parsePostcode,
  type DateFormat,
} from '../core/normalise/index.js';
import type { RegisterPerson } from '../core/person.js';
import { arbRegisterPerson } from '../formats/test-support/arbitrary-register-person.js';
import { addressKey } from './address-key.js';
import type { BirthDateParts, MatchRecord, PostcodeParts } from './record.js';
import { buildMatchRecord, fromRegisterPerson, type MatchInput } from './record-builder.js';
import { phoneticCodes } from './string/phonetic.js';
import { matchInput } from './test-support/arbitraries.js';

/*
 * The record builder as it was before the speed work (memoised postcodes and phonetic codes, no
 * intermediate arrays), kept verbatim as the reference: the fast builder must give equal records
 * with the same keys in the same order.
 */

function postcodeParts(raw: string | undefined): PostcodeParts | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const parsed = parsePostcode(raw, { repairKeying: true });
  if (!parsed.success) {
    return undefined;
  }
  const { unit, sector, district, area } = parsed.data;
  if (unit === null || sector === null || district === null || area === null) {
    return undefined; // pseudo-postcodes (ZZ99) and BFPO numbers locate nobody
  }
  return { full: unit, sector, district, area };
}

function birthDateParts(raw: string | undefined, format: DateFormat): BirthDateParts | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const parsed = parseBirthDate(raw, format);
  if (!parsed.success) {
    return undefined;
  }
  const { year, month, day } = parsed.data;
  return {
    year,
    ...(month === undefined ? {} : { month }),
    ...(day === undefined ? {} : { day }),
    placeholder: isPlaceholderBirthDate(parsed.data),
  };
}

function nhsDigits(raw: string | undefined): string | undefined {
  const digits = raw?.replace(/[\s-]/g, '');
  return digits !== undefined && /^[0-9]{10}$/.test(digits) ? digits : undefined;
}

const defined = <T>(values: readonly (T | undefined)[]): T[] =>
  values.filter((v): v is T => v !== undefined);

/**
 * Builds the comparable record from raw fields. Both sides of every pair go through this one
 * function, which is what makes comparisons symmetric.
 * @param input - raw fields
 * @example buildMatchRecord({ givenNames: 'Bob', familyName: "O'Neil", birthDate: '1980-03-12' })
 */
function referenceBuildMatchRecord(input: MatchInput): MatchRecord {
  const given = normaliseGivenNames(input.givenNames ?? '');
  const other = normaliseGivenNames(input.otherGivenNames ?? '');
  const aliases = (input.aliases ?? []).map((alias) => normaliseGivenNames(alias));
  const givenFirst = given.status === 'present' ? given.first : undefined;
  const givenOthers = [
    ...given.others,
    ...(other.status === 'present' ? [other.first, ...other.others] : []),
    ...given.knownAs,
    ...aliases.flatMap((a) => (a.status === 'present' ? [a.first, ...a.others] : [])),
  ].filter((name) => name !== givenFirst);
  const family = normaliseFamilyName(input.familyName ?? '');
  const familyName = family.status === 'present' ? family.key : undefined;
  const familyHistoric = (input.previousFamilyNames ?? [])
    .map((name) => normaliseFamilyName(name))
    .filter((name) => name.status === 'present' && name.key !== familyName)
    .map((name) => name.key);
  const address = input.addressLines === undefined ? undefined : addressKey(input.addressLines);
  const gender = input.gender === undefined ? undefined : parseGender(input.gender);
  const birthDate = birthDateParts(input.birthDate, input.birthDateFormat ?? 'fhir');
  const postcode = postcodeParts(input.postcode);
  const nhsNumber = nhsDigits(input.nhsNumber);
  return {
    ...(nhsNumber === undefined ? {} : { nhsNumber }),
    supersededNhsNumbers: defined((input.supersededNhsNumbers ?? []).map(nhsDigits)),
    ...(givenFirst === undefined ? {} : { givenFirst }),
    givenOthers: [...new Set(givenOthers)],
    givenPhonetic: phoneticCodes(givenFirst ?? ''),
    ...(familyName === undefined ? {} : { familyName }),
    familyParts: familyName === undefined ? [] : family.parts,
    familyHistoric: [...new Set(familyHistoric)],
    familyPhonetic: phoneticCodes(familyName ?? ''),
    ...(birthDate === undefined ? {} : { birthDate }),
    ...(gender?.success === true && gender.data !== 'unknown' ? { gender: gender.data } : {}),
    ...(postcode === undefined ? {} : { postcode }),
    historicPostcodes: defined((input.previousPostcodes ?? []).map(postcodeParts)).filter(
      (p) => p.full !== postcode?.full,
    ),
    ...(address === undefined ? {} : { address }),
    historicAddresses: defined((input.previousAddresses ?? []).map((lines) => addressKey(lines))),
  };
}

/**
 * The comparable record of a register person: the usual (or first) name and home (or first)
 * address are current; `old` names give previous family names, `nickname` names give aliases,
 * and `old`/`temp` addresses give previous postcodes and addresses. Superseded NHS Numbers are
 * kept for the superseded-number level and the cross-check.
 * @param person - a register person
 */
function referenceFromRegisterPerson(person: RegisterPerson): MatchRecord {
  const name = person.names.find((n) => n.use === 'usual') ?? person.names[0];
  const home = person.addresses.find((a) => a.use === 'home') ?? person.addresses[0];
  const others = person.addresses.filter((a) => a !== home);
  return referenceBuildMatchRecord({
    nhsNumber: person.nhsNumber,
    supersededNhsNumbers: person.supersededNhsNumbers,
    ...(name === undefined ? {} : { givenNames: name.given, familyName: name.family }),
    aliases: person.names.filter((n) => n.use === 'nickname').map((n) => n.given.join(' ')),
    previousFamilyNames: person.names.filter((n) => n.use === 'old').map((n) => n.family),
    birthDate: person.birthDate,
    gender: person.gender,
    ...(home?.postalCode === undefined ? {} : { postcode: home.postalCode }),
    ...(home === undefined ? {} : { addressLines: home.lines }),
    previousPostcodes: defined(others.map((a) => a.postalCode)),
    previousAddresses: others.map((a) => a.lines),
  });
}

/** Messy free text for names, postcodes and address lines. */
const messy = fc.oneof(
  fc.string({ maxLength: 25 }),
  fc.constantFrom(
    'ls6 2qt',
    'L S 6 2QT',
    'ZZ99 3VZ',
    'BFPO 7',
    'O1 1AA',
    'Dr. Anna-Maria',
    'aka Peggy',
  ),
);

const messyInput: fc.Arbitrary<MatchInput> = fc.record(
  {
    nhsNumber: fc.oneof(fc.string({ maxLength: 14 }), fc.constant('943 476 5919')),
    supersededNhsNumbers: fc.array(fc.string({ maxLength: 12 }), { maxLength: 2 }),
    givenNames: fc.oneof(messy, fc.array(messy, { maxLength: 3 })),
    otherGivenNames: messy,
    aliases: fc.array(messy, { maxLength: 2 }),
    familyName: messy,
    previousFamilyNames: fc.array(messy, { maxLength: 2 }),
    birthDate: fc.oneof(
      fc.string({ maxLength: 10 }),
      fc.constantFrom('1980-01-01', '1980-02', '19800229'),
    ),
    birthDateFormat: fc.constantFrom<DateFormat>('fhir', 'YYYYMMDD', 'DD/MM/YYYY'),
    gender: messy,
    postcode: messy,
    previousPostcodes: fc.array(messy, { maxLength: 2 }),
    addressLines: fc.array(messy, { maxLength: 3 }),
    previousAddresses: fc.array(fc.array(messy, { maxLength: 2 }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);

/** Equal values, and equal key order at every level (JSON keeps insertion order). */
function expectSame(actual: MatchRecord, expected: MatchRecord): void {
  expect(actual).toStrictEqual(expected);
  expect(JSON.stringify(actual)).toBe(JSON.stringify(expected));
}

describe('the fast record builder gives the records the reference builder gives', () => {
  test.prop([fc.oneof(matchInput, messyInput)])('buildMatchRecord', (input) => {
    const expected = referenceBuildMatchRecord(input);
    expectSame(buildMatchRecord(input), expected);
    expectSame(buildMatchRecord(input), expected); // memo hits
  });

  test.prop([arbRegisterPerson])('fromRegisterPerson', (person: RegisterPerson) => {
    expectSame(fromRegisterPerson(person), referenceFromRegisterPerson(person));
  });
});
