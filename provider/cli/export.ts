/**
 * `kore-campaigns export`: brings an existing Kore.ai app under GitOps. Lists every voice campaign of
 * the app (all pages), reads each one's details, and writes one definition file per campaign, exactly
 * as the GitOps loader reads it, with `adoptExisting: true` and `started` from the campaign's status
 * (status.ts), so that the first `up` takes every campaign over without a write when nothing differs.
 *
 * The connection comes from the environment (`KORE_*`, as the provider reads it) and the
 * `--host/--app-id/--account-id` flags; never a secret on the command line. Every call goes through
 * the per-app request scheduler (rate limit, 429 handling). Files are never overwritten without
 * `force`; a campaign that cannot be exported is named with the reason, and the others are still written.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { KoreClient, type WireCampaign } from "../kore-api/client";
import { resolveConnection, secretsOf, type TargetInput } from "../pulumi/connection";
import { redactSecrets } from "../kore-api/errors";
import { renderDefinitionFile, uniqueFileStems } from "../gitops/render";
import { AdaptiveScheduler } from "../kore-api/scheduler";
import { validateCampaign, type CampaignSpec } from "../resources/campaign/schema";
import { readSettings } from "../pulumi/settings";
import { campaignAsItIs } from "../resources/campaign/from-server";
import { printable } from "../gitops/format";
import { messageOf } from "../util/values";

export interface ExportOptions {
  outDir: string;
  nameFilter?: string;
  force?: boolean;
  target?: TargetInput;
  env?: NodeJS.ProcessEnv;
  /** progress lines (stderr in the CLI) */
  progress?: (line: string) => void;
}

export interface ExportResult {
  written: string[];
  skipped: Array<{ file: string; reason: string }>;
  /** `campaign` and `reason` hold server text made printable (one line, no control character) */
  failed: Array<{ campaign: string; reason: string }>;
  /** written, but a person must add what the API cannot read (a schedule Kore holds) before the first up */
  incomplete: Array<{ file: string; reason: string }>;
}

/** A server name for one line of output: control characters (newline, ESC) as \uXXXX, cut short. */
function shownName(name: string): string {
  const line = printable(name);
  return line.length > 80 ? `${line.slice(0, 80)}...` : line;
}

interface Planned {
  record: WireCampaign;
  name: string;
  file: string;
}

/** How many campaigns' details are read at once (the scheduler still caps what reaches Kore). */
const DETAIL_READS_IN_FLIGHT = 8;

export async function exportCampaigns(options: ExportOptions): Promise<ExportResult> {
  const env = options.env ?? process.env;
  const conn = resolveConnection(options.target, () => undefined, env);
  const settings = readSettings(() => undefined, env);
  const scheduler = new AdaptiveScheduler({ maxConcurrency: settings.maxConcurrency, maxRequestsPerSecond: settings.maxRequestsPerSecond });
  const client = new KoreClient(conn.target, conn.credentials, { scheduler, deadlineMs: settings.requestDeadlineMs });
  try {
    return await exportWith(client, options, secretsOf(conn));
  } finally {
    await client.close();
  }
}

