import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { defaultModel } from '../matching/index.js';
import type { MatchIndex } from '../storage/match-index.js';
import type { RawRow, RowReaderSettings } from './request-source.js';
import {
  CHUNKS_PER_WORKER,
  chunkParts,
  PART_ROWS,
  workerPipeline,
  type TraceWorkers,
} from './trace-pipeline.js';

const reading: RowReaderSettings = {
  header: ['UNIQUE REFERENCE'],
  columns: { indexes: new Map([['UNIQUE REFERENCE', 0]]), ignored: [] },
  encoding: 'utf-8',
  context: {},
};

const settings = { model: defaultModel(), dateFormat: 'YYYYMMDD' } as const;

const row = (n: number): RawRow => ({
  record: { kind: 'record', cells: [`R${String(n)}`], startLine: n + 2, endLine: n + 2 },
  rowIndex: n,
});

/** An index that can be shared once `ready` is set. */
function shareableIndex(state: { ready: boolean }): MatchIndex {
  return {
    shareable: () => Promise.resolve(state.ready ? { parts: 'of the index' } : undefined),
  } as unknown as MatchIndex;
}

/** Workers running `code` (eval'd), counted. */
function evalWorkers(code: string, started: { count: number }): TraceWorkers {
  return {
    start: () => {
      started.count += 1;
      return new Worker(code, { eval: true });
    },
    size: 1,
  };
}

const tick = (): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, 20);
  });

describe('trace workers', () => {
  it('send a chunk in parts that together are its rows', () => {
    const rows = Array.from({ length: PART_ROWS * 2 + 3 }, (_, n) => row(n));
    const parts = chunkParts(rows);
    expect(parts).toHaveLength(3);
    expect(parts.flatMap((part) => JSON.parse(part) as RawRow[])).toEqual(rows);
  });

  it('are not started until the index can be shared; the run traces those chunks itself', async () => {
    const state = { ready: false };
    const started = { count: 0 };
    const echo = `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, text: { rows: m.parts.length } }));`;
    const pipeline = workerPipeline(
      shareableIndex(state),
      settings,
      reading,
      evalWorkers(echo, started),
    );
    try {
      expect(pipeline.text([row(0)])).toBeUndefined();
      await tick();
      expect(pipeline.text([row(0)])).toBeUndefined();
      expect(started.count).toBe(0);
      expect(pipeline.ahead()).toBe(0);
      state.ready = true;
      await tick();
      expect(pipeline.text([row(0)])).toBeUndefined();
      await tick();
      expect(started.count).toBe(1);
      // The run keeps more chunks in flight once the workers have started.
      expect(pipeline.ahead()).toBe(CHUNKS_PER_WORKER);
      await expect(pipeline.text([row(0)])).resolves.toEqual({ rows: 1 });
    } finally {
      await pipeline.close();
    }
  });

  it("fail the chunk with the worker's message when a worker fails it", async () => {
    const failing = `const { parentPort } = require('node:worker_threads');
      parentPort.on('message', (m) => parentPort.postMessage({ id: m.id, error: 'no records' }));`;
    const pipeline = workerPipeline(
      shareableIndex({ ready: true }),
      settings,
      reading,
      evalWorkers(failing, { count: 0 }),
    );
    try {
      expect(pipeline.text([row(0)])).toBeUndefined();
      await tick();
      await expect(pipeline.text([row(0)])).rejects.toThrow('a trace worker failed: no records');
    } finally {
      await pipeline.close();
    }
  });

  it('fail every chunk in hand and every later one when a worker stops', async () => {
    const pipeline = workerPipeline(
      shareableIndex({ ready: true }),
      settings,
      reading,
      evalWorkers(
        `require('node:worker_threads').parentPort.on('message', () => process.exit(3));`,
        { count: 0 },
      ),
    );
    try {
      expect(pipeline.text([row(0)])).toBeUndefined();
      await tick();
      const first = pipeline.text([row(0)]);
      await expect(first).rejects.toThrow('a trace worker stopped (exit code 3)');
      await expect(pipeline.text([row(1)])).rejects.toThrow('exit code 3');
    } finally {
      await pipeline.close();
    }
  });
});
