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
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { runCli } from "../../provider/cli/main";
import { startRewritingProxy, type RewritingProxy } from "../support/rewriting-proxy";

let emulator: Emulator;
let dir: string;
const SAMPLES = [SAMPLE_PROGRESSIVE, SAMPLE_PREVIEW, SAMPLE_AGENTLESS];

/**
 * A campaign put on the server as the console (or another client) would make it, not as our serializer writes:
 * a documented sample body, then the console's own spellings: priority a number on every other one, calling
 * windows out of order with times like "09:00 am" on every third; the emulator answers with `_id` only.
 */
function outOfBand(i: number, name: string, status?: StoredCampaign["status"] | "Paused" | "Scheduled"): StoredCampaign {
  const made = emulator.insert({ ...(SAMPLES[i % 3] as Record<string, unknown>), name, contactLists: [`List ${i % 4}`], priority: String(1 + (i % 5)) });
  if (i % 2 === 1) emulator.mutate(made.id, { priority: 1 + (i % 5) });
  if (i % 3 === 0) {
    const strategy = structuredClone(made.dialingStrategy) as { callingHours: { days: Array<{ day: string; start: string; end: string }> } };
    strategy.callingHours.days = [...strategy.callingHours.days].reverse().map((d) => ({ ...d, start: "09:00 am", end: "06:00 pm" }));
    emulator.mutate(made.id, { dialingStrategy: strategy });
  }
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

test("every campaign becomes one file that validates and loads back as what the server holds, in the definition's spelling", async () => {
  const result = await exportCampaigns({ outDir: dir, env: env() });
  expect(result.failed).toEqual([]);
  expect(result.written).toHaveLength(60);
  // the Scheduled one is written to be completed by hand (its schedule cannot be read): the other 59 validate
  expect(result.incomplete).toEqual([{ file: path.join(dir, "bulk-05.yaml"), reason: expect.stringContaining("write its start, end and repeat from the console") }]);
  fs.renameSync(path.join(dir, "bulk-05.yaml"), path.join(dir, "bulk-05.yaml.todo"));
  const loaded = loadDefinitions(dir);
  expect(loaded.problems).toEqual([]);
  expect(loaded.definitions).toHaveLength(59);
  expect(loaded.definitions.every((d) => d.spec.adoptExisting === true)).toBe(true);
  expect(new Set(loaded.definitions.map((d) => d.spec.dialingMode))).toEqual(new Set(["Progressive", "Preview", "Agentless"]));
  const spec = (name: string) => loaded.definitions.find((d) => d.spec.name === name)!.spec as Record<string, any>;
  // i = 0: Progressive sample, priority the string "1", windows reversed as "09:00 am" - "06:00 pm": in week order, the docs' spelling
  const weekdays = ["MO", "TU", "WE", "TH", "FR"];
  expect(spec("Renewals: Q3/2025 (EMEA)")).toMatchObject({
    priority: "1",
    dialingMode: "Progressive",
    queueName: "Default Queue",
    contactLists: ["List 0"],
    dialingStrategy: { callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: weekdays.map((day) => ({ day, start: "9:00 AM", end: "6:00 PM" })) } },
    started: true,
  });
  // i = 1: Preview sample, priority the number 2, the sample's "9:00 AM" - "6:00 PM" windows in order
  expect(spec("Billing Reminders")).toMatchObject({
    priority: "2",
    dialingMode: "Preview",
    maxSkips: 1,
    contactLists: ["List 1"],
    dialingStrategy: { callerId: { phoneNumber: "+181234567" }, callingHours: { days: weekdays.map((day) => ({ day, start: "9:00 AM", end: "6:00 PM" })) }, maxRingTime: 30 },
    started: false,
  });
  // i = 2: Agentless sample, the flow's name from the record (Kore answers the id, experienceFlow, beside it)
  expect(spec("Survey — Done")).toMatchObject({ dialingMode: "Agentless", experienceFlowName: (SAMPLE_AGENTLESS as Record<string, unknown>).experienceFlowName, priority: "3" });
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
  // a schedule cannot be read back: the file says what is true (one is enabled, started: false) and leaves the rest
  // to a person, never "no schedule", which the next PUT would send as isSchedulingEnabled: false (issue 22, item 13)
  expect(read("bulk-05.yaml")).toContain("# Kore holds a schedule for it that the API cannot read back: copy its start, end and repeat (UTC) from the Kore.ai console");
  expect(read("bulk-05.yaml")).toMatch(/^# start, end and repeat: not readable through the API; write them from the console\nschedule:\n  enabled: true$/m);
  expect(read("bulk-05.yaml")).toMatch(/^started: false # Kore's schedule starts it on its dates$/m);
  expect(read("bulk-06.yaml")).not.toContain("Kore holds a schedule");
  expect(read("bulk-06.yaml")).toMatch(/^schedule:\n  enabled: false$/m);
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

describe("records another client left, server text, and the out folder (issue 22, items 9, 13, 14)", () => {
  let proxy: RewritingProxy;
  const EVIL = "Evil\n::error file=x::owned \u001b[31mred";
  let noMode: StoredCampaign;
  let evil: StoredCampaign;

  beforeAll(async () => {
    noMode = outOfBand(61, "Zeta no mode in details");
    evil = outOfBand(62, "Zeta evil to be");
    emulator.mutate(evil.id, { name: EVIL }); // a name the console let through
    proxy = await startRewritingProxy(emulator.url, [
      {
        // a first page of voice campaigns with a record that has no id and one whose id is not a plain id, among the good ones
        pathIncludes: "getAllCampaignDetails",
        rewrite: (body, sent) =>
          body.data.skip === 0 && sent?.type !== "sms" ? { ...body, data: { ...body.data, results: [{ name: "No id at all" }, ...body.data.results, { _id: "../../etc/passwd", name: EVIL }] } } : body,
      },
      {
        // the details of one campaign without dialingMode (get-voice-campaign-by-id-v2's table leaves it out): the list record has it
        pathIncludes: `/campaign/${noMode.id}`,
        rewrite: (body) => {
          const { dialingMode: _m, ...data } = body.data;
          return { ...body, data };
        },
      },
    ]);
  });
  afterAll(async () => {
    await proxy?.close();
    emulator.remove(noMode.id);
    emulator.remove(evil.id);
  });

  async function cli(args: string[]): Promise<{ code: number; lines: string[] }> {
    const lines: string[] = [];
    const saved = process.env;
    process.env = { ...saved, ...clientEnv(proxy.url), KORE_MAX_REQUESTS_PER_SECOND: "unlimited" };
    try {
      const code = await runCli(["export", "--out", dir, ...args], { out: (l) => lines.push(l), err: () => undefined });
      return { code, lines };
    } finally {
      process.env = saved;
    }
  }

  test("a bad record is named and left out, the others are written; no server text starts a line or carries a control character", async () => {
    emulator.failNext({ method: "GET", pathIncludes: evil.id, status: 400, count: 1 });
    const { code, lines } = await cli(["--name-filter", "e"]);
    expect(code).toBe(1);
    expect(lines).toContainEqual('not exported: list record 1 of page 1 ("No id at all"): expected a campaign id in `_id` or `id`; left out');
    expect(lines).toContainEqual(
      "not exported: list record 52 of page 1 (\"Evil\\u000a::error file=x::owned \\u001b[31mred\"): _id: is not a plain campaign id (letters, digits, '_', '.', '-'; at most 128); left out",
    );
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^not exported: "Evil\\\\u000a::error file=x::owned \\\\u001b\\[31mred" \\(${evil.id}\\): Kore\\.ai API GET .* failed: 400`)));
    for (const line of lines) {
      expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(line.startsWith("::")).toBe(false);
    }
    expect(fs.existsSync(path.join(dir, "renewals-q3-2025-emea-2.yaml"))).toBe(true);
  });

  test("details without dialingMode: the list record's is used", async () => {
    const { lines } = await cli(["--name-filter", "zeta no mode"]);
    expect(lines[lines.length - 1]).toBe("1 written, 0 skipped, 2 not exported"); // the two bad list records
    expect(read("zeta-no-mode-in-details.yaml")).toMatch(/^dialingMode: Preview\nqueueName: Default Queue\nmaxSkips: 1$/m); // i = 61: the Preview sample
  });

  test("--force never writes through a symbolic link in the out folder: the file it points at is untouched", async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), "kore-outside-"));
    try {
      const target = path.join(outside, "precious.txt");
      fs.writeFileSync(target, "keep me\n");
      fs.symlinkSync(target, path.join(dir, "billing-reminders.yaml"));
      const result = await exportCampaigns({ outDir: dir, env: env(), nameFilter: "billing", force: true });
      expect(fs.readFileSync(target, "utf8")).toBe("keep me\n");
      expect(result.written).toEqual([]);
      expect(result.skipped).toEqual([{ file: path.join(dir, "billing-reminders.yaml"), reason: "is a symbolic link (never written through, even with --force)" }]);
      expect(fs.lstatSync(path.join(dir, "billing-reminders.yaml")).isSymbolicLink()).toBe(true);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });
});
