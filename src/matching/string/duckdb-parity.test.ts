import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useDuckDbConnection } from '../../storage/test-support/duckdb-connection.js';
import { damerauLevenshtein, levenshtein } from './edit-distance.js';
import { jaroSimilarity, jaroWinklerSimilarity } from './jaro.js';

/**
 * The batch execution will compute the same comparisons in DuckDB SQL; these tests pin the
 * in-process string functions to DuckDB's own output on thousands of generated pairs.
 */
const connection = useDuckDbConnection();

const quote = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/** Short strings over a small alphabet, so that matches, swaps and shared prefixes are common. */
const word = fc.string({
  unit: fc.constantFrom('A', 'B', 'C', 'D', 'E', 'N', 'R', 'Y', "'", 'é', ' '),
  maxLength: 12,
});

interface DuckRow {
  readonly jaro: number;
  readonly jw: number;
  readonly lev: string;
  readonly dl: string;
}

async function duck(pairs: readonly (readonly [string, string])[]): Promise<DuckRow[]> {
  const values = pairs.map(([a, b], i) => `(${i}, ${quote(a)}, ${quote(b)})`).join(',');
  const reader = await connection().runAndReadAll(
    `select jaro_similarity(a, b) as jaro, jaro_winkler_similarity(a, b) as jw,
            levenshtein(a, b) as lev, damerau_levenshtein(a, b) as dl
     from (values ${values}) as t(i, a, b) order by i`,
  );
  return reader.getRowObjectsJson() as unknown as DuckRow[];
}

describe('string functions equal DuckDB 1.5', () => {
  it('on known values', async () => {
    const pairs = [
      ['martha', 'marhta'],
      ['DWAYNE', 'DUANE'],
      ['DIXON', 'DICKSONX'],
      ['', ''],
      ['A', ''],
      ['A', 'A'],
      ['AB', 'BA'],
      ['CA', 'ABC'],
      ['é', 'e'],
    ] as const;
    const rows = await duck(pairs);
    expect(rows[0]?.jw).toBe(0.9611111111111111);
    pairs.forEach(([a, b], i) => {
      expect(jaroSimilarity(a, b)).toBe(rows[i]?.jaro);
      expect(jaroWinklerSimilarity(a, b)).toBe(rows[i]?.jw);
      expect(levenshtein(a, b)).toBe(Number(rows[i]?.lev));
      expect(damerauLevenshtein(a, b)).toBe(Number(rows[i]?.dl));
    });
  });

  it('on 2,000 generated pairs (seeded)', async () => {
    const pairs = fc.sample(fc.tuple(word, word), { numRuns: 2000, seed: 20261122 });
    const rows = await duck(pairs);
    pairs.forEach(([a, b], i) => {
      const row = rows[i]!;
      expect([a, b, jaroSimilarity(a, b)]).toEqual([a, b, row.jaro]);
      expect([a, b, jaroWinklerSimilarity(a, b)]).toEqual([a, b, row.jw]);
      expect([a, b, levenshtein(a, b)]).toEqual([a, b, Number(row.lev)]);
      expect([a, b, damerauLevenshtein(a, b)]).toEqual([a, b, Number(row.dl)]);
    });
  });
});
