/**
 * CLI: node dist/emulator/main.js [--port N] [--data-dir DIR] [--ready-delay-ms N] [--enforce-jti] [--contact-list NAME]...
 *                                 [--apps-file FILE]
 * Credentials from KORE_APP_ID, KORE_ACCOUNT_ID, KORE_CLIENT_ID, KORE_CLIENT_SECRET (default: DEMO_CREDENTIALS).
 * Prints exactly `listening on http://127.0.0.1:PORT` on stdout when ready; SIGTERM/SIGINT flush and exit 0.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { validateSeed } from "./contactList";
import { credentialsFromEnv, DEMO_CREDENTIALS, startEmulator, type EmulatorAppOptions, type EmulatorOptions } from "./index";
import { shown } from "./validate";

export const USAGE = `usage: node dist/emulator/main.js [--port N] [--data-dir DIR] [--ready-delay-ms N] [--enforce-jti]
                               [--contact-list NAME]... [--apps-file FILE]

  --port N             port on 127.0.0.1 (default 0: any free port)
  --data-dir DIR       keep campaigns and contact lists in DIR/campaigns.json (default: in memory)
  --ready-delay-ms N   Preparing -> Ready after N ms (default 1000)
  --enforce-jti        refuse tokens without a jti claim, or with a jti already used
  --contact-list NAME  have a contact list named NAME (repeatable); kept if DIR already has it.
                       Campaigns may only name existing lists; a new emulator has none.
  --apps-file FILE     serve more apps beside the first: a JSON array of
                       {"credentials": {appId, accountId, clientId, clientSecret},
                        "faults"?: {...}, "contactLists"?: [...]} (kept out of argv: it holds secrets)

Credentials come from KORE_APP_ID, KORE_ACCOUNT_ID, KORE_CLIENT_ID and KORE_CLIENT_SECRET,
each defaulting to the public demo credentials (see emulator/README.md).`;

export type CliCommand = { kind: "run"; options: EmulatorOptions } | { kind: "help" };

function integerOption(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new Error(`--${name} must be an integer between ${min} and ${max} (got "${value}")`);
  return n;
}

/** The --contact-list names, checked by the create body's rules. */
function contactListOption(names: string[] | undefined): string[] {
  for (const name of names ?? []) {
    const v = validateSeed(name);
    if (!v.ok) throw new Error(`--contact-list ${shown(name)} is refused: ${v.failures.join("; ")}`);
  }
  return names ?? [];
}

/** The --apps-file: a JSON array of EmulatorAppOptions (checked in full by startEmulator). */
function appsOption(file: string | undefined): EmulatorAppOptions[] | undefined {
  if (file === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`--apps-file ${shown(file)} is not readable JSON: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === "object" && a !== null && typeof a.credentials === "object")) {
    throw new Error(`--apps-file ${shown(file)} must hold a JSON array of {"credentials": {...}, "faults"?, "contactLists"?}`);
  }
  return parsed as EmulatorAppOptions[];
}

/** Turns argv (without node and the script) and the environment into emulator options. Throws on bad arguments. */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliCommand {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: "string", short: "p" },
      "data-dir": { type: "string" },
      "ready-delay-ms": { type: "string" },
      "enforce-jti": { type: "boolean" },
      "contact-list": { type: "string", multiple: true },
      "apps-file": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { kind: "help" };
  return {
    kind: "run",
    options: {
      port: integerOption("port", values.port, 0, 65535) ?? 0,
      dataDir: values["data-dir"],
      readyDelayMs: integerOption("ready-delay-ms", values["ready-delay-ms"], 0, 86_400_000),
      enforceJti: values["enforce-jti"] ?? false,
      credentials: credentialsFromEnv(env),
      contactLists: contactListOption(values["contact-list"]),
      apps: appsOption(values["apps-file"]),
    },
  };
}

async function main(): Promise<void> {
  let command: CliCommand;
  try {
    command = parseCli(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (command.kind === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const emulator = await startEmulator(command.options);
  if (emulator.credentials.clientSecret === DEMO_CREDENTIALS.clientSecret) {
    process.stderr.write("emulator: using the public demo credentials (set KORE_* to change them)\n");
  }
  const stop = (signal: string) => {
    process.stderr.write(`emulator: ${signal}, stopping\n`);
    emulator.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`emulator: could not stop cleanly: ${(err as Error)?.message ?? String(err)}\n`);
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  process.stdout.write(`listening on ${emulator.url}\n`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`emulator: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  });
}
