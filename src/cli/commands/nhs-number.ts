import type { Command } from 'commander';
import { CliError, ExitCode } from '../exit-codes.js';
import { validateCsvColumn } from './nhs-number-csv.js';
import { LineWriter, OutputClosedError } from './nhs-number-output.js';
import { nhsNumberVerdict, summaryLine, type ValidationCounts } from './nhs-number-report.js';

/** The options of `nhs-number validate`, as commander parses them. */
interface ValidateOptions {
  readonly csv?: string;
  readonly column?: string;
  readonly invalidOnly?: boolean;
  readonly skipEmpty?: boolean;
}

const VALIDATE_HELP = `
Output: one line per number.
  943 476 5919  valid    unallocated-test
  "9876544321"  invalid  bad-check-digit: the check digit is 1 but Modulus 11 gives 2
A valid number is shown in the 3 3 4 format with its advisory range (the range never makes a
number invalid). An invalid one is shown as given, with the reason: empty, non-digit,
wrong-length, check-digit-10 or bad-check-digit. With --csv each line starts with the file's
line number ("line 7"), a row with the wrong number of fields is reported as wrong-column-count,
and a count of rows goes to stderr.

Exit status: 0 all valid, 1 some invalid, 2 usage or file error.

Examples:
  nhs-trace nhs-number validate 9434765919 "943 476 5919" 943-476-5919
  nhs-trace nhs-number validate --csv patients.csv --column NHS_NUMBER
  nhs-trace nhs-number validate --csv patients.csv --column NHS_NUMBER --invalid-only
  nhs-trace nhs-number validate --csv extract.csv --column NHS_NO --skip-empty --invalid-only
`;

async function validateArguments(
  numbers: readonly string[],
  invalidOnly: boolean,
): Promise<ValidationCounts> {
  const writer = new LineWriter(process.stdout);
  let invalid = 0;
  try {
    for (const input of numbers) {
      const verdict = nhsNumberVerdict(input);
      if (!verdict.valid) {
        invalid += 1;
      }
      if (!verdict.valid || !invalidOnly) {
        await writer.line(verdict.text);
      }
    }
  } finally {
    await writer.close();
  }
  return { checked: numbers.length, invalid };
}

/** Stops quietly, with exit code 2 (the run did not finish), when the reader of stdout has gone. */
async function runValidate(numbers: readonly string[], options: ValidateOptions): Promise<void> {
  try {
    await validate(numbers, options);
  } catch (error) {
    if (!(error instanceof OutputClosedError)) {
      throw error;
    }
    process.exitCode = ExitCode.usage;
  }
}

async function validate(numbers: readonly string[], options: ValidateOptions): Promise<void> {
  const invalidOnly = options.invalidOnly === true;
  if (options.csv !== undefined && numbers.length > 0) {
    throw new CliError('give NHS Numbers as arguments or --csv FILE, not both');
  }
  if (options.csv === undefined && (options.column !== undefined || options.skipEmpty === true)) {
    throw new CliError('--column and --skip-empty need --csv FILE');
  }
  let counts: ValidationCounts;
  if (options.csv !== undefined) {
    counts = await validateCsvColumn({
      file: options.csv,
      column: options.column,
      out: process.stdout,
      invalidOnly,
      skipEmpty: options.skipEmpty === true,
    });
    process.stderr.write(`${options.csv}: ${summaryLine(counts, 'rows')}\n`);
  } else if (numbers.length > 0) {
    counts = await validateArguments(numbers, invalidOnly);
    if (invalidOnly) {
      process.stderr.write(`${summaryLine(counts, 'numbers')}\n`);
    }
  } else {
    throw new CliError('give one or more NHS Numbers, or --csv FILE --column NAME');
  }
  process.exitCode = counts.invalid > 0 ? ExitCode.someInvalid : ExitCode.ok;
}

/**
 * Adds `nhs-number` and its `validate` subcommand: checks NHS Numbers given as arguments, or one
 * column of a CSV file of any size (streamed), with Modulus 11, and prints one line per number.
 * Exit code 0 when all are valid, 1 when some are not, 2 for a usage or file error.
 * @param program - the root `nhs-trace` command
 */
export function registerNhsNumberCommand(program: Command): void {
  const nhsNumber = program
    .command('nhs-number')
    .description('Check NHS Numbers: format and Modulus 11 check digit');
  nhsNumber
    .command('validate')
    .description('Check NHS Numbers given as arguments, or a column of a CSV file')
    .argument('[numbers...]', 'NHS Numbers; quote one written with spaces ("943 476 5919")')
    .option('--csv <file>', 'check a column of this CSV file instead (streamed, any size)')
    .option('--column <name>', 'with --csv: the header of the column holding the NHS Numbers')
    .option('--invalid-only', 'print only the invalid ones, and a count on stderr')
    .option(
      '--skip-empty',
      'with --csv: a blank cell means no number is held; count it apart, not as invalid',
    )
    .addHelpText('after', VALIDATE_HELP)
    .action(async (numbers: string[], options: ValidateOptions) => {
      await runValidate(numbers, options);
    });
}
