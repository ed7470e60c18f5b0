import { vi } from 'vitest';
import { main } from '../main.js';

/** What one in-process run of the command line did. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `nhs-trace ARGS…` in-process, capturing what it writes to stdout and stderr, and resets
 * `process.exitCode` afterwards so runs never leak into each other or into the test runner.
 * @param args - the arguments after `nhs-trace`
 */
export async function runCli(...args: string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
  const stderr = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      err.push(String(chunk));
      return true;
    });
  try {
    const code = await main(['node', 'nhs-trace', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    process.exitCode = undefined;
  }
}
