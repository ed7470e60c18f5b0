/** Exit codes shared by every command. */
export const ExitCode = {
  /** Everything worked and every input was valid. */
  ok: 0,
  /** The command ran to the end, but some inputs were invalid or some records failed. */
  someInvalid: 1,
  /** Usage error, unreadable file, or a file that is not what the command expects. */
  usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error a command raises when it cannot go on (bad arguments, a missing file). `main` prints
 * its message, with no stack trace, and exits with `exitCode`.
 */
export class CliError extends Error {
  override name = 'CliError' as const;
  readonly exitCode: ExitCode;

  constructor(message: string, exitCode: ExitCode = ExitCode.usage, options?: ErrorOptions) {
    super(message, options);
    this.exitCode = exitCode;
  }
}
