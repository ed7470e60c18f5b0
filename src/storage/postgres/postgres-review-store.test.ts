import { afterAll, beforeAll } from 'vitest';
import { reviewStoreContract } from '../review-store.contract.js';
import { openPostgresReviewStore } from './postgres-review-store.js';
import { TEST_PG_URL, assertPostgresReachable, testSchemas } from './test-support/test-database.js';

const schemas = testSchemas();
let current = '';

beforeAll(async () => {
  await assertPostgresReachable();
});
afterAll(async () => {
  await schemas.dropAll();
});

reviewStoreContract('postgres (one schema per store)', {
  create: () => {
    current = schemas.next();
    return openPostgresReviewStore({ connectionString: TEST_PG_URL, schema: current });
  },
  reopen: async (store) => {
    await store.close();
    return openPostgresReviewStore({
      connectionString: TEST_PG_URL,
      schema: current,
      mode: 'existing',
    });
  },
});
