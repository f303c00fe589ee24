/**
 * `kore-campaigns review` on what the real CLI writes: a GitOps project goes up, then one change set is
 * previewed with `pulumi preview --json`. The preview is written to tests/fixtures/preview/ when
 * UPDATE_FIXTURES=1 (the unit tests in tests/review/ read those files), and in every run the review of the
 * fresh preview must equal the review of the committed fixture, so the fixtures cannot drift from the CLI.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";

const FIXTURES = path.join(REPO_ROOT, "tests", "fixtures", "preview");
const CLI = path.join(REPO_ROOT, "dist", "provider", "cli", "main.js");
const LIST = "Review Renewals 2026";

let emulator: Emulator;
let project: PulumiProject;

const demo = (file: string) => fs.readFileSync(path.join(REPO_ROOT, "campaigns", file), "utf8");
function campaign(file: string, name: string): string {
  return demo(file)
    .replace(/^name: .*$/m, `name: ${name}`)
    .replace(/^started: true/m, "started: false")
    .replace(/^  - Recent Buyers - Q2 2025.*$/m, `  - ${LIST}`);
}

/** The review at a fixed preview time, so the fixture's review and the fresh one judge the same horizon. */
function review(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, "review", "--now", "2026-12-07T00:00:00Z", ...args], { input, encoding: "utf8", timeout: 20_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The preview JSON as the CLI wrote it (ids, times and paths included: fixtures are real output). */
async function capture(name: string): Promise<string> {
  const preview = await project.ok(["preview", "--json"]); // as the example workflow runs it
  const file = path.join(FIXTURES, `${name}.json`);
  if (process.env.UPDATE_FIXTURES === "1") fs.writeFileSync(file, preview.stdout);
  return preview.stdout;
}

beforeAll(async () => {
  // campaigns stay Preparing for 2 s, so a campaign that is not started is Preparing in state whatever the up's pace
  // (the committed fixtures were captured so; with 100 ms the status depended on how soon the create's GET came)
  emulator = await startEmulator({ port: 0, readyDelayMs: 2000 });
  project = new PulumiProject("review", clientEnv(emulator.url), {
    "Pulumi.yaml": "name: kore-campaigns\nruntime: nodejs\nmain: index.js\n",
    "package.json": JSON.stringify({ name: "campaigns-repo", private: true }),
    "index.js": 'module.exports = require("pulumi-kore-campaigns/program");\n',
    "contact-lists/renewals.yaml": `name: ${LIST}\ndescription: Customers renewing in 2026.\n`,
    "campaigns/renewals.yaml": campaign("service-renewals.yaml", "Review Renewals"),
    "campaigns/billing.yaml": campaign("billing-reminders.yaml", "Review Billing"),
    "campaigns/feedback.yaml": campaign("product-feedback.yaml", "Review Feedback").replace(/^started: false/m, "started: true"),
  });
  await project.init();
  await project.ok(["up", "--yes", "--skip-preview"]);
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

const edit = (file: string, f: (t: string) => string) => project.write(file, f(fs.readFileSync(path.join(project.dir, file), "utf8")));

/** The review (JSON format) of a preview file; throws with the CLI's output when it fails. */
function reviewJson(file: string) {
  const result = review(["--preview", file, "--format", "json"]);
  if (result.code !== 0) throw new Error(`review exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** Captures the preview as `name`, and checks that the committed fixture still reviews the same. */
async function captureAndCompare(name: string): Promise<string> {
  const fresh = path.join(project.dir, `${name}.json`);
  fs.writeFileSync(fresh, await capture(name));
  const strip = (r: { changes: unknown[]; flags: unknown[]; summary: string }) => JSON.parse(JSON.stringify(r).replace(/(cd|cl)-[0-9a-f-]{30,}/g, "<id>"));
  expect(strip(reviewJson(path.join(FIXTURES, `${name}.json`)))).toEqual(strip(reviewJson(fresh)));
  return fresh;
}

test("one field: the committed one-field fixture is what the CLI writes today", async () => {
  edit("campaigns/billing.yaml", (t) => t.replace(/maxRingTime: 30/, "maxRingTime: 45"));
  const file = await captureAndCompare("one-field");
  expect(reviewJson(file).changes).toEqual([
    { kind: "campaign", channel: "voice", resourceName: "billing", koreName: "Review Billing", operation: "update", fields: [{ path: "dialingStrategy.maxRingTime", old: 30, new: 45 }], statusBefore: "Preparing" },
  ]);
  edit("campaigns/billing.yaml", (t) => t.replace(/maxRingTime: 45/, "maxRingTime: 30"));
});

test("a contact list replaced (allowReplacement) shows as a replace, with the flag", async () => {
  edit("contact-lists/renewals.yaml", (t) => `${t.replace("Customers renewing in 2026.", "Customers renewing in 2026 and 2027.")}allowReplacement: true\n`);
  const file = await captureAndCompare("list-replace");
  const { changes, flags } = reviewJson(file);
  expect(changes.find((c: { resourceName: string; kind: string }) => c.resourceName === "renewals" && c.kind === "contactList")).toMatchObject({
    operation: "replace",
    fields: [{ path: "description", old: "Customers renewing in 2026.", new: "Customers renewing in 2026 and 2027." }],
  });
  expect(flags.map((f: { id: string }) => f.id)).toContain("contact-lists");
  project.write("contact-lists/renewals.yaml", `name: ${LIST}\ndescription: Customers renewing in 2026.\n`);
});

test("started: true on one file and wider hours on another (not started: nothing newly dialable, only the reminder), the deletion of an Active campaign, and --fail-on starts exits 2", async () => {
  edit("campaigns/renewals.yaml", (t) => t.replace(/^started: false/m, "started: true"));
  edit("campaigns/billing.yaml", (t) => t.replace(/end: "6:00 PM" \}/, 'end: "10:00 PM" }'));
  project.remove("campaigns/feedback.yaml");
  const file = await captureAndCompare("change-set");
  const comment = review(["--preview", file]);
  expect(comment.code).toBe(0);
  expect(comment.stdout).toContain("**3 campaigns change: 1 starts dialing, 1 deletion of an Active campaign, 1 update**");
  expect(comment.stdout).toContain("- **starts** (renewals): started goes from false to true: dials from Mon 2026-12-07 9:00 AM Asia/Kolkata (Mon 2026-12-07 03:30 UTC)");
  expect(comment.stdout).not.toContain("**hours-widened**"); // billing is not started: no instant becomes dialable
  expect(comment.stdout).toContain("- **quiet-hours** (billing): reminder: calling hours reach outside 8:00 AM to 9:00 PM (Asia/Kolkata): MO 9:00 AM to 10:00 PM");
  expect(comment.stdout).toMatch(/- \*\*deletes-active\*\* \(feedback\): deletes a campaign that was Active/);
  expect(comment.stdout).not.toMatch(/__provider|exports\.handler/);
  const gated = review(["--fail-on", "starts"], fs.readFileSync(file, "utf8"));
  expect(gated.code).toBe(2);
  expect(gated.stderr).toContain("starts (renewals) raised");
  expect(review(["--preview", file, "--fail-on", "mode-changed"]).code).toBe(0);
});
