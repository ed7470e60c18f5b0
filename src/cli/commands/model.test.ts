import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFhirPatient } from '../../formats/fhir-patient.js';
import {
  defaultModel,
  levelWeight,
  modelToJson,
  parseModel,
  serialiseModel,
} from '../../matching/index.js';
import { TRACE_REGISTER, traceRequestFile } from '../../pipeline/test-support/trace-fixtures.js';
import { runCli } from '../test-support/run-cli.js';

let folder = '';
let db = '';

const file = (name: string): string => join(folder, name);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'model-cli-'));
  db = file('register.duckdb');
  const ndjson = TRACE_REGISTER.map((p) => `${JSON.stringify(toFhirPatient(p))}\n`).join('');
  await writeFile(file('register.ndjson'), ndjson);
  await writeFile(file('requests.csv'), traceRequestFile());
  await writeFile(file('default.json'), serialiseModel(defaultModel()));
  const imported = await runCli('register', 'import', file('register.ndjson'), '--db', db);
  expect(imported.code).toBe(0);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('nhs-trace model show', () => {
  it('lists every comparison and level with m, u and the weight in bits', async () => {
    const result = await runCli('model', 'show', file('default.json'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^model default \(version [0-9a-f]{12}, file format 1\)/);
    expect(result.stdout).toContain('prior: lambda 0.000001 (1 in 1,000,000), weight -19.93 bits');
    const lines = result.stdout.split('\n');
    for (const comparison of defaultModel().comparisons) {
      const heading = lines.findIndex((l) => l.startsWith(`${comparison.id}: `));
      expect(heading, comparison.id).toBeGreaterThan(0);
      const rows = lines.slice(heading + 2, heading + 2 + comparison.levels.length);
      comparison.levels.forEach((level, i) => {
        const cells = (rows[i] ?? '').trim().split(/\s{2,}/);
        expect(cells[0]).toBe(level.id);
        const weight = level.kind === 'null' ? 0 : levelWeight(level);
        expect(Number(cells[4])).toBeCloseTo(weight, 2);
        if (level.kind === 'null') {
          expect(rows[i]).toContain('NULL: a value is missing');
        } else {
          expect(Number(cells[2])).toBeCloseTo(level.m, 4);
        }
      });
    }
  });

  it('prints the normalised JSON with --json', async () => {
    const result = await runCli('model', 'show', file('default.json'), '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(modelToJson(defaultModel()));
  });

  it('exits 2 on a broken model, naming the file and each bad path', async () => {
    const json = modelToJson(defaultModel()) as unknown as {
      lambda: number;
      comparisons: { levels: { m: number }[] }[];
    };
    json.lambda = 2;
    const level = json.comparisons[1]?.levels[1];
    if (level !== undefined) {
      level.m = -0.5;
    }
    await writeFile(file('broken.json'), JSON.stringify(json));
    const result = await runCli('model', 'show', file('broken.json'));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${file('broken.json')}: not a valid model file`);
    expect(result.stderr).toMatch(/^ {2}lambda: /m);
    expect(result.stderr).toMatch(/^ {2}comparisons\.1\.levels\.1\.m: /m);
  });

  it('exits 2 naming a file that is not JSON or not there', async () => {
    await writeFile(file('text.json'), 'not json');
    const bad = await runCli('model', 'show', file('text.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`${file('text.json')}: not a valid model file`);
    const missing = await runCli('model', 'show', file('absent.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`${file('absent.json')}: cannot read the model file (ENOENT)`);
  });
});

describe('nhs-trace model train', () => {
  it('trains on the request file and register, and model show reads the result', async () => {
    const out = file('trained.json');
    const args = ['model', 'train', '--requests', file('requests.csv'), '--out', out];
    const result = await runCli(...args, '--db', db, '--seed', '7');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/trained on 20 request rows/);
    expect(result.stdout).toMatch(/lambda-from-rules: λ from \d+ rule matches/);
    expect(result.stdout).toMatch(/m-expectation-maximisation: m by EM over \d+ blocked pairs/);
    expect(result.stdout).not.toMatch(/Simpson|Krabappel|999000/);
    const parsed = parseModel(await readFile(out, 'utf8'));
    expect(parsed.success).toBe(true);
    const steps = parsed.success ? parsed.data.provenance.map((s) => s.step) : [];
    expect(steps).toContain('u-random-sampling');
    expect(steps).toContain('m-expectation-maximisation');
    const version = /version ([0-9a-f]{12})/.exec(result.stdout)?.[1];
    const shown = await runCli('model', 'show', out);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`version ${version ?? 'missing'}`);
    expect(shown.stdout).toContain('m-expectation-maximisation');
  });

  it('exits 2 without --requests, or when a file is missing', async () => {
    const noRequests = await runCli('model', 'train', '--out', file('x.json'), '--db', db);
    expect(noRequests.code).toBe(2);
    expect(noRequests.stderr).toMatch(/--requests/);
    const absent = file('absent.csv');
    const noFile = await runCli('model', 'train', '--requests', absent, '--out', file('x.json'));
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain(`${absent}: cannot open the file (ENOENT)`);
    const args = ['--requests', file('requests.csv'), '--out', file('x.json')];
    const noDb = await runCli('model', 'train', ...args, '--db', file('none.duckdb'));
    expect(noDb.code).toBe(2);
    expect(noDb.stderr).toContain(`${file('none.duckdb')}: no register there`);
  });
});
