/**
 * SMS campaigns under the real Pulumi CLI: the package's GitOps program over a project with a voice campaign
 * and an SMS campaign file. Create, start, edit, stop and delete the SMS campaign from its file, each on the
 * SMS pages' paths (`campaignType=sms`); the review of the start reads "starts texting"; `validate` refuses a
 * bad message with file:line; `export` of an app's SMS campaigns, then the first `up`, makes no write.
 */
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_CONTACT_LISTS } from "./support/campaign-fleet";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";
import { callKind } from "./support/request-log";
import { SMS_REQUEST_SIMPLE } from "../fixtures/sms-samples";

const CLI = path.join(REPO_ROOT, "dist", "provider", "cli", "main.js");
const SMS_FILE = "sms-campaigns/reminder.yaml";
const PROGRAM = {
  "Pulumi.yaml": "name: kore-campaigns\nruntime: nodejs\nmain: index.js\n",
  "package.json": JSON.stringify({ name: "campaigns-repo", private: true }),
  "index.js": 'module.exports = require("pulumi-kore-campaigns/program");\n',
};

let emulator: Emulator;
let project: PulumiProject;

const repoFile = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
const smsText = () => fs.readFileSync(path.join(project.dir, SMS_FILE), "utf8");
const editSms = (from: RegExp, to: string) => project.write(SMS_FILE, smsText().replace(from, to));
const smsCampaigns = () => emulator.campaigns().filter((c) => (c as Record<string, unknown>).campaignType === "sms");
/** The SMS campaign's calls: "kind ?campaignType" for each write and trigger. */
const writes = () =>
  emulator.requests
    .filter((r) => ["create", "update", "delete", "play", "stop"].includes(callKind(r)))
    .map((r) => `${callKind(r)} ${r.query.campaignType ?? "-"}`);

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 100, contactLists: [...SAMPLE_CONTACT_LISTS] });
  project = new PulumiProject("sms", clientEnv(emulator.url), {
    ...PROGRAM,
    "campaigns/renewals.yaml": repoFile("campaigns/service-renewals.yaml").replace(/^name: .*$/m, "name: SMS Project Renewals").replace(/^started: true\b.*$/m, "started: false"),
    [SMS_FILE]: repoFile("sms-campaigns/event-reminder.yaml").replace(/^name: .*$/m, "name: Project Event Reminder"),
  });
  await project.init();
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

beforeEach(() => emulator.clearRequests());

test("create, start (reviewed as starts texting), edit, stop and delete an SMS campaign from its file", async () => {
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect([...writes()].sort()).toEqual(["create sms", "create voice"]);
  const [made] = smsCampaigns();
  expect(made).toMatchObject({ name: "Project Event Reminder", format: "simple", status: "Ready" });
  expect(emulator.requests.find((r) => callKind(r) === "create" && r.query.campaignType === "sms")!.body).toMatchObject({
    campaignType: "sms",
    format: "simple",
    message: { templateId: "", message: "Hi, This is just reminder for upcoming event" },
  });

  // the start, as a pull request would show it
  editSms(/^started: false/m, "started: true");
  const preview = await project.ok(["preview", "--json"]);
  const previewFile = path.join(project.dir, "preview.json");
  fs.writeFileSync(previewFile, preview.stdout);
  const review = spawnSync(process.execPath, [CLI, "review", "--preview", previewFile], { encoding: "utf8", timeout: 20_000 });
  expect(review.stdout).toMatch(/starts texting/);

  emulator.clearRequests();
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["play sms"]);
  expect(emulator.campaign(made.id)!.status).toBe("Active");

  editSms(/text: Hi, This is just reminder for upcoming event/, "text: Doors open at 6 PM tonight");
  fs.writeFileSync(previewFile, (await project.ok(["preview", "--json"])).stdout);
  const edited = spawnSync(process.execPath, [CLI, "review", "--preview", previewFile], { encoding: "utf8", timeout: 20_000 });
  expect(edited.stdout).toMatch(/message: 1 SMS segment \(GSM-7, 26 septets\)/); // "Doors open at 6 PM tonight": 26 characters
  emulator.clearRequests();
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["update sms"]);
  expect((emulator.campaign(made.id) as Record<string, any>).message.message).toBe("Doors open at 6 PM tonight");

  emulator.clearRequests();
  editSms(/^started: true/m, "started: false");
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["stop sms"]);
  expect(emulator.campaign(made.id)!.status).toBe("Stopped");

  emulator.clearRequests();
  project.remove(SMS_FILE);
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes()).toEqual(["delete sms"]);
  expect(emulator.campaign(made.id)).toBeUndefined();
});

test("validate refuses a bad message with file:line, before any call", () => {
  const bad = repoFile("sms-campaigns/event-reminder.yaml").replace(/^  text: .*$/m, "  text: Dear {{first_name}}, see you tonight");
  const line = bad.split("\n").findIndex((l) => l.startsWith("  text: Dear")) + 1;
  project.write("sms-campaigns/bad.yaml", bad.replace(/^name: .*$/m, "name: Bad Message"));
  const result = spawnSync(process.execPath, [CLI, "validate", path.join(project.dir, "campaigns")], { encoding: "utf8", timeout: 20_000 });
  project.remove("sms-campaigns/bad.yaml");
  expect(result.status).toBe(1);
  expect(result.stdout + result.stderr).toMatch(new RegExp(`sms-campaigns/bad\\.yaml:${line}: message\\.text.*placeholder`));
  expect(emulator.requests).toEqual([]);
});

test("export of an app's SMS campaigns, then the first up, makes no write; then the preview is quiet", async () => {
  const app = await startEmulator({ port: 0, readyDelayMs: 0, contactLists: [...SAMPLE_CONTACT_LISTS, "Renewal Due - May/June 2025"] });
  const adopt = new PulumiProject("sms-adopt", clientEnv(app.url), { ...PROGRAM });
  try {
    for (const name of ["Console Texts 1", "Console Texts 2"]) app.insert({ ...SMS_REQUEST_SIMPLE, name });
    await adopt.init();
    const { stdout } = await promisify(execFile)(process.execPath, [CLI, "export", "--out", path.join(adopt.dir, "campaigns")], {
      env: { PATH: process.env.PATH, ...clientEnv(app.url) },
      encoding: "utf8",
    });
    expect(fs.readdirSync(path.join(adopt.dir, "sms-campaigns")).sort()).toHaveLength(2);
    expect(stdout).toMatch(/2 written/);
    app.clearRequests();
    await adopt.ok(["up", "--yes", "--skip-preview"]);
    expect(app.requests.map(callKind).filter((k) => ["create", "update", "play", "stop", "delete"].includes(k))).toEqual([]);
    app.clearRequests();
    await adopt.ok(["preview", "--expect-no-changes"]);
    expect(app.requests).toEqual([]);
  } finally {
    adopt.cleanup();
    await app.close();
  }
});
