import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unitParts } from './record-codec.js';
import { RecordDecoder } from './record-decoder.js';
import { RecordEncoder } from './record-encoder.js';
import type { MatchRecord } from './record.js';
import { buildMatchRecord } from './record-builder.js';
import { postcodeParts } from './record-parts.js';
import { matchInput } from './test-support/arbitraries.js';

/** `records` written by one encoder (a table of at most `maxValues`) and read back. */
function roundTrip(records: readonly MatchRecord[], maxValues?: number): MatchRecord[] {
  const encoder = new RecordEncoder(maxValues);
  const written = records.map((record) => encoder.encode(record).slice());
  const decoder = new RecordDecoder(encoder.table());
  return written.map((bytes) => decoder.decode(bytes));
}

describe('the binary match record', () => {
  it('reads back every record the builder makes, member for member, whatever the table holds', () => {
    fc.assert(
      fc.property(
        fc.array(matchInput, { minLength: 1, maxLength: 8 }),
        fc.nat(40),
        (inputs, max) => {
          const records = inputs.map((input) => buildMatchRecord(input));
          // A full table (values written in place), a small one (some of each) and the default.
          for (const back of [roundTrip(records, 0), roundTrip(records, max), roundTrip(records)]) {
            expect(back).toStrictEqual(records);
            // The same members in the same order: JSON.stringify is a fair check of both.
            expect(back.map((record) => JSON.stringify(record))).toEqual(
              records.map((record) => JSON.stringify(record)),
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps double-barrelled names, partial dates, odd NHS Numbers and earlier addresses', () => {
    const records = [
      buildMatchRecord({
        givenNames: 'Anne',
        familyName: "Jones-O'Neill",
        birthDate: '1980-03',
        addressLines: ['Flat 3A', '12-14 High Street'],
      }),
      buildMatchRecord({ nhsNumber: '0123456789', familyName: 'Zoë', birthDate: '1980' }),
      buildMatchRecord({
        nhsNumber: '9000210348',
        supersededNhsNumbers: ['9000210356', '12345'],
        givenNames: 'Julie',
        previousFamilyNames: ['Smith'],
        postcode: 'DE1 5DS',
        previousPostcodes: ['SW1A 1AA'],
        previousAddresses: [['1 Old Road'], ['Flat 2', '3 New Road']],
      }),
    ];
    expect(records[0]?.familyParts.length).toBeGreaterThan(1);
    expect(roundTrip(records)).toStrictEqual(records);
    expect(roundTrip(records, 1)).toStrictEqual(records);
  });

  it('is far shorter than the record as JSON, and shares the values records hold', () => {
    const input = {
      nhsNumber: '9000210348',
      givenNames: 'Julie Claire',
      familyName: 'Graham',
      birthDate: '1984-10-29',
      gender: 'female',
      postcode: 'DE1 5DS',
      addressLines: ["54 Queen's Gardens", 'Derby'],
    };
    const record = buildMatchRecord(input);
    const encoder = new RecordEncoder();
    expect(encoder.encode(record).length * 10).toBeLessThan(JSON.stringify(record).length);
    const other = buildMatchRecord({ ...input, nhsNumber: '9000210356' });
    const first = encoder.encode(record).slice();
    const second = encoder.encode(other).slice();
    const decoder = new RecordDecoder(encoder.table());
    const a = decoder.decode(first);
    const b = decoder.decode(second);
    expect(b.nhsNumber).toBe('9000210356');
    expect(b.postcode).toBe(a.postcode);
    expect(b.givenPhonetic).toBe(a.givenPhonetic);
    expect(Object.isFrozen(a.postcode)).toBe(true);
  });

  it('refuses bytes that are not one whole record of its table', () => {
    const encoder = new RecordEncoder();
    const bytes = encoder
      .encode(buildMatchRecord({ givenNames: 'Ann', familyName: 'Lee' }))
      .slice();
    const decoder = new RecordDecoder(encoder.table());
    expect(() => decoder.decode(bytes, 0, bytes.length - 1)).toThrow(RangeError);
    expect(() => new RecordDecoder('[]').decode(bytes)).toThrow(/table does not hold/);
  });
});

describe('unitParts', () => {
  const outward = fc
    .tuple(
      fc.constantFrom('A', 'B', 'E', 'L', 'M', 'N', 'S', 'W'),
      fc.constantFrom('', 'C', 'D', 'E', 'L', 'S', 'W'),
      fc.integer({ min: 1, max: 99 }),
      fc.constantFrom('', 'A', 'M'),
    )
    .map(([a, b, n, s]) => `${a}${b}${String(n)}${n < 10 ? s : ''}`);
  const inward = fc
    .tuple(fc.integer({ min: 0, max: 9 }), fc.constantFrom('AA', 'BX', 'DS', 'QT', 'ZZ'))
    .map(([d, l]) => `${String(d)}${l}`);

  it('gives the units the postcode parser gives', () => {
    fc.assert(
      fc.property(outward, inward, (out, inw) => {
        const parts = postcodeParts(`${out} ${inw}`);
        if (parts !== undefined) {
          expect(unitParts(parts.full)).toStrictEqual(parts);
        }
      }),
      { numRuns: 500 },
    );
    expect(unitParts('GIR 0AA')).toStrictEqual(postcodeParts('GIR 0AA'));
  });
});
