import {
  appendFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rename,
  rm,
  truncate,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegisterPerson } from '../core/person.js';
import { DEFAULT_THRESHOLDS, defaultModel } from '../matching/index.js';
import { checkpointPath, readCheckpoint } from './trace-checkpoint.js';
import { versionModel } from './trace-model.js';
import { inMemoryBackend } from './trace-backend.js';
import { traceRegisterFrom } from './trace-register.js';
import { runTrace, type TraceRunOptions } from './trace-run.js';
import { generatedTraceData } from './test-support/trace-generated.js';
import { outputFiles } from './test-support/trace-files.js';

/**
 * A run stopped at a chosen row (an exception thrown from its progress callback, the in-process
 * stand-in for a kill; `src/cli/commands/trace-kill.test.ts` kills a real process) and run again
 * must write exactly the files of an uninterrupted run, with a model it trained itself.
 */

const FIRST_START = '2026-03-01T09:00:00.000Z';
const LATER_DAY = '2026-03-02T08:00:00.000Z';

let folder = '';
let people: readonly RegisterPerson[] = [];
let requests = '';
let whole = new Map<string, string>();

const backend =
  (register = people) =>
  () =>
    Promise.resolve(inMemoryBackend(traceRegisterFrom(register)));

class Stop extends Error {}

interface RunResult {
  readonly notices: string[];
  readonly error?: unknown;
  readonly code?: string;
}

interface TraceExtra extends Partial<TraceRunOptions> {
  /** Throw from the progress callback once this many rows are done. */
  readonly stopAt?: number;
  readonly register?: readonly RegisterPerson[];
  /** Train a model on the file (slow: 300,000 random pairs) instead of the default model. */
  readonly train?: boolean;
}

/**
 * Traces `folder/requests.csv` into `folder/run/response.csv` with a checkpoint after every
 * chunk of 150 rows; stops once `stopAt` rows are done.
 */
async function trace(startedAt: string, extra: TraceExtra = {}): Promise<RunResult> {
  const notices: string[] = [];
  const { stopAt, register, train, ...options } = extra;
  try {
    const result = await runTrace(backend(register), {
      requestPath: join(folder, 'requests.csv'),
      outPath: join(folder, 'run', 'response.csv'),
      startedAt,
      today: startedAt.slice(0, 10),
      chunkRows: 150,
      checkpointSeconds: 0,
      progressEvery: 100,
      ...(train === true ? {} : { model: versionModel(defaultModel(), false) }),
      onProgress: (p) => {
        if (stopAt !== undefined && p.rows >= stopAt) {
          throw new Stop(`stopped at ${p.rows}`);
        }
      },
      onNotice: (line) => notices.push(line),
      ...options,
    });
    return result.success ? { notices } : { notices, code: result.issues[0]?.code ?? '' };
  } catch (error) {
    if (!(error instanceof Stop)) {
      throw error;
    }
    return { notices, error };
  }
}

/** Writes junk after the end of every `.partial` file, as a killed run may leave unflushed rows. */
async function scribbleOnPartials(): Promise<void> {
  for (const name of await readdir(join(folder, 'run'))) {
    if (name.endsWith('.csv.partial')) {
      await appendFile(join(folder, 'run', name), 'half a row,"never clo');
    }
  }
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-resume-'));
  ({ people, requestCsv: requests } = await generatedTraceData({
    people: 1500,
    requests: 1800,
    seed: 41,
  }));
  await writeFile(join(folder, 'requests.csv'), requests);
  await mkdir(join(folder, 'run'));
  const uninterrupted = await trace(FIRST_START);
  expect(uninterrupted.notices).toEqual([]);
  whole = await outputFiles(join(folder, 'run'), 'response.');
  await rename(join(folder, 'run'), join(folder, 'whole'));
}, 30_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function freshRunFolder(): Promise<void> {
  await rm(join(folder, 'run'), { recursive: true, force: true });
  await mkdir(join(folder, 'run'));
}

