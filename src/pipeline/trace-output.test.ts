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

  it('writes UTF-8 byte for byte, rows longer than its buffer included, and counts the bytes', async () => {
    const path = join(folder, 'u.csv');
    const sink = openCsvSink(path, ['NAME', 'NOTE']);
    const long = 'Łódź 🙂 '.repeat(40_000);
    await sink.write(['Zoë Ó Briain', 'ok']);
    await sink.write(['Søren', long]);
    const position = await sink.sync();
    await sink.commit();
    const text = 'NAME,NOTE\nZoë Ó Briain,ok\nSøren,' + long + '\n';
    expect(await readFile(path, 'utf8')).toBe(text);
    expect(position.bytes).toBe(Buffer.byteLength(text));
  });

  it('keeps rows in order while earlier ones are being written, and syncs to the exact byte', async () => {
    const path = join(folder, 'many.csv');
    const sink = openCsvSink(path, ['N']);
    const expected = ['N'];
    let position = { bytes: 0, rows: 0 };
    for (let i = 0; i < 60_000; i += 1) {
      expected.push(`row number ${i}`);
      await sink.write([`row number ${i}`]);
      if (i === 31_000) {
        position = await sink.sync();
      }
    }
    await sink.commit();
    const text = await readFile(path, 'utf8');
    expect(text).toBe(`${expected.join('\n')}\n`);
    expect(position.rows).toBe(31_001);
    expect(position.bytes).toBe(Buffer.byteLength(`${expected.slice(0, 31_002).join('\n')}\n`));
  });

  it('reports a failed write by a later write and by sync, never losing it', async () => {
    const sink = openCsvSink(join(folder, 'missing.csv'), ['A'], { bytes: 2, rows: 0 });
    const row = ['x'.repeat(1000)];
    let failure: unknown;
    for (let i = 0; i < 300 && failure === undefined; i += 1) {
      await sink.write(row).catch((error: unknown) => {
        failure = error;
      });
    }
    expect(String(failure)).toMatch(/ENOENT/);
    await expect(sink.sync()).rejects.toThrow(/ENOENT/);
    await sink.abort();
  });

  it('leaves nothing behind when aborted', async () => {
    const sink = openCsvSink(join(folder, 'b.csv'), ['A']);
    await sink.write(['1']);
    await sink.abort();
    expect((await readdir(folder)).filter((f) => f.startsWith('b.'))).toEqual([]);
  });
});

describe('openCsvSink resumed', () => {
  it('cuts the .partial file back to a synced position and appends after it', async () => {
    const path = join(folder, 'c.csv');
    const first = openCsvSink(path, ['A', 'B']);
    await first.write(['1', 'one']);
    await first.write(['2', 'two, "2"']);
    const position = await first.sync();
    expect(position).toEqual({ bytes: Buffer.byteLength('A,B\n1,one\n2,"two, ""2"""\n'), rows: 2 });
    await first.write(['3', 'lost']);
    await first.sync();
    await first.write(['4', 'never written']);
    await first.close();
    expect(await readdir(folder)).toContain('c.csv.partial');
    expect(await readdir(folder)).not.toContain('c.csv');

    const again = openCsvSink(path, ['A', 'B'], position);
    expect(again.rows).toBe(2);
    await again.write(['3', 'three']);
    expect(await again.sync()).toEqual({ bytes: position.bytes + 8, rows: 3 });
    await again.commit();
    expect(await readFile(path, 'utf8')).toBe('A,B\n1,one\n2,"two, ""2"""\n3,three\n');
  });

  it('fails on its first write when the .partial file to resume is missing', async () => {
    const sink = openCsvSink(join(folder, 'gone.csv'), ['A'], { bytes: 2, rows: 0 });
    await expect(sink.sync()).rejects.toThrow(/ENOENT/);
    await sink.abort();
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
