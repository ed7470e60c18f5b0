import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import {
  normaliseAddressLine,
  normaliseAddressLineUncached,
  parseAddressLines,
} from './address.js';
import {
  nameKey,
  normaliseFamilyName,
  normaliseFamilyNameUncached,
  normaliseGivenNames,
  normaliseGivenNamesUncached,
} from './name.js';
import { foldToAscii, foldToAsciiGeneral, textTokens, textTokensGeneral } from './text.js';
import * as reference from './test-support/reference-normalisers.js';

/**
 * Characters demographics are keyed with, and the awkward ones: apostrophe look-alikes,
 * accents (precomposed and combining), letters NFKD cannot fold, ligatures, other scripts,
 * range separators and list breaks.
 */
const KEYED = [
  ...Array.from("abcxyzABCXYZ stST 0129-/,;.()'`’ʼ´"),
  ...Array.from('éÉöÖñçøØæÆœßẞłŁđþÞħŧŋﬁ'),
  'e\u0301',
  'o\u0308',
  ...Array.from('ΑλέξηςМаріяجود李'),
];

/** Name and address words that exercise the rules (titles, particles, placeholders, ST). */
const WORDS = [
  'Mr',
  'Dr.',
  'van',
  'der',
  'Mc',
  'O',
  'Jr',
  'III',
  'aka',
  'known as',
  'Baby',
  'Twin',
  'N/A',
  'UNKNOWN',
  'xxx',
  'zz',
  'Flat',
  'Apt',
  'Unit',
  '12',
  '12a',
  '12 - 14',
  '3/5',
  'St',
  'Great',
  'Rd',
  'High',
  'Street',
  'Leeds',
  "O'Brien",
  'Jones-Smith',
  'Zoë',
  'Kociński',
  'Ølsen',
];

const keyedText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...KEYED), maxLength: 40 }),
  fc.array(fc.constantFrom(...WORDS), { maxLength: 6 }).map((words) => words.join(' ')),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ maxLength: 30 }),
);

describe('fast paths give the same results as the general code', () => {
  test.prop([keyedText])('foldToAscii', (raw) => {
    expect(foldToAscii(raw)).toBe(foldToAsciiGeneral(raw));
    expect(foldToAscii(raw)).toBe(reference.foldToAscii(raw));
  });

  test.prop([keyedText, fc.boolean()])('textTokens', (raw, keepDigits) => {
    const options = { keepDigits };
    expect(textTokens(raw, options)).toEqual(textTokensGeneral(raw, options));
    expect(textTokens(raw, options)).toEqual(reference.textTokens(raw, options));
  });
});

describe('memoised normalisers give the same results as before, cached or not', () => {
  test.prop([keyedText])('normaliseFamilyName', (raw) => {
    const expected = reference.normaliseFamilyName(raw);
    expect(normaliseFamilyNameUncached(raw)).toEqual(expected);
    expect(normaliseFamilyName(raw)).toEqual(expected);
    expect(normaliseFamilyName(raw)).toEqual(expected); // a memo hit
  });

  test.prop([fc.oneof(keyedText, fc.array(keyedText, { maxLength: 3 }))])(
    'normaliseGivenNames',
    (raw) => {
      const expected = reference.normaliseGivenNames(raw);
      const text = typeof raw === 'string' ? raw : raw.join(' ');
      expect(normaliseGivenNamesUncached(text)).toEqual(expected);
      expect(normaliseGivenNames(raw)).toEqual(expected);
      expect(normaliseGivenNames(raw)).toEqual(expected);
    },
  );

  test.prop([keyedText])('nameKey', (raw) => {
    expect(nameKey(raw)).toBe(reference.nameKey(raw));
  });

  test.prop([keyedText])('normaliseAddressLine', (raw) => {
    const expected = reference.normaliseAddressLine(raw);
    expect(normaliseAddressLineUncached(raw)).toBe(expected);
    expect(normaliseAddressLine(raw)).toBe(expected);
    expect(normaliseAddressLine(raw)).toBe(expected);
  });

  test.prop([fc.array(keyedText, { maxLength: 5 })])('parseAddressLines', (lines) => {
    expect(parseAddressLines(lines)).toEqual(reference.parseAddressLines(lines));
  });

  test.prop([keyedText])(
    'memoised name results are frozen, so no caller can change them',
    (raw) => {
      const family = normaliseFamilyName(raw);
      const given = normaliseGivenNames(raw);
      expect(Object.isFrozen(family) && Object.isFrozen(family.parts)).toBe(true);
      expect(Object.isFrozen(given) && Object.isFrozen(given.others)).toBe(true);
    },
  );
});
