/**
 * Benchmark: time and peak memory of `nhs-trace generate population`.
 *
 *   npm run bench:generate                         # 1,000,000 people
 *   npm run bench:generate -- --people 10000000    # the 10 million run
 *
 * Spawns the real command (from the TypeScript sources, through tsx) as a child process, polls
 * its peak resident set size (VmHWM) and CPU time from /proc every 100 ms, and prints wall time,
 * CPU time, people per second, peak RSS and the file sizes. Linux only (reads /proc).
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    people: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', default: '.bench/generate' },
  },
});
const people = Number(values.people);
const ticksPerSecond = 100;

function peakRssKiB(pid: number): number | undefined {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

const args = ['--import', 'tsx', 'bench/register-generate-entry.ts', 'generate', 'population'];
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
console.log(
  `generating ${people.toLocaleString('en-GB')} people (seed ${values.seed}) into ${values.out}`,
);
const started = performance.now();
const child = spawn(
  process.execPath,
  [...args, '--people', values.people, '--seed', values.seed, '--out', values.out],
  {
    stdio: ['ignore', 'inherit', 'inherit'],
  },
);
let peak = 0;
let cpu = 0;
const poll = setInterval(() => {
  peak = Math.max(peak, peakRssKiB(child.pid!) ?? 0);
  cpu = Math.max(cpu, cpuSeconds(child.pid!) ?? 0);
}, 100);
const code = await new Promise<number>((resolve) => {
  child.on('exit', (c) => {
    resolve(c ?? 1);
  });
});
clearInterval(poll);
const seconds = (performance.now() - started) / 1000;
if (code !== 0) {
  console.error(`the command failed with exit code ${code}`);
  process.exit(1);
}
const size = (name: string): string =>
  `${(statSync(join(values.out, name)).size / 2 ** 20).toFixed(0)} MiB`;
console.log(`people             ${people.toLocaleString('en-GB')}`);
console.log(
  `wall time          ${seconds.toFixed(1)} s (${Math.round(people / seconds).toLocaleString('en-GB')} people/s)`,
);
console.log(`CPU time (child)   ${cpu.toFixed(1)} s (last 100 ms poll)`);
console.log(`peak RSS (VmHWM)   ${(peak / 1024).toFixed(0)} MiB`);
console.log(`register.ndjson    ${size('register.ndjson')}`);
console.log(`register.csv       ${size('register.csv')}`);
console.log(`load average       ${load} at start (the machine may be shared)`);
