/**
 * `kore-campaigns export` of an app's SMS campaigns, against the emulator: campaigns put there with the SMS
 * pages' sample bodies (tests/fixtures/sms-samples.ts) become files in `sms-campaigns/` beside the voice
 * folder, in the spelling a person writes; what Kore never shows (an advanced campaign's flow name, a
 * template's body) is left out with a comment, never guessed, and the file is listed to complete by hand;
 * the whole export, voice and SMS, loads; and the first adoption through the real dynamic-provider host
 * writes nothing for every complete file (one PUT, of what was there, for a file completed by hand).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { clientConnection, clientEnv, DEMO_CREDENTIALS, Emulator, startEmulator, type StoredCampaign } from "pulumi-kore-campaigns/emulator";
import { exportCampaigns } from "../../provider/cli/export";
import { runCli } from "../../provider/cli/main";
import { loadDefinitions } from "../../provider/gitops";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { SMS_REQUEST_ADVANCED, SMS_REQUEST_SIMPLE, SMS_REQUEST_TEMPLATE } from "../fixtures/sms-samples";
import { ProviderHost, serializedProvider } from "../support/provider-host";
import { startRewritingProxy, type RewritingProxy } from "../support/rewriting-proxy";

const SMS_LIST = "Renewal Due - May/June 2025"; // the SMS samples' list
const VOICE_LIST = "Recent Buyers - Q2 2025"; // the voice sample's
/** "Your bill is due on Friday", Base64 then URL-encoded, as get-all-sms-campaigns.md shows a text */
const ENCODED_TEXT = "WW91ciBiaWxsIGlzIGR1ZSBvbiBGcmlkYXk%3D";
/** The using-template sample's body, decoded by hand from its Base64 (what a person copies from the console). */
const TEMPLATE_BODY = "This is a reminder that your payment is due soon. Please complete the payment on time to avoid any service interruption. Visit your account to pay now.";

let emulator: Emulator;
let root: string;
let campaignsDir: string;
let smsDir: string;
const made: Record<string, StoredCampaign> = {};

const env = (url = emulator.url): NodeJS.ProcessEnv => ({ ...clientEnv(url), KORE_MAX_REQUESTS_PER_SECOND: "unlimited" });
const read = (file: string) => fs.readFileSync(path.join(smsDir, file), "utf8");
const insert = (key: string, body: Record<string, unknown>, status?: string) => {
  made[key] = emulator.insert(structuredClone(body) as never);
  if (status) emulator.setStatus(made[key].id, status as never);
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 0, contactLists: [SMS_LIST, VOICE_LIST] });
  insert("simple", SMS_REQUEST_SIMPLE, "Active");
  insert("encoded", { ...SMS_REQUEST_SIMPLE, name: "Encoded Bill Reminder", message: { templateId: "", message: ENCODED_TEXT } });
  insert("sameStem", { ...SMS_REQUEST_SIMPLE, name: "Event Reminder: SMS Campaign" }); // the simple one's file stem: gets -2
  insert("template", SMS_REQUEST_TEMPLATE);
  insert("advanced", SMS_REQUEST_ADVANCED, "Stopped");
  insert("scheduled", { ...SMS_REQUEST_SIMPLE, name: "Scheduled Text" }, "Scheduled");
  insert("voice", SAMPLE_PROGRESSIVE);
});
afterAll(async () => emulator?.close());

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "kore-export-sms-"));
  campaignsDir = path.join(root, "campaigns");
  smsDir = path.join(root, "sms-campaigns");
  emulator.clearFaults();
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

async function cli(args: string[], url = emulator.url): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const saved = process.env;
  process.env = { ...saved, ...env(url) };
  try {
    const code = await runCli(["export", ...args], { out: (l) => lines.push(l), err: () => undefined });
    return { code, lines };
  } finally {
    process.env = saved;
  }
}

