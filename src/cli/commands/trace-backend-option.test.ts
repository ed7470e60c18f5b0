import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel } from '../../matching/index.js';
import { readSourceRows } from '../../pipeline/test-support/source-rows.js';
import { TRACE_REGISTER, traceRequestFile } from '../../pipeline/test-support/trace-fixtures.js';
import { openDuckDbRegisterStore } from '../../storage/duckdb/index.js';
import type { DuckDbRegisterStore } from '../../storage/duckdb/duckdb-register-store.js';
import { openTraceBackend } from './trace-backend-option.js';
import { allAnswers } from '../../pipeline/trace-backend.js';

let store: DuckDbRegisterStore;

beforeAll(async () => {
  store = await openDuckDbRegisterStore({ path: ':memory:', memoryLimit: '2.5GB' });
  const load = await store.beginImport();
  await load.add([...TRACE_REGISTER]);
  await load.commit();
});

afterAll(async () => {
  await store.close();
});

async function memoryLimit(): Promise<string> {
  const conn = await store.connect();
  try {
    const reader = await conn.runAndReadAll("SELECT current_setting('memory_limit')");
    return String(reader.getRows()[0]?.[0]);
  } finally {
    conn.closeSync();
  }
}

describe('the SQL trace backend of the embedded register', () => {
  it("keeps DuckDB's memory limit for building and training, and lowers it for the chunks", async () => {
    const backend = await openTraceBackend(store, 'sql');
    try {
      const before = await memoryLimit();
      const tracer = backend.tracer({ model: defaultModel(), dateFormat: 'YYYYMMDD' });
      expect(await memoryLimit()).toBe(before);
      const rows = await readSourceRows(traceRequestFile());
      const answers = allAnswers(await tracer.trace(rows));
      expect(answers).toHaveLength(rows.length);
      expect(await memoryLimit()).not.toBe(before);
      expect(await memoryLimit()).toMatch(/^1\.[34]\d* ?GiB$/);
    } finally {
      await backend.close();
    }
  });

  it('refuses a memory size DuckDB would not read', async () => {
    await expect(store.setMemoryLimit("1GB'; DROP TABLE person; --")).rejects.toThrow(
      /not a DuckDB memory size/,
    );
  });
});
