/** Where a command writes: standard output and standard error, one line per call (tests capture them). */
export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}
