import { afterAll, beforeAll } from 'vitest';
import { registerStoreContract } from '../register-store.contract.js';
import { openPostgresRegisterStore } from './postgres-register-store.js';
import { TEST_PG_URL, assertPostgresReachable, testSchemas } from './test-support/test-database.js';

const schemas = testSchemas();
let current = '';

beforeAll(async () => {
  await assertPostgresReachable();
});
afterAll(async () => {
  await schemas.dropAll();
});

registerStoreContract('postgres (one schema per store)', {
  create: () => {
    current = schemas.next();
    return openPostgresRegisterStore({ connectionString: TEST_PG_URL, schema: current });
  },
  propertyRuns: 10,
  reopen: async (store) => {
    await store.close();
    return openPostgresRegisterStore({
      connectionString: TEST_PG_URL,
      schema: current,
      mode: 'existing',
    });
  },
});
