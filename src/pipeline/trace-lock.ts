import { readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { fail, ok, type Result } from '../core/result.js';

/** A held run lock; {@link TraceLock.release} removes the lock file. */
export interface TraceLock {
  readonly path: string;
  release(): Promise<void>;
}

interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly startedAt: string;
}

function holderOf(text: string): LockHolder | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.host === 'string'
      ? {
          pid: value.pid,
          host: value.host,
          startedAt: typeof value.startedAt === 'string' ? value.startedAt : '',
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/** True when a process with this id is running on this machine (signal 0 only checks). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the lock of a run writing `outPath`: the file `outPath.lock`, created only if absent,
 * holding this process's id, host and start time. A lock left by a run that no longer runs (it
 * was killed: its process is gone, or the file is unreadable) is taken over, so the same command
 * resumes after a kill. A lock of a live run, or of a run on another host (whose process this one
 * cannot see), is refused: two runs writing the same files would interleave their rows.
 * @param outPath - the run's response file
 * @param startedAt - the run's start time, recorded in the lock
 */
export async function lockRun(outPath: string, startedAt: string): Promise<Result<TraceLock>> {
  const path = `${outPath}.lock`;
  const me: LockHolder = { pid: process.pid, host: hostname(), startedAt };
  const release = async (): Promise<void> => {
    await unlink(path).catch(() => undefined);
  };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(path, `${JSON.stringify(me)}\n`, { flag: 'wx' });
      return ok({ path, release });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw error;
      }
    }
    const holder = holderOf(await readFile(path, 'utf8').catch(() => ''));
    if (holder !== undefined && (holder.host !== me.host || running(holder.pid))) {
      const where = holder.host === me.host ? '' : ` on ${holder.host}`;
      return fail({
        code: 'run-in-progress',
        message:
          `${outPath}: another trace run (process ${String(holder.pid)}${where}, started ` +
          `${holder.startedAt}) is writing these files; wait for it to finish, or delete ${path} ` +
          'if it is not running',
      });
    }
    // Stale: left by a run that was killed. Take it over.
    await unlink(path).catch(() => undefined);
  }
  return fail({
    code: 'run-in-progress',
    message: `${outPath}: another trace run took ${path} at the same moment; try again`,
  });
}
