import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testNhsNumbers } from '../../core/nhs-number/index.js';
import { validateCsvColumn } from './nhs-number-csv.js';
import { OutputClosedError } from './nhs-number-output.js';

let folder = '';

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'nhs-number-csv-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A stream that accepts one small chunk at a time, slowly, and records how full it got. */
function slowSink(): { sink: Writable; chunks: string[]; peakBuffered: () => number } {
  const chunks: string[] = [];
  let peak = 0;
  const sink = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      setImmediate(done);
    },
  });
  const write = sink.write.bind(sink);
  sink.write = ((chunk: string) => {
    const accepted = write(chunk);
    peak = Math.max(peak, sink.writableLength);
    return accepted;
  }) as typeof sink.write;
  return { sink, chunks, peakBuffered: () => peak };
}

describe('validateCsvColumn', () => {
  it('waits for a slow output to drain, and loses or reorders nothing', async () => {
    const numbers = testNhsNumbers(5);
    const rows = Array.from({ length: 20_000 }, (_, i) => {
      const next = numbers.next();
      return i % 1000 === 7 ? `${i},9000000000` : `${i},${next.done === true ? '' : next.value}`;
    });
    const file = join(folder, 'many.csv');
    await writeFile(file, `id,nhs\n${rows.join('\n')}\n`);
    const { sink, chunks, peakBuffered } = slowSink();

    const counts = await validateCsvColumn({
      file,
      column: 'nhs',
      out: sink,
      invalidOnly: false,
      skipEmpty: false,
    });

    expect(counts).toEqual({ checked: 20_000, invalid: 20, skipped: 0 });
    const lines = chunks.join('').split('\n').slice(0, -1);
    expect(lines).toHaveLength(20_000);
    expect(lines.map((line) => Number(/^line (\d+) /.exec(line)?.[1]))).toEqual(
      rows.map((_, i) => i + 2),
    );
    // One 64 KiB chunk may sit in the stream's buffer, never a pile of them.
    expect(peakBuffered()).toBeLessThan(2 * 64 * 1024);
  });

  it('stops with OutputClosedError when the reader of the output goes away', async () => {
    const rows = Array.from({ length: 50_000 }, () => '9434765919').join('\n');
    const file = join(folder, 'closed.csv');
    await writeFile(file, `nhs\n${rows}\n`);
    let writes = 0;
    const closing = new Writable({
      highWaterMark: 1024,
      write(_chunk, _encoding, done) {
        writes += 1;
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });

    const run = validateCsvColumn({
      file,
      column: 'nhs',
      out: closing,
      invalidOnly: false,
      skipEmpty: false,
    });

    await expect(run).rejects.toBeInstanceOf(OutputClosedError);
    expect(writes).toBe(1);
    expect(closing.listenerCount('error')).toBe(0);
  });
});
