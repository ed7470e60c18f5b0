import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { nameKey, normaliseFamilyName, normaliseGivenNames } from './name.js';

/** Name-shaped text: fragments that exercise every rule, glued together in any order. */
const fragment = fc.constantFrom(
  ...['Mc', 'mac', 'O', "'", '’', '-', ' ', '.', 'van', 'DER', 'de', 'la', 'le', 'Smith', 'jones'],
  ...['Jr', 'III', 'snr', 'Mr', 'DR', 'prof', 'aka', 'known', 'as', 'baby', 'Twin', 'UNKNOWN'],
  ...['N/A', 'nk', '?', 'x', 'ë', 'ß', 'Ø', 'ń', 'Æ', 'И', '3'],
);
const nameText = fc.oneof(
  fc.array(fragment, { maxLength: 8 }).map((parts) => parts.join('')),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);

describe('normaliseFamilyName', () => {
  it.each([
    // raw, normalised, key, coreKey, parts, particles
    ['Smith', 'SMITH', 'SMITH', 'SMITH', ['SMITH'], []],
    ['  smith  ', 'SMITH', 'SMITH', 'SMITH', ['SMITH'], []],
    ['Kociński', 'KOCINSKI', 'KOCINSKI', 'KOCINSKI', ['KOCINSKI'], []],
    ['Müller', 'MULLER', 'MULLER', 'MULLER', ['MULLER'], []],
    ['Weiß', 'WEISS', 'WEISS', 'WEISS', ['WEISS'], []],
    ['Søren-Ærø', 'SOREN AERO', 'SORENAERO', 'SORENAERO', ['SOREN', 'AERO'], []],
    ['Łukasz', 'LUKASZ', 'LUKASZ', 'LUKASZ', ['LUKASZ'], []],
    ["O'Reilly", 'OREILLY', 'OREILLY', 'OREILLY', ['OREILLY'], []],
    ['O’Reilly', 'OREILLY', 'OREILLY', 'OREILLY', ['OREILLY'], []],
    ['O Reilly', 'OREILLY', 'OREILLY', 'OREILLY', ['OREILLY'], []],
    ['Mc Donald', 'MCDONALD', 'MCDONALD', 'MCDONALD', ['MCDONALD'], []],
    ['MacLeod', 'MACLEOD', 'MACLEOD', 'MACLEOD', ['MACLEOD'], []],
    ['Mac Leod', 'MACLEOD', 'MACLEOD', 'MACLEOD', ['MACLEOD'], []],
    ['Jones-Smith', 'JONES SMITH', 'JONESSMITH', 'JONESSMITH', ['JONES', 'SMITH'], []],
    ['Jones Smith', 'JONES SMITH', 'JONESSMITH', 'JONESSMITH', ['JONES', 'SMITH'], []],
    ['JONES - SMITH', 'JONES SMITH', 'JONESSMITH', 'JONESSMITH', ['JONES', 'SMITH'], []],
    ['van der Berg', 'VAN DER BERG', 'VANDERBERG', 'BERG', ['BERG'], ['VAN', 'DER']],
    ['Van Der Berg', 'VAN DER BERG', 'VANDERBERG', 'BERG', ['BERG'], ['VAN', 'DER']],
    ['Vanderberg', 'VANDERBERG', 'VANDERBERG', 'VANDERBERG', ['VANDERBERG'], []],
    ['von Trapp', 'VON TRAPP', 'VONTRAPP', 'TRAPP', ['TRAPP'], ['VON']],
    ['de la Cruz', 'DE LA CRUZ', 'DELACRUZ', 'CRUZ', ['CRUZ'], ['DE', 'LA']],
    ['Da Silva', 'DA SILVA', 'DASILVA', 'SILVA', ['SILVA'], ['DA']],
    ['Di Marco', 'DI MARCO', 'DIMARCO', 'MARCO', ['MARCO'], ['DI']],
    ['du Pont', 'DU PONT', 'DUPONT', 'PONT', ['PONT'], ['DU']],
    ['Le Roux', 'LE ROUX', 'LEROUX', 'ROUX', ['ROUX'], ['LE']],
    ['Le', 'LE', 'LE', 'LE', ['LE'], []],
    ['El-Sayed', 'EL SAYED', 'ELSAYED', 'SAYED', ['SAYED'], ['EL']],
    [
      'Garcia de la Cruz',
      'GARCIA DE LA CRUZ',
      'GARCIADELACRUZ',
      'GARCIACRUZ',
      ['GARCIA', 'CRUZ'],
      ['DE', 'LA'],
    ],
    ['St. John', 'ST JOHN', 'STJOHN', 'STJOHN', ['ST', 'JOHN'], []],
    [
      'Smith (nee Jones)',
      'SMITH NEE JONES',
      'SMITHNEEJONES',
      'SMITHNEEJONES',
      ['SMITH', 'NEE', 'JONES'],
      [],
    ],
    ['Smith2', 'SMITH', 'SMITH', 'SMITH', ['SMITH'], []],
    ['ＳＭＩＴＨ', 'SMITH', 'SMITH', 'SMITH', ['SMITH'], []],
  ] as const)('%s', (raw, normalised, key, coreKey, parts, particles) => {
    const name = normaliseFamilyName(raw);
    expect(name).toMatchObject({ status: 'present', normalised, key, coreKey, parts, particles });
  });

  it.each([
    ['Smith Jr', 'SMITH', ['JR']],
    ['Smith Jnr.', 'SMITH', ['JNR']],
    ['Windsor III', 'WINDSOR', ['III']],
    ['Brown Snr Jr', 'BROWN', ['SNR', 'JR']],
    ['Junior', 'JUNIOR', []],
  ])('%s strips suffixes', (raw, normalised, suffixes) => {
    expect(normaliseFamilyName(raw)).toMatchObject({ normalised, suffixes });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['?', 'placeholder'],
    ['-', 'placeholder'],
    ['123', 'placeholder'],
    ['UNKNOWN', 'placeholder'],
    ['unknown', 'placeholder'],
    ['Not Known', 'placeholder'],
    ['NK', 'placeholder'],
    ['N/K', 'placeholder'],
    ['N/A', 'placeholder'],
    ['n / a', 'placeholder'],
    ['XXX', 'placeholder'],
    ['ZZZ', 'placeholder'],
    ['Baby', 'placeholder'],
    ['BABY GIRL', 'placeholder'],
    ['Иванов', 'non-latin'],
    ['王', 'non-latin'],
  ] as const)('%j is %s with empty keys', (raw, status) => {
    expect(normaliseFamilyName(raw)).toMatchObject({
      status,
      normalised: '',
      key: '',
      coreKey: '',
      parts: [],
    });
  });

  it('keeps real surnames that look like codes (Na, Le, Do)', () => {
    expect(normaliseFamilyName('Na').key).toBe('NA');
    expect(normaliseFamilyName('Do').key).toBe('DO');
  });

  test.prop([nameText])('is idempotent', (raw) => {
    const once = normaliseFamilyName(raw);
    const twice = normaliseFamilyName(once.normalised);
    expect(twice.normalised).toBe(once.normalised);
    expect(twice.key).toBe(once.key);
    expect(twice.parts).toEqual(once.parts);
  });

  test.prop([nameText])('key is uppercase letters', (raw) => {
    expect(normaliseFamilyName(raw).key).toMatch(/^[A-Z]*$/);
  });
});

