import { describe, expect, it } from 'vitest';
import { buildMatchRecord } from '../matching/index.js';
import { inMemoryTermFrequencies, termFrequencyTables } from './in-memory-tf.js';

const records = [
  buildMatchRecord({ givenNames: 'Ann', familyName: 'Smith', postcode: 'LS6 2QT' }),
  buildMatchRecord({ givenNames: 'Bob', familyName: 'Smith', postcode: 'LS6 2QT' }),
  buildMatchRecord({ givenNames: 'Ann', familyName: 'Ashworth' }),
  buildMatchRecord({ familyName: 'Smith', postcode: 'ZZ99 3VZ' }),
];

describe('termFrequencyTables', () => {
  it('gives each value its share of the records that have the field', () => {
    const tables = termFrequencyTables(records);
    expect(tables['family-name'].get('SMITH')).toBe(3 / 4);
    expect(tables['given-name'].get('ANN')).toBe(2 / 3);
    expect(tables.postcode.get('LS6 2QT')).toBe(1); // the pseudo-postcode counts as missing
  });

  it('answers undefined for values it has not seen', () => {
    const lookup = inMemoryTermFrequencies(records);
    expect(lookup('family-name', 'ASHWORTH')).toBe(1 / 4);
    expect(lookup('family-name', 'NOWAK')).toBeUndefined();
  });
});
