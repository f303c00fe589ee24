/**
 * Adopting an existing app:
 * - export_seconds_500: `kore-campaigns export` (the script package.json's `bin` names, run with this node) of an app holding COUNT campaigns made out of
 *   band (the emulator in its own process, its default latency), wall time of the whole command, with the
 *   provider's default request limits (8 in flight, 10 requests/s: the export's floor is the list pages plus
 *   COUNT GETs at that rate), and export_seconds_500_unlimited with KORE_MAX_REQUESTS_PER_SECOND=unlimited.
 * - adopt_api_calls_per_campaign: the first `pulumi up` of the GitOps program over the exported files,
 *   API calls / COUNT (goal: the list pages plus at most one GET per campaign, no writes);
 *   adopt_write_calls: POST creates, PUTs and triggers in that up (goal 0).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { clientEnv } from "pulumi-kore-campaigns/emulator";
import { callKey, countBy, describeCounts, figure, note, packageBin, pool, sized } from "../support/common";
import { EmulatorProcess } from "../support/emulator-process";
import { campaignName, wireBody } from "../support/inputs";
import { PulumiProject } from "../support/pulumi-project";
import { RawClient } from "../support/raw-client";

const COUNT = sized(500, 20);

async function timedExport(outDir: string, env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  const { stdout } = await promisify(execFile)(process.execPath, [packageBin("kore-campaigns"), "export", "--out", outDir], { env, encoding: "utf8" });
  const seconds = (performance.now() - start) / 1000;
  const summary = stdout.trim().split("\n").pop();
  if (summary !== `${COUNT} written, 0 skipped, 0 not exported`) throw new Error(`export said: ${summary}`);
  const files = fs.readdirSync(outDir).filter((f) => f.endsWith(".yaml"));
  if (files.length !== COUNT) throw new Error(`export wrote ${files.length} .yaml files, expected ${COUNT}`);
  return seconds;
}

export async function exportSection(): Promise<void> {
  const emulator = await EmulatorProcess.start({ readyDelayMs: 0 });
  const project = new PulumiProject("bench", {
    "Pulumi.yaml": "name: kore-campaigns\nruntime: nodejs\nmain: index.js\n",
    "package.json": JSON.stringify({ name: "campaigns-repo", private: true }),
    "index.js": 'module.exports = require("pulumi-kore-campaigns/program");\n',
  });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "kore-bench-export-"));
  try {
    const raw = await new RawClient(emulator.url).init();
    const made = await pool(COUNT, 8, (i) => raw.create(wireBody(campaignName("Console made", i))));
    await raw.close();
    if (made.failures.length > 0) throw new Error(`could not pre-create campaigns: ${made.failures.length} failed`);
    const env = { PATH: process.env.PATH, ...clientEnv(emulator.url) };
    note(`export: ${COUNT} campaigns made out of band; exporting`);
    figure(`export_seconds_${COUNT}`, await timedExport(path.join(scratch, "default"), env), 2);
    figure(`export_seconds_${COUNT}_unlimited`, await timedExport(path.join(scratch, "unlimited"), { ...env, KORE_MAX_REQUESTS_PER_SECOND: "unlimited" }), 2);

    // the exported files are valid definitions (their contact lists are declared nowhere: a warning each)
    const checked = await promisify(execFile)(process.execPath, [packageBin("kore-campaigns"), "validate", path.join(scratch, "unlimited")], { encoding: "utf8" });
    const verdict = checked.stdout.trim().split("\n").pop() ?? "";
    if (!verdict.startsWith(`${COUNT} files valid`)) throw new Error(`validate of the exported files said: ${verdict}`);
    note(`  validate of the exported files: ${verdict}`);
    fs.cpSync(path.join(scratch, "unlimited"), path.join(project.dir, "campaigns"), { recursive: true });
    await project.ok(["stack", "init", "bench"]);
    await emulator.clearRequests();
    await project.ok(["up", "--yes", "--skip-preview"], { ...clientEnv(emulator.url), KORE_MAX_REQUESTS_PER_SECOND: "unlimited" });
    const keys = (await emulator.requests()).map(callKey);
    note(`  first up after export: ${describeCounts(countBy(keys))}`);
    const writes = keys.filter((k) => k.startsWith("PUT") || k.endsWith(" play") || k.endsWith(" stop") || (k.startsWith("POST") && k.endsWith("/campaign")));
    figure("adopt_api_calls_per_campaign", keys.length / COUNT, 2);
    figure("adopt_write_calls", writes.length);
    if (writes.length > 0) throw new Error(`the first up after export made ${writes.length} writes, expected none`);
    const gets = keys.filter((k) => k.startsWith("GET")).length;
    if (gets > COUNT || keys.length - gets > Math.ceil(COUNT / 50) + 2) throw new Error(`the first up after export made ${describeCounts(countBy(keys))}: more than the list pages and one GET per campaign`);
  } finally {
    await emulator.stop();
    project.cleanup();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
