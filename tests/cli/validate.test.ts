/**
 * `kore-campaigns validate`: the compiled CLI (dist/provider/cli/main.js, built by `npm run build`, which
 * `npm test` runs first) as a child process: exit codes, the exact lines it prints, and that it never
 * loads @pulumi/pulumi.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DECLARED_SAMPLE_LIST, DECLARED_SMS_SAMPLE_LIST, agentless, preview, removeTrees, smsSimple, toYaml, writeTree } from "../gitops/helpers";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "dist/provider/cli/main.js");

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does)`);
});
afterAll(removeTrees);

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// A Preview campaign with known lines: 7 is `queueName`, 9 `dialingStrategy`, 11 `phoneNumber`, 18 `maxRingtime`.
const BROKEN = `# yaml-language-server: $schema=../schema/campaign.schema.json
name: Billing Reminder Voice Campaign
description: Reminds customers of bills
contactLists: [Recent Buyers - Q2 2025]
priority: 5
dialingMode: Preview
queueName: Default Queue
experienceFlowName: Voice Survey Entry Flow
dialingStrategy:
  callerId:
    phoneNumber: "555-0100"
  callingHours:
    frequency: WEEKLY
    timezone: Asia/Kolkata
    days: [{ day: MO, start: "9:00 AM", end: "6:00 PM" }]
  dialingOrder: FIFO
  maxAttemptsPerRecord: 3
  maxRingtime: 30
  defaultRetryPeriod: 10
`;

describe("exit codes and output", () => {
  test("all valid: exit 0 and the summary only (default folder: campaigns/)", () => {
    const cwd = writeTree({ "campaigns/billing.yaml": toYaml(preview()), "campaigns/feedback.yml": toYaml(agentless()), "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST });
    expect(run(["validate"], cwd)).toEqual({ code: 0, stdout: "3 files valid\n", stderr: "" });
  });

  test("problems: exit 1, one `file:line: field: problem` line each, then the summary", () => {
    const cwd = writeTree({
      "campaigns/billing.yaml": BROKEN,
      "campaigns/billing-copy.yaml": toYaml(preview()),
      "campaigns/feedback.yaml": toYaml(agentless()),
      "campaigns/syntax.yaml": "name: x\ncontactLists: [a\n",
      "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST,
    });
    const { code, stdout, stderr } = run(["validate", "campaigns"], cwd);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout.split("\n")).toEqual([
      "campaigns/billing.yaml:2: maxSkips: required when dialingMode is Preview",
      'campaigns/billing.yaml:2: name: "Billing Reminder Voice Campaign" is also the name of the campaign in campaigns/billing-copy.yaml:1 (Kore.ai campaign names are unique, ignoring case)',
      'campaigns/billing.yaml:8: experienceFlowName: only allowed when dialingMode is Agentless (got "Voice Survey Entry Flow")',
      "campaigns/billing.yaml:9: dialingStrategy.maxRingTime: is required and must be an integer from 5 to 120 seconds",
      'campaigns/billing.yaml:11: dialingStrategy.callerId.phoneNumber: must be a phone number in E.164 format: "+", the country code and the number, digits only, at most 15 digits (e.g. "+15101234567") (got "555-0100")',
      "campaigns/billing.yaml:18: dialingStrategy.maxRingtime: is not a known field; did you mean maxRingTime?",
      "campaigns/syntax.yaml:3:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
      "7 problems in 2 files",
      "",
    ]);
  });

  test("files given by name, and paths that do not exist", () => {
    const cwd = writeTree({ "a.yaml": toYaml(preview()), "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST });
    expect(run(["validate", "a.yaml", "contact-lists/recent.yaml"], cwd)).toEqual({ code: 0, stdout: "2 files valid\n", stderr: "" });
    expect(run(["validate", "a.yaml", "nope"], cwd)).toEqual({
      code: 1,
      stdout: `nope: no such file or folder\na.yaml:4: warning: contactLists[0]: ${UNDECLARED_SAMPLE}\n1 problem in 1 file, 1 warning\n`,
      stderr: "",
    });
    expect(run(["validate"], cwd)).toEqual({ code: 1, stdout: "campaigns: no such file or folder\n1 problem in 1 file\n", stderr: "" });
  });

  test("each folder is its own set: the same campaign in two stacks' folders is fine", () => {
    // the contact-lists/ folder beside both is read with each (and counted with each)
    const cwd = writeTree({ "prod/billing.yaml": toYaml(preview()), "staging/billing.yaml": toYaml(preview()), "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST });
    expect(run(["validate", "prod", "staging"], cwd)).toEqual({ code: 0, stdout: "4 files valid\n", stderr: "" });
  });

  test("--format github adds an annotation after each problem line", () => {
    const fixed = BROKEN.replace("    phoneNumber: \"555-0100\"", '    phoneNumber: "+15101234567"').replace("maxRingtime", "maxRingTime").replace("experienceFlowName: Voice Survey Entry Flow", "maxSkips: 1");
    const cwd = writeTree({ "campaigns/billing.yaml": fixed, "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST });
    expect(run(["validate", "--format", "github"], cwd)).toEqual({ code: 0, stdout: "2 files valid\n", stderr: "" });
    const broken = writeTree({ "campaigns/billing.yaml": BROKEN.replace("maxRingtime", "maxRingTime").replace("experienceFlowName: Voice Survey Entry Flow", "maxSkips: 1"), "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST });
    const { code, stdout } = run(["validate", "--format=github"], broken);
    expect(code).toBe(1);
    expect(stdout.split("\n").slice(0, 2)).toEqual([
      expect.stringMatching(/^campaigns\/billing\.yaml:11: dialingStrategy\.callerId\.phoneNumber: must be a phone number/),
      expect.stringMatching(/^::error file=campaigns\/billing\.yaml,line=11,title=campaign definition%3A dialingStrategy\.callerId\.phoneNumber::must be a phone number/),
    ]);
  });

  test.each([
    [[], "missing command"],
    [["check"], 'unknown command "check"'],
    [["validate", "--strcit"], "Unknown option '--strcit'"],
    [["validate", "--format", "json"], 'unknown format "json" (text or github)'],
  ])("usage error %j: exit 2, the reason and the usage line on stderr", (args, reason) => {
    const { code, stdout, stderr } = run(args, ROOT);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.split("\n")[0]).toContain(`kore-campaigns: ${reason}`);
    expect(stderr).toContain("Usage: kore-campaigns validate [--format text|github] [--strict] [--contact-lists DIR] [--policy us,uk,in] [paths...]");
  });

  test("--help: the usage on stdout, exit 0", () => {
    const { code, stdout } = run(["--help"], ROOT);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: kore-campaigns validate/);
    expect(stdout).toMatch(/Exit code: 0 when every file is valid \/ every campaign was exported, 1 when there are problems \/ a\s+campaign could not be exported, 2 for a usage error\./);
  });

  test("the repository's own campaigns/ folder validates", () => {
    expect(run(["validate"], ROOT)).toEqual({ code: 0, stdout: "5 files valid\n", stderr: "" }); // 3 voice campaigns, 1 SMS campaign (sms-campaigns/), 1 contact list
  });
});

const UNDECLARED_SAMPLE =
  'names the contact list "Recent Buyers - Q2 2025", which no file in contact-lists/ declares. If it exists in Kore.ai outside this stack, declare it there in a file with its name and external: true';

describe("contact lists campaigns name", () => {
  const tree = () => writeTree({ "campaigns/billing.yaml": toYaml(preview()), "contact-lists/july.yaml": "name: July Renewals\ndescription: renewing in July\n" });

  test("an undeclared list is a warning: printed, counted, exit 0; with --format github a ::warning annotation", () => {
    expect(run(["validate"], tree())).toEqual({
      code: 0,
      stdout: `campaigns/billing.yaml:4: warning: contactLists[0]: ${UNDECLARED_SAMPLE}\n2 files valid, 1 warning\n`,
      stderr: "",
    });
    const lines = run(["validate", "--format", "github"], tree()).stdout.split("\n");
    expect(lines[1]).toBe(`::warning file=campaigns/billing.yaml,line=4,title=campaign definition%3A contactLists[0]::${UNDECLARED_SAMPLE}`);
  });

  test("--strict makes it a problem: exit 1, no warning label", () => {
    expect(run(["validate", "--strict"], tree())).toEqual({
      code: 1,
      stdout: `campaigns/billing.yaml:4: contactLists[0]: ${UNDECLARED_SAMPLE}\n1 problem in 1 file\n`,
      stderr: "",
    });
  });

  test("--contact-lists DIR reads the lists from there; a contact-lists folder given beside campaigns/ is not read twice", () => {
    const cwd = tree();
    fs.mkdirSync(path.join(cwd, "shared"));
    fs.writeFileSync(path.join(cwd, "shared", "recent.yaml"), DECLARED_SAMPLE_LIST);
    expect(run(["validate", "--strict", "--contact-lists", "shared", "campaigns"], cwd)).toEqual({ code: 0, stdout: "2 files valid\n", stderr: "" });
    expect(run(["validate", "campaigns", "contact-lists"], cwd).stdout.split("\n").slice(-2)).toEqual(["2 files valid, 1 warning", ""]);
  });

  test("a bad list file is a problem with its line, like a campaign file's; its name still declares the list", () => {
    const cwd = writeTree({ "campaigns/billing.yaml": toYaml(preview()), "contact-lists/recent.yaml": "name: Recent Buyers - Q2 2025\nexternal: yes\n" });
    expect(run(["validate"], cwd)).toEqual({
      code: 1,
      stdout:
        "contact-lists/recent.yaml:1: description: is required and must be text of 1 to 256 characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted)\n" +
        'contact-lists/recent.yaml:2: external: must be true (a list that exists in Kore.ai outside this stack) or left out (a list this stack manages) (got "yes")\n' +
        "2 problems in 1 file\n",
      stderr: "",
    });
  });
});

// An SMS campaign (the without-template page's values) with known lines: 1 is `name`, 6 `message`, 7 `text`.
const SMS_BAD_MESSAGE = `name: Event Reminder SMS Campaign
description: Sends a one-time message to remind users about an upcoming event.
contactLists: [Renewal Due - May/June 2025]
priority: "5"
format: simple
message:
  text: "Hi {{name}}, this is a reminder for the upcoming event"
dialingStrategy:
  callerId:
    phoneNumber: "+919876543210"
  callingHours:
    frequency: WEEKLY
    timezone: Asia/Kolkata
    days: [{ day: MO, start: "9:00 AM", end: "6:00 PM" }]
`;

const PLACEHOLDER_PROBLEM =
  'message.text: must not contain a placeholder such as "{{name}}" or "{name}": no placeholder syntax is documented for a simple text, which every contact receives as typed; use a pre-approved template for personalised content (found "{{name}}")';

describe("SMS campaign files (sms-campaigns/ beside campaigns/)", () => {
  const lists = { "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST, "contact-lists/renewal.yaml": DECLARED_SMS_SAMPLE_LIST };

  test("a bad message: exit 1, `file:line: field: problem` for each, the SMS folder read by default beside campaigns/", () => {
    const empty = SMS_BAD_MESSAGE.replace("name: Event Reminder SMS Campaign", "name: Empty Reminder").replace(/message:\n {2}text: .*\n/, "message: {}\n");
    const cwd = writeTree({ "campaigns/billing.yaml": toYaml(preview()), "sms-campaigns/reminder.yaml": SMS_BAD_MESSAGE, "sms-campaigns/empty.yaml": empty, ...lists });
    expect(run(["validate"], cwd)).toEqual({
      code: 1,
      stdout: [
        "sms-campaigns/empty.yaml:6: message.text: is required (or a template): an empty message is refused",
        `sms-campaigns/reminder.yaml:7: ${PLACEHOLDER_PROBLEM}`,
        "2 problems in 2 files",
        "",
      ].join("\n"),
      stderr: "",
    });
    const { stdout } = run(["validate", "--format", "github", "sms-campaigns"], cwd);
    expect(stdout.split("\n").slice(2, 4)).toEqual([
      `sms-campaigns/reminder.yaml:7: ${PLACEHOLDER_PROBLEM}`,
      expect.stringMatching(/^::error file=sms-campaigns\/reminder\.yaml,line=7,title=SMS campaign definition%3A message\.text::must not contain a placeholder/),
    ]);
  });

  test("an SMS campaign with a voice campaign's name is refused, naming both files and lines", () => {
    const clash = SMS_BAD_MESSAGE.replace("name: Event Reminder SMS Campaign", "name: billing reminder voice campaign").replace("{{name}}", "there");
    const voice = toYaml(preview());
    const voiceLine = voice.split("\n").findIndex((line) => line.startsWith("name:")) + 1;
    const cwd = writeTree({ "campaigns/billing.yaml": voice, "sms-campaigns/billing.yaml": clash, ...lists });
    expect(run(["validate"], cwd)).toEqual({
      code: 1,
      stdout:
        `sms-campaigns/billing.yaml:1: name: "billing reminder voice campaign" is also the name of the voice campaign in campaigns/billing.yaml:${voiceLine} ` +
        "(Kore.ai campaign names are unique, ignoring case; voice and SMS campaigns share one set of names)\n1 problem in 1 file\n",
      stderr: "",
    });
  });

  test("the sms-campaigns/ folder given beside campaigns/ is read once; alone, it is the default when there is no campaigns/", () => {
    const cwd = writeTree({ "campaigns/billing.yaml": toYaml(preview()), "sms-campaigns/reminder.yaml": toYaml(smsSimple()), ...lists });
    expect(run(["validate", "campaigns", "sms-campaigns", "contact-lists"], cwd)).toEqual({ code: 0, stdout: "4 files valid\n", stderr: "" });
    const smsOnly = writeTree({ "sms-campaigns/reminder.yaml": toYaml(smsSimple()), ...lists });
    expect(run(["validate"], smsOnly)).toEqual({ code: 0, stdout: "3 files valid\n", stderr: "" });
    expect(run(["validate", "--strict", "--contact-lists", "contact-lists", "sms-campaigns"], smsOnly)).toEqual({ code: 0, stdout: "3 files valid\n", stderr: "" });
  });
});

describe("no Pulumi", () => {
  /** A preload hook that records, at exit, every loaded module under an @pulumi folder. */
  function withHook() {
    const dir = writeTree({
      "hook.js": `process.on("exit", () => require("fs").writeFileSync(process.env.PULUMI_REPORT, JSON.stringify(Object.keys(require.cache).filter((k) => /[\\\\/]@pulumi[\\\\/]/.test(k)))));`,
    });
    const report = path.join(dir, "report.json");
    const env = { NODE_OPTIONS: `--require ${JSON.stringify(path.join(dir, "hook.js"))}`, PULUMI_REPORT: report };
    return { env, loaded: () => JSON.parse(fs.readFileSync(report, "utf8")) as string[] };
  }

  test("the validate command never loads @pulumi/pulumi", () => {
    const hook = withHook();
    const cwd = writeTree({ "campaigns/billing.yaml": BROKEN });
    expect(run(["validate"], cwd, hook.env).code).toBe(1);
    expect(hook.loaded()).toEqual([]);
  });

  test("(the hook does see it when the package's main entry is loaded)", () => {
    const hook = withHook();
    const result = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(path.join(ROOT, "dist/provider/index.js"))})`], {
      env: { ...process.env, ...hook.env },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(0);
    expect(hook.loaded().length).toBeGreaterThan(0);
  });
});

test("package.json: bin kore-campaigns is the compiled CLI, with a shebang", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(manifest.bin).toEqual({ "kore-campaigns": "dist/provider/cli/main.js", "pulumi-resource-kore": "dist/provider/pulumi/native/main.js" });
  expect(manifest.scripts.validate).toBe("npm run build --silent && node dist/provider/cli/main.js validate");
  expect(fs.readFileSync(CLI, "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  expect(fs.readFileSync(path.join(ROOT, manifest.bin["pulumi-resource-kore"]), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
});
