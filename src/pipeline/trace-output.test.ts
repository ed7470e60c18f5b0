import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCsvSink, traceOutputPaths } from './trace-output.js';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'trace-output-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('openCsvSink', () => {
  it('shows the file under its name only once committed, quoted as CSV', async () => {
    const path = join(folder, 'a.csv');
    const sink = openCsvSink(path, ['A', 'B']);
    for (let i = 0; i < 5000; i += 1) {
      await sink.write([`row ${i}`, 'x, "y"']);
    }
    expect(await readdir(folder)).toEqual(['a.csv.partial']);
    await sink.commit();
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(5001);
    expect(lines[1]).toBe('row 0,"x, ""y"""');
    expect(sink.rows).toBe(5000);
  });

  it('leaves nothing behind when aborted', async () => {
    const sink = openCsvSink(join(folder, 'b.csv'), ['A']);
    await sink.write(['1']);
    await sink.abort();
    expect((await readdir(folder)).filter((f) => f.startsWith('b.'))).toEqual([]);
  });
});

describe('traceOutputPaths', () => {
  it('names every file beside the response', () => {
    expect(traceOutputPaths('out/resp.CSV')).toMatchObject({
      response: 'out/resp.CSV',
      unmatched: 'out/resp.unmatched.csv',
      model: 'out/resp.model.json',
    });
    expect(traceOutputPaths('resp').report).toBe('resp.report.json');
  });
});
