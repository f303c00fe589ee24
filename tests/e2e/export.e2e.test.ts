/**
 * Adopting an existing app under the real Pulumi CLI: 30 campaigns made out of band (mixed modes, some
 * Active) -> `kore-campaigns export` -> `pulumi up` of the GitOps program takes them all over without
 * a single write; afterwards the preview is quiet and one edited file is one update.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import * as fs from "node:fs";
import * as path from "node:path";
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { validateCampaign } from "../../provider/resources/campaign/schema";
import { toWireBody } from "../../provider/resources/campaign/wire";
import { fleetContactLists, fleetDefinitions } from "./support/campaign-fleet";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";
import { callKind } from "./support/request-log";

let emulator: Emulator;
let project: PulumiProject;
let activeCount = 0;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 0, contactLists: fleetContactLists("Console Made") });
  const fleet = fleetDefinitions(30, "Console Made", 4); // every fourth one is Active
  for (const def of Object.values(fleet)) {
    const { started, ...definition } = def;
    const checked = validateCampaign(definition);
    if (!checked.ok) throw new Error(JSON.stringify(checked.failures));
    const made = emulator.insert(toWireBody(checked.value as never, "create") as never);
    if (started) {
      emulator.setStatus(made.id, "Active");
      activeCount += 1;
    }
  }
  project = new PulumiProject("adopt", clientEnv(emulator.url), {
    "Pulumi.yaml": "name: kore-campaigns\nruntime: nodejs\nmain: index.js\n",
    "package.json": JSON.stringify({ name: "campaigns-repo", private: true }),
    "index.js": 'module.exports = require("pulumi-kore-campaigns/program");\n',
  });
  await project.init();
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

test("export, then the first up adopts all 30 with no POST, no PUT and no trigger; then no changes; then one edit is one update", async () => {
  // asynchronously: the emulator answers from this process
  const { stdout: out } = await promisify(execFile)(process.execPath, [path.join(REPO_ROOT, "dist/provider/cli/main.js"), "export", "--out", path.join(project.dir, "campaigns")], {
    env: { PATH: process.env.PATH, ...clientEnv(emulator.url) },
    encoding: "utf8",
  });
  expect(out.trim().split("\n").pop()).toBe("30 written, 0 skipped, 0 not exported");

  emulator.clearRequests();
  await project.ok(["up", "--yes", "--skip-preview"]);
  const kinds = emulator.requests.map(callKind);
  expect(kinds.filter((k) => k === "create" || k === "update" || k === "play" || k === "stop")).toEqual([]);
  expect(kinds.filter((k) => k === "get")).toHaveLength(30); // at most one GET per campaign, plus the list pages
  expect(kinds.filter((k) => k === "list").length).toBeLessThanOrEqual(2);
  expect(activeCount).toBeGreaterThan(0);
  expect(emulator.campaigns().filter((c) => c.status === "Active")).toHaveLength(activeCount);

  emulator.clearRequests();
  await project.ok(["preview", "--expect-no-changes"]);
  expect(emulator.requests).toEqual([]);

  const file = fs.readdirSync(path.join(project.dir, "campaigns")).sort()[0];
  const full = path.join(project.dir, "campaigns", file);
  fs.writeFileSync(full, fs.readFileSync(full, "utf8").replace(/maxRingTime: \d+/, "maxRingTime: 77"));
  const preview = await project.ok(["preview", "--diff"]);
  expect(preview.stdout).toMatch(/~ 1 to update/);
  expect(preview.stdout).toMatch(/~ maxRingTime\s*: \d+ => 77/);
});
