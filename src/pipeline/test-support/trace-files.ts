import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Which timings {@link withoutTimings} blanks besides the durations. */
export interface TimingOptions {
  /**
   * Also the start time (`startedAt`): two runs started by the clock at different moments (a
   * resumed run keeps its first start's time, which an uninterrupted run cannot share).
   */
  readonly startedAt?: boolean;
}

/**
 * The report's timing fields blanked: the only bytes in which a resumed run's files may differ
 * from an uninterrupted run's (`seconds`, `rowsPerSecond` in the JSON report, and the
 * `N rows in S s (R rows/s)` of the HTML report; with `startedAt`, the start time too).
 * @param name - the file name (its suffix says how to normalise)
 * @param text - the file's text
 * @param options - whether to blank the start time
 */
export function withoutTimings(name: string, text: string, options: TimingOptions = {}): string {
  if (name.endsWith('.report.json')) {
    const report = JSON.parse(text) as Record<string, unknown>;
    const start = options.startedAt === true ? { startedAt: '' } : {};
    return JSON.stringify({ ...report, seconds: 0, rowsPerSecond: 0, ...start }, null, 2);
  }
  if (name.endsWith('.report.html')) {
    const timed = text.replace(/ in [\d.,]+ s \([\d,]+ rows\/s\)/g, ' in 0 s (0 rows/s)');
    return options.startedAt === true ? timed.replace(/ started [\dT:.Z-]+ /g, ' started ') : timed;
  }
  return text;
}

/**
 * Every file in a folder whose name starts with `prefix`, by name, with the report timings
 * normalised ({@link withoutTimings}): what two runs of one job are compared by.
 * @param folder - the folder
 * @param prefix - the response file's stem (`response.`)
 * @param options - which timings to blank besides the durations
 */
export async function outputFiles(
  folder: string,
  prefix: string,
  options: TimingOptions = {},
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of (await readdir(folder)).sort()) {
    if (name.startsWith(prefix)) {
      files.set(name, withoutTimings(name, await readFile(join(folder, name), 'utf8'), options));
    }
  }
  return files;
}
