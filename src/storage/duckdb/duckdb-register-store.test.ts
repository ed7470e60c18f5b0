import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NhsNumber } from '../../core/nhs-number/nhs-number.js';
import type { RegisterPerson } from '../../core/person.js';
import { registerStoreContract } from '../register-store.contract.js';
import { openDuckDbRegisterStore } from './duckdb-register-store.js';

const dir = mkdtempSync(join(tmpdir(), 'nhs-trace-duckdb-'));
let files = 0;
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// In memory, every import rewrites whole tables (the path large imports take); on file, small
// imports delete and insert in place. Both must follow the same rule.
registerStoreContract('duckdb (in memory, tables rewritten)', {
  create: () => openDuckDbRegisterStore({ path: ':memory:', threads: 1, rewriteFrom: 0 }),
  propertyRuns: 10,
});

registerStoreContract('duckdb (file, rows replaced in place)', {
  create: () => {
    files += 1;
    return openDuckDbRegisterStore({ path: join(dir, `register-${files}.duckdb`) });
  },
  propertyRuns: 5,
  reopen: async (store) => {
    await store.close();
    return openDuckDbRegisterStore({ path: join(dir, `register-${files}.duckdb`) });
  },
});

describe('duckdb import staging', () => {
  const person = (family: string): RegisterPerson => ({
    nhsNumber: '9434765919' as NhsNumber,
    verificationStatus: '01',
    names: [{ use: 'usual', given: ['Ann'], family }],
    gender: 'female',
    birthDate: '1980-03-12',
    addresses: [],
    restricted: false,
    supersededNhsNumbers: [],
  });

  it('keeps batches in order while earlier ones are still being parsed', async () => {
    const store = await openDuckDbRegisterStore({ path: ':memory:', threads: 1 });
    try {
      const session = await store.beginImport();
      const batches = ['First', 'Second', 'Third'].map((family) => session.add([person(family)]));
      await Promise.all(batches);
      const summary = await session.commit();
      expect(summary).toMatchObject({ received: 3, inserted: 1, people: 1 });
      const stored = await store.getByNhsNumber('9434765919' as NhsNumber);
      expect(stored?.names[0]?.family).toBe('Third');
    } finally {
      await store.close();
    }
  });
});