const WEEKDAYS = `    days:
      - { day: MO, start: 9:00 AM, end: 6:00 PM }
      - { day: TU, start: 9:00 AM, end: 6:00 PM }
      - { day: WE, start: 9:00 AM, end: 6:00 PM }
      - { day: TH, start: 9:00 AM, end: 6:00 PM }
      - { day: FR, start: 9:00 AM, end: 6:00 PM }`;
const SENDER = `dialingStrategy:
  callerId:
    phoneNumber: "+919876543210"
  callingHours:
    frequency: WEEKLY
    timezone: Asia/Kolkata
${WEEKDAYS}`;
const ADOPT = "# adoptExisting: true lets the first up take the existing campaign over (no duplicate); it can stay.";

test("SMS campaigns go to sms-campaigns/ beside the out folder, one file each, named as voice files are; the CLI lists the files to complete", async () => {
  const { code, lines } = await cli(["--out", campaignsDir]);
  expect(code).toBe(0);
  expect(fs.readdirSync(campaignsDir)).toEqual(["service-renewal-outreach-campaign.yaml"]);
  expect(fs.readdirSync(smsDir).sort()).toEqual([
    "billing-alert-template-campaign.yaml",
    "encoded-bill-reminder.yaml",
    "event-reminder-sms-campaign-2.yaml",
    "event-reminder-sms-campaign.yaml",
    "interactive-support-sms-campaign.yaml",
    "scheduled-text.yaml",
  ]);
  // the first by name (" " sorts before ":") keeps the plain stem, as for voice
  expect(read("event-reminder-sms-campaign.yaml")).toMatch(/^name: Event Reminder SMS Campaign$/m);
  expect(read("event-reminder-sms-campaign-2.yaml")).toMatch(/^name: "Event Reminder: SMS Campaign"$/m);
  expect(lines).toEqual([
    `wrote ${path.join(campaignsDir, "service-renewal-outreach-campaign.yaml")}`,
    ...[
      "billing-alert-template-campaign.yaml",
      "encoded-bill-reminder.yaml",
      "event-reminder-sms-campaign-2.yaml",
      "event-reminder-sms-campaign.yaml",
      "interactive-support-sms-campaign.yaml",
      "scheduled-text.yaml",
    ].map((f) => `wrote ${path.join(smsDir, f)}`),
    // in name order, whichever read finished first
    `to complete by hand: ${path.join(smsDir, "billing-alert-template-campaign.yaml")}: Kore never shows the template's registered body: write message.body by hand, exactly as registered`,
    `to complete by hand: ${path.join(smsDir, "interactive-support-sms-campaign.yaml")}: advanced: Kore shows its experience flow only by its id (${made.advanced.experienceFlow}): write experienceFlowName, the flow's name, by hand`,
    `to complete by hand: ${path.join(smsDir, "scheduled-text.yaml")}: Kore holds a schedule for it: write its start, end and repeat from the console (the API cannot read them)`,
    "7 written, 0 skipped, 0 not exported",
  ]);
  expect(made.advanced.experienceFlow).toMatch(/^cf-/);
});

test("a simple text: the page's fields in the file's spelling, started from the status; a Base64 + URL-encoded text decoded", async () => {
  await exportCampaigns({ outDir: campaignsDir, env: env() });
  expect(read("event-reminder-sms-campaign.yaml")).toBe(`# yaml-language-server: $schema=../schema/sms-campaign.schema.json
#
# Exported from Kore.ai by kore-campaigns export (SMS campaign ${made.simple.id}, status Active).
${ADOPT}

name: Event Reminder SMS Campaign
description: Sends a one-time message to remind users about an upcoming event. No template or personalization is used—just a plain, direct message.
contactLists:
  - Renewal Due - May/June 2025
priority: 5
format: simple
message:
  text: Hi, This is just reminder for upcoming event
${SENDER}
schedule:
  enabled: false
started: true
adoptExisting: true
`);
  expect(read("encoded-bill-reminder.yaml")).toMatch(/^message:\n {2}text: Your bill is due on Friday\ndialingStrategy:$/m);
  expect(read("encoded-bill-reminder.yaml")).toMatch(/^started: false$/m); // Ready
});

