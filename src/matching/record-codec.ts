/**
 * A compact text form of a match record, for the match index's documents file: a JSON array
 * with the members in a fixed order instead of an object with named members, the derived
 * postcode units left out (they follow from the full postcode) and the family-name parts left
 * out when they are just the name. About a quarter the size of `JSON.stringify(record)` (150
 * against 570 bytes for a synthetic register person), so the documents of a 10,000,000-person
 * register fit in this machine's page cache beside the register (docs/benchmarks.md).
 *
 * Written by hand: it is the record type's own layout, which no library knows.
 */
import type { RecordDraft } from './record-builder.js';
import type { AddressKey, BirthDateParts, MatchRecord, PostcodeParts } from './record.js';

/** An absent optional member. */
const NONE = 0;

type Absent = typeof NONE;
type EncodedAddress = readonly [flat: string | Absent, house: string | Absent, ...tokens: string[]];
type EncodedRecord = readonly [
  nhsNumber: string | Absent,
  superseded: readonly string[],
  givenFirst: string | Absent,
  givenOthers: readonly string[],
  givenPhonetic: readonly string[],
  familyName: string | Absent,
  /** `0` when the parts are `[familyName]` (or `[]` without a family name). */
  familyParts: readonly string[] | Absent,
  familyHistoric: readonly string[],
  familyPhonetic: readonly string[],
  /** Year, month, day (`0`: unknown), placeholder (`1`/`0`). */
  birthDate: readonly [number, number, number, number] | Absent,
  gender: 'm' | 'f' | 'o' | Absent,
  postcode: string | Absent,
  historicPostcodes: readonly string[],
  address: EncodedAddress | Absent,
  historicAddresses: readonly EncodedAddress[],
];

const GENDER_CODES = { male: 'm', female: 'f', other: 'o' } as const;
const GENDERS = { m: 'male', f: 'female', o: 'other' } as const;

/**
 * The nested units of a full postcode as the record builder stores it (`SW1A 1AA`: outward
 * code, one space, inward code): sector `SW1A 1`, district `SW1A`, area `SW`.
 * @param full - a postcode unit as `postcodeParts` wrote it
 */
export function unitParts(full: string): PostcodeParts {
  const space = full.indexOf(' ');
  const district = full.slice(0, space);
  let letters = 0;
  for (let code = district.charCodeAt(0); code >= 65 && code <= 90;) {
    letters += 1;
    code = district.charCodeAt(letters);
  }
  return {
    full,
    sector: full.slice(0, space + 2),
    district,
    // As the parser: the leading letters, or the whole outward code when it has none.
    area: letters === 0 ? district : district.slice(0, letters),
  };
}

function encodeAddress(address: AddressKey): EncodedAddress {
  return [address.flat ?? NONE, address.houseNumber ?? NONE, ...address.streetTokens];
}

function decodeAddress(encoded: EncodedAddress): AddressKey {
  const flat = encoded[0];
  const house = encoded[1];
  // Object literals rather than spreads: this runs for every candidate of a trace.
  const streetTokens = encoded.slice(2) as string[];
  if (flat === NONE) {
    return house === NONE ? { streetTokens } : { houseNumber: house, streetTokens };
  }
  // Members in the order `addressKey` sets them.
  return house === NONE ? { flat, streetTokens } : { flat, houseNumber: house, streetTokens };
}

function encodeBirthDate(date: BirthDateParts): readonly [number, number, number, number] {
  return [date.year, date.month ?? 0, date.day ?? 0, date.placeholder ? 1 : 0];
}

function decodeBirthDate([year, month, day, placeholder]: readonly [
  number,
  number,
  number,
  number,
]): BirthDateParts {
  const flag = placeholder === 1;
  if (month === 0) {
    return { year, placeholder: flag };
  }
  return day === 0 ? { year, month, placeholder: flag } : { year, month, day, placeholder: flag };
}

/**
 * The one empty list decoded records share: most lists of a record are empty (no superseded
 * numbers, no earlier names or addresses), and a trace keeps a chunk's candidates' records for
 * seconds, so each empty list of its own would be copied by every garbage collection they live
 * through. Frozen: records are never changed.
 */
const EMPTY: readonly never[] = Object.freeze([]);

/** `list`, or the shared {@link EMPTY} when it is empty. */
function shared<T>(list: readonly T[]): readonly T[] {
  return list.length === 0 ? EMPTY : list;
}

/** The compact text of a record ({@link decodeMatchRecord} reads it back, equal). */
export function encodeMatchRecord(record: MatchRecord): string {
  const parts = record.familyParts;
  const plainParts =
    record.familyName === undefined
      ? parts.length === 0
      : parts.length === 1 && parts[0] === record.familyName;
  const encoded: EncodedRecord = [
    record.nhsNumber ?? NONE,
    record.supersededNhsNumbers,
    record.givenFirst ?? NONE,
    record.givenOthers,
    record.givenPhonetic,
    record.familyName ?? NONE,
    plainParts ? NONE : parts,
    record.familyHistoric,
    record.familyPhonetic,
    record.birthDate === undefined ? NONE : encodeBirthDate(record.birthDate),
    record.gender === undefined ? NONE : GENDER_CODES[record.gender],
    record.postcode?.full ?? NONE,
    record.historicPostcodes.map((p) => p.full),
    record.address === undefined ? NONE : encodeAddress(record.address),
    record.historicAddresses.map(encodeAddress),
  ];
  return JSON.stringify(encoded);
}

/**
 * The record of a compact text made by {@link encodeMatchRecord}: optional members absent
 * (not `undefined`) as the record builder leaves them, members in the builder's order.
 * @param text - the compact text
 */
export function decodeMatchRecord(text: string): MatchRecord {
  const [
    nhsNumber,
    supersededNhsNumbers,
    givenFirst,
    givenOthers,
    givenPhonetic,
    familyName,
    familyParts,
    familyHistoric,
    familyPhonetic,
    birthDate,
    gender,
    postcode,
    historicPostcodes,
    address,
    historicAddresses,
  ] = JSON.parse(text) as EncodedRecord;
  const record: RecordDraft = {};
  if (nhsNumber !== NONE) {
    record.nhsNumber = nhsNumber;
  }
  record.supersededNhsNumbers = shared(supersededNhsNumbers);
  if (givenFirst !== NONE) {
    record.givenFirst = givenFirst;
  }
  record.givenOthers = shared(givenOthers);
  record.givenPhonetic = shared(givenPhonetic);
  if (familyName !== NONE) {
    record.familyName = familyName;
  }
  record.familyParts =
    familyParts !== NONE ? shared(familyParts) : familyName === NONE ? EMPTY : [familyName];
  record.familyHistoric = shared(familyHistoric);
  record.familyPhonetic = shared(familyPhonetic);
  if (birthDate !== NONE) {
    record.birthDate = decodeBirthDate(birthDate);
  }
  if (gender !== NONE) {
    record.gender = GENDERS[gender];
  }
  if (postcode !== NONE) {
    record.postcode = unitParts(postcode);
  }
  record.historicPostcodes =
    historicPostcodes.length === 0 ? EMPTY : historicPostcodes.map(unitParts);
  if (address !== NONE) {
    record.address = decodeAddress(address);
  }
  record.historicAddresses =
    historicAddresses.length === 0 ? EMPTY : historicAddresses.map(decodeAddress);
  return record as MatchRecord;
}
