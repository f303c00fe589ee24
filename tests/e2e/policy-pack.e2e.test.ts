/**
 * The policy pack (policy/) under the real Pulumi CLI: `pulumi preview --policy-pack <repo>/policy`. The CLI
 * v3.248 starts a Node.js pack through the language host's RunPlugin (scripts/pulumi-cli/langhost/main.go).
 * A campaign dialing New York recipients until 9:30 PM breaks the federal 9 p.m. rule (47 CFR §64.1200(c)(1)):
 * the preview fails, naming the rule; until 8:30 PM it passes. The recipients are declared on the contact
 * list only, so the check proves a list's recipients reach the campaign that names it (a list created in the
 * same preview, whose name is not known yet). Both the GitOps program's dynamic resources and the native
 * plugin's kore:index types.
 */
import * as path from "node:path";
import { clientEnv, DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";

const PACK = ["--policy-pack", path.join(REPO_ROOT, "policy")];
const LIST_NAME = "New York Renewals";

/** The federal rule's violation line as the CLI prints it: the level, the policy (the rule id). */
const FEDERAL_VIOLATION = /\[mandatory\]\s+us-federal-hours\b/;
/** The first instant past the rule: a weekday's 9:00 PM in New York (the windows run to 9:30 PM). */
const FIRST_OFFENDING = /campaign "Evening Renewals" dials at (Mon|Tue|Wed|Thu|Fri) \d{4}-\d{2}-\d{2} 9:00 PM America\/New_York/;
/** The pack ran (and passed, or the line would be a cross). */
const PACK_PASSED = /✅ kore-campaigns-compliance@v0\.2\.0/;

function campaignFile(end: string): string {
  return [
    "name: Evening Renewals",
    "description: Renewal calls to customers in New York after work.",
    "contactLists:",
    `  - ${LIST_NAME}`,
    "priority: 3",
    "dialingMode: Progressive",
    "queueName: Default Queue",
    "dialingStrategy:",
    "  callerId:",
    '    phoneNumber: "+12125550100"',
    "  callingHours:",
    "    frequency: WEEKLY",
    "    timezone: America/New_York",
    "    days:",
    ...["MO", "TU", "WE", "TH", "FR"].map((d) => `      - { day: ${d}, start: "9:00 AM", end: "${end}" }`),
    "  dialingOrder: FIFO",
    "  maxAttemptsPerRecord: 3",
    "  defaultRetryPeriod: 10",
    "  maxRingTime: 30",
    "started: false",
    "",
  ].join("\n");
}

const listFile = (recipients: boolean) =>
  `name: ${LIST_NAME}\ndescription: Customers in New York.\nallowDuplicates: false\n${recipients ? "recipients:\n  regions: [US-NY]\n" : ""}`;

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 50 });
});

afterAll(async () => {
  await emulator?.close();
});