test("an advanced campaign: experienceFlowName is left out with a comment naming the flow's id, never a guessed name; the rest as it is", async () => {
  await exportCampaigns({ outDir: campaignsDir, env: env() });
  const text = read("interactive-support-sms-campaign.yaml");
  expect(text).toBe(`# yaml-language-server: $schema=../schema/sms-campaign.schema.json
#
# Exported from Kore.ai by kore-campaigns export (SMS campaign ${made.advanced.id}, status Stopped).
${ADOPT}
# Kore shows an advanced campaign's experience flow only by its id, never by its name: write the flow's name as experienceFlowName before the first up (validate says it is missing until then); the first up writes it once (one PUT), as Kore cannot confirm it.

name: Interactive Support SMS Campaign
description: This campaign sends an SMS with a link or instructions to interact with a Kore.ai bot. Customers can check order status, raise tickets, or get help—all via chat-enabled SMS.
contactLists:
  - Renewal Due - May/June 2025
priority: 5
format: advanced
# experienceFlowName: not readable through the API (Kore shows only the flow's id, ${made.advanced.experienceFlow}): write the flow's name here
${SENDER}
schedule:
  enabled: false
started: false
adoptExisting: true
`);
  expect(text).not.toMatch(/^experienceFlowName:/m);
  expect(text).not.toContain("SMS Support Flow"); // the name the campaign was made with: Kore never shows it
});

test("a template: its name as Kore shows it, the body left out with a comment (Kore shows another rendition)", async () => {
  await exportCampaigns({ outDir: campaignsDir, env: env() });
  const text = read("billing-alert-template-campaign.yaml");
  expect(text).toContain(
    "\n# Kore never shows a template's registered body (its answers carry another rendition of it): write it under message: as body:, exactly as registered, before the first up (validate says it is missing until then); the first up writes it once (one PUT), as Kore cannot confirm it.\n\n",
  );
  expect(text).toContain(`format: simple
message:
  template:
    name: Payment Reminder Template
  # body: not readable through the API (Kore shows another rendition of the template): write the template's registered body here
dialingStrategy:
`);
  expect(text).not.toMatch(/^ {2}body:/m);
  expect(text).not.toContain("VGhpcyBpcyBhIHJlbWluZGVy"); // the Base64 the campaign was made with
});

test("the whole export loads: only the fields to complete are problems, and none once a person writes them; a second export is byte-identical", async () => {
  await exportCampaigns({ outDir: campaignsDir, env: env() });
  const again = path.join(root, "again", "campaigns");
  await exportCampaigns({ outDir: again, env: env() });
  for (const f of fs.readdirSync(smsDir)) expect(fs.readFileSync(path.join(root, "again", "sms-campaigns", f), "utf8")).toBe(read(f));

  const first = loadDefinitions(campaignsDir);
  expect(first.problems.map((p) => `${path.basename(p.file)}: ${p.path}: ${p.message}`)).toEqual(PROBLEMS_TO_COMPLETE);

  completeByHand();
  const loaded = loadDefinitions(campaignsDir);
  expect(loaded.problems).toEqual([]);
  expect(loaded.definitions.map((d) => d.spec.name)).toEqual(["Service Renewal Outreach Campaign"]);
  expect(loaded.smsDefinitions.map((d) => d.resourceName)).toEqual([
    "billing-alert-template-campaign",
    "encoded-bill-reminder",
    "event-reminder-sms-campaign-2",
    "event-reminder-sms-campaign",
    "interactive-support-sms-campaign",
    "scheduled-text",
  ]);
  expect(loaded.smsDefinitions.every((d) => d.spec.adoptExisting === true)).toBe(true);
  const sms = (name: string) => loaded.smsDefinitions.find((d) => d.spec.name === name)!.spec;
  expect(sms("Encoded Bill Reminder")).toMatchObject({ format: "simple", message: { text: "Your bill is due on Friday" }, priority: "5", started: false });
  expect(sms("Event Reminder SMS Campaign")).toMatchObject({ message: { text: "Hi, This is just reminder for upcoming event" }, started: true });
  expect(sms("Interactive Support SMS Campaign")).toMatchObject({ format: "advanced", experienceFlowName: "SMS Support Flow", started: false });
  expect(sms("Billing Alert Template Campaign").message).toEqual({ template: { name: "Payment Reminder Template" }, body: TEMPLATE_BODY });
});

