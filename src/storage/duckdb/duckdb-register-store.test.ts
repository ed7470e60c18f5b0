import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
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
