import {
  normaliseFamilyName,
  normaliseGivenNames,
  parseGender,
  type DateFormat,
  type NormalisedAddress,
  type NormalisedFamilyName,
  type NormalisedGivenNames,
} from '../core/normalise/index.js';
import { currentAddress, currentName, type RegisterPerson } from '../core/person.js';
import { addressKey, addressKeyOf } from './address-key.js';
import type { MatchRecord } from './record.js';
import {
  birthDateParts,
  definedMap,
  nhsDigits,
  phoneticMemo,
  postcodeParts,
} from './record-parts.js';

/**
 * Raw demographic fields, as a request row or a register record carries them. Every field is
 * optional; values that cannot be read (a bad date, an invalid postcode, `UNKNOWN` as a name)
 * become missing in the {@link MatchRecord} and so weigh nothing. Validating and reporting bad
 * input is the caller's job (the file formats), not the matcher's.
 */
export interface MatchInput {
  readonly nhsNumber?: string;
  readonly supersededNhsNumbers?: readonly string[];
  /** Given names as one string (`Anna Maria`) or a list (FHIR `given`). */
  readonly givenNames?: string | readonly string[];
  /** PDS MESH `OTHER_GIVEN_NAME`. */
  readonly otherGivenNames?: string;
  /** Names the person is also known by (register nickname names). */
  readonly aliases?: readonly string[];
  readonly familyName?: string;
  readonly previousFamilyNames?: readonly string[];
  readonly birthDate?: string;
  /** Layout of {@link birthDate}; default `fhir` (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`). */
  readonly birthDateFormat?: DateFormat;
  /** Any spelling `parseGender` reads: `1`/`2`/`0`/`9`, `male`, `F`, … */
  readonly gender?: string;
  readonly postcode?: string;
  readonly previousPostcodes?: readonly string[];
  readonly addressLines?: readonly string[];
  readonly previousAddresses?: readonly (readonly string[])[];
  /**
   * {@link givenNames}, {@link otherGivenNames}, {@link familyName} and {@link addressLines}
   * already normalised, as a checked request row holds them (`parseRequestRow`): used instead of
   * normalising those fields again. They must be what the core normalisers give for the same
   * fields (blank ones included), so the record is the same either way.
   */
  readonly normalised?: NormalisedFields;
}

/** The fields of a {@link MatchInput} a request row has already normalised. */
export interface NormalisedFields {
  readonly givenNames: NormalisedGivenNames;
  readonly otherGivenNames: NormalisedGivenNames;
  readonly familyName: NormalisedFamilyName;
  readonly address: NormalisedAddress;
}

/** Adds the name words of normalised given names that name someone. */
function addNames(into: string[], names: NormalisedGivenNames): void {
  if (names.status === 'present') {
    into.push(names.first, ...names.others);
  }
}

/** Unique values in first-seen order, skipping `except` (a few names: no set is made). */
function uniqueExcept(values: readonly string[], except: string | undefined): string[] {
  const unique: string[] = [];
  for (const value of values) {
    if (value !== except && !unique.includes(value)) {
      unique.push(value);
    }
  }
  return unique;
}

/** A {@link MatchRecord} under construction. */
export type RecordDraft = { -readonly [K in keyof MatchRecord]?: MatchRecord[K] };

/**
 * Builds the comparable record from raw fields. Both sides of every pair go through this one
 * function, which is what makes comparisons symmetric. Postcode and phonetic look-ups are
 * memoised (`RECORD_MEMO_CAPACITY` in record-parts.ts, each), names and address lines by the core
 * normalisers; shared parts of records are frozen.
 * @param input - raw fields
 * @example buildMatchRecord({ givenNames: 'Bob', familyName: "O'Neil", birthDate: '1980-03-12' })
 */
