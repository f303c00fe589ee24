/**
 * examples/many-apps under the real Pulumi CLI: three Kore.ai apps served by one emulator, each with its own
 * credentials and rate limit, one stack per app, all three deployed at once through the Automation API.
 * Asserts: every stack converges (the example's own follow-up preview runs with expectNoChanges, and a second
 * run of the example changes nothing and makes no API call), each app's requests stay within its own limit
 * (from the emulator's request log), the slow app does not slow the fast one, and every app holds exactly its
 * own campaigns.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as ts from "typescript";
import { startEmulator, type Emulator, type EmulatorCredentials, type RequestLogEntry } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { argsFromSample } from "./support/campaign-fleet";
import { PASSPHRASE, pulumiBinDir, REPO_ROOT, runCollecting } from "./support/pulumi-project";

jest.setTimeout(600_000);

const CAMPAIGNS_PER_APP = 6;
/** requests per second each app (emulator and provider) allows: a slow app, a middle one, a fast one */
const APPS: { stack: string; rate: number; creds: EmulatorCredentials }[] = [
  { stack: "slow", rate: 2, creds: { appId: "st-app-slow", accountId: "account-slow", clientId: "cs-slow", clientSecret: "secret-slow-app" } },
  { stack: "middle", rate: 5, creds: { appId: "st-app-middle", accountId: "account-middle", clientId: "cs-middle", clientSecret: "secret-middle-app" } },
  { stack: "fast", rate: 50, creds: { appId: "st-app-fast", accountId: "account-fast", clientId: "cs-fast", clientSecret: "secret-fast-app" } },
];

interface AppResult {
  stack: string;
  appId: string;
  changes?: Record<string, number>;
  preview?: Record<string, number>;
  campaignIds?: Record<string, string>;
}

const campaignNameOf = (stack: string, i: number) => `${stack} outreach ${i}`;

function appsFile(url: string) {
  return APPS.map(({ stack, rate, creds }) => ({
    stack,
    host: url,
    ...creds,
    maxRequestsPerSecond: rate,
    contactList: `${stack} contacts`,
    campaigns: Object.fromEntries(
      Array.from({ length: CAMPAIGNS_PER_APP }, (_, i) => {
        const { contactLists: _l, ...args } = argsFromSample(SAMPLE_PROGRESSIVE, campaignNameOf(stack, i));
        return [`${stack}-campaign-${i}`, args];
      }),
    ),
  }));
}

/** The example, compiled as a user would run it, in a folder that resolves the package as an install would. */
function exampleFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-many-apps-"));
  const source = fs.readFileSync(path.join(REPO_ROOT, "examples", "many-apps", "index.ts"), "utf8");
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } });
  fs.writeFileSync(path.join(dir, "index.js"), js.outputText);
  fs.mkdirSync(path.join(dir, "node_modules"));
  fs.symlinkSync(REPO_ROOT, path.join(dir, "node_modules", "pulumi-kore-campaigns"), "dir");
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi"), path.join(dir, "node_modules", "@pulumi"), "dir");
  fs.mkdirSync(path.join(dir, ".state"));
  fs.mkdirSync(path.join(dir, ".pulumi-home"));
  return dir;
}

function runExample(dir: string, action: "up" | "preview" | "destroy"): Promise<{ code: number; stdout: string; stderr: string }> {
  return runCollecting(process.execPath, ["index.js", "apps.json", action], dir, {
    PATH: `${pulumiBinDir()}:${process.env.PATH}`,
    HOME: process.env.HOME,
    PULUMI_HOME: path.join(dir, ".pulumi-home"),
    PULUMI_BACKEND_URL: `file://${path.join(dir, ".state")}`,
    PULUMI_CONFIG_PASSPHRASE: PASSPHRASE,
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    NO_COLOR: "1",
  });
}

async function ok(dir: string, action: "up" | "preview" | "destroy"): Promise<AppResult[]> {
  const r = await runExample(dir, action);
  if (r.code !== 0) throw new Error(`many-apps ${action} exited ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr.slice(-6000)}`);
  return JSON.parse(r.stdout) as AppResult[];
}

const ms = (e: RequestLogEntry) => Date.parse(e.at);
const ofApp = (log: RequestLogEntry[], appId: string) => log.filter((e) => e.path.includes(`/${appId}/`));

