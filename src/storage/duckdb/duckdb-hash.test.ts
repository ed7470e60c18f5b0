import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useDuckDbConnection } from '../test-support/duckdb-connection.js';
import { checkKeyHash, duckDbHash, duckDbHashSql, type HashedValue } from './duckdb-hash.js';

const connection = useDuckDbConnection();

async function read(sql: string): Promise<unknown[][]> {
  return (await connection().runAndReadAll(sql)).getRows();
}

/** Text of every length around the eight-byte blocks, ASCII and not (é is two bytes, 😀 four). */
const text = fc.string({
  unit: fc.constantFrom('A', 'B', 'Z', '0', '9', ' ', "'", '-', 'é', 'Ω', '😀'),
  maxLength: 25,
});
const value: fc.Arbitrary<HashedValue> = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 2, arbitrary: fc.integer({ min: -2_147_483_648, max: 2_147_483_647 }) },
  { weight: 1, arbitrary: fc.constant(null) },
);
const row = fc.tuple(
  fc.oneof(text, fc.constantFrom('n', 'd', 'y')),
  fc.array(value, { maxLength: 4 }),
);

describe("DuckDB's hash() in TypeScript", () => {
  it('equals DuckDB on known keys', async () => {
    const rows: (readonly HashedValue[])[] = [
      [''],
      ['SMITH'],
      ['abcdefgh'],
      ['abcdefghi'],
      ['abcdefghijkl'],
      ['abcdefghijklm'],
      ['Ångström é'],
      ['y', 'SMITH', 1970],
      ['y', null, 'x'],
      [0],
      [-1],
    ];
    const duck = await read(duckDbHashSql(rows));
    rows.forEach(([first = null, ...rest], i) => {
      const ours = duckDbHash(first, rest, { high: 0, low: 0 });
      expect([rows[i], ours.high, ours.low]).toEqual([rows[i], duck[i]?.[1], duck[i]?.[2]]);
    });
  });

  it('equals DuckDB on 3,000 generated rows of values (seeded)', async () => {
    const rows = fc.sample(row, { numRuns: 3000, seed: 20261206 });
    const duck = await read(duckDbHashSql(rows.map(([first, rest]) => [first, ...rest])));
    const into = { high: 0, low: 0 };
    rows.forEach(([first, rest], i) => {
      duckDbHash(first, rest, into);
      expect([first, rest, into.high, into.low]).toEqual([first, rest, duck[i]?.[1], duck[i]?.[2]]);
    });
  });

  it('accepts this DuckDB, and refuses one whose hashes differ', async () => {
    await expect(checkKeyHash(read)).resolves.toBeUndefined();
    const other = async (sql: string): Promise<unknown[][]> =>
      (await read(sql)).map(([i, high, low]) => [i, high, Number(low) ^ 1]);
    await expect(checkKeyHash(other)).rejects.toThrow(/hash\(\) differs/);
  });
});
