/**
 * `kore-campaigns export` against the emulator: campaigns made out of band (all three modes, several
 * statuses, awkward names, more than one list page) become files that validate, load back as exactly
 * what the server holds, and export again byte for byte.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { clientEnv, DEMO_CREDENTIALS, Emulator, startEmulator, type StoredCampaign } from "pulumi-kore-campaigns/emulator";
import { exportCampaigns } from "../../provider/cli/export";
import { loadDefinitions } from "../../provider/gitops";
import { validateCampaign } from "../../provider/resources/campaign/schema";
import { toWireBody } from "../../provider/resources/campaign/wire";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { argsFromSample, mismatches } from "../e2e/support/campaign-fleet";
import { runCli } from "../../provider/cli/main";

let emulator: Emulator;
let dir: string;
const SAMPLES = [SAMPLE_PROGRESSIVE, SAMPLE_PREVIEW, SAMPLE_AGENTLESS];

/** A campaign put on the server as the console would: a documented body, then a status. */
function outOfBand(i: number, name: string, status?: StoredCampaign["status"] | "Paused" | "Scheduled"): StoredCampaign {
  const args = argsFromSample(SAMPLES[i % 3], name, { priority: String(1 + (i % 5)), contactLists: [`List ${i % 4}`] });
  const checked = validateCampaign(args);
  if (!checked.ok) throw new Error(JSON.stringify(checked.failures));
  const made = emulator.insert(toWireBody(checked.value as never, "create") as never);
  if (status) emulator.setStatus(made.id, status as never);
  return emulator.campaign(made.id)!;
}

function env(): NodeJS.ProcessEnv {
  return { ...clientEnv(emulator.url), KORE_MAX_REQUESTS_PER_SECOND: "unlimited" };
}

beforeAll(async () => {
  // the lists outOfBand() names (campaigns may only name existing lists)
  emulator = await startEmulator({ port: 0, readyDelayMs: 0, contactLists: ["List 0", "List 1", "List 2", "List 3"] });
  outOfBand(0, "Renewals: Q3/2025 (EMEA)", "Active");
  outOfBand(1, "Billing Reminders", "Stopped");
  outOfBand(2, "Survey — Done", "Completed");
  outOfBand(3, "renewals q3 2025 emea"); // the same file stem as the first: gets a suffix
  outOfBand(4, "Paused One", "Paused");
  for (let i = 5; i < 60; i++) outOfBand(i, `Bulk ${String(i).padStart(2, "0")}`, i === 5 ? "Scheduled" : undefined); // more than one page of 50
});

afterAll(async () => emulator?.close());

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-export-"));
  emulator.clearFaults();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const read = (file: string) => fs.readFileSync(path.join(dir, file), "utf8");

test("every campaign becomes one file that validates and loads back as exactly what the server holds", async () => {
  const result = await exportCampaigns({ outDir: dir, env: env() });
  expect(result.failed).toEqual([]);
  expect(result.written).toHaveLength(60);
  const loaded = loadDefinitions(dir);
  expect(loaded.problems).toEqual([]);
  expect(loaded.definitions).toHaveLength(60);
  for (const def of loaded.definitions) {
    const stored = emulator.campaigns().find((c) => c.name === def.spec.name)!;
    expect({ name: def.spec.name, mismatches: mismatches(stored, def.spec as never) }).toEqual({ name: def.spec.name, mismatches: [] });
    expect(def.spec.adoptExisting).toBe(true);
  }
  const modes = new Set(loaded.definitions.map((d) => d.spec.dialingMode));
  expect(modes).toEqual(new Set(["Progressive", "Preview", "Agentless"]));
});

test("file names: safe characters, stable, and a collision gets a suffix", async () => {
  await exportCampaigns({ outDir: dir, env: env() });
  const files = fs.readdirSync(dir).sort();
  expect(files).toContain("renewals-q3-2025-emea.yaml");
  expect(files).toContain("renewals-q3-2025-emea-2.yaml");
  expect(files).toContain("survey-done.yaml");
  expect(files.every((f) => /^[a-z0-9][a-z0-9-]*\.yaml$/.test(f))).toBe(true);
  // the first by name (case-insensitive: " " sorts before ":") keeps the plain stem
  expect(read("renewals-q3-2025-emea.yaml")).toMatch(/^name: renewals q3 2025 emea$/m);
  expect(read("renewals-q3-2025-emea-2.yaml")).toMatch(/^name: "Renewals: Q3\/2025 \(EMEA\)"$/m);
});

