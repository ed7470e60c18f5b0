import { describe, expect, it } from 'vitest';
import type { TraceProgress } from '../../pipeline/trace-run.js';
import {
  durationText,
  progressLine,
  secondsLeft,
  traceProgressReporter,
} from './trace-progress.js';

const progress = (over: Partial<TraceProgress> = {}): TraceProgress => ({
  rows: 30_000,
  resumedRows: 0,
  seconds: 3,
  bytesRead: 3_000_000,
  startBytes: 0,
  totalBytes: 10_000_000,
  ...over,
});

/** A stand-in for stderr that records what is written. */
function stream(isTTY: boolean): { written: string[]; stream: NodeJS.WriteStream } {
  const written: string[] = [];
  const fake = {
    isTTY,
    columns: 120,
    write: (chunk: string) => {
      written.push(chunk);
      return true;
    },
  };
  return { written, stream: fake as unknown as NodeJS.WriteStream };
}

describe('trace progress', () => {
  it('estimates the time left from the bytes still to read at this run’s byte rate', () => {
    expect(secondsLeft(progress())).toBe(7);
    // A resumed run read its first 4 MB quickly (rows already traced): they do not count.
    expect(secondsLeft(progress({ startBytes: 4_000_000, bytesRead: 5_000_000 }))).toBe(15);
    expect(secondsLeft(progress({ totalBytes: undefined }))).toBeUndefined();
    expect(secondsLeft(progress({ bytesRead: 0 }))).toBeUndefined();
  });

  it('writes durations for people', () => {
    expect(durationText(42.4)).toBe('42 s');
    expect(durationText(185)).toBe('3 min 05 s');
    expect(durationText(7_620)).toBe('2 h 07 min');
  });

  it('gives this run’s rate, the share read and the time left on one line', () => {
    expect(progressLine(progress())).toBe(
      'traced 30,000 rows (10,000 rows/s; 30% read, about 7 s left)',
    );
    expect(progressLine(progress({ rows: 50_000, resumedRows: 20_000 }))).toBe(
      'traced 50,000 rows (10,000 rows/s; 30% read, about 7 s left)',
    );
    expect(progressLine(progress({ totalBytes: undefined }))).toBe(
      'traced 30,000 rows (10,000 rows/s)',
    );
  });

  it('writes plain lines when stderr is not a terminal', () => {
    const { written, stream: err } = stream(false);
    const reporter = traceProgressReporter(err);
    reporter.update(progress());
    reporter.stop();
    expect(written).toEqual(['traced 30,000 rows (10,000 rows/s; 30% read, about 7 s left)\n']);
  });

  it('draws a bar with rows, rate and time left on a terminal', () => {
    const { written, stream: err } = stream(true);
    const reporter = traceProgressReporter(err);
    reporter.update(progress());
    reporter.update(progress({ rows: 60_000, seconds: 6, bytesRead: 6_000_000 }));
    reporter.stop();
    const text = written.join('');
    expect(text).toMatch(/tracing \[.*\] 60% \| 60,000 rows \| 10,000 rows\/s \| 4 s left/);
    expect(text).not.toMatch(/traced/);
  });
});