async function exportWith(client: KoreClient, options: ExportOptions, secrets: readonly string[]): Promise<ExportResult> {
  const progress = options.progress ?? (() => undefined);
  const scrub = (err: unknown) => redactSecrets(messageOf(err), secrets);

  progress("listing the app's voice campaigns...");
  const unlisted: ExportResult["failed"] = [];
  // a record with no id or a bad one is named and left out; the others are exported
  const all = await client.listAllCampaigns({
    onSkipped: (r) => unlisted.push({ campaign: `list record ${r.position} of page ${r.page}${r.name === undefined ? "" : ` ("${shownName(r.name)}")`}`, reason: `${printable(r.problem)}; left out` }),
  });
  const filter = options.nameFilter?.toLowerCase();
  const chosen = all
    .map((record) => ({ record, name: typeof record.name === "string" ? record.name : "" }))
    .filter((c) => filter === undefined || c.name.toLowerCase().includes(filter))
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.record.id.localeCompare(b.record.id));
  const stems = uniqueFileStems(chosen.map((c) => c.name));
  const planned: Planned[] = chosen.map((c, i) => ({ ...c, file: path.join(options.outDir, `${stems[i]}.yaml`) }));
  progress(`${all.length} campaigns in the app, ${planned.length} to export`);

  fs.mkdirSync(options.outDir, { recursive: true });
  const result: ExportResult = { written: [], skipped: [], failed: unlisted, incomplete: [] };
  let done = 0;
  const one = async (p: Planned) => {
    const label = `"${shownName(p.name)}" (${p.record.id})`;
    try {
      const existing = lstatOrUndefined(p.file);
      if (existing && (existing.isSymbolicLink() || !existing.isFile())) {
        result.skipped.push({ file: p.file, reason: `is ${existing.isSymbolicLink() ? "a symbolic link" : "not a plain file"} (never written through, even with --force)` });
        return;
      }
      if (!options.force && existing) {
        result.skipped.push({ file: p.file, reason: "exists (use --force to overwrite)" });
        return;
      }
      const made = fileFor(p.record, await client.getCampaign(p.record.id));
      if ("problem" in made) result.failed.push({ campaign: label, reason: made.problem });
      else {
        if (options.force) replaceFile(p.file, made.text);
        else fs.writeFileSync(p.file, made.text, { flag: "wx" });
        result.written.push(p.file);
        if (made.incomplete) result.incomplete.push({ file: p.file, reason: made.incomplete });
      }
    } catch (err) {
      result.failed.push({ campaign: label, reason: printable(scrub(err)) });
    } finally {
      done += 1;
      if (done % 50 === 0 || done === planned.length) progress(`exported ${done}/${planned.length}`);
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < planned.length) await one(planned[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(DETAIL_READS_IN_FLIGHT, planned.length) }, worker));
  result.written.sort();
  return result;
}

function lstatOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch {
    return undefined;
  }
}

/**
 * --force: the new text goes to a fresh file beside the old one (created exclusively), then is renamed over it.
 * A rename replaces the directory entry itself, so a symbolic link put there after the check is replaced, never
 * followed: nothing outside the out folder is written.
 */
function replaceFile(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  fs.writeFileSync(temp, text, { flag: "wx" });
  try {
    fs.renameSync(temp, file);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/**
 * No documented call reads a schedule back (schedule.ts): the file says what is true (a schedule is enabled,
 * started: false) and leaves start, end and repeat out, so the file does not validate until a person writes them
 * (never "no schedule", which the next PUT would send as isSchedulingEnabled: false).
 */
const SCHEDULED_NOTE =
  "Kore holds a schedule for it that the API cannot read back: copy its start, end and repeat (UTC) from the Kore.ai console under schedule: before the first up (validate says what is missing).";
export const SCHEDULE_UNREAD = "start, end and repeat: not readable through the API; write them from the console";

/** The file's text for one campaign, or why it cannot be written; `incomplete` when a person must add what could not be read. */
export function fileFor(listRecord: WireCampaign, details: WireCampaign): { text: string; incomplete?: string } | { problem: string } {
  const { definition, observed, status, started, startedNote, holdsSchedule } = campaignAsItIs(details, listRecord);
  // every field but an unreadable schedule is checked and normalized by the schema
  const checked = validateCampaign({ ...definition, schedule: { enabled: false }, started, adoptExisting: true });
  if (!checked.ok) {
    return { problem: `what Kore answered is not a valid definition: ${checked.failures.map((f) => printable(f.message)).slice(0, 5).join("; ")}` };
  }
  const spec = checked.value as CampaignSpec;
  const text = renderDefinitionFile(
    { ...spec, priority: Number(spec.priority), ...(holdsSchedule ? { schedule: { enabled: true } } : {}) } as unknown as CampaignSpec,
    {
      header: [
        `Exported from Kore.ai by kore-campaigns export (campaign ${observed.id}, status ${status ?? "unknown"}).`,
        "adoptExisting: true lets the first up take the existing campaign over (no duplicate); it can stay.",
        ...(holdsSchedule ? [SCHEDULED_NOTE] : []),
      ],
      started: startedNote,
      ...(holdsSchedule ? { schedule: SCHEDULE_UNREAD } : {}),
    },
  );
  return holdsSchedule ? { text, incomplete: `Kore holds a schedule for it: write its start, end and repeat from the console (the API cannot read them)` } : { text };
}
