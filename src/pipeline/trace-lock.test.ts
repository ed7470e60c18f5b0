import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockRun } from './trace-lock.js';

let folder = '';
const out = (): string => join(folder, 'response.csv');
const lockFile = (): string => `${out()}.lock`;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-lock-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** The id of a process that has exited (a child run to completion). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

describe('lockRun', () => {
  it('creates the lock with this process id, refuses a second run, and releases', async () => {
    const first = await lockRun(out(), '2026-12-04T10:00:00Z');
    expect(first.success).toBe(true);
    const held = JSON.parse(await readFile(lockFile(), 'utf8')) as Record<string, unknown>;
    expect(held).toMatchObject({ pid: process.pid, host: hostname() });
    const second = await lockRun(out(), '2026-12-04T10:01:00Z');
    expect(second.success).toBe(false);
    if (!second.success) {
      expect(second.issues[0]?.code).toBe('run-in-progress');
      expect(second.issues[0]?.message).toMatch(
        new RegExp(
          `another trace run \\(process ${String(process.pid)}, started 2026-12-04T10:00:00Z\\)`,
        ),
      );
    }
    if (first.success) {
      await first.data.release();
    }
    expect(existsSync(lockFile())).toBe(false);
  });

  it('takes over the lock of a run that was killed, and an unreadable lock', async () => {
    for (const stale of [
      JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: 'then' }),
      '{"pid":',
    ]) {
      await writeFile(lockFile(), stale);
      const taken = await lockRun(out(), 'now');
      expect(taken.success).toBe(true);
      const held = JSON.parse(await readFile(lockFile(), 'utf8')) as Record<string, unknown>;
      expect(held).toMatchObject({ pid: process.pid, startedAt: 'now' });
      if (taken.success) {
        await taken.data.release();
      }
    }
  });

  it('refuses a lock held on another host, whose process it cannot see', async () => {
    await writeFile(
      lockFile(),
      JSON.stringify({ pid: deadPid(), host: 'other-host.example', startedAt: 'then' }),
    );
    const refused = await lockRun(out(), 'now');
    expect(refused.success).toBe(false);
    if (!refused.success) {
      expect(refused.issues[0]?.message).toMatch(/on other-host\.example/);
    }
    await rm(lockFile());
  });
});
