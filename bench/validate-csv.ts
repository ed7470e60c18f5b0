/**
 * Benchmark of `nhs-trace nhs-number validate --csv`: throughput and peak memory of the real,
 * built CLI on synthetic files of 100,000 and 1,000,000 rows (1% invalid), plus the speed of the
 * test-range NHS Number generator. Peak memory staying level from 100,000 to 1,000,000 rows shows
 * that the CSV is streamed.
 *
 * Run: `npm run bench:validate` (builds dist/ first with `npm run build`).
 * Options: `--skip-build` to use dist/ as it is; `--sizes 100000,1000000,5000000` for other sizes;
 * `--keep` to leave the generated files in the temporary folder.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  createWriteStream,
  existsSync,
  openSync,
  closeSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatNhsNumber, testNhsNumbers, type NhsNumber } from '../src/core/nhs-number/index.js';

const COLUMN = 'nhs_number';
const TIME = '/usr/bin/time';

const { values: args } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    sizes: { type: 'string', default: '100000,1000000' },
    keep: { type: 'boolean', default: false },
  },
});

/** One row's NHS Number cell: mostly valid in three layouts, 1 in 100 invalid in four ways. */
function cell(n: NhsNumber, row: number): { text: string; valid: boolean } {
  switch (row % 400) {
    case 13:
      return { text: `${n.slice(0, 9)}${(Number(n[9]) + 1) % 10}`, valid: false };
    case 113:
      return { text: n.slice(0, 9), valid: false };
    case 213:
      return { text: '', valid: false };
    case 313:
      return { text: `${n.slice(0, 4)}O${n.slice(5)}`, valid: false };
    default:
      break;
  }
  const layout = row % 10;
  if (layout < 6) {
    return { text: n, valid: true };
  }
  return {
    text: layout < 9 ? formatNhsNumber(n) : formatNhsNumber(n).replaceAll(' ', '-'),
    valid: true,
  };
}

async function writeCsv(path: string, rows: number): Promise<number> {
  const out = createWriteStream(path);
  const numbers = testNhsNumbers(2026);
  let invalid = 0;
  let chunk = `record_id,${COLUMN},source\n`;
  for (let row = 0; row < rows; row += 1) {
    const next = numbers.next();
    if (next.done === true) {
      throw new Error('the generator ran out of numbers');
    }
    const { text, valid } = cell(next.value, row);
    invalid += valid ? 0 : 1;
    chunk += `R${row},${text},bench\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) {
        await once(out, 'drain');
      }
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  return invalid;
}

interface Measurement {
  readonly exitCode: number | null;
  readonly seconds: number;
  readonly peakKb: number;
  readonly stderr: string;
}

/** Runs the built CLI, stdout to a file, and measures wall time and peak resident memory. */
async function measure(cliArgs: readonly string[], stdoutPath: string): Promise<Measurement> {
  const useTime = existsSync(TIME);
  const command = [process.execPath, 'bin/nhs-trace.js', ...cliArgs];
  const stdoutFd = openSync(stdoutPath, 'w');
  const started = performance.now();
  const child = useTime
    ? spawn(TIME, ['-v', ...command], { stdio: ['ignore', stdoutFd, 'pipe'] })
    : spawn(command[0]!, command.slice(1), { stdio: ['ignore', stdoutFd, 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
  let polledKb = 0;
  const poll = setInterval(() => {
    const status = `/proc/${child.pid ?? 0}/status`;
    const match = existsSync(status) ? /VmHWM:\s+(\d+)/.exec(readFileSync(status, 'utf8')) : null;
    polledKb = Math.max(polledKb, Number(match?.[1] ?? 0));
  }, 10);
  const [exitCode] = (await once(child, 'close')) as [number | null];
  const seconds = (performance.now() - started) / 1000;
  clearInterval(poll);
  closeSync(stdoutFd);
  const timed = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  return { exitCode, seconds, peakKb: useTime ? Number(timed?.[1] ?? 0) : polledKb, stderr };
}

function lineCount(path: string): number {
  const text = readFileSync(path, 'utf8');
  return text === '' ? 0 : text.split('\n').length - 1;
}

function generatorThroughput(): void {
  const count = 10_000_000;
  const started = performance.now();
  let check = 0;
  let taken = 0;
  for (const n of testNhsNumbers(1)) {
    check ^= n.charCodeAt(9);
    taken += 1;
    if (taken === count) {
      break;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(count / seconds).toLocaleString('en-GB');
  console.log(
    `generator: ${count.toLocaleString('en-GB')} test numbers in ${seconds.toFixed(2)} s (${rate}/s) [${check}]`,
  );
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(`date: ${new Date().toISOString()}`);
  console.log(
    `node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} cores (${cpus[0]?.model ?? 'unknown'})`,
  );
  console.log(
    `memory ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  console.log(`peak memory from: ${existsSync(TIME) ? `${TIME} -v` : '/proc/PID/status VmHWM'}\n`);
  if (!args['skip-build']) {
    const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
    if (build.status !== 0) {
      console.error(
        'npm run build failed: fix the build, or pass --skip-build to use dist/ as it is',
      );
      process.exit(2);
    }
  }
  generatorThroughput();
  const folder = await mkdtemp(join(os.tmpdir(), 'bench-validate-'));
  try {
    const sizes = args.sizes.split(',').map(Number);
    const invalidByRows = new Map<number, number>();
    for (const rows of sizes) {
      invalidByRows.set(rows, await writeCsv(join(folder, `rows-${rows}.csv`), rows));
    }
    const baseline = await measure(
      ['nhs-number', 'validate', '9434765919'],
      join(folder, 'one.txt'),
    );
    const baselineMb = (baseline.peakKb / 1024).toFixed(1);
    console.log(
      `\nbaseline: one number as an argument: ${baseline.seconds.toFixed(2)} s, peak RSS ${baselineMb} MB`,
    );
    const runs: [number, boolean][] = sizes.map((rows) => [rows, false]);
    runs.push([Math.max(...sizes), true]);
    console.log(
      '\n      rows   file MB  mode           wall s     rows/s   peak RSS MB  exit  check',
    );
    for (const [rows, invalidOnly] of runs) {
      const file = join(folder, `rows-${rows}.csv`);
      const invalid = invalidByRows.get(rows) ?? 0;
      const output = join(folder, `out-${rows}-${invalidOnly ? 'invalid' : 'all'}.txt`);
      const cliArgs = ['nhs-number', 'validate', '--csv', file, '--column', COLUMN];
      const result = await measure(invalidOnly ? [...cliArgs, '--invalid-only'] : cliArgs, output);
      const summary = `${rows} rows checked: ${rows - invalid} valid, ${invalid} invalid`;
      const ok =
        result.exitCode === 1 &&
        lineCount(output) === (invalidOnly ? invalid : rows) &&
        result.stderr.includes(summary);
      console.log(
        [
          rows.toLocaleString('en-GB').padStart(10),
          (statSync(file).size / 2 ** 20).toFixed(1).padStart(9),
          (invalidOnly ? 'invalid-only' : 'all lines').padEnd(14),
          result.seconds.toFixed(2).padStart(7),
          Math.round(rows / result.seconds)
            .toLocaleString('en-GB')
            .padStart(10),
          (result.peakKb / 1024).toFixed(1).padStart(13),
          String(result.exitCode).padStart(5),
          ok ? ' ok' : ` MISMATCH\n${result.stderr}`,
        ].join(' '),
      );
    }
  } finally {
    if (args.keep) {
      console.log(`\nfiles kept in ${folder}`);
    } else {
      await rm(folder, { recursive: true, force: true });
    }
  }
}

await main();
