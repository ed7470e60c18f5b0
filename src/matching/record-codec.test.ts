import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMatchRecord, encodeMatchRecord, unitParts } from './record-codec.js';
import { buildMatchRecord } from './record-builder.js';
import { postcodeParts } from './record-parts.js';
import { matchInput } from './test-support/arbitraries.js';

describe('the compact match record text', () => {
  it('reads back every record the builder makes, member for member', () => {
    fc.assert(
      fc.property(matchInput, (input) => {
        const record = buildMatchRecord(input);
        const back = decodeMatchRecord(encodeMatchRecord(record));
        expect(back).toStrictEqual(record);
        // The same members in the same order: JSON.stringify is a fair check of both.
        expect(JSON.stringify(back)).toBe(JSON.stringify(record));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps double-barrelled family-name parts and partial dates of birth', () => {
    const record = buildMatchRecord({
      givenNames: 'Anne',
      familyName: "Jones-O'Neill",
      birthDate: '1980-03',
      addressLines: ['Flat 3A', '12-14 High Street'],
    });
    expect(record.familyParts.length).toBeGreaterThan(1);
    expect(decodeMatchRecord(encodeMatchRecord(record))).toStrictEqual(record);
  });

  it('is far shorter than the record as an object', () => {
    const record = buildMatchRecord({
      nhsNumber: '9000210348',
      givenNames: 'Julie Claire',
      familyName: 'Graham',
      birthDate: '1984-10-29',
      gender: 'female',
      postcode: 'DE1 5DS',
      addressLines: ["54 Queen's Gardens", 'Derby'],
    });
    expect(encodeMatchRecord(record).length * 3).toBeLessThan(JSON.stringify(record).length);
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
