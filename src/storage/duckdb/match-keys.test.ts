import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directoryBits, matchKeysHome, matchKeysPath, sharedKeysReader } from './match-keys.js';

let dir: string;
let register: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'match-keys-'));
  register = join(dir, 'register.duckdb');
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

type Entry = readonly [high: number, low: number, rid: number];

/** Entries in unsigned key order, as `match_key ORDER BY key` gives them. */
function sorted(entries: readonly Entry[]): Entry[] {
  return [...entries].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
}

function write(home: ReturnType<typeof matchKeysHome>, entries: readonly Entry[], stamp: string) {
  const writer = home.writer(entries.length);
  for (const [high, low, rid] of entries) {
    writer.add(high, low, rid);
  }
  writer.finish(stamp);
}

/** What a scan of every entry finds for a key: the reference the look-up must equal. */
function scan(entries: readonly Entry[], high: number, low: number): number[] {
  return entries.filter(([h, l]) => h === high && l === low).map(([, , rid]) => rid);
}

const u32 = fc.integer({ min: 0, max: 0xffffffff });

describe('match keys', () => {
  it('finds every position of every key, and none for a key not held (file, held, memory)', () => {
    fc.assert(
      fc.property(
        // Few distinct high words, so keys share buckets and buckets hold several keys.
        fc.array(fc.tuple(fc.constantFrom(0, 1, 0x7fffffff, 0x80000000, 0xffffffff), u32, u32), {
          maxLength: 200,
        }),
        fc.array(fc.tuple(u32, u32), { maxLength: 20 }),
        (raw, others) => {
          const entries = sorted(raw);
          const homes = [
            matchKeysHome(register, {}),
            // Read whole into shared memory, and looked up in place (also by another thread).
            matchKeysHome(register, {}, { memoryBudget: 1 << 30 }),
            matchKeysHome(':memory:', {}),
          ];
          for (const home of homes) {
            write(home, entries, 'v|s');
            const keys = home.open('v|s');
            expect(keys?.entries).toBe(entries.length);
            const shared = keys?.shared();
            const readers = [keys, shared === undefined ? undefined : sharedKeysReader(shared)];
            for (const reader of readers) {
              for (const [high, low] of [...entries, ...others]) {
                const found: number[] = [];
                reader?.positions(high, low, found);
                expect(found).toEqual(reader === undefined ? [] : scan(entries, high, low));
              }
            }
            keys?.close();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('is not opened under another stamp, cut short, or damaged; leaves no temporary file', () => {
    const home = matchKeysHome(register, {});
    const entries = sorted(Array.from({ length: 1000 }, (_, i) => [i * 7919, i, i] as const));
    write(home, entries, 'v10|a');
    expect(readdirSync(dir)).toEqual(['register.duckdb.match-keys']);
    expect(home.open('v10|b')).toBeUndefined();
    const path = matchKeysPath(register) ?? '';
    truncateSync(path, 5000);
    expect(home.open('v10|a')).toBeUndefined();
    writeFileSync(path, 'not keys at all');
    expect(home.open('v10|a')).toBeUndefined();
    rmSync(path);
    expect(home.open('v10|a')).toBeUndefined();
  });

  it('refuses keys out of order, and an abandoned writer leaves nothing', () => {
    const home = matchKeysHome(register, {});
    const writer = home.writer(2);
    writer.add(5, 5, 0);
    expect(() => {
      writer.add(5, 4, 1);
    }).toThrow(/in key order/);
    writer.abandon();
    expect(readdirSync(dir)).toEqual([]);
    expect(home.open('any')).toBeUndefined();
  });

  it('sizes its directory to about eight entries a bucket, at most 2^24 buckets', () => {
    expect(directoryBits(0)).toBe(1);
    expect(directoryBits(1000)).toBe(7);
    expect(directoryBits(188_000_000)).toBe(24);
  });
});
