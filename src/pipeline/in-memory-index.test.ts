import { describe, expect, it } from 'vitest';
import type { BlockingRule } from '../matching/blocking.js';
import { buildMatchRecord, type MatchInput } from '../matching/index.js';
import { buildInMemoryIndex } from './in-memory-index.js';

const person = (nhsNumber: string, input: MatchInput) => ({
  id: nhsNumber,
  record: buildMatchRecord({ nhsNumber, ...input }),
});

const register = [
  person('9990000018', {
    givenNames: 'Ann',
    familyName: 'Lee',
    birthDate: '1980-05-06',
    postcode: 'LS6 2QT',
    supersededNhsNumbers: ['9990000026'],
  }),
  person('9990000034', { givenNames: 'Bob', familyName: 'Lee', birthDate: '1980-05-06' }),
  person('9990000042', { givenNames: 'Cat', familyName: 'Khan', birthDate: '1975-01-02' }),
];

describe('buildInMemoryIndex', () => {
  it('returns each candidate once although several rules find it', () => {
    const index = buildInMemoryIndex(register);
    const found = index.candidates(
      buildMatchRecord({ givenNames: 'Ann', familyName: 'Lee', birthDate: '1980-05-06' }),
    );
    expect(found.map((c) => c.id)).toEqual(['9990000018', '9990000034']);
  });

  it('finds a record by a superseded NHS Number', () => {
    const index = buildInMemoryIndex(register);
    const found = index.candidates(buildMatchRecord({ nhsNumber: '9990000026' }));
    expect(found.map((c) => c.id)).toEqual(['9990000018']);
  });

  it('finds nothing for a request with no key in common', () => {
    const index = buildInMemoryIndex(register);
    expect(
      index.candidates(buildMatchRecord({ familyName: 'Zed', birthDate: '2001-01-01' })),
    ).toEqual([]);
  });

  it('drops keys over the cap and counts them per rule', () => {
    const dob: BlockingRule = { id: 'dob', parts: ['birth-date'], fixes: [] };
    const index = buildInMemoryIndex(register, { rules: [dob], cap: 1 });
    expect(index.stats).toEqual({ records: 3, keys: 1, cappedKeys: { dob: 1 } });
    expect(index.candidates(buildMatchRecord({ birthDate: '1980-05-06' }))).toEqual([]);
    expect(index.block(dob, buildMatchRecord({ birthDate: '1975-01-02' }))).toEqual([2]);
    expect(index.at(2)?.id).toBe('9990000042');
  });
});
