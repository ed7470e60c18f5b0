import { describe, expect, it } from 'vitest';
import { blockingKeys, countKeys, DEFAULT_BLOCKING_RULES, type BlockingRule } from './blocking.js';
import { estimatePairs } from './blocking-estimate.js';
import { buildMatchRecord } from './record-builder.js';
import { ASHWORTH } from './test-support/fixtures.js';

const rule = (id: string): BlockingRule => {
  const found = DEFAULT_BLOCKING_RULES.find((r) => r.id === id);
  if (found === undefined) {
    throw new Error(`no rule ${id}`);
  }
  return found;
};

describe('blockingKeys', () => {
  const margaret = buildMatchRecord(ASHWORTH.margaret);

  it('joins the parts under the rule id', () => {
    expect(blockingKeys(rule('dob-district'), margaret)).toEqual([
      'dob-district|19500312|LS6',
      'dob-district|19500312|BD7',
    ]);
  });

  it('gives one key per value of a multi-valued part (barrels and earlier names)', () => {
    const record = buildMatchRecord({
      familyName: 'Jones-Smith',
      previousFamilyNames: ['Pickles'],
      givenNames: 'Ann',
      birthDate: '1980-01-02',
    });
    const keys = blockingKeys(rule('family-initial-year-month-or-day'), record);
    expect(new Set(keys.filter((key) => key.endsWith('|m1')))).toEqual(
      new Set([
        'family-initial-year-month-or-day|JONES|A|1980|m1',
        'family-initial-year-month-or-day|JONESSMITH|A|1980|m1',
        'family-initial-year-month-or-day|PICKLES|A|1980|m1',
        'family-initial-year-month-or-day|SMITH|A|1980|m1',
      ]),
    );
    expect(keys).toHaveLength(12);
  });

  it('blocks dates that share the month or the day, or swap them, but not one-part-only dates', () => {
    const familyRule = rule('family-initial-year-month-or-day');
    const keysOf = (birthDate: string | undefined) =>
      blockingKeys(
        familyRule,
        buildMatchRecord({
          familyName: 'Jones',
          givenNames: 'Ann',
          ...(birthDate === undefined ? {} : { birthDate }),
        }),
      );
    const shares = (a: string, b: string) => keysOf(a).some((key) => keysOf(b).includes(key));
    expect(keysOf('1980-03-07').map((key) => key.split('|').at(-1))).toEqual(['m3', 'd7', 's3-7']);
    expect(shares('1980-03-07', '1980-03-17')).toBe(true); // day typo
    expect(shares('1980-03-07', '1980-08-07')).toBe(true); // month typo
    expect(shares('1980-03-07', '1980-07-03')).toBe(true); // day and month swapped
    expect(shares('1980-03-07', '1980-04-08')).toBe(false);
    expect(shares('1980-03-07', '1981-03-07')).toBe(false);
    expect(keysOf(undefined)).toEqual([]);
  });

  it('puts both names in name-phonetic, so swapped names share a key', () => {
    const swapped = buildMatchRecord({
      givenNames: 'Ashworth',
      familyName: 'Margaret',
      birthDate: '1950-03-12',
    });
    const shared = blockingKeys(rule('dob-name-phonetic'), swapped).filter((key) =>
      blockingKeys(rule('dob-name-phonetic'), margaret).includes(key),
    );
    expect(shared.length).toBeGreaterThan(0);
  });

  it('blocks names by year of birth, so a mistyped day or month still shares a key', () => {
    const names = rule('given-family-phonetic-year');
    const born = (birthDate: string) =>
      blockingKeys(names, buildMatchRecord({ givenNames: 'Ann', familyName: 'Jones', birthDate }));
    expect(born('1984-05-06')).toEqual(born('1984-06-05'));
    expect(born('1984-05-06').every((key) => key.endsWith('|1984'))).toBe(true);
    expect(born('1984-05-06')).not.toEqual(born('1985-05-06'));
  });

  it('gives no key when a part is missing or only partial', () => {
    const partial = buildMatchRecord({ familyName: 'Ashworth', birthDate: '1950-03' });
    expect(blockingKeys(rule('dob-name-phonetic'), partial)).toEqual([]);
    expect(blockingKeys(rule('nhs-number'), partial)).toEqual([]);
    expect(blockingKeys(rule('postcode-year'), buildMatchRecord({ birthDate: '1950' }))).toEqual(
      [],
    );
  });

  it('gives no postcode key for a blank or pseudo (ZZ99) postcode, so they never block together', () => {
    for (const postcode of ['', '   ', 'ZZ99 3VZ', 'zz993wz']) {
      const record = buildMatchRecord({
        familyName: 'Ashworth',
        birthDate: '1950-03-12',
        postcode,
      });
      expect(blockingKeys(rule('postcode-year'), record)).toEqual([]);
      expect(blockingKeys(rule('dob-district'), record)).toEqual([]);
    }
  });

  it('keys the NHS Number and every superseded number', () => {
    const record = buildMatchRecord({
      nhsNumber: '9990000018',
      supersededNhsNumbers: ['9990000026'],
    });
    expect(blockingKeys(rule('nhs-number'), record)).toEqual([
      'nhs-number|9990000018',
      'nhs-number|9990000026',
    ]);
  });
});

