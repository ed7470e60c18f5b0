import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../../core/person.js';
import { allPeople, upsertPeople } from '../register-store-ops.js';
import { fixturePerson, testNhsNumber } from '../test-support/register-people.js';
import { openDuckDbRegisterStore } from './duckdb-register-store.js';

const dir = mkdtempSync(join(tmpdir(), 'nhs-trace-duckdb-oom-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** `count` distinct people from the `from`-th test number on, each with their own family name. */
function people(from: number, count: number): RegisterPerson[] {
  return Array.from({ length: count }, (_, i) =>
    fixturePerson(testNhsNumber(from + i), {
      names: [{ use: 'usual', given: [`G${String(i % 997)}`], family: `F${String(from + i)}` }],
    }),
  );
}

describe('duckdb import that runs out of memory', () => {
  it('fails inside the transaction and leaves the register exactly as it was', async () => {
    const path = join(dir, 'register.duckdb');
    const before = people(0, 1_000);
    const store = await openDuckDbRegisterStore({ path });
    await upsertPeople(store, before);
    await store.close();

    // 100MB with nowhere to spill holds the staged 50,000 people but not the rewritten tables:
    // DuckDB runs out of memory after the transaction has begun (measured: while writing the
    // new tables), which is where a 10,000,000-person import at 2GB failed.
    const phases: string[] = [];
    const tight = await openDuckDbRegisterStore({
      path,
      memoryLimit: '100MB',
      tempDirectory: '',
      threads: 1,
      onImportPhase: (phase) => phases.push(phase),
    });
    try {
      await expect(upsertPeople(tight, people(1_000, 50_000))).rejects.toThrow(/memory/i);
      expect(phases).toContain('count changes');
      expect(phases).not.toContain('COMMIT');
      expect(await tight.count()).toBe(1_000);
    } finally {
      await tight.close();
    }

    const reopened = await openDuckDbRegisterStore({ path });
    try {
      expect(await allPeople(reopened)).toStrictEqual(
        [...before].sort((a, b) => a.nhsNumber.localeCompare(b.nhsNumber)),
      );
      // And the register still takes an import.
      await upsertPeople(reopened, people(1_000, 10));
      expect(await reopened.count()).toBe(1_010);
    } finally {
      await reopened.close();
    }
  }, 60_000);
});
