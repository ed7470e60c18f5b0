import type { Command } from 'commander';
import { MAX_PEOPLE } from '../../synthetic/population/generate-population.js';
import { CliError } from '../exit-codes.js';
import {
  REGISTER_CSV_FILE,
  REGISTER_NDJSON_FILE,
  writePopulationFiles,
} from './generate-population-files.js';
import { parseCount } from './parse-count.js';

const MAX_SEED = 0xffff_ffff;

const HELP = `
Writes a synthetic England register, the same files for the same --people and --seed:
  DIR/${REGISTER_NDJSON_FILE}  FHIR R4 Patient resources, one per line (UK Core / PDS style)
  DIR/${REGISTER_CSV_FILE}     the same people as register CSV, one row each

Households share a surname and address; there are twins, married names with history, moves,
deaths, merged records with superseded NHS Numbers, restricted and invalidated records and GP
practices. NHS Numbers are valid and all start with 9 (never issued to real people). The model
and its rates
are described in docs/synthetic-population.md.

Example:
  nhs-trace generate population --people 100000 --seed 42 --out out/
`;

interface PopulationOptions {
  readonly people: string;
  readonly seed: string;
  readonly out: string;
}

/**
 * Adds `population` to the `generate` command.
 * @param generate - the `generate` command
 */
export function addGeneratePopulationCommand(generate: Command): void {
  generate
    .command('population')
    .description('Write a synthetic register: register.ndjson (FHIR Patients) and register.csv')
    .requiredOption(
      '--people <n>',
      `number of register records, 1 to ${MAX_PEOPLE.toLocaleString('en-GB')}`,
    )
    .option('--seed <s>', `random seed, 0 to ${MAX_SEED} (same seed, same files)`, '1')
    .requiredOption('--out <dir>', 'output folder (created if missing)')
    .addHelpText('after', HELP)
    .action(async (options: PopulationOptions) => {
      const people = parseCount(options.people, '--people');
      const seed = parseCount(options.seed, '--seed');
      if (people < 1 || people > MAX_PEOPLE) {
        throw new CliError(`--people must be from 1 to ${MAX_PEOPLE}, not '${options.people}'`);
      }
      if (seed > MAX_SEED) {
        throw new CliError(`--seed must be from 0 to ${MAX_SEED}, not '${options.seed}'`);
      }
      const started = performance.now();
      const written = await writePopulationFiles({ people, seed, outDir: options.out });
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      process.stdout.write(
        `wrote ${written.toLocaleString('en-GB')} people to ${options.out} (${REGISTER_NDJSON_FILE}, ${REGISTER_CSV_FILE}) in ${seconds} s\n`,
      );
    });
}
