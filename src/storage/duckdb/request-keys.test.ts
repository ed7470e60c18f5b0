import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BLOCKING_RULES, forEachBlockingKey } from '../../matching/blocking.js';
import { buildMatchRecord } from '../../matching/index.js';
import { matchInput } from '../../matching/test-support/arbitraries.js';
import { duckDbHash, type KeyHash } from './duckdb-hash.js';
import { forEachBlockingKeyHash } from './request-keys.js';

/** A record's blocking keys as `duckDbHash(rule id, values…)` of `forEachBlockingKey`'s values. */
function keysOneByOne(record: ReturnType<typeof buildMatchRecord>): string[] {
  const keys: string[] = [];
  const into: KeyHash = { high: 0, low: 0 };
  for (const rule of DEFAULT_BLOCKING_RULES) {
    forEachBlockingKey(rule, record, (values) => {
      duckDbHash(rule.id, values, into);
      keys.push(`${String(into.high)}:${String(into.low)}`);
    });
  }
  return keys;
}

describe('forEachBlockingKeyHash', () => {
  it('gives every key of every rule, in order, as hashing each key whole does', () => {
    fc.assert(
      fc.property(matchInput, (input) => {
        const record = buildMatchRecord(input);
        const keys: string[] = [];
        forEachBlockingKeyHash(DEFAULT_BLOCKING_RULES, record, (key) => {
          keys.push(`${String(key.high)}:${String(key.low)}`);
        });
        expect(keys).toEqual(keysOneByOne(record));
      }),
      { numRuns: 500 },
    );
  });

  it('gives no key under a rule one of whose parts the record lacks', () => {
    const record = buildMatchRecord({ familyName: 'Smith', givenNames: 'John' });
    const keys: KeyHash[] = [];
    forEachBlockingKeyHash(DEFAULT_BLOCKING_RULES, record, (key) => {
      keys.push({ ...key });
    });
    // No date of birth, postcode or number: only the rules of names alone could key it, and
    // each of those takes the birth year too.
    expect(keys).toEqual([]);
  });
});
