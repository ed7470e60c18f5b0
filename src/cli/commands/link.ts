import type { Command } from 'commander';
import type { Issue } from '../../core/result.js';
import { linkCsvFiles, readLinkSettings, type LinkCsvResult } from '../../pipeline/link-csv.js';
import { CliError, ExitCode } from '../exit-codes.js';

const HELP = `
Links any two CSV files by column mapping, with no labels: the settings file (JSON) names the id
column, how to compare each column (exact, jaro-winkler, damerau-levenshtein, date-yyyymmdd, with
optional term-frequency adjustment), the blocking rules, and how to train (random pairs for u,
deterministic rules with an assumed recall for λ, an EM round robin over at least two blocking
rules for m). Every candidate pair at or above the threshold is written with its match weight,
probability and the level of each comparison. Spaces after commas are trimmed.

Example (FEBRL 4, see docs/febrl4.md):
  nhs-trace link dataset4b.csv dataset4a.csv --settings bench/febrl4-settings.json --out pairs.csv
`;

interface LinkOptions {
  readonly settings: string;
  readonly out?: string;
  readonly threshold?: string;
}

function failWith(issues: readonly Issue[]): never {
  throw new CliError(issues.map((issue) => issue.message).join('\n'), ExitCode.usage);
}

function parseThreshold(text: string | undefined): number | undefined {
  if (text === undefined) {
    return undefined;
  }
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new CliError(`--threshold must be a match weight in bits (a number), not '${text}'`);
  }
  return value;
}

/** The summary printed after linking: sizes, training, blocking and what was written. */
function summary(result: LinkCsvResult, out: string | undefined): string {
  const { run, tables, threshold, written } = result;
  const n = (x: number): string => x.toLocaleString('en-GB');
  const lines = [
    `left ${tables.left.path}: ${n(tables.left.rows.length)} rows; right ${tables.right.path}: ${n(tables.right.rows.length)} rows`,
    `trained without labels: λ ${run.model.lambda.toExponential(3)} from ${n(run.training.lambdaRulePairs)} rule matches; u from ${n(run.training.uPairs)} random pairs; EM on ${run.training.emPasses.map((p) => `${p.rule} (${n(p.pairs)})`).join(', ')}`,
    ...run.blocking.map((c) => `blocking ${c.rule}: ${n(c.pairs)} pairs, ${n(c.newPairs)} new`),
    `scored ${n(run.scored.length)} candidate pairs in ${((run.timings.trainMs + run.timings.scoreMs) / 1000).toFixed(1)} s; ${n(written)} at match weight ≥ ${threshold}${out === undefined ? '' : ` written to ${out}`}`,
  ];
  return lines.join('\n') + '\n';
}

/**
 * Registers `link LEFT RIGHT --settings FILE [--out FILE] [--threshold W]`: generic linking of two
 * CSV files. Without `--out` the pairs CSV goes to standard output and the summary to standard
 * error. Exit 2 on unreadable files, bad settings or a column the settings name that a file lacks.
 * @param program - the root program
 */
export function registerLinkCommand(program: Command): void {
  program
    .command('link')
    .description('Link two CSV files by column mapping (unsupervised Fellegi-Sunter)')
    .argument('<left>', 'left CSV file (with a header row)')
    .argument('<right>', 'right CSV file (with a header row)')
    .requiredOption(
      '--settings <file>',
      'settings JSON: id column, comparisons, blocking, training',
    )
    .option('--out <file>', 'write the scored pairs here (default: standard output)')
    .option('--threshold <w>', 'minimum match weight in bits (default: the settings, else 0)')
    .addHelpText('after', HELP)
    .action(async (left: string, right: string, options: LinkOptions) => {
      const threshold = parseThreshold(options.threshold);
      const settings = await readLinkSettings(options.settings);
      if (!settings.success) {
        failWith(settings.issues);
      }
      const result = await linkCsvFiles({
        leftPath: left,
        rightPath: right,
        settings: settings.data,
        ...(options.out === undefined ? {} : { out: options.out }),
        ...(threshold === undefined ? {} : { threshold }),
      });
      if (!result.success) {
        failWith(result.issues);
      }
      if (result.data.csv !== undefined) {
        process.stdout.write(result.data.csv);
        process.stderr.write(summary(result.data, undefined));
      } else {
        process.stdout.write(summary(result.data, options.out));
      }
    });
}