/** The most requests (answered or refused) that arrived in any window of `windowMs`. */
function busiestWindow(entries: RequestLogEntry[], windowMs: number): number {
  const times = entries.map(ms).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i] - times[j] >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("many apps, one stack each, in parallel (Automation API)", () => {
  let emulator: Emulator;
  let dir: string;

  beforeAll(async () => {
    pulumiBinDir(); // builds the CLI on first use, outside the timed part
    const [first, ...rest] = APPS;
    emulator = await startEmulator({
      readyDelayMs: 100,
      credentials: first.creds,
      faults: { maxRequestsPerSecond: first.rate },
      apps: rest.map((a) => ({ credentials: a.creds, faults: { maxRequestsPerSecond: a.rate } })),
    });
    dir = exampleFolder();
    fs.writeFileSync(path.join(dir, "apps.json"), JSON.stringify(appsFile(emulator.url), null, 2));
  });

  afterAll(async () => {
    if (dir) {
      // leave no campaigns behind in the emulator's apps and no state on disk
      await runExample(dir, "destroy").catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    await emulator?.close();
  });

  test("three apps converge at once, each within its own rate limit, each holding exactly its own campaigns", async () => {
    emulator.clearRequests();
    const results = await ok(dir, "up");
    const log = [...emulator.requests];

    // every stack created its list and its campaigns, and its follow-up preview (expectNoChanges) found nothing
    expect(results.map((r) => r.stack)).toEqual(APPS.map((a) => a.stack));
    for (const r of results) {
      expect(r.changes).toEqual({ create: CAMPAIGNS_PER_APP + 2 }); // campaigns, the list, the stack itself
      expect(Object.keys(r.preview ?? {})).toEqual(["same"]);
      expect(Object.keys(r.campaignIds ?? {})).toHaveLength(CAMPAIGNS_PER_APP);
    }

    for (const { stack, rate, creds } of APPS) {
      // no campaign (or list) in the wrong app: each app holds exactly its own definitions
      const app = emulator.app(creds.appId);
      const expected = Array.from({ length: CAMPAIGNS_PER_APP }, (_, i) => campaignNameOf(stack, i)).sort();
      expect(app.campaigns().map((c) => c.name).sort()).toEqual(expected);
      expect(app.contactLists().map((l) => l.name)).toEqual([`${stack} contacts`]);
      const ids = results.find((r) => r.stack === stack)!.campaignIds!;
      expect(Object.values(ids).sort()).toEqual(app.campaigns().map((c) => c.id).sort());

      // every request for this app carried this app's tenant headers, and none was refused for credentials
      const requests = ofApp(log, creds.appId);
      expect(requests.length).toBeGreaterThanOrEqual(CAMPAIGNS_PER_APP + 2);
      for (const e of requests) {
        if (e.headers.iid !== undefined) expect(e.headers.iid).toBe(creds.appId);
        expect([401, 403]).not.toContain(e.status);
      }
      // within its own limit: the emulator's bucket holds `rate` tokens and refills `rate` a second, so no 1-second
      // window can see more than rate (refill) + rate (burst) accepted requests; the provider, paced at the same rate,
      // sends few enough that at most a couple are refused (a refusal shows in the log, then is retried)
      const accepted = requests.filter((e) => e.status !== 429);
      expect(busiestWindow(accepted, 1000)).toBeLessThanOrEqual(2 * rate);
      expect(requests.filter((e) => e.status === 429).length).toBeLessThanOrEqual(2);
      expect(requests.filter((e) => e.status >= 500 || e.status === 0)).toEqual([]);
    }

    // one app's limit does not slow another: the fast app's requests are done long before the slow app could be
    const span = (appId: string) => {
      const times = ofApp(log, appId).map(ms);
      return { first: Math.min(...times), last: Math.max(...times), count: times.length };
    };
    const slow = span(APPS[0].creds.appId);
    const fast = span(APPS[2].creds.appId);
    const slowFloorMs = ((slow.count - APPS[0].rate) / APPS[0].rate) * 1000; // its burst, then `rate` a second
    expect(slow.last - slow.first).toBeGreaterThanOrEqual(slowFloorMs - 250);
    expect(fast.last - fast.first).toBeLessThan((slow.last - slow.first) / 2);
    // the three ran at once: each app's requests began before the slow app's were over
    for (const { creds } of APPS) expect(span(creds.appId).first).toBeLessThan(slow.last);
  });

  test("a second run changes nothing and makes no API call", async () => {
    emulator.clearRequests();
    const results = await ok(dir, "preview");
    for (const r of results) expect(Object.keys(r.preview ?? {})).toEqual(["same"]);
    expect(emulator.requests).toEqual([]);
    // and what the example printed holds no secret
    const printed = JSON.stringify(results);
    for (const { creds } of APPS) expect(printed).not.toContain(creds.clientSecret);
  });
});
