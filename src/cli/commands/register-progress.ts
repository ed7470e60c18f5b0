import cliProgress from 'cli-progress';
import type { ImportProgress } from '../../pipeline/register-import.js';

/** Shows import progress on stderr: counts only, never names or numbers of patients. */
export interface ProgressReporter {
  update(progress: ImportProgress): void;
  stop(): void;
}

const MIB = 1024 * 1024;

function percent(p: ImportProgress): number {
  return p.totalBytes === 0 ? 100 : Math.floor((p.bytesRead / p.totalBytes) * 100);
}

/**
 * A progress bar (cli-progress) when stderr is a terminal; otherwise one plain line per 10% read
 * and one when the store starts committing, so logs of a scheduled run stay short.
 * @param stderr - the stream to write to (its `isTTY` picks the style)
 */
export function progressReporter(stderr: NodeJS.WriteStream): ProgressReporter {
  if (stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: stderr,
        format:
          '{phase} [{bar}] {percentage}% | {mib}/{totalMib} MiB | {records} records, {rejected} rejected',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        const payload = {
          phase: p.phase === 'reading' ? 'reading   ' : 'committing',
          mib: (p.bytesRead / MIB).toFixed(0),
          totalMib: (p.totalBytes / MIB).toFixed(0),
          records: p.records,
          rejected: p.rejected,
        };
        if (!started) {
          bar.start(Math.max(p.totalBytes, 1), p.bytesRead, payload);
          started = true;
        } else {
          bar.update(p.bytesRead, payload);
        }
      },
      stop() {
        if (started) {
          bar.stop();
        }
      },
    };
  }
  let lastDecile = -1;
  return {
    update(p) {
      if (p.phase === 'committing') {
        stderr.write(`committing ${p.records} records (${p.rejected} rejected)\n`);
        return;
      }
      const decile = Math.floor(percent(p) / 10);
      if (decile > lastDecile) {
        lastDecile = decile;
        stderr.write(`reading ${percent(p)}%: ${p.records} records, ${p.rejected} rejected\n`);
      }
    },
    stop() {
      // Plain lines need no clean-up.
    },
  };
}
