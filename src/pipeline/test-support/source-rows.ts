import { Readable } from 'node:stream';
import { openRequestStream, type RequestSourceOptions, type SourceRow } from '../request-source.js';

/**
 * Every row of a request file held in memory, as the trace reads them (for tests).
 * @param file - the file's bytes or text
 * @param options - as for `openRequestFile` (the reference day, a mapping, …)
 */
export async function readSourceRows(
  file: Buffer | string,
  options: RequestSourceOptions = {},
): Promise<SourceRow[]> {
  const opened = await openRequestStream(Readable.from([file]), 'requests.csv', options);
  if (!opened.success) {
    throw new Error('the request file did not open');
  }
  const rows: SourceRow[] = [];
  for await (const row of opened.data.rows()) {
    rows.push(row);
  }
  return rows;
}
