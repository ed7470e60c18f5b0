import { describe, expect, it } from 'vitest';
import { addressKey } from '../address-key.js';
import { levelOf } from '../test-support/fixtures.js';
import { addressComparison } from './address.js';
import { postcodeComparison } from './postcode.js';

const postcode = postcodeComparison();
const address = addressComparison();

describe('postcode comparison', () => {
  it.each([
    ['missing one side', { postcode: 'LS6 2QT' }, {}, 'null'],
    ['pseudo-postcode is missing', { postcode: 'ZZ99 3VZ' }, { postcode: 'ZZ99 3VZ' }, 'null'],
    ['invalid postcode is missing', { postcode: 'QQ1 1AA' }, { postcode: 'LS6 2QT' }, 'null'],
    ['full, any spacing and case', { postcode: 'ls62qt' }, { postcode: 'LS6 2QT' }, 'full'],
    [
      'full and the same house',
      { postcode: 'LS6 2QT', addressLines: ['14 Elm Grove'] },
      { postcode: 'LS6 2QT', addressLines: ['14 Elm Gr', 'Leeds'] },
      'same-house',
    ],
    [
      'full, a different house',
      { postcode: 'LS6 2QT', addressLines: ['14 Elm Grove'] },
      { postcode: 'LS6 2QT', addressLines: ['16 Elm Grove'] },
      'full',
    ],
    [
      'a previous postcode',
      { postcode: 'LS6 2QT', previousPostcodes: ['BD7 1DP'] },
      { postcode: 'BD7 1DP' },
      'historic',
    ],
    ['same sector', { postcode: 'LS6 2QT' }, { postcode: 'LS6 2AB' }, 'sector'],
    ['same district', { postcode: 'LS6 2QT' }, { postcode: 'LS6 4AB' }, 'district'],
    ['same area', { postcode: 'LS6 2QT' }, { postcode: 'LS17 4AB' }, 'area'],
    ['different', { postcode: 'LS6 2QT' }, { postcode: 'M1 1AE' }, 'else'],
  ])('%s', (_, left, right, expected) => {
    expect(levelOf(postcode, left, right)).toBe(expected);
  });
});

describe('address comparison', () => {
  const lines = (...addressLines: string[]): { addressLines: string[] } => ({ addressLines });
  it.each([
    ['missing one side', lines('14 Elm Grove'), {}, 'null'],
    [
      'postcodes agree: weighed under postcode',
      { ...lines('14 Elm Grove'), postcode: 'LS6 2QT' },
      { ...lines('14 Elm Grove'), postcode: 'LS6 2QT' },
      'postcode-agrees',
    ],
    [
      'same house, postcode mistyped',
      { ...lines('14 Elm Grove'), postcode: 'LS6 2QT' },
      { ...lines('14 Elm Grove'), postcode: 'LS6 2TQ' },
      'number-street',
    ],
    ['same number and street', lines('14 Elm Grove', 'Leeds'), lines('14 ELM GR'), 'number-street'],
    [
      'a previous address',
      { ...lines('14 Elm Grove'), previousAddresses: [['3 Mill Lane', 'Bradford']] },
      lines('3 Mill Ln'),
      'previous-address',
    ],
    ['same street only', lines('14 Elm Grove'), lines('Flat 2', '16 Elm Grove'), 'street'],
    ['same number only', lines('14 Elm Grove'), lines('14 Oak Road'), 'number'],
    [
      'another flat at the same number',
      lines('Flat 2, 14 Elm Grove'),
      lines('Flat 3', '14 Elm Grove'),
      'street',
    ],
    [
      'a flat and the building',
      lines('Flat 2, 14 Elm Grove'),
      lines('14 Elm Grove'),
      'number-street',
    ],
    ['different', lines('14 Elm Grove'), lines('7 Oak Road'), 'else'],
  ])('%s', (_, left, right, expected) => {
    expect(levelOf(address, left, right)).toBe(expected);
  });

  it.each([
    [
      ['Flat 3', '12 High St', 'Leeds'],
      { flat: '3', houseNumber: '12', streetTokens: ['HIGH', 'STREET'] },
    ],
    [['12 A High Street'], { houseNumber: '12A', streetTokens: ['HIGH', 'STREET'] }],
    [['Rose Cottage', 'Leeds'], { streetTokens: ['COTTAGE', 'LEEDS', 'ROSE'] }],
    [['  '], undefined],
  ])('addressKey(%j)', (input, expected) => {
    expect(addressKey(input)).toEqual(expected);
  });
});
