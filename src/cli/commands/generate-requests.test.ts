import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDS_MESH_REQUEST_COLUMNS } from '../../formats/pds-mesh-columns.js';
import { main } from '../main.js';

async function run(args: string[]): Promise<number> {
  process.exitCode = undefined;
  const code = await main(['node', 'nhs-trace', ...args]);
  process.exitCode = undefined;
  return code;
}

describe('nhs-trace generate requests', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nhs-trace-requests-'));
    expect(
      await run(['generate', 'population', '--people', '800', '--seed', '3', '--out', dir]),
    ).toBe(0);
  });

  it('writes a PDS MESH request file and a ground truth with one row per request', async () => {
    const out = join(dir, 'req');
    const args = ['generate', 'requests', '--register', dir, '--requests', '150', '--seed', '4'];
    expect(await run([...args, '--out', out])).toBe(0);
    const requests = parse<Record<string, string>>(await readFile(join(out, 'requests.csv')), {
      columns: true,
    });
    const truth = parse<Record<string, string>>(await readFile(join(out, 'ground-truth.csv')), {
      columns: true,
    });
    expect(requests).toHaveLength(150);
    expect(Object.keys(requests[0] ?? {})).toEqual([...PDS_MESH_REQUEST_COLUMNS]);
    expect(truth.map((t) => t['UNIQUE REFERENCE'])).toEqual(
      requests.map((r) => r['UNIQUE REFERENCE']),
    );
    // The same seed writes the same file.
    expect(await run([...args, '--out', join(dir, 'again')])).toBe(0);
    expect(await readFile(join(dir, 'again', 'requests.csv'), 'utf8')).toBe(
      await readFile(join(out, 'requests.csv'), 'utf8'),
    );
  });

  it('exits 2 when the register folder has no register.ndjson', async () => {
    const args = ['generate', 'requests', '--register', join(dir, 'nope'), '--requests', '5'];
    expect(await run([...args, '--out', join(dir, 'x')])).toBe(2);
  });

  it('exits 2 when asked for more rows than the register can give', async () => {
    const args = ['generate', 'requests', '--register', dir, '--requests', '5000'];
    expect(await run([...args, '--out', join(dir, 'y')])).toBe(2);
  });

  it('exits 2 on a count that is not a whole number', async () => {
    const args = ['generate', 'requests', '--register', dir, '--requests', 'ten'];
    expect(await run([...args, '--out', join(dir, 'z')])).toBe(2);
  });
});
