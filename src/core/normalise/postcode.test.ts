import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { isPseudoPostcode, normalisePostcode, parsePostcode } from './postcode.js';

/** Codes of every BS 7666 shape, all format-valid (synthetic; existence is not claimed). */
const VALID = [
  ['M1 1AE', 'M', 'M1', 'M1 1'], // A9
  ['B33 8TH', 'B', 'B33', 'B33 8'], // A99
  ['W1A 0AX', 'W', 'W1A', 'W1A 0'], // A9A
  ['CR2 6XH', 'CR', 'CR2', 'CR2 6'], // AA9
  ['DN55 1PT', 'DN', 'DN55', 'DN55 1'], // AA99
  ['SW1A 1AA', 'SW', 'SW1A', 'SW1A 1'], // AA9A
  ['EC1V 9HX', 'EC', 'EC1V', 'EC1V 9'],
  ['LS1 4AP', 'LS', 'LS1', 'LS1 4'],
] as const;

describe('parsePostcode: geographic', () => {
  it.each(VALID)(
    '%s splits into area %s, district %s, sector %s',
    (code, area, district, sector) => {
      const result = parsePostcode(code);
      expect(result).toEqual({
        success: true,
        data: {
          kind: 'geographic',
          postcode: code,
          outward: district,
          inward: code.slice(-3),
          area,
          district,
          sector,
          unit: code,
          pseudo: null,
          repairs: [],
        },
      });
    },
  );

  it.each([
    ['sw1a1aa', 'SW1A 1AA'],
    ['  SW1A   1AA ', 'SW1A 1AA'],
    ['Sw1A 1aA', 'SW1A 1AA'],
    ['S W 1 A 1 A A', 'SW1A 1AA'],
    ['ls14ap', 'LS1 4AP'],
    ['m11ae', 'M1 1AE'],
    ['DN551PT', 'DN55 1PT'],
    ['SW1A\t1AA', 'SW1A 1AA'],
  ])('%j → %s', (raw, canonical) => {
    const result = parsePostcode(raw);
    expect(result.success ? result.data.postcode : undefined).toBe(canonical);
  });
});

describe('parsePostcode: special cases', () => {
  it.each([
    ['ZZ99 3VZ', 'no-fixed-abode'],
    ['zz993wz', 'not-known'],
    ['ZZ99 3CZ', 'england-not-specified'],
    ['ZZ99 2WZ', 'northern-ireland-not-specified'],
    ['ZZ99 1WZ', 'scotland-not-specified'],
    ['ZZ99 3GZ', 'wales-not-specified'],
    ['ZZ99 6CZ', 'overseas-or-other'],
  ] as const)('%s is a pseudo-postcode meaning %s, with no location levels', (raw, meaning) => {
    expect(parsePostcode(raw)).toMatchObject({
      success: true,
      data: {
        kind: 'pseudo',
        pseudo: meaning,
        area: null,
        district: null,
        sector: null,
        unit: null,
      },
    });
    expect(isPseudoPostcode(raw)).toBe(true);
  });

  it('does not treat real postcodes as pseudo', () => {
    expect(isPseudoPostcode('SW1A 1AA')).toBe(false);
    expect(isPseudoPostcode('not a postcode')).toBe(false);
  });

  it('recognises GIR 0AA', () => {
    expect(parsePostcode('gir0aa')).toMatchObject({
      success: true,
      data: {
        kind: 'girobank',
        postcode: 'GIR 0AA',
        area: 'GIR',
        sector: 'GIR 0',
        unit: 'GIR 0AA',
      },
    });
  });

  it.each([
    ['BFPO 1234', 'BFPO 1234'],
    ['bfpo1', 'BFPO 1'],
    ['BFPO  57', 'BFPO 57'],
  ])('%j is a BFPO number %s with only a unit level', (raw, postcode) => {
    expect(parsePostcode(raw)).toMatchObject({
      success: true,
      data: {
        kind: 'bfpo',
        postcode,
        outward: 'BFPO',
        area: null,
        district: null,
        sector: null,
        unit: postcode,
      },
    });
  });
});

describe('parsePostcode: rejections', () => {
  it.each([
    ['', 'empty', /no postcode/],
    ['   ', 'empty', /no postcode/],
    ['SW1A-1AA', 'bad-character', /letters, digits and spaces/],
    ['SW1A 1AÅ', 'bad-character', /letters, digits and spaces/],
    ['SW1A', 'too-short', /5 to 7/],
    ['A11A', 'too-short', /5 to 7/],
    ['SW1A 1AAA', 'too-long', /5 to 7/],
    ['BFPO', 'invalid-bfpo', /1 to 4 digits/],
    ['BFPO 12345', 'invalid-bfpo', /1 to 4 digits/],
    ['QA1 1AA', 'invalid-outward', /never starts with Q, V or X/],
    ['VA1 1AA', 'invalid-outward', /never starts with Q, V or X/],
    ['X1 1AA', 'invalid-outward', /never starts with Q, V or X/],
    ['AI1 1AA', 'invalid-outward', /never I, J or Z/],
    ['AZ1 1AA', 'invalid-outward', /never I, J or Z/],
    ['A1I 1AA', 'invalid-outward', /third position/],
    ['A1L 1AA', 'invalid-outward', /third position/],
    ['AA1C 1AA', 'invalid-outward', /fourth position/],
    ['1AA 1AA', 'invalid-outward', /starts with a letter/],
    ['ABC 1AA', 'invalid-outward', /shape/],
    ['SW1A 11A', 'invalid-inward', /digit followed by two letters/],
    ['SW1A AAA', 'invalid-inward', /starts with a digit/],
    ['SW1A 1CA', 'invalid-inward', /never C, I, K, M, O or V/],
    ['SW1A 1AV', 'invalid-inward', /never C, I, K, M, O or V/],
    ['SW1A 1OA', 'invalid-inward', /never C, I, K, M, O or V/],
    ['ZZ98 3VZ', 'invalid-outward', /never I, J or Z/],
  ] as const)('%j fails with %s', (raw, code, message) => {
    const result = parsePostcode(raw);
    expect(result.success).toBe(false);
    const first = result.success ? undefined : result.issues[0];
    expect(first?.code).toBe(code);
    expect(first?.message).toMatch(message);
  });

  it('reports both halves when both are wrong', () => {
    const result = parsePostcode('QA1 1CA');
    expect(result.success ? [] : result.issues.map((i) => i.code)).toEqual([
      'invalid-outward',
      'invalid-inward',
    ]);
  });
});

