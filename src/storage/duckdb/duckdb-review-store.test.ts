import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { upsertPeople } from '../register-store-ops.js';
import { reviewStoreContract } from '../review-store.contract.js';
import { fixturePerson, testNhsNumber } from '../test-support/register-people.js';
import { testItem, testJob } from '../test-support/review-items.js';
import { openDuckDbRegisterStore } from './duckdb-register-store.js';
import { duckDbReviewStoreOn, openDuckDbReviewStore } from './duckdb-review-store.js';

const dir = mkdtempSync(join(tmpdir(), 'nhs-trace-duckdb-review-'));
let files = 0;
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

reviewStoreContract('duckdb (in memory)', {
  create: () => openDuckDbReviewStore({ path: ':memory:' }),
});

reviewStoreContract('duckdb (file)', {
  create: () => {
    files += 1;
    return openDuckDbReviewStore({ path: join(dir, `review-${files}.duckdb`) });
  },
  reopen: async (store) => {
    await store.close();
    return openDuckDbReviewStore({ path: join(dir, `review-${files}.duckdb`) });
  },
});

describe('duckdb review store beside the register', () => {
  it('shares the register file and instance, and both survive a reopen', async () => {
    const path = join(dir, 'shared.duckdb');
    const register = await openDuckDbRegisterStore({ path });
    const reviews = await duckDbReviewStoreOn(await register.connect());
    await upsertPeople(register, [fixturePerson(testNhsNumber(1))]);
    await reviews.recordJob(testJob('j'));
    await reviews.queueItems([testItem('j', 3)]);
    await reviews.close();
    await register.close();
    const again = await openDuckDbRegisterStore({ path });
    try {
      const reopened = await duckDbReviewStoreOn(await again.connect());
      expect((await reopened.listItems('j')).map((e) => e.item.row)).toEqual([3]);
      expect(await again.count()).toBe(1);
      await reopened.close();
    } finally {
      await again.close();
    }
  });
});
