/**
 * examples/native-two-apps as a user runs it: the TypeScript program (transpiled here, as `tsc` would), the
 * plugin found through its Pulumi.yaml (`node_modules/.bin`), two Kore.ai apps served by one emulator with
 * separate credentials. The default provider is the stack's kore:* config, the second app an explicit
 * `native.Provider`: each campaign and list lands in its own app, and a second up has nothing to do.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { PulumiProject, REPO_ROOT } from "./support/pulumi-project";

const EXAMPLE = path.join(REPO_ROOT, "examples", "native-two-apps");
const EMEA = { appId: "st-emea-app", accountId: "emea-account", clientId: "cs-emea-client", clientSecret: "emea-secret-for-tests-only" };

let emulator: Emulator;
let project: PulumiProject;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, readyDelayMs: 50, apps: [{ credentials: EMEA }] });
  const source = fs.readFileSync(path.join(EXAMPLE, "index.ts"), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText;
  project = new PulumiProject("two-apps", {}, {
    "Pulumi.yaml": fs.readFileSync(path.join(EXAMPLE, "Pulumi.yaml"), "utf8").replace(/^main: .*$/m, "").concat("main: index.js\n"),
    "package.json": JSON.stringify({ name: "native-two-apps", private: true }),
    "index.js": js,
  });
  fs.mkdirSync(path.join(project.dir, "node_modules", ".bin"), { recursive: true });
  fs.symlinkSync(path.join(REPO_ROOT, "bin", "pulumi-resource-kore"), path.join(project.dir, "node_modules", ".bin", "pulumi-resource-kore"));
  await project.init();
  await project.configureApp(emulator.url, DEMO_CREDENTIALS);
  await project.configureApp(emulator.url, EMEA, "emea");
});

afterAll(async () => {
  await emulator?.close();
  project?.cleanup();
});

test("each app holds exactly its own list and campaign; the explicit provider's secret stays secret; a second up changes nothing", async () => {
  await project.ok(["up", "--yes", "--skip-preview"]);
  expect(emulator.app(DEMO_CREDENTIALS.appId).campaigns().map((c) => c.name)).toEqual(["US Renewals"]);
  expect(emulator.app(EMEA.appId).campaigns().map((c) => c.name)).toEqual(["EMEA Renewals"]);
  expect(emulator.app(DEMO_CREDENTIALS.appId).contactLists().map((l) => l.name)).toEqual(["US Renewals"]);
  expect(emulator.app(EMEA.appId).contactLists().map((l) => l.name)).toEqual(["EMEA Renewals"]);
  const outputs = JSON.parse((await project.ok(["stack", "output", "--json"])).stdout);
  expect(outputs.apps.us.appId).toBe(DEMO_CREDENTIALS.appId);
  expect(outputs.apps.emea.appId).toBe(EMEA.appId);
  const state = project.stateFileText();
  expect(state).not.toContain(EMEA.clientSecret);
  expect(state).not.toContain(DEMO_CREDENTIALS.clientSecret);
  emulator.clearRequests();
  await project.ok(["preview", "--expect-no-changes"]);
  expect(emulator.requests).toEqual([]);
  await project.ok(["destroy", "--yes", "--skip-preview"]);
  expect(emulator.app(EMEA.appId).campaigns()).toEqual([]);
  expect(emulator.app(DEMO_CREDENTIALS.appId).campaigns()).toEqual([]);
});
