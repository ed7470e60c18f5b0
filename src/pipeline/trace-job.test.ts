import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceJobId } from './trace-job.js';

describe('traceJobId', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trace-job-'));
  const request = join(dir, 'requests.csv');
  writeFileSync(request, 'UNIQUE REFERENCE\nA1\n');

  it('is stable for the same request file and response path', async () => {
    const first = await traceJobId(request, join(dir, 'out.csv'));
    expect(first).toMatch(/^[0-9a-f]{16}$/);
    expect(await traceJobId(request, join(dir, 'out.csv'))).toBe(first);
  });

  it('changes with the response path or the request contents', async () => {
    const first = await traceJobId(request, join(dir, 'out.csv'));
    expect(await traceJobId(request, join(dir, 'other.csv'))).not.toBe(first);
    const changed = join(dir, 'changed.csv');
    writeFileSync(changed, 'UNIQUE REFERENCE\nA2\n');
    expect(await traceJobId(changed, join(dir, 'out.csv'))).not.toBe(
      await traceJobId(request, join(dir, 'out.csv')),
    );
  });
});
