#!/usr/bin/env node
// Entry point for the `nhs-trace` command. The TypeScript sources are compiled to dist/ by
// `npm ci` (the `prepare` script); run `npm run build` after changing them.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv);