/** What the loader says of a fresh export: the fields a person must write, each at its file (written by hand from the rules' words). */
const PROBLEMS_TO_COMPLETE = [
  "billing-alert-template-campaign.yaml: message.body: is required with a template: the API requires the template's registered body beside it",
  "interactive-support-sms-campaign.yaml: experienceFlowName: is required when format is advanced",
  "scheduled-text.yaml: schedule.start: is required when enabled is true",
  "scheduled-text.yaml: schedule.end: is required when enabled is true",
  "scheduled-text.yaml: schedule.repeat: is required when enabled is true",
];

/** What a person writes after the export: the flow's name and the template's body (from the pages' samples), the schedule's dates. */
function completeByHand(): void {
  const edit = (file: string, from: string | RegExp, to: string) => {
    const full = path.join(smsDir, file);
    const text = fs.readFileSync(full, "utf8");
    expect(text).toMatch(from);
    fs.writeFileSync(full, text.replace(from, to));
  };
  edit("interactive-support-sms-campaign.yaml", /^# experienceFlowName: .*$/m, "experienceFlowName: SMS Support Flow");
  edit("billing-alert-template-campaign.yaml", /^ {2}# body: .*$/m, `  body: ${TEMPLATE_BODY}`);
  edit("scheduled-text.yaml", /^schedule:\n {2}enabled: true$/m, 'schedule:\n  enabled: true\n  start: "2099-01-05 09:00:00"\n  end: "2099-02-05 18:00:00"\n  repeat: { every: 1, unit: week, days: [MO] }');
}

describe("the first adoption after export, through the real dynamic-provider host", () => {
  function stackConfig(): Record<string, string> {
    const c = clientConnection(emulator.url, DEMO_CREDENTIALS);
    return { "kore:host": c.host, "kore:appId": c.appId, "kore:accountId": c.accountId, "kore:clientId": c.clientId, "kore:clientSecret": c.clientSecret, "kore:triggerSettleSeconds": "0.05", "kore:readyTimeoutSeconds": "5" };
  }
  /** Anything but a read: a create, PUT, DELETE, trigger or schedule call (the listing and the status view are reads). */
  const writes = () => emulator.requests.filter((r) => r.method !== "GET" && !r.path.endsWith("/getAllCampaignDetails") && r.query.view !== "status");
  const shown = (r: { method: string; path: string; query: Record<string, string> }) =>
    `${r.method} ${r.path.replace(DEMO_CREDENTIALS.appId, "{app}")}${Object.keys(r.query).length ? `?${new URLSearchParams(r.query)}` : ""}`;

  async function adopt(kind: "VoiceCampaign" | "SmsCampaign", specs: ReadonlyArray<Record<string, unknown>>): Promise<string[]> {
    const host = await ProviderHost.start({ provider: await serializedProvider(kind), env: {} });
    try {
      await host.configure(stackConfig());
      const ids: string[] = [];
      for (const spec of specs) {
        const { inputs, failures } = await host.check(spec);
        expect(failures).toEqual([]);
        ids.push((await host.create(inputs)).id);
      }
      return ids;
    } finally {
      await host.stop();
    }
  }

  test("every complete file, voice and SMS, is taken over with no write at all; the campaigns are as they were", async () => {
    await exportCampaigns({ outDir: campaignsDir, env: env() });
    const loaded = loadDefinitions(campaignsDir);
    const incomplete = new Set(loaded.problems.map((p) => p.file));
    const sms = loaded.smsDefinitions.filter((d) => !incomplete.has(d.file));
    expect(sms.map((d) => d.spec.name).sort()).toEqual(["Encoded Bill Reminder", "Event Reminder SMS Campaign", "Event Reminder: SMS Campaign"]);
    const before = emulator.campaigns();
    emulator.clearRequests();
    const ids = { "Encoded Bill Reminder": made.encoded.id, "Event Reminder SMS Campaign": made.simple.id, "Event Reminder: SMS Campaign": made.sameStem.id } as Record<string, string>;
    expect(await adopt("SmsCampaign", sms.map((d) => d.spec as unknown as Record<string, unknown>))).toEqual(sms.map((d) => ids[d.spec.name]));
    expect(await adopt("VoiceCampaign", loaded.definitions.map((d) => d.spec as unknown as Record<string, unknown>))).toEqual([made.voice.id]);
    expect(writes().map(shown)).toEqual([]);
    const gets = emulator.requests.filter((r) => r.method === "GET").map((r) => r.path.replace(/^.*\/campaign\//, ""));
    expect(gets.sort()).toEqual([made.encoded.id, made.simple.id, made.sameStem.id, made.voice.id].sort()); // one GET per campaign, nothing else
    expect(emulator.campaigns()).toEqual(before);
    expect(emulator.campaign(made.simple.id)!.status).toBe("Active"); // still sending: no stop, no play
  });

  test("a file completed by hand is taken over with one PUT (Kore cannot confirm the field), which sends what was there: no POST, no trigger", async () => {
    await exportCampaigns({ outDir: campaignsDir, env: env() });
    completeByHand();
    const loaded = loadDefinitions(campaignsDir);
    const pick = (name: string) => loaded.smsDefinitions.find((d) => d.spec.name === name)!.spec as unknown as Record<string, unknown>;
    const before = { advanced: emulator.campaign(made.advanced.id)!, template: emulator.campaign(made.template.id)! };
    emulator.clearRequests();
    await adopt("SmsCampaign", [pick("Interactive Support SMS Campaign"), pick("Billing Alert Template Campaign")]);
    expect(writes().map(shown)).toEqual([
      `PUT /agentassist/api/v1/public/{app}/campaign/${made.advanced.id}?campaignType=sms`,
      `PUT /agentassist/api/v1/public/{app}/campaign/${made.template.id}?campaignType=sms`,
    ]);
    const [flowPut, templatePut] = writes();
    expect(flowPut.body).toMatchObject({ format: "advanced", experienceFlowName: "SMS Support Flow" });
    expect(templatePut.body).toMatchObject({ message: { template_name: "Payment Reminder Template", message: SMS_REQUEST_TEMPLATE.message.message } });
    // the same campaigns: the flow the same (its id), the message as the page's sample sent it, the status left alone
    const after = { advanced: emulator.campaign(made.advanced.id)!, template: emulator.campaign(made.template.id)! };
    expect(after.advanced.experienceFlow).toBe(before.advanced.experienceFlow);
    expect(after.advanced.status).toBe("Stopped");
    expect(after.template.message).toEqual(before.template.message);
  });
});

describe("server text, a failed listing, the out folder", () => {
  let proxy: RewritingProxy;
  let evil: StoredCampaign;
  let evilFlow: StoredCampaign;
  const EVIL = "Zeta Evil\n::error file=x::owned \u001b[31mred";

  beforeAll(async () => {
    evil = emulator.insert({ ...structuredClone(SMS_REQUEST_SIMPLE), name: "Zeta evil to be" } as never);
    emulator.mutate(evil.id, { name: EVIL });
    evilFlow = emulator.insert({ ...structuredClone(SMS_REQUEST_ADVANCED), name: "Zeta flow" } as never);
    emulator.mutate(evilFlow.id, { experienceFlow: "cf-1\n::error file=y::flow \u001b[0m" });
    insert("placeholder", { ...SMS_REQUEST_SIMPLE, name: "Zeta placeholder", message: { templateId: "", message: "Hi {{firstName}}, your secret code" } });
    proxy = await startRewritingProxy(emulator.url, [{ pathIncludes: "getAllCampaignDetails", rewrite: (body, sent) => (sent?.type === "sms" && sent?.skip === 0 && process.env.BREAK_SMS_LISTING === "1" ? { nonsense: true } : body) }]);
  });
  afterAll(async () => {
    await proxy?.close();
    for (const c of [evil, evilFlow, made.placeholder]) emulator.remove(c.id);
  });

  test("a name or flow id with control characters never starts a line of output or of a file; a text the rules refuse is named, not echoed, not written", async () => {
    emulator.failNext({ method: "GET", pathIncludes: evil.id, status: 400, count: 1 });
    const { code, lines } = await cli(["--out", campaignsDir, "--name-filter", "zeta"]);
    expect(code).toBe(1);
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^not exported: SMS campaign "Zeta Evil\\\\u000a::error file=x::owned \\\\u001b\\[31mred" \\(${evil.id}\\): Kore\\.ai API GET .* failed: 400`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^not exported: SMS campaign "Zeta placeholder" \\(${made.placeholder.id}\\): what Kore answered is not a valid definition: message\\.text: .*placeholder.*\\{\\{firstName\\}\\}`)));
    for (const line of lines) {
      expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
      expect(line.startsWith("::")).toBe(false);
    }
    expect(lines.join("\n")).not.toContain("your secret code");
    expect(fs.existsSync(path.join(smsDir, "zeta-placeholder.yaml"))).toBe(false);
    const flowFile = read("zeta-flow.yaml");
    expect(flowFile).toContain("# experienceFlowName: not readable through the API (Kore shows only the flow's id, cf-1\\u000a::error file=y::flow \\u001b[0m): write the flow's name here\n");
    for (const line of flowFile.split("\n")) expect(line).not.toMatch(/^::|[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(lines[lines.length - 1]).toBe("1 written, 0 skipped, 2 not exported");
  });

  test("an SMS listing that fails is named, and the voice campaigns are still written; exit 1", async () => {
    process.env.BREAK_SMS_LISTING = "1";
    try {
      const { code, lines } = await cli(["--out", campaignsDir], proxy.url);
      expect(code).toBe(1);
      expect(lines).toContainEqual(expect.stringMatching(/^not exported: the app's SMS campaigns: listing them failed: .*; none of them exported$/));
      expect(lines[lines.length - 1]).toBe("1 written, 0 skipped, 1 not exported");
      expect(fs.readdirSync(campaignsDir)).toEqual(["service-renewal-outreach-campaign.yaml"]);
      expect(fs.existsSync(smsDir)).toBe(false);
    } finally {
      delete process.env.BREAK_SMS_LISTING;
    }
  });

  test("an app without SMS campaigns gets no sms-campaigns/ folder; --out naming sms-campaigns/ is refused before any call", async () => {
    const { lines } = await cli(["--out", campaignsDir, "--name-filter", "service renewal"]);
    expect(lines[lines.length - 1]).toBe("1 written, 0 skipped, 0 not exported");
    expect(fs.existsSync(smsDir)).toBe(false);

    emulator.clearRequests();
    const errors: string[] = [];
    const saved = process.env;
    process.env = { ...saved, ...env() };
    let code: number;
    try {
      code = await runCli(["export", "--out", smsDir], { out: () => undefined, err: (l) => errors.push(l) });
    } finally {
      process.env = saved;
    }
    expect(code).toBe(1);
    expect(errors.join("\n")).toContain("the loader reads a folder named sms-campaigns as SMS campaigns; give the voice campaigns' folder (such as campaigns/): SMS campaigns are written to sms-campaigns/ beside it");
    expect(emulator.requests).toEqual([]);
    expect(fs.existsSync(smsDir)).toBe(false);
  });
});
