import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../matching/index.js';
import {
  CHECKPOINT_FORMAT,
  checkpointPath,
  jobSettings,
  readCheckpoint,
  removeCheckpoint,
  settingsDiffer,
  writeCheckpoint,
  type TraceCheckpoint,
} from './trace-checkpoint.js';
import { countsFromJson, countsToJson, emptyCounts } from './trace-report.js';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-checkpoint-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

const settings = (over: Partial<Parameters<typeof jobSettings>[0]> = {}) =>
  jobSettings({
    job: '0123456789abcdef',
    givenModelVersion: undefined,
    seed: 1,
    mapping: undefined,
    dateFormat: 'YYYYMMDD',
    thresholds: undefined,
    cascadeOnly: false,
    ...over,
  });

const at = (bytes: number, rows: number) => ({ bytes, rows });

function checkpoint(): TraceCheckpoint {
  const counts = emptyCounts();
  counts.rows = 300;
  counts.outcomes.matched = 250;
  counts.codes['00'] = 250;
  return {
    format: CHECKPOINT_FORMAT,
    settings: settings({ mapping: new Map([['FAMILY_NAME', 'Surname']]) }),
    today: '2026-03-01',
    startedAt: '2026-03-01T09:00:00.000Z',
    modelVersion: 'abcdef012345',
    registerPeople: 1500,
    rows: 300,
    seconds: 1.5,
    files: {
      response: at(90_000, 300),
      unmatched: at(3_000, 50),
      conflicts: at(400, 4),
      duplicates: at(120, 2),
      load: at(12_000, 300),
    },
    counts: countsToJson(counts),
  };
}

describe('checkpoint files', () => {
  it('are named beside the response, like the other files of a run', () => {
    expect(checkpointPath('out/resp.CSV')).toBe('out/resp.checkpoint.json');
    expect(checkpointPath('resp')).toBe('resp.checkpoint.json');
  });

  it('read back what was written, counts included, and leave no .partial behind', async () => {
    const path = join(folder, 'a.checkpoint.json');
    const saved = checkpoint();
    await writeCheckpoint(path, saved);
    expect(await readdir(folder)).toEqual(['a.checkpoint.json']);
    const read = await readCheckpoint(path);
    expect(read).toEqual({ success: true, data: saved });
    const counts = countsFromJson(read.success ? read.data.counts : undefined);
    expect(counts.success && counts.data.outcomes.matched).toBe(250);
    await removeCheckpoint(path);
    expect(await readdir(folder)).toEqual([]);
  });

  it('say why one cannot be used: missing, not JSON, or not a checkpoint', async () => {
    const missing = await readCheckpoint(join(folder, 'none.json'));
    expect(!missing.success && missing.issues[0]?.code).toBe('missing');

    const path = join(folder, 'b.checkpoint.json');
    await writeFile(path, '{"format": "nhs-trace-checkpoint/1", "rows": ');
    const torn = await readCheckpoint(path);
    expect(!torn.success && torn.issues[0]?.code).toBe('invalid');

    await writeFile(path, JSON.stringify({ ...checkpoint(), rows: -1 }));
    const wrong = await readCheckpoint(path);
    expect(!wrong.success && wrong.issues.map((i) => i.code)).toEqual(['invalid']);
    expect(!wrong.success && wrong.issues[0]?.message).toMatch(/rows/);

    await writeFile(path, JSON.stringify({ ...checkpoint(), format: 'nhs-trace-checkpoint/0' }));
    expect((await readCheckpoint(path)).success).toBe(false);
    await rm(path);
  });
});

describe('job settings', () => {
  it('are the same for the same command', () => {
    expect(settingsDiffer(settings(), settings())).toBeUndefined();
    const mapped = { mapping: new Map([['FAMILY_NAME', 'Surname']] as const) };
    expect(settingsDiffer(settings(mapped), settings(mapped))).toBeUndefined();
  });

  it('name the first option that changes the output', () => {
    const base = settings();
    expect(settingsDiffer(base, settings({ job: 'fedcba9876543210' }))).toBe('job');
    expect(settingsDiffer(base, settings({ seed: 2 }))).toBe('model');
    expect(settingsDiffer(base, settings({ givenModelVersion: 'abc' }))).toBe('model');
    expect(settingsDiffer(base, settings({ mapping: new Map([['NHS_NO', 'NHS']]) }))).toBe(
      'mapping',
    );
    expect(settingsDiffer(base, settings({ dateFormat: 'DD/MM/YYYY' }))).toBe('dateFormat');
    expect(settingsDiffer(base, settings({ thresholds: DEFAULT_THRESHOLDS }))).toBe('thresholds');
    expect(settingsDiffer(base, settings({ cascadeOnly: true }))).toBe('cascadeOnly');
  });

  it('ignore the seed when the model is given', () => {
    const given = { givenModelVersion: 'abc' };
    expect(settingsDiffer(settings(given), settings({ ...given, seed: 9 }))).toBeUndefined();
  });
});
