import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Issue } from '../../core/result.js';
import { CliError } from '../exit-codes.js';

/**
 * Issues as one line for a usage error: `path: message; …`.
 * @param issues - the issues of a failed result
 */
export function issuesText(issues: readonly Issue[]): string {
  return issues
    .map((i) => (i.path === undefined ? i.message : `${i.path}: ${i.message}`))
    .join('; ');
}

/**
 * Reads a small text file given on the command line, or fails with a usage error naming it.
 * @param path - the file
 * @param what - what the file is, for the message (`model file`, `mapping file`)
 */
export async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CliError(`${path}: cannot read the ${what} (${code})`);
  }
}

/**
 * Fails with a usage error, before any work starts, when an output file's folder does not exist.
 * @param out - the output file path
 */
export function checkOutputFolder(out: string): void {
  const folder = dirname(resolve(out));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new CliError(`${out}: the folder ${folder} does not exist`);
  }
}
