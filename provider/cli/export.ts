/**
 * `kore-campaigns export`: brings an existing Kore.ai app under GitOps. Lists every voice campaign and every
 * SMS campaign of the app (all pages), reads each one's details, and writes one definition file per
 * campaign, exactly as the GitOps loader reads it (voice campaigns in the out folder, SMS campaigns in
 * `sms-campaigns/` beside it), with `adoptExisting: true` and `started` from the campaign's status
 * (status.ts), so that the first `up` takes every campaign over without a write when nothing differs.
 * What each file holds, and what the API never shows, is export-files.ts's.
 *
 * The connection comes from the environment (`KORE_*`, as the provider reads it) and the
 * `--host/--app-id/--account-id` flags; never a secret on the command line. Every call goes through
 * the per-app request scheduler (rate limit, 429 handling). Files are never overwritten without
 * `force`; a campaign that cannot be exported is named with the reason, and the others are still written
 * (a channel whose listing fails is named so, and the other channel is still exported).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { KoreClient, type WireCampaign } from "../kore-api/client";
import type { CampaignType } from "../kore-api/endpoints";
import { resolveConnection, secretsOf, type TargetInput } from "../pulumi/connection";
import { redactSecrets } from "../kore-api/errors";
import { uniqueFileStems } from "../gitops/render";
import { CONTACT_LISTS_FOLDER, SMS_CAMPAIGNS_FOLDER } from "../gitops/file-kinds";
import { AdaptiveScheduler } from "../kore-api/scheduler";
import { readSettings } from "../pulumi/settings";
import { printable } from "../gitops/format";
import { messageOf } from "../util/values";
import { shownText, smsFileFor, voiceFileFor, type FileMade } from "./export-files";

export interface ExportOptions {
  /** the voice campaigns' folder; SMS campaigns go to `sms-campaigns/` beside it */
  outDir: string;
  nameFilter?: string;
  force?: boolean;
  target?: TargetInput;
  env?: NodeJS.ProcessEnv;
  /** progress lines (stderr in the CLI) */
  progress?: (line: string) => void;
}

export interface ExportResult {
  /** voice files, then SMS files, each in name order */
  written: string[];
  skipped: Array<{ file: string; reason: string }>;
  /** `campaign` and `reason` hold server text made printable (one line, no control character) */
  failed: Array<{ campaign: string; reason: string }>;
  /** written, but a person must add what the API cannot read (a schedule Kore holds, an SMS flow's name, a template's body) before the first up */
  incomplete: Array<{ file: string; reason: string }>;
}

/** One channel of the app as export writes it: its listing, its folder, its files. */
interface ExportChannel {
  type: CampaignType;
  /** "voice campaigns", "SMS campaigns" */
  plural: string;
  /** put before "list record 3 of page 1" (the voice wording has none) */
  recordPrefix: string;
  folder: string;
  fileFor(listRecord: WireCampaign, details: WireCampaign): FileMade;
}

/** The SMS folder beside the voice one, as the loader finds it (gitops/read.ts: `folder/../sms-campaigns`). */
export function smsFolderBeside(outDir: string): string {
  return path.join(outDir, "..", SMS_CAMPAIGNS_FOLDER);
}

function channelsFor(outDir: string): ExportChannel[] {
  return [
    { type: "voice", plural: "voice campaigns", recordPrefix: "", folder: outDir, fileFor: voiceFileFor },
    { type: "sms", plural: "SMS campaigns", recordPrefix: "SMS ", folder: smsFolderBeside(outDir), fileFor: smsFileFor },
  ];
}

/**
 * The out folder holds voice campaign files: a folder the loader reads as another kind (sms-campaigns,
 * contact-lists) is refused, as its files would be read as SMS campaigns or lists.
 */
export function outFolderProblem(outDir: string): string | undefined {
  const name = path.basename(path.resolve(outDir));
  if (name === SMS_CAMPAIGNS_FOLDER || name === CONTACT_LISTS_FOLDER) {
    return `--out ${JSON.stringify(outDir)}: the loader reads a folder named ${name} as ${name === SMS_CAMPAIGNS_FOLDER ? "SMS campaigns" : "contact lists"}; give the voice campaigns' folder (such as campaigns/): SMS campaigns are written to ${SMS_CAMPAIGNS_FOLDER}/ beside it`;
  }
  return undefined;
}

interface Planned {
  channel: ExportChannel;
  record: WireCampaign;
  name: string;
  file: string;
}

/** How many campaigns' details are read at once (the scheduler still caps what reaches Kore). */
const DETAIL_READS_IN_FLIGHT = 8;

