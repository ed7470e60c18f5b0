import { spawn } from 'node:child_process';
import { access, mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModel, serialiseModel } from '../../matching/index.js';
import { outputFiles } from '../../pipeline/test-support/trace-files.js';
import { checkpointPath, readCheckpoint } from '../../pipeline/trace-checkpoint.js';
import { runCli } from '../test-support/run-cli.js';

/**
 * Proves a trace resumes after a real `kill -9`: `nhs-trace trace` runs as a child process, is
 * SIGKILLed once its progress lines show it is under way, is started again with the same command
 * and killed again, and the third start finishes. Every file it leaves must be byte for byte the
 * file an uninterrupted run of the same command wrote (the report's timings aside).
 */

const mainTs = fileURLToPath(new URL('../main.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

let folder = '';
let command: string[] = [];

const out = (name = ''): string => join(folder, 'out', name);
const exists = (path: string): Promise<boolean> =>
  access(path).then(
    () => true,
    () => false,
  );

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-kill-'));
  const generate = (...args: string[]) => runCli('generate', ...args);
  expect(
    (await generate('population', '--people', '1000', '--seed', '7', '--out', folder)).code,
  ).toBe(0);
  const requests = ['requests', '--register', folder, '--requests', '2000', '--seed', '8'];
  expect((await generate(...requests, '--out', folder)).code).toBe(0);
  const db = join(folder, 'register.duckdb');
  const imported = await runCli('register', 'import', join(folder, 'register.ndjson'), '--db', db);
  expect(imported.code).toBe(0);
  await writeFile(join(folder, 'model.json'), serialiseModel(defaultModel()));
  command = [
    'trace',
    join(folder, 'requests.csv'),
    '--out',
    out('response.csv'),
    '--db',
    db,
    '--model',
    join(folder, 'model.json'),
    '--audit',
    join(folder, 'audit.ndjson'),
    '--chunk-rows',
    '200',
    '--checkpoint-every',
    '0',
    '--progress-every',
    '200',
  ];
  await mkdir(out());
  const whole = await runCli(...command);
  expect(whole.code, whole.stderr).toBe(0);
  await rename(out(), join(folder, 'whole'));
  await mkdir(out());
}, 60_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The rows done by the checkpoint a killed run left. */
async function checkpointRows(): Promise<number> {
  const saved = await readCheckpoint(checkpointPath(out('response.csv')));
  if (!saved.success) {
    throw new Error(`no checkpoint: ${saved.issues[0]?.message ?? ''}`);
  }
  return saved.data.rows;
}

interface ChildRun {
  readonly signal: NodeJS.Signals | null;
  readonly code: number | null;
  readonly stderr: string;
}

/**
 * Runs the command as a child process; with `killAfterRows`, SIGKILLs it as soon as a progress
 * line of this run shows at least that many rows traced.
 */
function runChild(killAfterRows?: number): Promise<ChildRun> {
  const code = `const { main } = await import(${JSON.stringify(mainTs)});
    process.exitCode = await main(['node', 'nhs-trace', ...process.argv.slice(1)]);`;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', code, '--', ...command],
    { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    const traced = [...stderr.matchAll(/^traced ([\d,]+) rows/gm)].map((m) =>
      Number((m[1] ?? '0').replaceAll(',', '')),
    );
    if (killAfterRows !== undefined && traced.some((rows) => rows >= killAfterRows)) {
      child.kill('SIGKILL');
    }
  });
  return new Promise((resolve) => {
    child.on('exit', (exitCode, signal) => {
      resolve({ signal, code: exitCode, stderr });
    });
  });
}

describe('nhs-trace trace under kill -9', () => {
  it('resumes with the same command and writes exactly the files of an uninterrupted run', async () => {
    const first = await runChild(600);
    expect(first.signal, first.stderr).toBe('SIGKILL');
    expect(await exists(out('response.csv'))).toBe(false);
    const firstRows = await checkpointRows();
    expect(firstRows).toBeGreaterThanOrEqual(400);

    const second = await runChild(1300);
    expect(second.signal, second.stderr).toBe('SIGKILL');
    expect(second.stderr).toContain(
      `resuming the interrupted run after row ${firstRows.toLocaleString('en-GB')}`,
    );
    expect(await exists(out('response.csv'))).toBe(false);
    expect(await checkpointRows()).toBeGreaterThan(firstRows);

    const third = await runChild();
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).toMatch(/resuming the interrupted run after row [\d,]+/);
    expect(third.stderr).not.toMatch(/starting afresh/);

    // Both runs were started by the clock: their start times (and timings) differ.
    const whole = await outputFiles(join(folder, 'whole'), 'response.', { startedAt: true });
    const resumed = await outputFiles(out(), 'response.', { startedAt: true });
    expect([...resumed.keys()]).toEqual([...whole.keys()]);
    expect(whole.size).toBe(8);
    for (const [name, text] of whole) {
      expect(resumed.get(name), name).toBe(text);
    }
  }, 90_000);
});
