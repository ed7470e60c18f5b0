import { describe, expect, it } from 'vitest';
import { buildMatchRecord, type MatchInput } from '../matching/index.js';
import { buildExactLookup } from './in-memory-exact.js';

const candidate = (id: string, input: MatchInput) => ({
  id,
  record: buildMatchRecord({ nhsNumber: id, ...input }),
});

const REGISTER = [
  candidate('9990000034', { familyName: 'Ashworth', birthDate: '1950-03-12' }),
  candidate('9990000018', {
    familyName: 'Ashworth',
    birthDate: '1950-03-14',
    supersededNhsNumbers: ['9990000026'],
  }),
  candidate('9990000042', { familyName: 'Ashworth', birthDate: '1950' }),
  candidate('9990000050', { familyName: 'Pickles', birthDate: '1950-03-12' }),
];
const lookup = buildExactLookup(REGISTER);
const ids = (input: MatchInput): string[] =>
  lookup.candidates(buildMatchRecord(input)).map((c) => c.id);

describe('buildExactLookup', () => {
  it('finds the same family name with the same full date of birth', () => {
    expect(ids({ familyName: 'ashworth', birthDate: '1950-03-12' })).toEqual(['9990000034']);
  });

  it('lets a partial date agree with every date it covers, but not a partial register date', () => {
    expect(ids({ familyName: 'Ashworth', birthDate: '1950-03' })).toEqual([
      '9990000018',
      '9990000034',
    ]);
    expect(ids({ familyName: 'Ashworth', birthDate: '1950' })).toEqual([
      '9990000018',
      '9990000034',
      '9990000042',
    ]);
  });

  it('finds the holder of a current or superseded number, whatever its demographics', () => {
    expect(ids({ nhsNumber: '9990000026', familyName: 'Nobody' })).toEqual(['9990000018']);
    expect(
      ids({ nhsNumber: '9990000050', familyName: 'Ashworth', birthDate: '1950-03-12' }),
    ).toEqual(['9990000034', '9990000050']);
  });

  it('finds nothing without a date of birth or a family name', () => {
    expect(ids({ familyName: 'Ashworth' })).toEqual([]);
    expect(ids({ birthDate: '1950-03-12' })).toEqual([]);
  });
});