export async function exportCampaigns(options: ExportOptions): Promise<ExportResult> {
  const refused = outFolderProblem(options.outDir);
  if (refused) throw new Error(refused);
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
  const result: ExportResult = { written: [], skipped: [], failed: [], incomplete: [] };
  for (const channel of channelsFor(options.outDir)) {
    result.written.push(...(await exportChannel(client, channel, options, secrets, result)));
  }
  return result;
}

/** One channel: its listing, then each chosen campaign's details and file; the files written, the rest recorded in `result`. */
async function exportChannel(client: KoreClient, channel: ExportChannel, options: ExportOptions, secrets: readonly string[], result: ExportResult): Promise<string[]> {
  const progress = options.progress ?? (() => undefined);
  const scrub = (err: unknown) => redactSecrets(messageOf(err), secrets);

  progress(`listing the app's ${channel.plural}...`);
  let all: WireCampaign[];
  try {
    // a record with no id or a bad one is named and left out; the others are exported
    all = await client.listAllCampaigns({
      type: channel.type,
      onSkipped: (r) =>
        result.failed.push({
          campaign: `${channel.recordPrefix}list record ${r.position} of page ${r.page}${r.name === undefined ? "" : ` ("${shownText(r.name)}")`}`,
          reason: `${printable(r.problem)}; left out`,
        }),
    });
  } catch (err) {
    result.failed.push({ campaign: `the app's ${channel.plural}`, reason: `listing them failed: ${printable(scrub(err))}; none of them exported` });
    return [];
  }
  const filter = options.nameFilter?.toLowerCase();
  const chosen = all
    .map((record) => ({ record, name: typeof record.name === "string" ? record.name : "" }))
    .filter((c) => filter === undefined || c.name.toLowerCase().includes(filter))
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.record.id.localeCompare(b.record.id));
  const stems = uniqueFileStems(chosen.map((c) => c.name));
  const planned: Planned[] = chosen.map((c, i) => ({ ...c, channel, file: path.join(channel.folder, `${stems[i]}.yaml`) }));
  progress(`${all.length} ${channel.plural} in the app, ${planned.length} to export`);
  if (planned.length === 0 && channel.type !== "voice") return []; // no empty sms-campaigns/ for an app without any

  fs.mkdirSync(channel.folder, { recursive: true });
  // gathered here and added in the planned order (names), so the output does not depend on which read finished first
  const written: string[] = [];
  const skipped: Array<ExportResult["skipped"][number] & { at: number }> = [];
  const failed: Array<ExportResult["failed"][number] & { at: number }> = [];
  const incomplete: Array<ExportResult["incomplete"][number] & { at: number }> = [];
  let done = 0;
  const one = async (p: Planned, at: number) => {
    const label = `${channel.type === "voice" ? "" : "SMS campaign "}"${shownText(p.name)}" (${p.record.id})`;
    try {
      const existing = lstatOrUndefined(p.file);
      if (existing && (existing.isSymbolicLink() || !existing.isFile())) {
        skipped.push({ at, file: p.file, reason: `is ${existing.isSymbolicLink() ? "a symbolic link" : "not a plain file"} (never written through, even with --force)` });
        return;
      }
      if (!options.force && existing) {
        skipped.push({ at, file: p.file, reason: "exists (use --force to overwrite)" });
        return;
      }
      const made = channel.fileFor(p.record, await client.getCampaign(p.record.id));
      if ("problem" in made) failed.push({ at, campaign: label, reason: made.problem });
      else {
        if (options.force) replaceFile(p.file, made.text);
        else fs.writeFileSync(p.file, made.text, { flag: "wx" });
        written.push(p.file);
        if (made.incomplete) incomplete.push({ at, file: p.file, reason: made.incomplete });
      }
    } catch (err) {
      failed.push({ at, campaign: label, reason: printable(scrub(err)) });
    } finally {
      done += 1;
      if (done % 50 === 0 || done === planned.length) progress(`exported ${done}/${planned.length} ${channel.plural}`);
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < planned.length) {
      const at = next++;
      await one(planned[at], at);
    }
  };
  await Promise.all(Array.from({ length: Math.min(DETAIL_READS_IN_FLIGHT, planned.length) }, worker));
  const byAt = (a: { at: number }, b: { at: number }) => a.at - b.at;
  result.skipped.push(...skipped.sort(byAt).map(({ at: _at, ...k }) => k));
  result.failed.push(...failed.sort(byAt).map(({ at: _at, ...f }) => f));
  result.incomplete.push(...incomplete.sort(byAt).map(({ at: _at, ...i }) => i));
  return written.sort();
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
