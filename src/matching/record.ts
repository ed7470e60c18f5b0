/**
 * The comparable form of one person, built the same way for both sides of a pair (a request row
 * and a register record), so that every comparison is symmetric. Every field is already
 * normalised: uppercase ASCII names, checked dates, split postcodes. A missing value is
 * `undefined` (or an empty list), never an empty string or a placeholder such as `UNKNOWN`.
 * The same columns exist in the batch (SQL) execution, one per field.
 */
export interface MatchRecord {
  /** 10-digit NHS Number as supplied (digits only, check digit not required to be valid). */
  readonly nhsNumber?: string;
  /** Numbers this person was known by before a merge (register side); resolve to this one. */
  readonly supersededNhsNumbers: readonly string[];
  /** The first given name (forename), e.g. `ROBERT`. */
  readonly givenFirst?: string;
  /** Further given names in order, then aliases (`known as`, register nickname names). */
  readonly givenOthers: readonly string[];
  /** Double Metaphone codes of the first given name. */
  readonly givenPhonetic: readonly string[];
  /** Family name with spaces and hyphens removed (`JONESSMITH`, `OREILLY`, `VANDERBERG`). */
  readonly familyName?: string;
  /** The barrels of a double-barrelled name without particles (`JONES`, `SMITH`); may be one. */
  readonly familyParts: readonly string[];
  /** Earlier family names (maiden names), in the same key form as {@link familyName}. */
  readonly familyHistoric: readonly string[];
  /** Double Metaphone codes of the family name. */
  readonly familyPhonetic: readonly string[];
  readonly birthDate?: BirthDateParts;
  /** `unknown` (and unrecognised codes) is stored as missing. */
  readonly gender?: 'male' | 'female' | 'other';
  /** Current postcode; pseudo-postcodes (`ZZ99 …`) are stored as missing. */
  readonly postcode?: PostcodeParts;
  /** Earlier postcodes (register history; a request may carry one too). */
  readonly historicPostcodes: readonly PostcodeParts[];
  /** Current address as house number and street words. */
  readonly address?: AddressKey;
  /** Earlier addresses, same form. */
  readonly historicAddresses: readonly AddressKey[];
}

/** A date of birth, possibly partial (month and day may be unknown). */
export interface BirthDateParts {
  readonly year: number;
  readonly month?: number;
  readonly day?: number;
  /** 1 January: the conventional stand-in when only the year is known; weaker evidence. */
  readonly placeholder: boolean;
}

/** A UK postcode split into its nested units; `SW1A 1AA` → area `SW`, district `SW1A`, sector `SW1A 1`. */
export interface PostcodeParts {
  /** The whole postcode with one space before the inward code, `SW1A 1AA`. */
  readonly full: string;
  readonly sector: string;
  readonly district: string;
  readonly area: string;
}

/** The parts of an address line that identify a dwelling. */
export interface AddressKey {
  /** Flat, apartment or unit number (`3`, `3A`) when the address has one. */
  readonly flat?: string;
  /** House number with any letter suffix or range (`12`, `12A`, `12-14`). */
  readonly houseNumber?: string;
  /** Street and locality words (`HIGH`, `STREET`), without the number, sorted and unique. */
  readonly streetTokens: readonly string[];
}

/**
 * Whether the record holds `number`, now or before a merge (a superseded number).
 * @param record - a register record
 * @param number - an NHS Number, or `undefined` (held by nobody)
 */
export function holdsNhsNumber(record: MatchRecord, number: string | undefined): boolean {
  return (
    number !== undefined &&
    (record.nhsNumber === number || record.supersededNhsNumbers.includes(number))
  );
}

/** Date of birth as `YYYYMMDD` digits (`YYYYMM`/`YYYY` when partial), for edit-distance levels. */
export function birthDateDigits(date: BirthDateParts): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  const month = date.month === undefined ? '' : two(date.month);
  const day = date.day === undefined ? '' : two(date.day);
  return `${String(date.year).padStart(4, '0')}${month}${day}`;
}
