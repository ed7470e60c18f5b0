import type { Rng } from '../rng.js';

/** Neighbouring keys on a UK QWERTY keyboard, for realistic substitutions. */
const NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qwsz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
  '0': '9',
  '1': '2',
  '2': '13',
  '3': '24',
  '4': '35',
  '5': '46',
  '6': '57',
  '7': '68',
  '8': '79',
  '9': '80',
};

/**
 * One keying error in a word: a neighbouring key, a dropped or doubled letter, or two adjacent
 * letters swapped. The result always differs from the input (for inputs of two or more letters).
 * Case is preserved.
 * @param word - the text to corrupt
 * @param rng - the random source
 */
export function typo(word: string, rng: Rng): string {
  if (word.length < 2) {
    return word;
  }
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const result = oneEdit(word, rng);
    if (result !== word) {
      return result;
    }
  }
  return word.slice(1);
}

function oneEdit(word: string, rng: Rng): string {
  const i = rng.int(0, word.length - 1);
  const ch = word.charAt(i);
  switch (rng.int(0, 3)) {
    case 0: {
      const options = NEIGHBOURS[ch.toLowerCase()];
      if (options === undefined) {
        return word;
      }
      const sub = rng.pick(options.split(''));
      const cased = ch === ch.toUpperCase() ? sub.toUpperCase() : sub;
      return word.slice(0, i) + cased + word.slice(i + 1);
    }
    case 1:
      return word.slice(0, i) + word.slice(i + 1);
    case 2:
      return word.slice(0, i) + ch + word.slice(i);
    default: {
      const j = Math.min(i + 1, word.length - 1);
      const a = word.charAt(i);
      const b = word.charAt(j);
      return word.slice(0, i) + b + a + word.slice(j + 1);
    }
  }
}

/**
 * Digits as mistyped by a person: one digit changed, or two adjacent digits swapped. The first
 * digit is never touched, so a mistyped synthetic NHS Number stays in the 9xx test range and
 * never resembles a number issued to a real person.
 * @param digits - two or more digits
 * @param rng - the random source
 */
export function mistypeDigits(digits: string, rng: Rng): string {
  for (let attempt = 0; attempt < 8; attempt += 1) {
    const i = rng.int(1, digits.length - 2);
    const result = rng.chance(0.5)
      ? digits.slice(0, i) + digits.charAt(i + 1) + digits.charAt(i) + digits.slice(i + 2)
      : digits.slice(0, i) +
        String((Number(digits.charAt(i)) + rng.int(1, 9)) % 10) +
        digits.slice(i + 1);
    if (result !== digits) {
      return result;
    }
  }
  return digits;
}

/**
 * Case and punctuation noise as seen in exported extracts: lower or mixed case, doubled or
 * trailing spaces, a stray full stop.
 * @param text - the value to disturb
 * @param rng - the random source
 */
export function caseNoise(text: string, rng: Rng): string {
  switch (rng.int(0, 3)) {
    case 0:
      return text.toLowerCase();
    case 1:
      return text.toLowerCase().replace(/\b\p{L}/gu, (c) => c.toUpperCase());
    case 2:
      return ` ${text.replace(/ /g, '  ')} `;
    default:
      return `${text}.`;
  }
}
