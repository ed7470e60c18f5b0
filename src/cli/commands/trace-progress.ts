import cliProgress from 'cli-progress';
import type { TraceProgress } from '../../pipeline/trace-run.js';

/** Shows a trace's progress on stderr: counts, rates and times only, never patient data. */
export interface TraceProgressReporter {
  /**
   * Shows how far the run has got.
   * @param progress - rows, bytes and seconds so far
   */
  update(progress: TraceProgress): void;
  /** Ends the bar (a no-op for plain lines); call once the run has ended, however it ended. */
  stop(): void;
}

/** This run's rows per second (rows of a resumed run's earlier runs not counted). */
function rowRate(p: TraceProgress): number {
  return p.seconds > 0 ? (p.rows - p.resumedRows) / p.seconds : 0;
}

/**
 * The seconds left, from the bytes still to read at this run's byte rate; `undefined` before
 * there is a rate or when the file's size is unknown.
 * @param p - the progress
 */
export function secondsLeft(p: TraceProgress): number | undefined {
  const done = p.bytesRead - p.startBytes;
  if (p.totalBytes === undefined || done <= 0 || p.seconds <= 0) {
    return undefined;
  }
  return Math.max(0, p.totalBytes - p.bytesRead) * (p.seconds / done);
}

/**
 * A duration for people: `42 s`, `3 min 05 s`, `2 h 07 min`.
 * @param seconds - the duration
 */
export function durationText(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) {
    return `${s} s`;
  }
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (s < 3600) {
    return `${Math.floor(s / 60)} min ${pad(s % 60)} s`;
  }
  return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} min`;
}

const n = (value: number): string => Math.round(value).toLocaleString('en-GB');

function percentRead(p: TraceProgress): number | undefined {
  if (p.totalBytes === undefined) {
    return undefined;
  }
  return p.totalBytes === 0 ? 100 : Math.min(100, Math.floor((p.bytesRead / p.totalBytes) * 100));
}

/**
 * One plain progress line: `traced 30,000 rows (10,123 rows/s; 45% read, about 1 min 05 s left)`.
 * @param p - the progress
 */
export function progressLine(p: TraceProgress): string {
  const parts = [`${n(rowRate(p))} rows/s`];
  const percent = percentRead(p);
  const left = secondsLeft(p);
  if (percent !== undefined) {
    const eta = left === undefined ? '' : `, about ${durationText(left)} left`;
    parts.push(`${percent}% read${eta}`);
  }
  return `traced ${n(p.rows)} rows (${parts.join('; ')})`;
}

/**
 * A progress bar (cli-progress: share of the file read, rows, rows/s, time left) when stderr is
 * a terminal; otherwise one {@link progressLine} per update, so logs of a scheduled run stay
 * readable.
 * @param stderr - the stream to write to (its `isTTY` picks the style)
 */
export function traceProgressReporter(stderr: NodeJS.WriteStream): TraceProgressReporter {
  if (!stderr.isTTY) {
    return {
      update(p) {
        stderr.write(`${progressLine(p)}\n`);
      },
      stop() {
        // Plain lines need no clean-up.
      },
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: stderr,
      format: 'tracing [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {left} left',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      const left = secondsLeft(p);
      const payload = {
        rows: n(p.rows),
        rate: n(rowRate(p)),
        left: left === undefined ? '?' : durationText(left),
      };
      const total = Math.max(p.totalBytes ?? p.bytesRead, 1);
      if (!started) {
        bar.start(total, p.bytesRead, payload);
        started = true;
      } else {
        bar.update(Math.min(p.bytesRead, total), payload);
      }
    },
    stop() {
      if (started) {
        bar.stop();
      }
    },
  };
}