describe('normaliseGivenNames', () => {
  it.each([
    ['John', [], 'JOHN', []],
    ['john paul', [], 'JOHN', ['PAUL']],
    ['Jean-Paul', [], 'JEAN', ['PAUL']],
    ['Mary Anne Louise', [], 'MARY', ['ANNE', 'LOUISE']],
    ['Mr John', ['MR'], 'JOHN', []],
    ['MRS. Jane', ['MRS'], 'JANE', []],
    ['Dr. Anna-Maria', ['DR'], 'ANNA', ['MARIA']],
    ['Prof Sir Tim', ['PROF', 'SIR'], 'TIM', []],
    ['Rt Hon Theresa', ['RT', 'HON'], 'THERESA', []],
    ['Miss Zoë', ['MISS'], 'ZOE', []],
    ['Rev. Seán', ['REV'], 'SEAN', []],
    ['J. R. R.', [], 'J', ['R', 'R']],
    ['Lady Jane Grey', ['LADY'], 'JANE', ['GREY']],
  ] as const)('%s', (raw, titles, first, others) => {
    expect(normaliseGivenNames(raw)).toMatchObject({ status: 'present', titles, first, others });
  });

  it('accepts a FHIR given array', () => {
    expect(normaliseGivenNames(['Mr', 'John', 'Paul'])).toMatchObject({
      titles: ['MR'],
      first: 'JOHN',
      others: ['PAUL'],
      normalised: 'JOHN PAUL',
    });
  });

  it.each([
    ['Robert (known as Bob)', 'ROBERT', ['BOB']],
    ['Robert aka Bob', 'ROBERT', ['BOB']],
    ['Elizabeth Known As Liz Beth', 'ELIZABETH', ['LIZ', 'BETH']],
  ])('%s moves the alias to knownAs', (raw, first, knownAs) => {
    expect(normaliseGivenNames(raw)).toMatchObject({ first, others: [], knownAs });
  });

  it.each([
    ['', 'empty'],
    ['Mr', 'empty'],
    ['Dr.', 'empty'],
    ['?', 'placeholder'],
    ['UNKNOWN', 'placeholder'],
    ['Baby', 'placeholder'],
    ['Baby Boy', 'placeholder'],
    ['BABY OF JONES', 'placeholder'],
    ['Twin 1', 'placeholder'],
    ['Twin of Smith', 'placeholder'],
    ['NK', 'placeholder'],
    ['not known', 'placeholder'],
    ['N/A', 'placeholder'],
    ['XX', 'placeholder'],
    ['Анна', 'non-latin'],
  ] as const)('%j is %s', (raw, status) => {
    expect(normaliseGivenNames(raw)).toMatchObject({ status, first: '', others: [] });
  });

  it('keeps initials N K apart from the placeholder NK', () => {
    expect(normaliseGivenNames('N. K.')).toMatchObject({ status: 'present', first: 'N' });
  });

  test.prop([fc.array(nameText, { maxLength: 4 })])('is idempotent', (given) => {
    const once = normaliseGivenNames(given);
    const twice = normaliseGivenNames(once.normalised);
    expect(twice.first).toBe(once.first);
    expect(twice.others).toEqual(once.others);
    expect(twice.normalised).toBe(once.normalised);
  });
});

describe('nameKey', () => {
  it.each([
    ["O'Reilly", 'OREILLY'],
    ['Jones-Smith', 'JONESSMITH'],
    ['van der Berg', 'VANDERBERG'],
    ['Zoë', 'ZOE'],
    ['Kociński', 'KOCINSKI'],
    ['Straße', 'STRASSE'],
    ['Mc Donald', 'MCDONALD'],
    ['UNKNOWN', ''],
    ['Not Known', ''],
    ['N/A', ''],
    ['?', ''],
    ['', ''],
    ['xxx', ''],
  ])('%j → %j', (raw, key) => {
    expect(nameKey(raw)).toBe(key);
  });

  test.prop([nameText])('is idempotent', (raw) => {
    const key = nameKey(raw);
    expect(nameKey(key)).toBe(key);
    expect(key).toMatch(/^[A-Z]*$/);
  });
});
