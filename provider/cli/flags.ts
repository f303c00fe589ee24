/**
 * The one way a kore-campaigns command reads its flags: node's parseArgs, strict, with -h/--help added; the help
 * text or a usage error answers as the command's exit code, so each command reads: flags, or return.
 */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { messageOf } from "../util/values";
import type { CliOutput } from "./output";

type Options = NonNullable<ParseArgsConfig["options"]>;

const HELP = { help: { type: "boolean", short: "h" } } as const;

export interface FlagSpec<O extends Options> {
  /** The command's flags (parseArgs' options), --help aside. */
  options: O;
  /** Whether arguments that are not flags are taken (default: refused). */
  positionals?: boolean;
  /** Printed on stdout for --help (exit 0). */
  help: string;
  /** Reports a flag that is unknown or malformed; returns the command's exit code for it. */
  usageError(message: string): number;
}

type Config<O extends Options> = { args: string[]; allowPositionals: boolean; strict: true; options: O & typeof HELP };

/** What parseArgs gives for a command's flags: `values` (typed by the options) and `positionals`. */
export type Flags<O extends Options> = ReturnType<typeof parseArgs<Config<O>>>;

/** The parsed flags and positionals, or the exit code when the flags asked for help or were wrong. */
export function readFlags<const O extends Options>(argv: readonly string[], io: CliOutput, spec: FlagSpec<O>): Flags<O> | number {
  const config: Config<O> = { args: [...argv], allowPositionals: spec.positionals ?? false, strict: true, options: { ...spec.options, ...HELP } };
  let parsed: Flags<O>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    return spec.usageError(messageOf(err));
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(spec.help);
    return 0;
  }
  return parsed;
}
