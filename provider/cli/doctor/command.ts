/**
 * The `kore-campaigns doctor` command line: flags, the stack config read through the Pulumi CLI for `--stack`
 * (so the connection is resolved from exactly what the engine would hand the provider), the exit code.
 */
import { execFileSync } from "node:child_process";
import type { SettingSource } from "../../pulumi/connection";
import { readFlags } from "../flags";
import type { CliOutput } from "../output";
import { runDoctor } from "./run";

export const DOCTOR_USAGE = `doctor: checks the connection to a Kore.ai app before any change: host, TLS, clock, credentials, each
endpoint the provider uses (read-only: list, get, status), the answers' shapes, rate-limit headers, answer
times. The last line is "ready" (exit 0) or what to fix first (exit 1).
kore-campaigns doctor [--stack NAME [--cwd DIR]] [--connection NAME] [--write-probe] [--record FILE]
              [--slow-ms N] [--timeout-seconds N] [--probe-queue NAME] [--probe-caller-id +E164]
--stack NAME       the connection from that stack's config (read with \`pulumi config --json --show-secrets\`,
                   in --cwd), as the provider reads it; else the environment (KORE_*)
--connection NAME  a named connection, kore:connections.NAME of the stack's config
--write-probe      also create a throwaway contact list and campaign ("kore-campaigns doctor <time>"), read
                   the campaign back, change its description, and delete both; never starts it
--record FILE      every request and answer as JSON, secrets and tokens removed, ids kept (attach it to a
                   bug report when a shape is not recognised)
--slow-ms N        an answer slower than this fails "answer time" (default 5000)`;

const EXIT = { ready: 0, notReady: 1, usage: 2 } as const;

/** Stack config as the engine hands it to the provider: each kore:* key's value as text (objects as JSON). */
export function stackConfigFromPulumi(stack: string, cwd: string | undefined, env: NodeJS.ProcessEnv = process.env): SettingSource {
  const text = execFileSync("pulumi", ["config", "--json", "--show-secrets", "--stack", stack], { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const parsed = JSON.parse(text) as Record<string, { value?: unknown; objectValue?: unknown }>;
  return (key) => {
    const entry = parsed[key];
    if (entry === undefined) return undefined;
    const value = entry.objectValue ?? entry.value;
    return value === undefined || typeof value === "string" ? value : JSON.stringify(value);
  };
}

const DOCTOR_FLAGS = {
  stack: { type: "string" },
  cwd: { type: "string" },
  connection: { type: "string" },
  "write-probe": { type: "boolean", default: false },
  record: { type: "string" },
  "slow-ms": { type: "string" },
  "timeout-seconds": { type: "string" },
  "probe-queue": { type: "string" },
  "probe-caller-id": { type: "string" },
} as const;

export async function runDoctorCommand(argv: readonly string[], io: CliOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const flags = readFlags(argv, io, { options: DOCTOR_FLAGS, help: DOCTOR_USAGE, usageError: (message) => usage(io, message) });
  if (typeof flags === "number") return flags;
  const { values } = flags;
  const slowMs = whole(values["slow-ms"], "--slow-ms");
  const timeoutSeconds = whole(values["timeout-seconds"], "--timeout-seconds");
  if (typeof slowMs === "string") return usage(io, slowMs);
  if (typeof timeoutSeconds === "string") return usage(io, timeoutSeconds);
  if (values.connection !== undefined && values.stack === undefined) return usage(io, "--connection names an entry of a stack's config: give --stack too");
  let config: SettingSource | undefined;
  if (values.stack !== undefined) {
    try {
      config = stackConfigFromPulumi(values.stack, values.cwd, env);
    } catch (err) {
      // the CLI's words only: its output may hold config values
      const stderr = String((err as { stderr?: unknown }).stderr ?? (err as Error).message).split("\n").find((l) => l.trim() !== "") ?? "";
      io.out(`connection  FAIL  could not read the config of stack ${values.stack} with the Pulumi CLI: ${stderr.slice(0, 200)}`);
      io.out("not ready: fix first: connection: the stack's config could not be read");
      return EXIT.notReady;
    }
  }
  const result = await runDoctor({
    env,
    config,
    connection: values.connection,
    writeProbe: values["write-probe"],
    recordFile: values.record,
    slowMs,
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    probe: { queueName: values["probe-queue"], callerId: values["probe-caller-id"] },
    out: io.out,
  });
  return result.ready ? EXIT.ready : EXIT.notReady;
}

function whole(text: string | undefined, flag: string): number | undefined | string {
  if (text === undefined) return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : `${flag} must be a whole number > 0 (got ${JSON.stringify(text).slice(0, 20)})`;
}

function usage(io: CliOutput, message: string): number {
  io.err(`kore-campaigns doctor: ${message}`);
  io.err("kore-campaigns doctor --help for the options");
  return EXIT.usage;
}
