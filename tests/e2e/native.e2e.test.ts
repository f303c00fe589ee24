/**
 * The native provider plugin (`pulumi-resource-kore`, bin/) launched by the engine itself, not in process:
 * a Node.js program declaring `kore:index:VoiceCampaign` and `kore:index:ContactList`, the provider
 * configured by stack config only (`kore:host` ... `kore:clientSecret` as a secret; no KORE_* environment).
 * up, a preview with no changes, one nested edit previewed as exactly that path and applied as one PUT,
 * refresh, `pulumi import` of a campaign made out of band (no write; then no changes), a rotated secret
 * taking effect, destroy (stop, then DELETE).
 */
import * as path from "node:path";
import { DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { validateCampaign } from "pulumi-kore-campaigns";
import { toWireBody } from "../../provider/resources/campaign/wire";
import { argsFromSample, SAMPLE_CONTACT_LISTS } from "./support/campaign-fleet";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

const LIST = "Native July List";

let emulator: Emulator;
let project: PulumiProject;

/** The program: a list and a campaign dialing it; the ring time and `started` come from stack config. */
const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const cfg = new pulumi.Config("test");
const list = new pulumi.CustomResource("kore:index:ContactList", "july", { name: ${JSON.stringify(LIST)}, description: "Renewals due in July." });
const campaign = new pulumi.CustomResource("kore:index:VoiceCampaign", "renewals", {
  name: "Native Renewals",
  description: "Declared through the native provider.",
  contactLists: [list.name],
  priority: 5,
  dialingMode: "Progressive",
  queueName: "Default Queue",
  dialingStrategy: {
    callerId: { phoneNumber: "+1812345678" },
    callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: [{ day: "MO", start: "9:00 AM", end: "6:00 PM" }] },
    dialingOrder: "FIFO",
    maxAttemptsPerRecord: 3,
    defaultRetryPeriod: 10,
    maxRingTime: cfg.getNumber("ringTime") ?? 30,
  },
  started: cfg.getBoolean("started") ?? false,
  status: undefined, target: undefined, // outputs, declared so the program can read them
}, { dependsOn: [list] });
// after \`pulumi import\`: the imported campaign, declared as the import's generated code would
const consoleArgs = cfg.getObject("console");
if (consoleArgs) new pulumi.CustomResource("kore:index:VoiceCampaign", "console", consoleArgs);
exports.campaignId = campaign.id;
exports.status = campaign.status;
`;

/** Writes, in order: "POST createContactList", "POST campaign", "PUT campaign/:id", "trigger=stop", "DELETE campaign/:id", ... */
function writes(): string[] {
  return emulator.requests
    .filter((r) => r.method !== "GET" && !/\/(getAllCampaignDetails|getAllListDetails|status)$/.test(r.path))
    .map((r) => {
      if (r.query.trigger) return `trigger=${r.query.trigger}`;
      if (r.path.includes("/contactList/")) return `${r.method} ${r.method === "DELETE" ? "contactList/:id" : r.path.split("/").pop()}`;
      return `${r.method} ${r.method === "POST" ? "campaign" : "campaign/:id"}`;
    });
}

async function setConfig(key: string, value: string, secret = false): Promise<void> {
  await project.ok(["config", "set", ...(secret ? ["--secret"] : []), key, value]);
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 50, contactLists: [...SAMPLE_CONTACT_LISTS] });
  project = new PulumiProject("native", {}, {
    "Pulumi.yaml": `name: kore-native\nruntime: nodejs\nmain: index.js\nplugins:\n  providers:\n    - name: kore\n      path: ${path.join(REPO_ROOT, "bin")}\n`,
    "package.json": JSON.stringify({ name: "native-program", private: true }),
    "index.js": PROGRAM,
  });
  await project.init();
  await project.configureApp(emulator.url, DEMO_CREDENTIALS);
  await setConfig("kore:triggerSettleSeconds", "0.05");
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

beforeEach(() => emulator.clearRequests());

test("up: the list, then the campaign, through the plugin the engine launched; a preview after has nothing to do", async () => {
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["POST createContactList", "POST campaign"]);
  expect(emulator.campaigns().map((c) => c.name)).toEqual(["Native Renewals"]);
  emulator.clearRequests();
  await project.ok(["preview", "--expect-no-changes"]);
  expect(emulator.requests).toEqual([]);
});

test("the state holds no serialized provider code and no plaintext secret", () => {
  const state = project.stateFileText();
  expect(state).toMatch(/"type":\s*"kore:index:VoiceCampaign"/);
  expect(state).not.toMatch(/__provider|exports\.handler|pulumi-nodejs:dynamic/);
  expect(state).not.toContain(DEMO_CREDENTIALS.clientSecret);
  expect(state).toMatch(/"clientSecret":\s*\{\s*"4dabf18193072939515e22adb298388d":\s*"1b47061264138c4ac30d75fd1eb44270",\s*"ciphertext"/);
});

test("one nested edit: preview --diff names exactly that path; up makes exactly one PUT", async () => {
  await setConfig("test:ringTime", "45");
  const preview = await project.ok(["preview", "--diff"]);
  const marked = preview.stdout.split("\n").filter((l) => /^\s*[~+-] /.test(l) && !/kore:index|pulumi:pulumi:Stack|to update/.test(l));
  expect(marked.map((l) => l.trim())).toEqual(["~ dialingStrategy: {", "~ maxRingTime: 30 => 45"]);
  expect(emulator.requests).toEqual([]);
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["PUT campaign/:id"]);
  expect(emulator.campaigns()[0].dialingStrategy.maxRingTime).toBe(45);
  emulator.clearRequests();
  await project.ok(["refresh", "--yes", "--skip-preview"]);
  expect(writes()).toEqual([]);
  await project.ok(["preview", "--expect-no-changes"]);
});

test("a rotated secret takes effect on the next refresh --run-program: a wrong one is refused by Kore, the right one works again", async () => {
  await setConfig("kore:clientSecret", "not-the-secret-any-more", true);
  // a plain refresh configures the provider from state; --run-program (and up) from the stack's config
  const refused = await project.run(["refresh", "--yes", "--skip-preview", "--run-program"]);
  expect(refused.code).not.toBe(0);
  expect(refused.stdout + refused.stderr).toMatch(/401/);
  expect(refused.stdout + refused.stderr).not.toContain("not-the-secret-any-more");
  await setConfig("kore:clientSecret", DEMO_CREDENTIALS.clientSecret, true);
  await project.ok(["refresh", "--yes", "--skip-preview", "--run-program"]);
  expect(writes()).toEqual([]);
});

test("pulumi import of a campaign made out of band: reads only, no POST, no PUT; then nothing to change", async () => {
  const checked = validateCampaign(argsFromSample(SAMPLE_PROGRESSIVE, "Made In The Console", { contactLists: [SAMPLE_CONTACT_LISTS[0]] }));
  if (!checked.ok) throw new Error(JSON.stringify(checked.failures));
  const made = emulator.insert(toWireBody(checked.value, "create") as never);
  emulator.clearRequests();
  const imported = await project.ok(["import", "kore:index:VoiceCampaign", "console", made.id, "--yes", "--generate-code=false", "--protect=false"]);
  expect(imported.stdout).toMatch(/1 imported/);
  expect(writes()).toEqual([]);
  expect(emulator.requests.filter((r) => r.method === "GET").length).toBeGreaterThan(0);
  expect(project.stateFileText()).toMatch(new RegExp(`"id":\\s*"${made.id}"`));
  // declared with the same definition, it has nothing to change
  await setConfig("test:console", JSON.stringify(argsFromSample(SAMPLE_PROGRESSIVE, "Made In The Console", { contactLists: [SAMPLE_CONTACT_LISTS[0]] })));
  emulator.clearRequests();
  await project.ok(["preview", "--expect-no-changes"]);
  expect(emulator.requests).toEqual([]);
  // and it is managed: dropped from the program, the next up deletes it
  await project.ok(["config", "rm", "test:console"]);
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["DELETE campaign/:id"]);
  expect(emulator.campaign(made.id)).toBeUndefined();
});

test("pulumi import of a Paused campaign, then up: nothing sent, it stays Paused (issue 22, item 8)", async () => {
  const args = argsFromSample(SAMPLE_PROGRESSIVE, "Paused In The Console", { contactLists: [SAMPLE_CONTACT_LISTS[0]] });
  const made = emulator.insert({ ...(SAMPLE_PROGRESSIVE as Record<string, unknown>), name: args.name, contactLists: args.contactLists });
  emulator.setStatus(made.id, "Paused" as never);
  await project.ok(["import", "kore:index:VoiceCampaign", "console", made.id, "--yes", "--generate-code=false", "--protect=false"]);
  expect(project.stateFileText()).not.toMatch(/"pendingChanges"/);
  // declared as imported (started: false describes a Paused campaign as it is): the up has nothing to do
  await setConfig("test:console", JSON.stringify({ ...args, started: false }));
  emulator.clearRequests();
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual([]);
  expect(emulator.campaign(made.id)!.status).toBe("Paused");
  await project.ok(["config", "rm", "test:console"]);
  await project.ok(["up", "--yes", "--skip-preview"]);
});

test("kore:clientSecret set with --plaintext is still a secret in the provider's state (issue 22, item 11)", async () => {
  await project.ok(["config", "set", "--plaintext", "kore:clientSecret", DEMO_CREDENTIALS.clientSecret]);
  try {
    await project.ok(["up", "--yes", "--skip-preview"]);
    // the deployment (what `stack export` gives; the update history keeps the stack config as the user set it)
    const deployment = (await project.ok(["stack", "export"])).stdout;
    expect(deployment).not.toContain(DEMO_CREDENTIALS.clientSecret);
    const provider = (JSON.parse(deployment).deployment.resources as Array<{ type: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> }>).find(
      (r) => r.type === "pulumi:providers:kore",
    )!;
    const encrypted = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) };
    expect(provider.inputs!.clientSecret).toMatchObject(encrypted);
    expect(provider.outputs!.clientSecret).toMatchObject(encrypted);
  } finally {
    await setConfig("kore:clientSecret", DEMO_CREDENTIALS.clientSecret, true);
  }
});

test("destroy: the running campaign is stopped, then deleted; then the list", async () => {
  await setConfig("test:started", "true");
  const up = await project.run(["up", "--yes", "--skip-preview"]);
  if (up.code !== 0) throw new Error(up.stdout + up.stderr);
  expect(emulator.campaigns()[0].status).toBe("Active");
  emulator.clearRequests();
  await project.ok(["destroy", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["trigger=stop", "DELETE campaign/:id", "DELETE contactList/:id"]);
  expect(emulator.campaigns()).toEqual([]);
});