describe("the GitOps program's dynamic resources", () => {
  let project: PulumiProject;

  beforeAll(async () => {
    project = new PulumiProject("policy-dynamic", clientEnv(emulator.url), {
      "Pulumi.yaml": "name: kore-campaigns\nruntime: nodejs\nmain: index.js\n",
      "package.json": JSON.stringify({ name: "campaigns-repo", private: true }),
      "index.js": 'module.exports = require("pulumi-kore-campaigns/program");\n',
      "contact-lists/new-york.yaml": listFile(true),
      "campaigns/evening.yaml": campaignFile("9:30 PM"),
    });
    await project.init();
  });

  afterAll(() => project?.cleanup());

  test("hours until 9:30 PM New York time for US-NY recipients (declared on the list) stop the preview with the rule id", async () => {
    const preview = await project.run(["preview", ...PACK]);
    const output = preview.stdout + preview.stderr;
    expect(preview.code).not.toBe(0);
    expect(output).toMatch(FEDERAL_VIOLATION);
    expect(output).toMatch(FIRST_OFFENDING);
    expect(output).toMatch(/pulumi-nodejs:dynamic\/kore:VoiceCampaign: evening/);
    expect(emulator.campaigns()).toEqual([]); // a preview: nothing written
  });

  test("the same hours until 8:30 PM pass", async () => {
    project.write("campaigns/evening.yaml", campaignFile("8:30 PM"));
    const preview = await project.run(["preview", ...PACK]);
    const output = preview.stdout + preview.stderr;
    expect(output).not.toMatch(/us-federal-hours/);
    expect(output).not.toMatch(/\[mandatory\]/);
    expect(output).toMatch(PACK_PASSED);
    expect(preview.code).toBe(0);
  });

  test("without the list's recipients the 9:30 PM hours are not judged: an advisory 'recipients unknown', never a silent pass", async () => {
    project.write("campaigns/evening.yaml", campaignFile("9:30 PM"));
    project.write("contact-lists/new-york.yaml", listFile(false));
    const preview = await project.run(["preview", ...PACK]);
    const output = preview.stdout + preview.stderr;
    expect(output).not.toMatch(FEDERAL_VIOLATION);
    expect(output).toMatch(/\[advisory\]\s+compliance-warnings\b/);
    expect(output).toMatch(/recipients unknown: campaign "Evening Renewals"/);
    expect(preview.code).toBe(0);
  });
});

describe("the native plugin's resources (kore:index:ContactList, kore:index:VoiceCampaign)", () => {
  let project: PulumiProject;
  const PROGRAM = `
const pulumi = require("@pulumi/pulumi");
const cfg = new pulumi.Config("test");
const list = new pulumi.CustomResource("kore:index:ContactList", "new-york", {
  name: ${JSON.stringify(LIST_NAME)},
  description: "Customers in New York.",
  recipients: { regions: ["US-NY"] },
}, {}, undefined, undefined);
const end = cfg.get("end") ?? "9:30 PM";
new pulumi.CustomResource("kore:index:VoiceCampaign", "evening", {
  name: "Evening Renewals",
  description: "Renewal calls to customers in New York after work.",
  contactLists: [list.name],
  priority: 3,
  dialingMode: "Progressive",
  queueName: "Default Queue",
  dialingStrategy: {
    callerId: { phoneNumber: "+12125550100" },
    callingHours: { frequency: "WEEKLY", timezone: "America/New_York", days: ["MO", "TU", "WE", "TH", "FR"].map((day) => ({ day, start: "9:00 AM", end })) },
    dialingOrder: "FIFO",
    maxAttemptsPerRecord: 3,
    defaultRetryPeriod: 10,
    maxRingTime: 30,
  },
  started: false,
});
`;

  beforeAll(async () => {
    project = new PulumiProject("policy-native", {}, {
      "Pulumi.yaml": `name: kore-policy-native\nruntime: nodejs\nmain: index.js\nplugins:\n  providers:\n    - name: kore\n      path: ${path.join(REPO_ROOT, "bin")}\n`,
      "package.json": JSON.stringify({ name: "policy-native-program", private: true }),
      "index.js": PROGRAM,
    });
    await project.init();
    await project.configureApp(emulator.url, DEMO_CREDENTIALS);
  });

  afterAll(() => project?.cleanup());

  test("hours until 9:30 PM New York time for the list's US-NY recipients stop the preview with the rule id", async () => {
    const preview = await project.run(["preview", ...PACK]);
    const output = preview.stdout + preview.stderr;
    expect(preview.code).not.toBe(0);
    expect(output).toMatch(FEDERAL_VIOLATION);
    expect(output).toMatch(FIRST_OFFENDING);
    expect(output).toMatch(/kore:index:VoiceCampaign: evening/);
  });

  test("until 8:30 PM it passes", async () => {
    await project.ok(["config", "set", "test:end", "8:30 PM"]);
    const preview = await project.run(["preview", ...PACK]);
    const output = preview.stdout + preview.stderr;
    expect(output).not.toMatch(/\[mandatory\]/);
    expect(output).toMatch(PACK_PASSED);
    expect(preview.code).toBe(0);
  });
});
