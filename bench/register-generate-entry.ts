/**
 * Runs the nhs-trace command line from the TypeScript sources (`node --import tsx
 * bench/register-generate-entry.ts generate population …`), so the benchmark measures the real
 * command without a build step.
 */
import { main } from '../src/cli/main.js';

process.exitCode = await main(process.argv);
