import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel } from '../../matching/index.js';
import type { ChunkPipeline, TraceBackend } from '../../pipeline/trace-backend.js';
import { versionModel } from '../../pipeline/trace-model.js';
import { runTrace } from '../../pipeline/trace-run.js';
import { outputFiles } from '../../pipeline/test-support/trace-files.js';
import { generatedTraceData } from '../../pipeline/test-support/trace-generated.js';
import { openDuckDbRegisterStore } from '../../storage/duckdb/index.js';
import type { DuckDbRegisterStore } from '../../storage/duckdb/duckdb-register-store.js';
import { openTraceBackend } from './trace-backend-option.js';

let folder = '';
let store: DuckDbRegisterStore;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-pipeline-'));
  const { people, requestCsv } = await generatedTraceData({
    people: 1500,
    requests: 2400,
    seed: 17,
  });
  await writeFile(join(folder, 'requests.csv'), requestCsv);
  store = await openDuckDbRegisterStore({ path: join(folder, 'register.duckdb') });
  const load = await store.beginImport();
  await load.add(people);
  await load.commit();
});

afterAll(async () => {
  await store.close();
  await rm(folder, { recursive: true, force: true });
});

/** The backend with its trace workers counted (`worked`), or left out (`alone`). */
function counted(backend: TraceBackend, use: 'workers' | 'alone') {
  const seen = { worked: 0, here: 0 };
  const pipeline = backend.pipeline?.bind(backend);
  const alone: TraceBackend = {
    execution: backend.execution,
    registerPeople: backend.registerPeople,
    blocking: backend.blocking,
    keyCounts: (requests) => backend.keyCounts(requests),
    train: (requests, options) => backend.train(requests, options),
    tracer: (settings) => backend.tracer(settings),
    close: () => backend.close(),
  };
  const wrapped: TraceBackend =
    use === 'alone' || pipeline === undefined
      ? alone
      : {
          ...backend,
          pipeline: (settings, reading): ChunkPipeline => {
            const workers = pipeline(settings, reading);
            return {
              text: (rows) => {
                const text = workers.text(rows);
                seen[text === undefined ? 'here' : 'worked'] += 1;
                return text;
              },
              ahead: () => workers.ahead(),
              close: () => workers.close(),
            };
          },
        };
  return { wrapped, seen };
}

async function trace(out: string, use: 'workers' | 'alone') {
  await mkdir(join(folder, out));
  const backend = await openTraceBackend(store, 'sql');
  const { wrapped, seen } = counted(backend, use);
  const result = await runTrace(() => Promise.resolve(wrapped), {
    requestPath: join(folder, 'requests.csv'),
    outPath: join(folder, out, 'response.csv'),
    model: versionModel(defaultModel(), false),
    startedAt: '2026-01-01T00:00:00.000Z',
    today: '2026-01-01',
    chunkRows: 100,
  });
  expect(result.success).toBe(true);
  return { files: await outputFiles(join(folder, out), 'response.'), seen };
}

describe('trace workers', () => {
  it('write the same files as the run traces on its own thread', async () => {
    const alone = await trace('alone', 'alone');
    const workers = await trace('workers', 'workers');
    // The first chunks go before the register is in shared memory; then the workers take them.
    expect(workers.seen.worked).toBeGreaterThan(0);
    expect(alone.seen.worked).toBe(0);
    expect([...workers.files.keys()]).toEqual([...alone.files.keys()]);
    expect(workers.files.get('response.csv')?.split('\n').length).toBe(2402);
    // The job's id is made from the response's path, which differs.
    const job = (text: string | undefined) => text?.replace(/"jobId": "\w+"/, '"jobId": ""');
    for (const [name, text] of alone.files) {
      expect(job(workers.files.get(name)), name).toBe(job(text));
    }
  }, 60_000);
});
