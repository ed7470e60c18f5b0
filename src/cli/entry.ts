// Runs the command line from the TypeScript sources (`npx tsx src/cli/entry.ts …`), for
// development, tests and benchmarks; the installed command is bin/nhs-trace.js over dist/.
import { main } from './main.js';

process.exitCode = await main(process.argv);
