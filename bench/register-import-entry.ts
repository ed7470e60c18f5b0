/**
 * Runs the nhs-trace command line from the TypeScript sources for the register import
 * benchmark, then reports the process's peak resident set size (getrusage `ru_maxrss`, the same
 * figure as `/proc/self/status` VmHWM) on stderr as `BENCH_MAX_RSS_KIB=…`.
 */
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv);
process.stderr.write(`BENCH_MAX_RSS_KIB=${process.resourceUsage().maxRSS}\n`);
