import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parseModel } from '../../matching/index.js';
import { versionModel, type VersionedModel } from '../../pipeline/trace-model.js';
import { CliError } from '../exit-codes.js';
import { describeModel } from './model-show.js';
import { trainModel, trainSummary, type ModelTrainOptions } from './model-train.js';
import { DEFAULT_DB } from './register-store-option.js';

const TRAIN_HELP = `
Trains a Fellegi-Sunter model without labels on a PDS MESH request file and the register, exactly
as 'nhs-trace trace' does when it is given no --model: u from random request x register pairs,
lambda from deterministic rules (same NHS Number, or same names, date of birth and postcode),
m by EM over blocked pairs. Use the file with 'nhs-trace trace --model'. Same data and seed, same
model. The register is loaded into memory.

--labels-from-reviews then learns m from the reviewers' decisions in the same --db ('nhs-trace
review decide'): an accepted candidate is a labelled match, the other candidates of a decided row
are non-matches; a pair decided in several jobs counts once (latest decision). A level takes its m from the labels when at least --min-labelled-matches
(default 10) labelled matches fell in it; the other levels keep the EM estimate. u stays from
random pairs (review items are the hard cases, not a random sample). The model file records how
many decisions and pairs were used and which levels came from labels; 'model show' prints it.

Exit status: 0 model written, 2 usage error, unreadable file, nothing to train on, or (with
--labels-from-reviews) no review decision or no accepted match to learn from.

Examples:
  nhs-trace model train --requests requests.csv --out model.json --db register.duckdb
  nhs-trace model train --requests requests.csv --out model.json --labels-from-reviews
`;

const SHOW_HELP = `
Prints a model file for a person: version (the hash 'trace' reports), training history, the
prior lambda and its weight, and for each comparison its levels with m, u and the match weight
log2(m/u) in bits. NULL levels (a value missing) weigh 0. --json prints the normalised file.

Exit status: 0 shown, 2 unreadable or invalid model file (each problem named by its path).

Examples:
  nhs-trace model show model.json
  nhs-trace model show response.model.json --json
`;

/**
 * Reads and checks a model file, failing with a usage error that names the file and, for an
 * invalid model, every problem with its path in the file (`comparisons.1.levels.2.m`).
 * @param path - the model file
 */
export async function readModelFile(path: string): Promise<VersionedModel> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new CliError(`${path}: cannot read the model file (${code})`);
  }
  const parsed = parseModel(text);
  if (!parsed.success) {
    const issues = parsed.issues.map(
      (i) => `  ${i.path === undefined || i.path === '' ? '(file)' : i.path}: ${i.message}`,
    );
    throw new CliError(`${path}: not a valid model file:\n${issues.join('\n')}`);
  }
  return versionModel(parsed.data, false);
}

/**
 * Registers `model train --requests FILE --out FILE [--db PATH] [--seed N]
 * [--labels-from-reviews [--min-labelled-matches N]]` and
 * `model show FILE [--json]`: train a model without labels, and read one.
 * @param program - the root program
 */
export function registerModelCommand(program: Command): void {
  const model = program
    .command('model')
    .description('Train a matching model without labels, or show a model file');
  model
    .command('train')
    .description('Train a model on a request file and the register (no labels needed)')
    .requiredOption('--requests <file>', 'PDS MESH request CSV to train on')
    .requiredOption('--out <file>', 'the model JSON to write')
    .option('--db <path>', 'register: DuckDB file or postgres:// URL', DEFAULT_DB)
    .option('--seed <n>', 'seed of the random pair sample', '1')
    .option('--labels-from-reviews', "also learn m from the review queue's decisions in --db")
    .option(
      '--min-labelled-matches <n>',
      'labelled matches a level needs to take its m from them (default 10)',
    )
    .addHelpText('after', TRAIN_HELP)
    .action(async (options: ModelTrainOptions) => {
      const trained = await trainModel(options);
      process.stdout.write(trainSummary(trained, options.out));
    });
  model
    .command('show')
    .description('Print a model file: prior, comparisons, levels, m, u and weights')
    .argument('<file>', 'model JSON (from model train, or RESPONSE.model.json of a trace)')
    .option('--json', 'print the normalised model JSON instead')
    .addHelpText('after', SHOW_HELP)
    .action(async (file: string, options: { readonly json?: boolean }) => {
      const versioned = await readModelFile(file);
      process.stdout.write(options.json === true ? versioned.text : describeModel(versioned));
    });
}
