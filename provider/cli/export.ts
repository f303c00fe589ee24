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
import { startedFromStatus } from "../resources/campaign/status";
import { fromWireCampaign } from "../resources/campaign/wire";

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
  failed: Array<{ campaign: string; reason: string }>;
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
  const scrub = (err: unknown) => redactSecrets(err instanceof Error ? err.message : String(err), secrets);

  progress("listing the app's voice campaigns...");
  const all = await client.listAllCampaigns();
  const filter = options.nameFilter?.toLowerCase();
  const chosen = all
    .map((record) => ({ record, name: typeof record.name === "string" ? record.name : "" }))
    .filter((c) => filter === undefined || c.name.toLowerCase().includes(filter))
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()) || a.record.id.localeCompare(b.record.id));
  const stems = uniqueFileStems(chosen.map((c) => c.name));
  const planned: Planned[] = chosen.map((c, i) => ({ ...c, file: path.join(options.outDir, `${stems[i]}.yaml`) }));
  progress(`${all.length} campaigns in the app, ${planned.length} to export`);

  fs.mkdirSync(options.outDir, { recursive: true });
  const result: ExportResult = { written: [], skipped: [], failed: [] };
  let done = 0;
  const one = async (p: Planned) => {
    const label = `"${p.name}" (${p.record.id})`;
    try {
      if (!options.force && fs.existsSync(p.file)) {
        result.skipped.push({ file: p.file, reason: "exists (use --force to overwrite)" });
        return;
      }
      const made = fileFor(p.record, await client.getCampaign(p.record.id));
      if ("problem" in made) result.failed.push({ campaign: label, reason: made.problem });
      else {
        fs.writeFileSync(p.file, made.text, { flag: options.force ? "w" : "wx" });
        result.written.push(p.file);
      }
    } catch (err) {
      result.failed.push({ campaign: label, reason: scrub(err) });
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

/** No documented call reads a schedule back (schedule.ts): the file says so instead of guessing one. */
const SCHEDULED_NOTE =
  "Status Scheduled: Kore holds a schedule for it that the API cannot read back. To manage it here, write it under schedule: (enabled: true, start, end, repeat) and set started: false.";

/** The file's text for one campaign, or why it cannot be written. */
export function fileFor(listRecord: WireCampaign, details: WireCampaign): { text: string } | { problem: string } {
  // Details first, the list record for what they lack (the list carries `connection`, the queue or flow name).
  const fromList = fromWireCampaign(listRecord).definition;
  const { definition, observed } = fromWireCampaign(details, fromList);
  const status = observed.status ?? (typeof listRecord.status === "string" ? listRecord.status : undefined);
  const { started, note } = startedFromStatus(status);
  const checked = validateCampaign({ ...definition, started, adoptExisting: true });
  if (!checked.ok) {
    return { problem: `what Kore answered is not a valid definition: ${checked.failures.map((f) => f.message).slice(0, 5).join("; ")}` };
  }
  const spec = checked.value as CampaignSpec;
  const text = renderDefinitionFile(
    { ...spec, priority: Number(spec.priority) } as unknown as CampaignSpec,
    {
      header: [
        `Exported from Kore.ai by kore-campaigns export (campaign ${observed.id}, status ${status ?? "unknown"}).`,
        "adoptExisting: true lets the first up take the existing campaign over (no duplicate); it can stay.",
        ...(status === "Scheduled" ? [SCHEDULED_NOTE] : []),
      ],
      started: note,
    },
  );
  return { text };
}
