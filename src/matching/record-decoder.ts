/**
 * Reads match records in their binary form (record-codec.ts) over the table of the values they
 * share.
 */
import {
  EMPTY,
  GENDERS,
  birthDateOf,
  tableValues,
  unitParts,
  type TableValue,
} from './record-codec.js';
import type { AddressKey, BirthDateParts, MatchRecord, PostcodeParts } from './record.js';

const fromUtf8 = new TextDecoder();
const EMPTY_BYTES = new Uint8Array(0);

/**
 * Reads records written by a {@link RecordEncoder}, over its table: optional members absent
 * (not `undefined`) as the record builder leaves them, members in the builder's order.
 */
export class RecordDecoder {
  readonly #values: TableValue[];
  #bytes: Uint8Array = EMPTY_BYTES;
  #at = 0;
  /** The readers {@link #many} takes, made once rather than at every record. */
  readonly #readNumber = (): string | undefined => this.#number();
  readonly #readPostcode = (): PostcodeParts | undefined => this.#postcode();
  readonly #readAddress = (): AddressKey => this.#address();

  /** @param table - the encoder's {@link RecordEncoder.table} */
  constructor(table: string) {
    this.#values = tableValues(table);
  }

  /**
   * The record in `bytes` from `start` to `end`.
   * @param bytes - holds the record
   * @param start - its first byte (default the first of `bytes`)
   * @param end - after its last byte (default the end of `bytes`)
   * @throws {RangeError} when the bytes are not one whole record of this table
   */
  decode(bytes: Uint8Array, start = 0, end = bytes.length): MatchRecord {
    this.#bytes = bytes;
    this.#at = start;
    const record = this.#record();
    if (this.#at !== end) {
      throw new RangeError('a match record does not end where its document does');
    }
    return record;
  }

  #record(): MatchRecord {
    // Members in the builder's order, set only when present (`RecordDraft` there).
    const record: { -readonly [K in keyof MatchRecord]?: MatchRecord[K] } = {};
    const nhsNumber = this.#number();
    if (nhsNumber !== undefined) {
      record.nhsNumber = nhsNumber;
    }
    record.supersededNhsNumbers = this.#many(this.#readNumber);
    const givenFirst = this.#name();
    if (givenFirst !== undefined) {
      record.givenFirst = givenFirst;
    }
    record.givenOthers = this.#list();
    record.givenPhonetic = this.#list();
    const familyName = this.#name();
    if (familyName !== undefined) {
      record.familyName = familyName;
    }
    record.familyParts = this.#list();
    record.familyHistoric = this.#list();
    record.familyPhonetic = this.#list();
    const birthDate = this.#date();
    if (birthDate !== undefined) {
      record.birthDate = birthDate;
    }
    const gender = GENDERS[this.#uint()];
    if (gender !== undefined) {
      record.gender = gender;
    }
    const postcode = this.#postcode();
    if (postcode !== undefined) {
      record.postcode = postcode;
    }
    record.historicPostcodes = this.#many(this.#readPostcode);
    if (this.#uint() !== 0) {
      record.address = this.#address();
    }
    record.historicAddresses = this.#many(this.#readAddress);
    return record as MatchRecord;
  }

  /** A count, then that many values (the encoder writes none absent); the shared empty list for none. */
  #many<T>(read: () => T | undefined): readonly T[] {
    const count = this.#uint();
    if (count === 0) {
      return EMPTY;
    }
    const values: T[] = [];
    for (let n = 0; n < count; n += 1) {
      const value = read();
      if (value !== undefined) {
        values.push(value);
      }
    }
    return values;
  }

  #uint(): number {
    const bytes = this.#bytes;
    let byte = bytes[this.#at] ?? 0;
    this.#at += 1;
    if (byte < 128) {
      return byte;
    }
    let value = byte - 128;
    let scale = 128;
    do {
      byte = bytes[this.#at] ?? 0;
      this.#at += 1;
      value += (byte & 127) * scale;
      scale *= 128;
    } while (byte >= 128);
    return value;
  }

  /** Text written in place, its tagged length `tag` already read. */
  #text(tag: number): string {
    const start = this.#at;
    this.#at += (tag - 1) / 2;
    if (this.#at > this.#bytes.length) {
      throw new RangeError('a match record runs past the end of its bytes');
    }
    return fromUtf8.decode(this.#bytes.subarray(start, this.#at));
  }

  /** The table's value `tag` refers to (even, at least 2). */
  #value(tag: number): TableValue {
    const value = this.#values[tag / 2 - 1];
    if (value === undefined) {
      throw new RangeError('a match record refers to a value its table does not hold');
    }
    return value;
  }

  #number(): string | undefined {
    const tag = this.#uint();
    if (tag === 0) {
      return undefined;
    }
    if (tag % 2 === 1) {
      return this.#text(tag);
    }
    // Ten digits from two numbers of five: small integers all through, where the string of one
    // ten-digit number (a double) took most of a record's decoding.
    const high = tag / 2 - 1;
    const low = this.#uint();
    return String.fromCharCode(
      48 + ((high / 10000) | 0),
      48 + (((high / 1000) | 0) % 10),
      48 + (((high / 100) | 0) % 10),
      48 + (((high / 10) | 0) % 10),
      48 + (high % 10),
      48 + ((low / 10000) | 0),
      48 + (((low / 1000) | 0) % 10),
      48 + (((low / 100) | 0) % 10),
      48 + (((low / 10) | 0) % 10),
      48 + (low % 10),
    );
  }

  #name(): string | undefined {
    const tag = this.#uint();
    if (tag === 0) {
      return undefined;
    }
    return tag % 2 === 1 ? this.#text(tag) : (this.#value(tag) as string);
  }

  #list(): readonly string[] {
    const tag = this.#uint();
    if (tag % 2 === 0) {
      return this.#value(tag) as readonly string[];
    }
    const names: string[] = [];
    for (let n = (tag - 1) / 2; n > 0; n -= 1) {
      names.push(this.#name() ?? '');
    }
    return names.length === 0 ? EMPTY : names;
  }

  #date(): BirthDateParts | undefined {
    const tag = this.#uint();
    if (tag === 0) {
      return undefined;
    }
    if (tag % 2 === 0) {
      return this.#value(tag) as BirthDateParts;
    }
    return birthDateOf(this.#uint(), this.#uint(), this.#uint(), this.#uint());
  }

  #postcode(): PostcodeParts | undefined {
    const tag = this.#uint();
    if (tag === 0) {
      return undefined;
    }
    return tag % 2 === 1 ? unitParts(this.#text(tag)) : (this.#value(tag) as PostcodeParts);
  }

  #address(): AddressKey {
    const flat = this.#name();
    const houseNumber = this.#name();
    const streetTokens = this.#list();
    // Object literals rather than spreads, members in the order `addressKey` sets them.
    if (flat === undefined) {
      return houseNumber === undefined ? { streetTokens } : { houseNumber, streetTokens };
    }
    return houseNumber === undefined ? { flat, streetTokens } : { flat, houseNumber, streetTokens };
  }
}
