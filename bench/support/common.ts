/** Output, timing and small helpers shared by the bench sections. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";

/** The repository root: the nearest folder above this file whose package.json is this package's. */
export const REPO_ROOT = findRepoRoot(__dirname);

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-kore-campaigns") return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pulumi-kore-campaigns package.json above ${from}`);
  }
}

/** One figure on stdout: `name: value`. Nothing else goes to stdout. */
export function figure(name: string, value: number | string, decimals = 3): void {
  const shown = typeof value === "number" ? (Number.isInteger(value) ? String(value) : value.toFixed(decimals)) : value;
  process.stdout.write(`${name}: ${shown}\n`);
}

/** Progress and notes, on stderr. */
export function note(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Runs `work(0..count-1)` with at most `concurrency` in flight; collects results and failures (never throws). */
export async function pool<T>(
  count: number,
  concurrency: number,
  work: (i: number) => Promise<T>,
): Promise<{ results: Array<T | undefined>; failures: Array<{ index: number; error: unknown }> }> {
  const results: Array<T | undefined> = new Array(count);
  const failures: Array<{ index: number; error: unknown }> = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      try {
        results[i] = await work(i);
      } catch (error) {
        failures.push({ index: i, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { results, failures };
}

export function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split("\n")[0];
}

/** "POST /agentassist/api/v1/public/:app/campaign" with ids folded, for comparing request sets. */
export function callKey(r: { method: string; path: string; query?: Record<string, string> }): string {
  const trigger = r.query?.trigger ? ` ${r.query.trigger}` : "";
  return `${r.method} ${r.path.replace(/\/public\/[^/]+/, "/public/:app").replace(/cd-[0-9a-f-]+/g, ":id")}${trigger}`;
}

export function countBy(keys: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
  return counts;
}

export function describeCounts(counts: Map<string, number>): string {
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${n} x ${k}`).join(", ") || "none";
}

/** `npm run bench -- --smoke`: every section on a tiny size, checking what it checks at full size (CI runs it). */
export const SMOKE = process.argv.includes("--smoke");

/** A section's size: the full one, or the smoke run's. */
export function sized(full: number, smoke: number): number {
  return SMOKE ? smoke : full;
}

/** The machine's load average (1, 5, 15 min), printed with the figures: times move with it. */
export function load(): string {
  return os.loadavg().map((l) => l.toFixed(2)).join(" ");
}

/** The script a `bin` entry of this package's package.json names, as an install would link it. */
export function packageBin(name: string): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { bin?: Record<string, string> };
  const target = manifest.bin?.[name];
  if (!target) throw new Error(`package.json has no bin entry "${name}"`);
  const script = path.join(REPO_ROOT, target);
  if (!fs.existsSync(script)) throw new Error(`bin "${name}" is ${target}, which does not exist: is the package built?`);
  return script;
}

/** Pages of the SMS listing the provider's name view adds to the voice one (the bench makes no SMS campaign). */
export const SMS_LISTING_PAGES = 1;

/**
 * What a refresh of `campaigns` may call: one campaign GET each, plus the app's campaign listing, once per
 * provider process (refresh reads each campaign's list record beside its GET, for what the GET does not show:
 * its queue or flow name): at most `listPagesAtMost` voice pages, and the SMS listing's page (voice and SMS
 * names are one namespace, so the view lists both). Undefined when the calls are that; else the problem.
 */
export function refreshCallsProblem(keys: readonly string[], campaigns: number, listPagesAtMost: number): string | undefined {
  const gets = keys.filter((k) => k.startsWith("GET") && /\/campaign\/:id$/.test(k)).length;
  const listPages = keys.filter((k) => k.startsWith("POST") && k.endsWith("/campaign/getAllCampaignDetails")).length;
  const allowed = listPagesAtMost + SMS_LISTING_PAGES;
  if (gets === campaigns && gets + listPages === keys.length && listPages <= allowed) return undefined;
  return `the refresh made ${describeCounts(countBy(keys))}, expected ${campaigns} campaign GETs and at most ${allowed} pages of the voice and SMS listings`;
}
