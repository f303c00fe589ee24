/**
 * A PostgreSQL server for the Pulumi CLI's PostgreSQL state backend, from scripts/postgres.sh
 * (KORE_E2E_POSTGRES_URL when set, else a local server, installed and started on first use), and
 * `psql` to look at the table the backend keeps its blobs in.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import * as path from "node:path";
import { REPO_ROOT } from "./pulumi-project";

export type PostgresServer = { url: string; error?: undefined } | { url?: undefined; error: string };

/** Runs scripts/postgres.sh once: its last stdout line, or (exit non-zero) its stderr as the reason. */
export function postgresServer(): PostgresServer {
  const run = spawnSync("bash", [path.join(REPO_ROOT, "scripts", "postgres.sh")], { encoding: "utf8", timeout: 600_000 });
  const url = (run.stdout ?? "").trim().split("\n").pop() ?? "";
  if (run.status === 0 && url.startsWith("postgres://")) return { url };
  const why = run.error ? String(run.error) : `exit ${run.status ?? run.signal}`;
  return { error: `scripts/postgres.sh could not provide a PostgreSQL server (${why}):\n${redactUrls(run.stderr ?? "")}` };
}

/** The password of every postgres:// URL in `text` replaced by ****. */
export function redactUrls(text: string): string {
  return text.replace(/(postgres(?:ql)?:\/\/[^:/@\s]*:)[^@\s]*@/g, "$1****@");
}

/** The password part of a postgres:// URL (to check it is printed nowhere). */
export function passwordOf(url: string): string {
  return decodeURIComponent(new URL(url).password);
}

/** The URL with `table=<table>` added: the backend keeps its blobs in that table (created on first use). */
export function withTable(url: string, table: string): string {
  const u = new URL(url);
  u.searchParams.set("table", table);
  return u.toString();
}

/** The URL without its password (give it in PGPASSWORD instead: then it is in no output and not in credentials.json). */
export function withoutPassword(url: string): string {
  const u = new URL(url);
  u.password = "";
  return u.toString();
}

/** The database named in the URL: the backend's keys start with it (`<db>/.pulumi/stacks/...`). */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

const PSQL_ARGS = ["-X", "-q", "-t", "-A", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c"];
const rows = (out: string) =>
  out
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => l.split("\t"));

/** sql() without blocking the event loop (for polling while an in-process emulator serves requests). */
export function sqlAsync(url: string, statement: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    execFile("psql", [url, ...PSQL_ARGS, statement], { encoding: "utf8", env: { ...process.env, PGCONNECT_TIMEOUT: "5" } }, (err, stdout, stderr) => {
      if (err) reject(new Error(`psql (${redactUrls(url)}) failed: ${redactUrls(stderr)}\n  for: ${statement}`));
      else resolve(rows(stdout));
    });
  });
}

/** One SQL statement through psql; rows as arrays of columns (unaligned, tab-separated). */
export function sql(url: string, statement: string): string[][] {
  let out: string;
  try {
    out = execFileSync("psql", [url, ...PSQL_ARGS, statement], {
      encoding: "utf8",
      env: { ...process.env, PGCONNECT_TIMEOUT: "5" },
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (err) {
    const e = err as { status?: number; stderr?: string };
    throw new Error(`psql (${redactUrls(url)}) exited ${e.status}: ${redactUrls(String(e.stderr ?? err))}\n  for: ${statement}`); // no password in the message
  }
  return rows(out);
}
