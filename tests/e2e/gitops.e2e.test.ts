/**
 * Campaigns as files, under the real Pulumi CLI: the package's GitOps program (the root project's
 * program) over a definitions folder. Adding a file previews as one create, editing a field as one
 * update naming that field, deleting a file as one delete; bad files stop the preview before any call.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_CONTACT_LISTS } from "./support/campaign-fleet";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";

let emulator: Emulator;
let project: PulumiProject;

const demoFile = (name: string) => fs.readFileSync(path.join(REPO_ROOT, "campaigns", name), "utf8");

/** A demo definition under a new campaign name (names are unique per app). */
function definition(file: string, name: string): string {
  return demoFile(file).replace(/^name: .*$/m, `name: ${name}`).replace(/^started: true$/m, "started: false");
}

function summary(stdout: string): string {
  return stdout.split("\n").filter((l) => /^\s+[~+-]?\s*\d+ (to |unchanged)/.test(l)).map((l) => l.trim()).join("; ");
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 100, contactLists: [...SAMPLE_CONTACT_LISTS] }); // the list campaigns/*.yaml name
  project = new PulumiProject(
    "gitops",
    clientEnv(emulator.url),
    {
      "Pulumi.yaml": "name: kore-campaigns\nruntime: nodejs\nmain: index.js\n",
      "package.json": JSON.stringify({ name: "campaigns-repo", private: true }),
      "index.js": 'module.exports = require("pulumi-kore-campaigns/program");\n',
      "campaigns/renewals.yaml": definition("service-renewals.yaml", "GitOps Renewals"),
      "campaigns/billing.yaml": definition("billing-reminders.yaml", "GitOps Billing"),
    },
  );
  await project.init();
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(emulator.campaigns()).toHaveLength(2);
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

beforeEach(() => emulator.clearRequests());

test("adding a file previews as exactly one create", async () => {
  project.write("campaigns/feedback.yaml", definition("product-feedback.yaml", "GitOps Feedback"));
  const preview = await project.ok(["preview", "--diff"]);
  expect(summary(preview.stdout)).toMatch(/^\+ 1 to create; 3 unchanged$/);
  expect(preview.stdout).toMatch(/\+ pulumi-nodejs:dynamic\/kore:VoiceCampaign: \(create\)[\s\S]*VoiceCampaign::feedback/);
  expect(emulator.requests).toHaveLength(0);
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(emulator.campaigns().map((c) => (c as any).name)).toContain("GitOps Feedback");
});

test("editing a field previews as one update naming that field", async () => {
  const file = "campaigns/billing.yaml";
  const text = fs.readFileSync(path.join(project.dir, file), "utf8");
  project.write(file, text.replace(/maxAttemptsPerRecord: \d+/, "maxAttemptsPerRecord: 7"));
  const preview = await project.ok(["preview", "--diff"]);
  expect(summary(preview.stdout)).toMatch(/^~ 1 to update; 3 unchanged$/);
  expect(preview.stdout).toMatch(/~ maxAttemptsPerRecord\s*: 3 => 7/);
  expect(preview.stdout).toMatch(/VoiceCampaign::billing/);
  expect(emulator.requests).toHaveLength(0);
});

test("deleting a file previews as one delete", async () => {
  project.remove("campaigns/billing.yaml");
  const preview = await project.ok(["preview", "--diff"]);
  expect(summary(preview.stdout)).toMatch(/^- 1 to delete; 3 unchanged$/);
  expect(preview.stdout).toMatch(/- pulumi-nodejs:dynamic\/kore:VoiceCampaign: \(delete\)[\s\S]*VoiceCampaign::billing/);
  expect(emulator.requests).toHaveLength(0);
});

test("invalid files stop the preview with every problem listed (file, line, field), before any API call", async () => {
  project.write("campaigns/broken.yaml", definition("product-feedback.yaml", "GitOps Broken").replace(/maxRingTime: \d+/, "maxRingtime: 30"));
  const preview = await project.run(["preview"]);
  expect(preview.code).not.toBe(0);
  const output = preview.stdout + preview.stderr;
  expect(output).toMatch(/campaigns\/broken\.yaml:\d+: dialingStrategy\.maxRingtime: .*did you mean maxRingTime\?/);
  expect(output).toMatch(/campaigns\/broken\.yaml:\d+: dialingStrategy\.maxRingTime: is required/);
  expect(emulator.requests).toHaveLength(0);
});

test("renaming a file with renamedFrom: the preview shows no change, and the running campaign keeps running", async () => {
  project.remove("campaigns/broken.yaml");
  const renewals = fs.readFileSync(path.join(project.dir, "campaigns/renewals.yaml"), "utf8").replace(/^started: false$/m, "started: true");
  project.write("campaigns/renewals.yaml", renewals);
  await project.ok(["up", "--yes", "--skip-preview"]);
  const running = emulator.campaigns().find((c) => (c as any).name === "GitOps Renewals")!;
  expect(running.status).toBe("Active");

  project.remove("campaigns/renewals.yaml");
  project.write("campaigns/renewals-2027.yaml", `${renewals.trimEnd()}\nrenamedFrom: [renewals]\n`);
  emulator.clearRequests();
  await project.ok(["preview", "--expect-no-changes"]);
  await project.ok(["up", "--yes", "--expect-no-changes"]);
  expect(emulator.requests.filter((r) => r.method !== "POST" || r.query.trigger)).toEqual([]); // no PUT, DELETE or trigger
  expect(emulator.campaign(running.id)!.status).toBe("Active");
  const exported = JSON.parse((await project.ok(["stack", "export"])).stdout);
  const urns = exported.deployment.resources.map((r: { urn: string }) => r.urn).filter((u: string) => u.includes("VoiceCampaign"));
  expect(urns.some((u: string) => u.endsWith("::renewals-2027"))).toBe(true);
  expect(urns.some((u: string) => u.endsWith("::renewals"))).toBe(false);
});

test("a hostile tree (a link to a secret, a FIFO) stops the preview with each entry named, before any API call, quoting nothing", async () => {
  const secretFile = path.join(project.dir, "outside-secret.txt");
  fs.writeFileSync(secretFile, "E2E-OUTSIDE-SECRET-4242\n");
  fs.symlinkSync(secretFile, path.join(project.dir, "campaigns", "shadow.yaml"));
  require("node:child_process").execFileSync("mkfifo", [path.join(project.dir, "campaigns", "pipe.yaml")]);
  emulator.clearRequests();
  const preview = await project.run(["preview"]);
  const output = preview.stdout + preview.stderr;
  expect(preview.code).not.toBe(0);
  expect(output).toMatch(/campaigns\/shadow\.yaml: is a symbolic link; definition files must be plain files \(links are never followed\)/);
  expect(output).toMatch(/campaigns\/pipe\.yaml: is a named pipe \(FIFO\), not a plain file/);
  expect(output).not.toContain("E2E-OUTSIDE-SECRET-4242");
  expect(emulator.requests).toHaveLength(0);
  fs.rmSync(path.join(project.dir, "campaigns", "shadow.yaml"));
  fs.rmSync(path.join(project.dir, "campaigns", "pipe.yaml"));
});
