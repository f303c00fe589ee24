/**
 * `kore-campaigns validate --policy`: the compiled CLI as a child process, over files written by hand. The
 * acceptance case of issue 23: hours reaching past 9 p.m. New York time for US-NY recipients are refused
 * with the rule, the file and the line, and accepted once fixed. Expected lines are written by hand.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { removeTrees, writeTree } from "../gitops/helpers";

const ROOT = path.resolve(__dirname, "../..");
const CLI = path.join(ROOT, "dist/provider/cli/main.js");

beforeAll(() => {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does)`);
});
afterAll(removeTrees);

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Line 14 is the Tuesday window; `tuesdayEnd` is its end, in New York time. */
const campaign = (tuesdayEnd: string, recipients = "recipients:\n  regions: [US-NY]\n") => `name: Evening Reminders
description: Reminds New York customers of their bills
contactLists: [Recent Buyers - Q2 2025]
priority: 5
dialingMode: Agentless
experienceFlowName: Voice Survey Entry Flow
dialingStrategy:
  callerId:
    phoneNumber: "+12125550100"
  callingHours:
    frequency: WEEKLY
    timezone: America/New_York
    days:
      - { day: TU, start: "6:00 PM", end: "${tuesdayEnd}" }
  dialingOrder: FIFO
  maxAttemptsPerRecord: 2
  defaultRetryPeriod: 720
  maxRingTime: 30
${recipients}`;

const LIST = "name: Recent Buyers - Q2 2025\nexternal: true\n";

test("hours past 9 p.m. New York time for US-NY recipients: exit 1, the rule and the window's line; fixed: exit 0", () => {
  const late = writeTree({ "campaigns/evening.yaml": campaign("9:30 PM"), "contact-lists/recent.yaml": LIST });
  const refused = run(["validate", "--policy", "us", "campaigns"], late);
  expect(refused.code).toBe(1);
  const lines = refused.stdout.trim().split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^campaigns\/evening\.yaml:14:\d+: dialingStrategy\.callingHours\.days\[0\]: campaign "Evening Reminders" dials at Tue \d{4}-\d\d-\d\d 9:00 PM America\/New_York \(/);
  expect(lines[0]).toContain("outside 8:00 AM-9:00 PM, the recipients' local time, for recipients in America/New_York");
  expect(lines[0]).toContain("us-federal-hours");
  expect(lines[0]).toContain("47 CFR § 64.1200(c)(1)");
  expect(lines[1]).toBe("1 problem in 1 file");

  const fixed = writeTree({ "campaigns/evening.yaml": campaign("9:00 PM"), "contact-lists/recent.yaml": LIST });
  expect(run(["validate", "--policy", "us", "campaigns"], fixed)).toEqual({ code: 0, stdout: "2 files valid\n", stderr: "" });
});

test("opt-in: without --policy the late window is not judged", () => {
  const cwd = writeTree({ "campaigns/evening.yaml": campaign("9:30 PM"), "contact-lists/recent.yaml": LIST });
  expect(run(["validate", "campaigns"], cwd)).toEqual({ code: 0, stdout: "2 files valid\n", stderr: "" });
});

test("no recipients anywhere: a warning naming the policy not checked, never a silent pass (exit 0; --strict: 1)", () => {
  const cwd = writeTree({ "campaigns/evening.yaml": campaign("9:30 PM", ""), "contact-lists/recent.yaml": LIST });
  const { code, stdout } = run(["validate", "--policy", "us", "campaigns"], cwd);
  expect(code).toBe(0);
  expect(stdout).toMatch(/^campaigns\/evening\.yaml:1:1: warning: recipients: recipients unknown: campaign "Evening Reminders" and its contact lists declare no recipients; the us rules that need them were not checked/);
  expect(stdout.trim().split("\n").pop()).toBe("2 files valid, 1 warning");
  expect(run(["validate", "--strict", "--policy", "us", "campaigns"], cwd).code).toBe(1);
});

test("recipients declared on the contact list apply to the campaigns that name it (an external list too)", () => {
  const list = "name: Recent Buyers - Q2 2025\nexternal: true\nrecipients:\n  regions: [US-NY]\n";
  const cwd = writeTree({ "campaigns/evening.yaml": campaign("9:30 PM", ""), "contact-lists/recent.yaml": list });
  const { code, stdout } = run(["validate", "--policy", "us", "campaigns"], cwd);
  expect(code).toBe(1);
  expect(stdout).toContain("campaigns/evening.yaml:14:");
  expect(stdout).toContain("us-federal-hours");
});

test("an unknown policy is a usage error (exit 2) naming it", () => {
  const cwd = writeTree({ "campaigns/evening.yaml": campaign("9:00 PM"), "contact-lists/recent.yaml": LIST });
  const { code, stderr } = run(["validate", "--policy", "us,mars", "campaigns"], cwd);
  expect(code).toBe(2);
  expect(stderr).toContain('unknown policy "mars"');
});

/** An SMS campaign file whose Tuesday window (line 14) ends at `tuesdayEnd`, New York time. */
const texts = (tuesdayEnd: string) => `name: Evening Texts
description: Reminds New York customers of their bills by text
contactLists: [Recent Buyers - Q2 2025]
priority: 5
message:
  text: Your bill is due on Friday
dialingStrategy:
  callerId:
    phoneNumber: "+12125550100"
  callingHours:
    frequency: WEEKLY
    timezone: America/New_York
    days:
      - { day: TU, start: "6:00 PM", end: "${tuesdayEnd}" }
recipients:
  regions: [US-NY]
`;

test("an SMS campaign file is judged by the same hours rules (US rules treat texts as calls): its file and line", () => {
  const late = writeTree({ "campaigns/evening.yaml": campaign("9:00 PM"), "sms-campaigns/texts.yaml": texts("9:30 PM"), "contact-lists/recent.yaml": LIST });
  const refused = run(["validate", "--policy", "us", "campaigns"], late);
  expect(refused.code).toBe(1);
  const lines = refused.stdout.trim().split("\n");
  expect(lines[0]).toMatch(/^sms-campaigns\/texts\.yaml:14:\d+: dialingStrategy\.callingHours\.days\[0\]: /);
  expect(lines[0]).toContain("us-federal-hours");
  expect(lines[lines.length - 1]).toBe("1 problem in 1 file");
  const fixed = writeTree({ "campaigns/evening.yaml": campaign("9:00 PM"), "sms-campaigns/texts.yaml": texts("9:00 PM"), "contact-lists/recent.yaml": LIST });
  expect(run(["validate", "--policy", "us", "campaigns"], fixed)).toEqual({ code: 0, stdout: "3 files valid\n", stderr: "" });
});
