/**
 * The two ways a command line run ends early, both exit code 2: the user asked for something
 * the command does not take (a hint to --help follows), or an input cannot be read.
 */

/** Wrong usage: unknown command or option, missing value or file. */
export class UsageError extends Error {
  /** The command whose --help explains the usage; absent for the command line as a whole. */
  readonly command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** A file or profile that cannot be opened or read. */
export class InputError extends Error {}
