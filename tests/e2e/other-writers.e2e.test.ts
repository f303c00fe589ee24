/**
 * Other writers, under the real Pulumi CLI with the package's GitOps program: a supervisor's stop in the
 * console, a campaign file moved to a new name with adoptExisting, a managed contact list turned external.
 * Each step asserts what the emulator saw and what the CLI printed, not only exit codes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";

const LIST_NAME = "Recent Buyers - Q2 2025";
const CAMPAIGN = "Other Writers Renewals";

let emulator: Emulator;
let project: PulumiProject;

/** The demo's progressive campaign (started: true) under another name. */
function campaignFile(extra = ""): string {
  return fs.readFileSync(path.join(REPO_ROOT, "campaigns", "service-renewals.yaml"), "utf8").replace(/^name: .*$/m, `name: ${CAMPAIGN}`) + extra;
}

const triggers = () => emulator.requests.filter((r) => r.query.trigger).map((r) => r.query.trigger);
const deletes = () => emulator.requests.filter((r) => r.method === "DELETE").map((r) => r.path);
const campaign = () => emulator.campaigns().find((c) => c.name === CAMPAIGN)!;

/** The state's outputs of the resource named `name` (of any type). */
async function stateOutputs(name: string): Promise<Record<string, unknown> | undefined> {
  const state = JSON.parse((await project.ok(["stack", "export"])).stdout);
  const resource = state.deployment.resources.find((r: { urn: string }) => r.urn.endsWith(`::${name}`));
  return resource?.outputs;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 100, contactLists: [LIST_NAME] });
  project = new PulumiProject("other-writers", clientEnv(emulator.url), {
    "Pulumi.yaml": "name: kore-campaigns\nruntime: nodejs\nmain: index.js\n",
    "package.json": JSON.stringify({ name: "campaigns-repo", private: true }),
    "index.js": 'module.exports = require("pulumi-kore-campaigns/program");\n',
    "contact-lists/recent-buyers.yaml": `name: ${LIST_NAME}\nexternal: true\n`,
    "campaigns/renewals.yaml": campaignFile(),
  });
  await project.init();
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(campaign().status).toBe("Active");
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

beforeEach(() => emulator.clearRequests());

test("a console stop followed by an unrelated up --refresh sends no play, keeps the campaign Stopped and prints the warning", async () => {
  const { id } = campaign();
  emulator.setStatus(id, "Stopped"); // a supervisor stops it in the console
  project.write("campaigns/renewals.yaml", campaignFile().replace(/^description: >-$/m, "description: >-\n  An unrelated edit."));
  const up = await project.ok(["up", "--yes", "--skip-preview", "--refresh"]);
  if (process.env.SHOW_UP) console.log(up.stdout, "\n---stderr\n", up.stderr);
  expect(triggers()).toEqual([]);
  expect(emulator.requests.some((r) => r.method === "PUT")).toBe(true); // the unrelated change was applied
  expect(emulator.campaign(id)!.status).toBe("Stopped");
  expect(up.stdout + up.stderr).toMatch(new RegExp(`warning: campaign "${CAMPAIGN}" \\(${id}\\) was stopped outside git: Kore.ai shows it Stopped`));
  expect(await stateOutputs("renewals")).toMatchObject({ started: true, stoppedOutsideGit: { status: "Stopped" } });

  // the one reviewable change that resumes it
  emulator.clearRequests();
  project.write("campaigns/renewals.yaml", campaignFile("restartedAt: \"2026-12-04\"\n").replace(/^description: >-$/m, "description: >-\n  An unrelated edit."));
  await project.ok(["up", "--yes", "--skip-preview", "--refresh"]);
  expect(triggers()).toEqual(["play"]);
  expect(emulator.campaign(id)!.status).toBe("Active");
  expect(await stateOutputs("renewals")).not.toHaveProperty("stoppedOutsideGit");
});

test("a campaign file moved to a new name with adoptExisting keeps the same campaign, still Active, with no stop and no DELETE", async () => {
  const { id } = campaign();
  expect(campaign().status).toBe("Active");
  const text = fs.readFileSync(path.join(project.dir, "campaigns", "renewals.yaml"), "utf8");
  project.remove("campaigns/renewals.yaml");
  project.write("campaigns/renewals-2026.yaml", `${text}adoptExisting: true\n`);
  await project.ok(["up", "--yes", "--skip-preview", "--refresh"]);
  expect(deletes()).toEqual([]);
  expect(triggers()).toEqual([]);
  expect(emulator.campaigns().filter((c) => c.name === CAMPAIGN)).toHaveLength(1);
  expect(campaign()).toMatchObject({ id, status: "Active" });
  expect(await stateOutputs("renewals")).toBeUndefined();
  expect((await stateOutputs("renewals-2026"))?.status).toBe("Active");
  await project.ok(["preview", "--expect-no-changes"]);
});

test("external: true on a managed contact list sends no DELETE (the preview says it is forgotten), nor does removing its file later", async () => {
  const listFile = "name: Other Writers List\ndescription: Managed by the stack at first.\n";
  project.write("contact-lists/other-writers.yaml", listFile);
  await project.ok(["up", "--yes", "--skip-preview"]);
  const list = emulator.contactLists().find((l) => l.name === "Other Writers List")!;
  expect(list).toBeDefined();

  emulator.clearRequests();
  project.write("contact-lists/other-writers.yaml", "name: Other Writers List\nexternal: true\n");
  const preview = await project.ok(["preview"]);
  expect(preview.stdout + preview.stderr).toMatch(/warning: contact list "Other Writers List" \(cl-[^)]+\) is now external: this stack forgets it \(no call\)/);
  await project.ok(["up", "--yes", "--skip-preview"]);
  project.remove("contact-lists/other-writers.yaml");
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(deletes()).toEqual([]);
  expect(emulator.requests.filter((r) => r.method !== "GET" && !/getAll|\/status$/.test(r.path))).toEqual([]);
  expect(emulator.contactList(list.id)).toBeDefined();
  expect(await stateOutputs("other-writers")).toBeUndefined();
});