describe('keying repairs', () => {
  it('are off by default', () => {
    expect(parsePostcode('SW1A OAA').success).toBe(false);
  });

  it.each([
    ['SW1A OAA', 'SW1A 0AA', [{ position: 4, from: 'O', to: '0' }]],
    ['0X1 0AA', 'OX1 0AA', [{ position: 0, from: '0', to: 'O' }]],
    [
      '0L1 OAA',
      'OL1 0AA',
      [
        { position: 0, from: '0', to: 'O' },
        { position: 3, from: 'O', to: '0' },
      ],
    ],
  ])('%s is repaired to %s and the repair reported', (raw, postcode, repairs) => {
    expect(parsePostcode(raw, { repairKeying: true })).toMatchObject({
      success: true,
      data: { postcode, repairs },
    });
  });

  it('reports the original problem when the repair does not help', () => {
    const result = parsePostcode('0I1 OAA', { repairKeying: true });
    expect(result.success ? undefined : result.issues[0]?.code).toBe('invalid-outward');
  });

  it('leaves valid postcodes alone', () => {
    expect(parsePostcode('SO1 1AA', { repairKeying: true })).toMatchObject({
      success: true,
      data: { postcode: 'SO1 1AA', repairs: [] },
    });
  });
});

/** Random format-valid postcodes built from the BS 7666 character classes. */
const letter = (allowed: string): fc.Arbitrary<string> => fc.constantFrom(...Array.from(allowed));
const digit = letter('0123456789');
const first = letter('ABCDEFGHIJKLMNOPRSTUWYZ');
const second = letter('ABCDEFGHKLMNOPQRSTUVWXY');
const outward = fc.oneof(
  fc.tuple(first, digit, fc.option(digit, { nil: '' })),
  fc.tuple(first, second, digit, fc.option(digit, { nil: '' })),
  fc.tuple(first, digit, letter('ABCDEFGHJKSTUW')),
  fc.tuple(first, second, digit, letter('ABEHMNPRVWXY')),
);
const inwardLetter = letter('ABDEFGHJLNPQRSTUWXYZ');
const validPostcode = fc
  .tuple(outward, digit, inwardLetter, inwardLetter)
  .map(([out, d, a, b]) => `${out.join('')} ${d}${a}${b}`)
  .filter((code) => !code.startsWith('ZZ99'));

/** Re-keys a postcode with random case and random spaces between characters. */
const rekeyed = validPostcode.chain((code) =>
  fc
    .tuple(
      fc.array(fc.constantFrom('', ' ', '  ', '\t'), {
        minLength: code.length + 1,
        maxLength: code.length + 1,
      }),
      fc.array(fc.boolean(), { minLength: code.length, maxLength: code.length }),
    )
    .map(([gaps, lower]) => {
      const chars = Array.from(code.replace(' ', '')).map((c, i) =>
        lower[i] === true ? c.toLowerCase() : c,
      );
      return {
        code,
        keyed: chars.map((c, i) => `${gaps[i] ?? ''}${c}`).join('') + (gaps.at(-1) ?? ''),
      };
    }),
);

describe('normalisePostcode', () => {
  it.each([
    ['sw1a1aa', 'SW1A 1AA'],
    ['zz99 3vz', 'ZZ99 3VZ'],
    ['bfpo 12', 'BFPO 12'],
    ['  not   a  postcode ', 'NOT A POSTCODE'],
    ['sw1a-1aa', 'SW1A-1AA'],
    ['ß11AA', 'ß11AA'],
    ['', ''],
  ])('%j → %j', (raw, normalised) => {
    expect(normalisePostcode(raw)).toBe(normalised);
  });
});

describe('postcode properties', () => {
  test.prop([rekeyed])(
    'any case and spacing of a valid postcode gives the canonical form',
    ({ code, keyed }) => {
      expect(normalisePostcode(keyed)).toBe(code);
      const parsed = parsePostcode(keyed);
      expect(parsed.success && parsed.data.kind).toBe('geographic');
    },
  );

  test.prop([
    fc.oneof(
      rekeyed.map((r) => r.keyed),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'grapheme', maxLength: 10 }),
    ),
  ])('normalisePostcode is idempotent', (raw) => {
    const once = normalisePostcode(raw);
    expect(normalisePostcode(once)).toBe(once);
  });

  test.prop([validPostcode])('levels nest: area ⊂ district ⊂ sector ⊂ unit', (code) => {
    const parsed = parsePostcode(code);
    expect(parsed.success).toBe(true);
    if (parsed.success) {
      const { area, district, sector, unit } = parsed.data;
      expect(unit).toBe(code);
      expect(code.startsWith(sector ?? '?')).toBe(true);
      expect(sector?.startsWith(`${district ?? '?'} `)).toBe(true);
      expect(district?.startsWith(area ?? '?')).toBe(true);
      expect(area).toMatch(/^[A-Z]{1,2}$/);
    }
  });
});
