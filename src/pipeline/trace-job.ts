import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The id of a trace job: the first 16 hex digits of SHA-256 over the response file's absolute
 * path and the request file's contents. The same command on the same file gives the same id (a
 * resumed or repeated run continues the same job and its review queue); a changed request file
 * or another response path is another job.
 * @param requestPath - the request file
 * @param outPath - the response file
 */
export async function traceJobId(requestPath: string, outPath: string): Promise<string> {
  const content = createHash('sha256');
  for await (const chunk of createReadStream(requestPath)) {
    content.update(chunk as Buffer);
  }
  return createHash('sha256')
    .update(resolve(outPath))
    .update('\n')
    .update(content.digest('hex'))
    .digest('hex')
    .slice(0, 16);
}