describe('a trace run stopped and run again', () => {
  it('the uninterrupted run leaves its files and nothing else', () => {
    expect([...whole.keys()]).toEqual([
      'response.conflicts.csv',
      'response.csv',
      'response.duplicates.csv',
      'response.load.csv',
      'response.model.json',
      'response.report.html',
      'response.report.json',
      'response.unmatched.csv',
    ]);
    const report = JSON.parse(whole.get('response.report.json') ?? '{}') as {
      rows: number;
      duplicateRows: number;
      conflictRows: number;
    };
    expect(report.rows).toBe(1800);
    expect(report.duplicateRows).toBeGreaterThan(0);
    expect(report.conflictRows).toBeGreaterThan(0);
  });

  it('resumes twice, on a later day, with the model it trained, and writes the same files byte for byte', async () => {
    await freshRunFolder();
    await trace(FIRST_START, { train: true });
    const trained = await outputFiles(join(folder, 'run'), 'response.');
    expect(trained.get('response.report.json')).toMatch(/"trained": true/);
    await freshRunFolder();
    const first = await trace(FIRST_START, { stopAt: 500, train: true });
    expect(first.error).toBeInstanceOf(Stop);
    const saved = await readCheckpoint(checkpointPath(join(folder, 'run', 'response.csv')));
    expect(saved.success && saved.data.rows).toBe(450);
    expect(await readdir(join(folder, 'run'))).not.toContain('response.csv');
    await scribbleOnPartials();

    const second = await trace(LATER_DAY, { stopAt: 1300, train: true });
    expect(second.error).toBeInstanceOf(Stop);
    expect(second.notices).toEqual(['resuming the interrupted run after row 450 (its checkpoint)']);
    await scribbleOnPartials();

    const third = await trace(LATER_DAY, { train: true });
    expect(third.notices).toEqual([
      'resuming the interrupted run after row 1,200 (its checkpoint)',
    ]);
    const resumed = await outputFiles(join(folder, 'run'), 'response.');
    expect([...resumed.keys()]).toEqual([...trained.keys()]);
    for (const [name, text] of trained) {
      expect(resumed.get(name), name).toBe(text);
    }
    expect(await readdir(join(folder, 'run'))).toEqual([...trained.keys()]);
  }, 120_000);

  it('finishes a run stopped after its last checkpoint, before its files were renamed', async () => {
    await freshRunFolder();
    // A folder in the way makes the rename of the response fail after every row was written.
    await mkdir(join(folder, 'run', 'response.csv'));
    await expect(trace(FIRST_START)).rejects.toThrow();
    await rm(join(folder, 'run', 'response.csv'), { recursive: true });
    const saved = await readCheckpoint(checkpointPath(join(folder, 'run', 'response.csv')));
    expect(saved.success && saved.data.rows).toBe(1800);
    const again = await trace(LATER_DAY);
    expect(again.notices).toEqual([
      'resuming the interrupted run after row 1,800 (its checkpoint)',
    ]);
    expect(await outputFiles(join(folder, 'run'), 'response.')).toEqual(whole);
  });

  it('starts afresh when a .partial file is shorter than its checkpoint says', async () => {
    await freshRunFolder();
    await trace(FIRST_START, { stopAt: 700 });
    await truncate(join(folder, 'run', 'response.load.csv.partial'), 10);
    const again = await trace(FIRST_START);
    expect(again.notices).toEqual([
      'starting afresh: the load file of the interrupted run is missing or short',
    ]);
    expect(await outputFiles(join(folder, 'run'), 'response.')).toEqual(whole);
  });

  it('starts afresh when an option that changes the output differs', async () => {
    await freshRunFolder();
    await trace(FIRST_START, { stopAt: 700 });
    // The seed only matters when a model is trained: with a given model the run resumes.
    const thresholds = { ...DEFAULT_THRESHOLDS, matchProbability: 0.99 };
    const again = await trace(FIRST_START, { seed: 2, thresholds });
    expect(again.notices).toEqual([
      "starting afresh: the thresholds option differs from the interrupted run's",
    ]);
    const report = JSON.parse(
      await readFile(join(folder, 'run', 'response.report.json'), 'utf8'),
    ) as { rows: number };
    expect(report.rows).toBe(1800);
    expect(await readdir(join(folder, 'run'))).not.toContain('response.checkpoint.json');
  });

  it('starts afresh when the request file changed', async () => {
    await freshRunFolder();
    await trace(FIRST_START, { stopAt: 700 });
    const lines = requests.split('\n');
    await writeFile(join(folder, 'requests.csv'), lines.slice(0, 1000).join('\n') + '\n');
    try {
      const again = await trace(FIRST_START);
      expect(again.notices).toEqual([
        'starting afresh: the request file changed since the interrupted run',
      ]);
      const response = await readFile(join(folder, 'run', 'response.csv'), 'utf8');
      expect(response.trimEnd().split('\n')).toHaveLength(1000);
    } finally {
      await writeFile(join(folder, 'requests.csv'), requests);
    }
  });

  it('refuses to resume against a register with another number of people', async () => {
    await freshRunFolder();
    await trace(FIRST_START, { stopAt: 700 });
    const again = await trace(FIRST_START, { register: people.slice(1) });
    expect(again.code).toBe('register-changed');
    expect(await readdir(join(folder, 'run'))).toContain('response.checkpoint.json');
    const resumed = await trace(FIRST_START);
    expect(await outputFiles(join(folder, 'run'), 'response.')).toEqual(whole);
    expect(resumed.notices).toHaveLength(1);
  });
});
