/**
 * Runs the nhs-trace command line from the TypeScript sources for the register import
 * benchmark, then reports the process's peak resident set size (getrusage `ru_maxrss`, the same
 * figure as `/proc/self/status` VmHWM) on stderr as `BENCH_MAX_RSS_KIB=…`, and the CPU time it
 * used (user and system, every thread: DuckDB's too) as `BENCH_CPU_MS=…`. On a shared machine
 * the CPU time is the steadier figure: wall time there mostly measures the other load.
 */
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv);
const usage = process.resourceUsage();
const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
process.stderr.write(`BENCH_MAX_RSS_KIB=${usage.maxRSS}\nBENCH_CPU_MS=${cpuMs}\n`);
