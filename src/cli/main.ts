import { Command, CommanderError } from 'commander';
import { registerGenerateCommand } from './commands/generate.js';
import { registerLinkCommand } from './commands/link.js';
import { registerModelCommand } from './commands/model.js';
import { registerNhsNumberCommand } from './commands/nhs-number.js';
import { registerRegisterCommand } from './commands/register.js';
import { registerReviewCommand } from './commands/review.js';
import { registerTraceCommand } from './commands/trace.js';
import { CliError, ExitCode } from './exit-codes.js';

/**
 * Registers every command on a fresh program. Each command lives in `commands/<name>.ts` and
 * exports a `register…(program)` function; add one line here for a new command.
 */
export function buildProgram(): Command {
  const program = new Command('nhs-trace')
    .description('Give every health and social care record a verified NHS Number.')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride();
  registerNhsNumberCommand(program);
  registerGenerateCommand(program);
  registerRegisterCommand(program);
  registerLinkCommand(program);
  registerTraceCommand(program);
  registerModelCommand(program);
  registerReviewCommand(program);
  return program;
}

/**
 * Runs the command line and resolves to the process exit code: 0 success, 1 some inputs invalid,
 * 2 usage or file error. Never throws.
 * @param argv - `process.argv`
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof CliError) {
      process.stderr.write(`nhs-trace: ${error.message}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`nhs-trace: unexpected error: ${message}\n`);
    return ExitCode.usage;
  }
}
