/**
 * Moving a stack from the dynamic resource (`pulumi-nodejs:dynamic/kore:VoiceCampaign`) to the native one
 * (`kore:index:VoiceCampaign`), the path docs/native-provider.md documents: `pulumi state delete` of the dynamic resource,
 * the program switched to `native.VoiceCampaign`, `pulumi import` by the same campaign id. No call writes
 * anything on the way, the campaign is never duplicated, and the next preview has nothing to do.
 */
import * as path from "node:path";
import { DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { argsFromSample, SAMPLE_CONTACT_LISTS } from "./support/campaign-fleet";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

const program = (kind: "dynamic" | "native") => `
const pulumi = require("@pulumi/pulumi");
const kore = require("pulumi-kore-campaigns");
const args = new pulumi.Config("test").requireObject("args");
const campaign = ${kind === "dynamic" ? "new kore.VoiceCampaign" : "new kore.native.VoiceCampaign"}("renewals", args);
exports.id = campaign.id;
`;

let emulator: Emulator;
let project: PulumiProject;

const writes = () => emulator.requests.filter((r) => r.method !== "GET" && !/\/(getAllCampaignDetails|getAllListDetails|status)$/.test(r.path));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 50, contactLists: [...SAMPLE_CONTACT_LISTS] });
  project = new PulumiProject("migrate", {}, {
    "Pulumi.yaml": `name: kore-migrate\nruntime: nodejs\nmain: index.js\nplugins:\n  providers:\n    - name: kore\n      path: ${path.join(REPO_ROOT, "bin")}\n`,
    "package.json": JSON.stringify({ name: "migrate", private: true }),
    "index.js": program("dynamic"),
  });
  await project.init();
  await project.configureApp(emulator.url, DEMO_CREDENTIALS);
  await project.ok(["config", "set", "test:args", JSON.stringify(argsFromSample(SAMPLE_PROGRESSIVE, "Migrated Renewals"))]);
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

test("state delete, switch the program, import by id: no write, one campaign, nothing to change", async () => {
  await project.ok(["up", "--yes", "--skip-preview"]);
  const [made] = emulator.campaigns();
  expect(project.stateFileText()).toContain("pulumi-nodejs:dynamic/kore:VoiceCampaign");
  emulator.clearRequests();

  await project.ok(["state", "delete", "urn:pulumi:migrate::kore-migrate::pulumi-nodejs:dynamic/kore:VoiceCampaign::renewals", "--yes"]);
  project.write("index.js", program("native"));
  await project.ok(["import", "kore:index:VoiceCampaign", "renewals", made.id, "--yes", "--generate-code=false", "--protect=false"]);
  await project.ok(["preview", "--expect-no-changes"]);
  expect(writes()).toEqual([]);
  expect(emulator.campaigns().map((c) => c.id)).toEqual([made.id]);
  const state = (await project.ok(["stack", "export"])).stdout; // the current checkpoint (the backend keeps history too)
  expect(state).not.toContain("pulumi-nodejs:dynamic/kore:VoiceCampaign");
  expect(state).not.toContain("exports.handler");
  expect(state).toMatch(/"type":\s*"kore:index:VoiceCampaign"/);

  // managed by the native provider from now on: an edit is one PUT
  await project.ok(["config", "set", "test:args", JSON.stringify(argsFromSample(SAMPLE_PROGRESSIVE, "Migrated Renewals", { description: "Now native." }))]);
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(writes().map((r) => r.method)).toEqual(["PUT"]);
});