export function buildMatchRecord(input: MatchInput): MatchRecord {
  const done = input.normalised;
  const given = done?.givenNames ?? normaliseGivenNames(input.givenNames ?? '');
  const givenFirst = given.status === 'present' ? given.first : undefined;
  const givenOthers: string[] = [...given.others];
  if (done !== undefined) {
    addNames(givenOthers, done.otherGivenNames);
  } else if (input.otherGivenNames !== undefined) {
    addNames(givenOthers, normaliseGivenNames(input.otherGivenNames));
  }
  givenOthers.push(...given.knownAs);
  for (const alias of input.aliases ?? []) {
    addNames(givenOthers, normaliseGivenNames(alias));
  }
  const family = done?.familyName ?? normaliseFamilyName(input.familyName ?? '');
  const familyName = family.status === 'present' ? family.key : undefined;
  const familyHistoric: string[] = [];
  for (const previous of input.previousFamilyNames ?? []) {
    const name = normaliseFamilyName(previous);
    if (name.status === 'present' && name.key !== familyName) {
      familyHistoric.push(name.key);
    }
  }
  const address =
    done !== undefined
      ? addressKeyOf(done.address)
      : input.addressLines === undefined
        ? undefined
        : addressKey(input.addressLines);
  const gender = input.gender === undefined ? undefined : parseGender(input.gender);
  const birthDate = birthDateParts(input.birthDate, input.birthDateFormat ?? 'fhir');
  const postcode = postcodeParts(input.postcode);
  const nhsNumber = nhsDigits(input.nhsNumber);
  // Keys are set in a fixed order, and only when defined, as the record type documents.
  const record: RecordDraft = {};
  if (nhsNumber !== undefined) {
    record.nhsNumber = nhsNumber;
  }
  record.supersededNhsNumbers = definedMap(input.supersededNhsNumbers, nhsDigits);
  if (givenFirst !== undefined) {
    record.givenFirst = givenFirst;
  }
  record.givenOthers = uniqueExcept(givenOthers, givenFirst);
  record.givenPhonetic = phoneticMemo(givenFirst ?? '');
  if (familyName !== undefined) {
    record.familyName = familyName;
  }
  record.familyParts = familyName === undefined ? [] : family.parts;
  record.familyHistoric = uniqueExcept(familyHistoric, undefined);
  record.familyPhonetic = phoneticMemo(familyName ?? '');
  if (birthDate !== undefined) {
    record.birthDate = birthDate;
  }
  if (gender?.success === true && gender.data !== 'unknown') {
    record.gender = gender.data;
  }
  if (postcode !== undefined) {
    record.postcode = postcode;
  }
  record.historicPostcodes = definedMap(input.previousPostcodes, postcodeParts).filter(
    (p) => p.full !== postcode?.full,
  );
  if (address !== undefined) {
    record.address = address;
  }
  record.historicAddresses = definedMap(input.previousAddresses, addressKey);
  return record as MatchRecord;
}

/**
 * The comparable record of a register person: the usual (or first) name and home (or first)
 * address are current; `old` names give previous family names, `nickname` names give aliases,
 * and `old`/`temp` addresses give previous postcodes and addresses. Superseded NHS Numbers are
 * kept for the superseded-number level and the cross-check.
 * @param person - a register person
 */
export function fromRegisterPerson(person: RegisterPerson): MatchRecord {
  const name = currentName(person);
  const home = currentAddress(person);
  const aliases: string[] = [];
  const previousFamilyNames: string[] = [];
  for (const n of person.names) {
    if (n.use === 'nickname') {
      aliases.push(n.given.join(' '));
    } else if (n.use === 'old') {
      previousFamilyNames.push(n.family);
    }
  }
  const previousPostcodes: string[] = [];
  const previousAddresses: (readonly string[])[] = [];
  for (const a of person.addresses) {
    if (a !== home) {
      if (a.postalCode !== undefined) {
        previousPostcodes.push(a.postalCode);
      }
      previousAddresses.push(a.lines);
    }
  }
  return buildMatchRecord({
    nhsNumber: person.nhsNumber,
    supersededNhsNumbers: person.supersededNhsNumbers,
    ...(name === undefined ? {} : { givenNames: name.given, familyName: name.family }),
    aliases,
    previousFamilyNames,
    birthDate: person.birthDate,
    gender: person.gender,
    ...(home?.postalCode === undefined ? {} : { postcode: home.postalCode }),
    ...(home === undefined ? {} : { addressLines: home.lines }),
    previousPostcodes,
    previousAddresses,
  });
}
