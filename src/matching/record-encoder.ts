/**
 * Writes match records in their binary form (record-codec.ts), gathering the table of the
 * values they share.
 */
import {
  DATE,
  GENDER_CODES,
  LIST,
  MAX_TABLE_VALUES,
  POSTCODE,
  type TableEntry,
} from './record-codec.js';
import type { AddressKey, BirthDateParts, MatchRecord } from './record.js';
import { utf8Bytes } from './string/utf8.js';

/** Whether `text` is ten digits: written as two numbers of five digits. */
function isPlainNumber(text: string): boolean {
  return /^\d{10}$/.test(text);
}

/**
 * Writes match records, gathering the table of the values they share. One encoder writes one
 * documents file: the table ({@link table}) belongs with the records it wrote.
 */
export class RecordEncoder {
  readonly #max: number;
  readonly #entries: TableEntry[] = [];
  readonly #names = new Map<string, number>();
  readonly #postcodes = new Map<string, number>();
  /** Dates by `((year × 100 + month) × 100 + day) × 2 + placeholder`. */
  readonly #dates = new Map<number, number>();
  /** Lists of one name by the name's entry; longer lists by their entries joined by commas. */
  readonly #singles = new Map<number, number>();
  readonly #lists = new Map<string, number>();
  /** The empty list's entry, once written (most lists of a record are empty). */
  #empty = -1;
  #out = new Uint8Array(1024);
  #length = 0;

  /** @param maxValues - table entries at most (default {@link MAX_TABLE_VALUES}) */
  constructor(maxValues = MAX_TABLE_VALUES) {
    this.#max = maxValues;
  }

  /**
   * The bytes of `record`: a view of the encoder's buffer, good until the next call.
   * @param record - a record as the record builder makes it
   */
  encode(record: MatchRecord): Uint8Array {
    this.#length = 0;
    this.#number(record.nhsNumber);
    this.#uint(record.supersededNhsNumbers.length);
    for (const number of record.supersededNhsNumbers) {
      this.#number(number);
    }
    this.#name(record.givenFirst);
    this.#list(record.givenOthers);
    this.#list(record.givenPhonetic);
    this.#name(record.familyName);
    this.#list(record.familyParts);
    this.#list(record.familyHistoric);
    this.#list(record.familyPhonetic);
    this.#date(record.birthDate);
    this.#uint(record.gender === undefined ? 0 : GENDER_CODES[record.gender]);
    this.#postcode(record.postcode?.full);
    this.#uint(record.historicPostcodes.length);
    for (const postcode of record.historicPostcodes) {
      this.#postcode(postcode.full);
    }
    if (record.address === undefined) {
      this.#uint(0);
    } else {
      this.#uint(1);
      this.#address(record.address);
    }
    this.#uint(record.historicAddresses.length);
    for (const address of record.historicAddresses) {
      this.#address(address);
    }
    return this.#out.subarray(0, this.#length);
  }

  /** The table the records written so far refer to, as JSON text for {@link RecordDecoder}. */
  table(): string {
    return JSON.stringify(this.#entries);
  }

  #byte(value: number): void {
    if (this.#length === this.#out.length) {
      const grown = new Uint8Array(this.#out.length * 2);
      grown.set(this.#out);
      this.#out = grown;
    }
    this.#out[this.#length] = value;
    this.#length += 1;
  }

  /** An unsigned integer (exact up to 2^53), seven bits a byte. */
  #uint(value: number): void {
    let rest = value;
    while (rest >= 128) {
      this.#byte((rest % 128) + 128);
      rest = Math.floor(rest / 128);
    }
    this.#byte(rest);
  }

  #bytes(bytes: Uint8Array): void {
    for (const byte of bytes) {
      this.#byte(byte);
    }
  }

  /** Text in place: its length tagged odd, then its UTF-8 bytes. */
  #text(text: string): void {
    const bytes = utf8Bytes(text);
    this.#uint(bytes.length * 2 + 1);
    this.#bytes(bytes);
  }

  /** Adds `entry` to the table under `key` in `map`; -1 when the table is full. */
  #add<K>(map: Map<K, number>, key: K, entry: TableEntry): number {
    if (this.#entries.length >= this.#max) {
      return -1;
    }
    const id = this.#entries.length;
    this.#entries.push(entry);
    map.set(key, id);
    return id;
  }

  /** Writes a reference to entry `id` (`id × 2 + 2`); false, writing nothing, for -1 (full). */
  #reference(id: number): boolean {
    if (id < 0) {
      return false;
    }
    this.#uint(id * 2 + 2);
    return true;
  }

  /**
   * An NHS Number: `0` absent; when ten digits, its first five as a number × 2 + 2, then its
   * last five; else text in place.
   */
  #number(number: string | undefined): void {
    if (number === undefined) {
      this.#uint(0);
    } else if (isPlainNumber(number)) {
      this.#uint(Number(number.slice(0, 5)) * 2 + 2);
      this.#uint(Number(number.slice(5)));
    } else {
      this.#text(number);
    }
  }

  #nameId(name: string): number {
    return this.#names.get(name) ?? this.#add(this.#names, name, name);
  }

  #name(name: string | undefined): void {
    if (name === undefined) {
      this.#uint(0);
      return;
    }
    if (!this.#reference(this.#nameId(name))) {
      this.#text(name);
    }
  }

  /** The entry of a list of names; -1 when the table is full. */
  #listId(names: readonly string[]): number {
    if (names.length === 0) {
      if (this.#empty < 0) {
        this.#empty = this.#add(this.#lists, '', [LIST]);
      }
      return this.#empty;
    }
    if (names.length === 1) {
      const name = this.#nameId(names[0] ?? '');
      return name < 0
        ? -1
        : (this.#singles.get(name) ?? this.#add(this.#singles, name, [LIST, name]));
    }
    const ids = names.map((name) => this.#nameId(name));
    if (ids.includes(-1)) {
      return -1;
    }
    const key = ids.join(',');
    return this.#lists.get(key) ?? this.#add(this.#lists, key, [LIST, ...ids]);
  }

  #list(names: readonly string[]): void {
    if (this.#reference(this.#listId(names))) {
      return;
    }
    this.#uint(names.length * 2 + 1);
    for (const name of names) {
      this.#name(name);
    }
  }

  #date(date: BirthDateParts | undefined): void {
    if (date === undefined) {
      this.#uint(0);
      return;
    }
    const parts = [date.year, date.month ?? 0, date.day ?? 0, date.placeholder ? 1 : 0] as const;
    const key = ((parts[0] * 100 + parts[1]) * 100 + parts[2]) * 2 + parts[3];
    if (this.#reference(this.#dates.get(key) ?? this.#add(this.#dates, key, [DATE, ...parts]))) {
      return;
    }
    this.#uint(1);
    for (const part of parts) {
      this.#uint(part);
    }
  }

  #postcode(full: string | undefined): void {
    if (full === undefined) {
      this.#uint(0);
      return;
    }
    const id = this.#postcodes.get(full) ?? this.#add(this.#postcodes, full, [POSTCODE, full]);
    if (!this.#reference(id)) {
      this.#text(full);
    }
  }

  #address(address: AddressKey): void {
    this.#name(address.flat);
    this.#name(address.houseNumber);
    this.#list(address.streetTokens);
  }
}