describe('estimatePairs', () => {
  const dob: BlockingRule = { id: 'dob', parts: ['birth-date'], fixes: ['date-of-birth'] };
  const people = (birthDate: string, n: number) =>
    Array.from({ length: n }, () => buildMatchRecord({ birthDate }));

  it('sums left count × right count over the keys', () => {
    const left = countKeys([dob], [...people('1980-05-06', 2), ...people('1990-07-08', 1)]);
    const right = countKeys([dob], [...people('1980-05-06', 3), ...people('1990-07-08', 4)]);
    const estimate = estimatePairs([dob], left, right, { cap: 100, leftRecords: 3 });
    expect(estimate.rules[0]).toMatchObject({ pairs: 2 * 3 + 1 * 4, cappedPairs: 0 });
    expect(estimate.warnings).toEqual([]);
  });

  it('scales sampled counts', () => {
    const left = countKeys([dob], people('1980-05-06', 1));
    const right = countKeys([dob], people('1980-05-06', 2));
    const estimate = estimatePairs([dob], left, right, {
      cap: 100,
      leftRecords: 10,
      leftScale: 10,
      rightScale: 5,
    });
    expect(estimate.totalPairs).toBe(10 * 10);
  });

  it('warns about a placeholder date over the cap, without naming the key', () => {
    const right = countKeys([dob], [...people('1970-01-01', 30), ...people('1970-06-15', 2)]);
    const left = countKeys([dob], [...people('1970-01-01', 1), ...people('1970-06-15', 1)]);
    const estimate = estimatePairs([dob], left, right, { cap: 10, leftRecords: 2 });
    expect(estimate.rules[0]).toMatchObject({ pairs: 2, cappedPairs: 30, cappedKeys: 1 });
    expect(estimate.warnings).toHaveLength(1);
    expect(estimate.warnings[0]).toMatchObject({
      code: 'placeholder-date',
      rule: 'dob',
      keys: 1,
      largestKeyCount: 30,
    });
    expect(estimate.warnings[0]?.message).not.toContain('1970');
  });

  it('warns about a common key that is not a date, and about a rule that explodes', () => {
    const year: BlockingRule = { id: 'year', parts: ['birth-year'], fixes: [] };
    const right = countKeys([year], [...people('1970-02-03', 50), ...people('1971-02-03', 8)]);
    const left = countKeys([year], [...people('1970-02-03', 1), ...people('1971-02-03', 1)]);
    const estimate = estimatePairs([year], left, right, {
      cap: 20,
      leftRecords: 2,
      pairsPerRecordLimit: 3,
    });
    expect(estimate.warnings.map((w) => w.code)).toEqual(['key-over-cap', 'rule-explodes']);
  });
});