test("started follows the status; Completed and Paused say why; no secret or account id in any file", async () => {
  await exportCampaigns({ outDir: dir, env: env() });
  expect(read("renewals-q3-2025-emea-2.yaml")).toMatch(/^started: true$/m);
  expect(read("billing-reminders.yaml")).toMatch(/^started: false$/m);
  expect(read("survey-done.yaml")).toMatch(/^started: false # status Completed: a finished campaign is never dialed again/m);
  expect(read("paused-one.yaml")).toMatch(/^started: false # status Paused: the first up stops it; set started: true to resume it instead$/m);
  // a schedule cannot be read back: the file says so rather than guess one
  expect(read("bulk-05.yaml")).toContain("# Status Scheduled: Kore holds a schedule for it that the API cannot read back. To manage it here, write it under schedule:");
  expect(read("bulk-05.yaml")).toMatch(/^schedule:\n  enabled: false$/m);
  expect(read("bulk-06.yaml")).not.toContain("Status Scheduled");
  const everything = fs.readdirSync(dir).map(read).join("\n");
  expect(everything).not.toContain(DEMO_CREDENTIALS.clientSecret);
  expect(everything).not.toContain(DEMO_CREDENTIALS.accountId);
  expect(everything).not.toContain(DEMO_CREDENTIALS.clientId);
  expect(read("billing-reminders.yaml").startsWith("# yaml-language-server: $schema=../schema/campaign.schema.json\n")).toBe(true);
});

test("a second export is byte-identical", async () => {
  await exportCampaigns({ outDir: dir, env: env() });
  const other = fs.mkdtempSync(path.join(os.tmpdir(), "kore-export-again-"));
  try {
    await exportCampaigns({ outDir: other, env: env() });
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(other, f), "utf8")).toBe(read(f));
    expect(fs.readdirSync(other).sort()).toEqual(fs.readdirSync(dir).sort());
  } finally {
    fs.rmSync(other, { recursive: true, force: true });
  }
});

test("existing files are kept unless --force", async () => {
  fs.writeFileSync(path.join(dir, "billing-reminders.yaml"), "# mine\n");
  const kept = await exportCampaigns({ outDir: dir, env: env(), nameFilter: "billing" });
  expect(kept.skipped).toEqual([{ file: path.join(dir, "billing-reminders.yaml"), reason: "exists (use --force to overwrite)" }]);
  expect(read("billing-reminders.yaml")).toBe("# mine\n");
  const forced = await exportCampaigns({ outDir: dir, env: env(), nameFilter: "billing", force: true });
  expect(forced.written).toEqual([path.join(dir, "billing-reminders.yaml")]);
  expect(read("billing-reminders.yaml")).toMatch(/^name: Billing Reminders$/m);
});

test("a campaign whose details cannot be read is named, the others are written, and the command exits 1", async () => {
  const broken = emulator.campaigns().find((c) => c.name === "Bulk 07")!;
  emulator.failNext({ method: "GET", pathIncludes: broken.id, status: 400, count: 1 });
  const lines: string[] = [];
  const saved = process.env;
  process.env = { ...saved, ...env() };
  let code: number;
  try {
    code = await runCli(["export", "--out", dir, "--name-filter", "bulk"], { out: (l) => lines.push(l), err: () => undefined });
  } finally {
    process.env = saved;
  }
  expect(code).toBe(1);
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^not exported: "Bulk 07" \\(${broken.id}\\): Kore\\.ai API GET .* failed: 400`)));
  expect(lines[lines.length - 1]).toBe("54 written, 0 skipped, 1 not exported");
  expect(fs.existsSync(path.join(dir, "bulk-07.yaml"))).toBe(false);
  expect(fs.existsSync(path.join(dir, "bulk-08.yaml"))).toBe(true);
});

test("no credentials: a clear error naming the settings, and nothing written", async () => {
  const lines: string[] = [];
  const saved = process.env;
  process.env = Object.fromEntries(Object.entries(saved).filter(([k]) => !k.startsWith("KORE_")));
  let code: number;
  try {
    code = await runCli(["export", "--out", dir, "--host", emulator.url], { out: () => undefined, err: (l) => lines.push(l) });
  } finally {
    process.env = saved;
  }
  expect(code).toBe(1);
  expect(lines.join("\n")).toMatch(/appId \(stack config kore:appId, environment KORE_APP_ID\)/);
  expect(fs.readdirSync(dir)).toEqual([]);
});
