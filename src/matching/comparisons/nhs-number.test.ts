import { describe, expect, it } from 'vitest';
import { levelOf, testNhsNumber } from '../test-support/fixtures.js';
import { nhsNumberComparison } from './nhs-number.js';

const nhs = nhsNumberComparison();
const number = testNhsNumber(42);
const at = Array.from({ length: 10 }, (_, i) => i).findIndex(
  (i) => i > 0 && number[i] !== number[i - 1],
);
const swapped = `${number.slice(0, at - 1)}${number[at] ?? ''}${number[at - 1] ?? ''}${number.slice(at + 1)}`;
const oneOff = `${number.slice(0, 9)}${String((Number(number[9]) + 1) % 10)}`;

describe('NHS Number comparison', () => {
  it.each([
    ['not supplied', {}, { nhsNumber: number }, 'null'],
    ['not 10 digits is missing', { nhsNumber: '12345' }, { nhsNumber: number }, 'null'],
    [
      'exact, spaces ignored',
      { nhsNumber: `${number.slice(0, 3)} ${number.slice(3, 6)} ${number.slice(6)}` },
      { nhsNumber: number },
      'exact',
    ],
    [
      'a superseded number',
      { nhsNumber: testNhsNumber(7) },
      { nhsNumber: number, supersededNhsNumbers: [testNhsNumber(7)] },
      'superseded',
    ],
    ['two adjacent digits swapped', { nhsNumber: swapped }, { nhsNumber: number }, 'one-digit'],
    [
      'one digit wrong (fails Modulus 11, still compared)',
      { nhsNumber: oneOff },
      { nhsNumber: number },
      'one-digit',
    ],
    ['different', { nhsNumber: testNhsNumber(900) }, { nhsNumber: number }, 'else'],
  ])('%s', (_, left, right, expected) => {
    expect(levelOf(nhs, left, right)).toBe(expected);
  });
});
