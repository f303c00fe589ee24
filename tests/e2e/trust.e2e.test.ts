/**
 * "State you can trust" under the real Pulumi CLI: a rotated client secret, a partial failure followed
 * by refresh and destroy, and an `up` killed with SIGKILL. Each test asserts what the emulator saw and
 * what the state holds.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_AGENTLESS, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { Args, argsFromSample, configureKore, fleetContactLists, fleetDefinitions, projectFiles, SAMPLE_CONTACT_LISTS, stateCampaigns } from "./support/campaign-fleet";
import { PulumiProject } from "./support/pulumi-project";

const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d"; // how Pulumi marks a secret value in state


describe("a rotated client secret kept in the environment", () => {
  let dataDir: string;
  let emulator: Emulator;
  let project: PulumiProject;
  const definitions: Record<string, Args> = {
    dialing: argsFromSample(SAMPLE_PROGRESSIVE, "Trust Rotation Dialing", { started: true }),
    quiet: argsFromSample(SAMPLE_AGENTLESS, "Trust Rotation Quiet"),
  };
  const secretEnv = (secret: string) => ({ KORE_CLIENT_ID: DEMO_CREDENTIALS.clientId, KORE_CLIENT_SECRET: secret });

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-trust-rotation-"));
    emulator = await startEmulator({ port: 0, readyDelayMs: 200, dataDir, contactLists: [...SAMPLE_CONTACT_LISTS] });
    project = new PulumiProject("rotation", {}, projectFiles("kore-rotation"));
    project.write("campaigns.json", JSON.stringify(definitions));
    await project.init();
    // the target in stack config; the secret where the CI job keeps it, in the environment
    for (const [key, value] of Object.entries({ "kore:host": emulator.url, "kore:appId": DEMO_CREDENTIALS.appId, "kore:accountId": DEMO_CREDENTIALS.accountId })) {
      await project.ok(["config", "set", key, value]);
    }
  });

  afterAll(async () => {
    await emulator?.close();
    project?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("refresh, preview --refresh, an up that deletes the Active campaign, and destroy all work after rotation", async () => {
    await project.ok(["up", "--yes"], secretEnv(DEMO_CREDENTIALS.clientSecret));
    const dialingId = emulator.campaigns().find((c) => c.name === "Trust Rotation Dialing")!.id;
    expect(emulator.campaign(dialingId)!.status).toBe("Active");

    // rotate: the server accepts only the new secret
    const port = emulator.port;
    await emulator.close();
    emulator = await startEmulator({ port, readyDelayMs: 200, dataDir, credentials: { clientSecret: "trust-rotated-secret-B" }, contactLists: [...SAMPLE_CONTACT_LISTS] });
    const rotated = secretEnv("trust-rotated-secret-B");

    await project.ok(["refresh", "--yes"], rotated);
    await project.ok(["preview", "--refresh", "--expect-no-changes"], rotated);
    delete definitions.dialing;
    project.write("campaigns.json", JSON.stringify(definitions));
    emulator.clearRequests();
    await project.ok(["up", "--yes"], rotated);
    const forDialing = emulator.requests.filter((r) => r.path.includes(dialingId)).map((r) => r.query.trigger ?? r.method);
    expect(forDialing.slice(-2)).toEqual(["stop", "DELETE"]);
    expect(emulator.campaign(dialingId)).toBeUndefined();
    expect(emulator.requests.filter((r) => r.status === 401)).toEqual([]);

    for (const text of [project.stateFileText(), (await project.ok(["stack", "export", "--show-secrets"])).stdout]) {
      expect(text).toContain("Trust Rotation Quiet");
      expect(text).not.toContain(DEMO_CREDENTIALS.clientSecret);
      expect(text).not.toContain("trust-rotated-secret-B");
      expect(text).not.toContain(SECRET_SIGNATURE);
    }
    await project.ok(["destroy", "--yes"], rotated);
    expect(emulator.campaigns()).toEqual([]);
  });
});

describe("a rotated client secret kept in stack config", () => {
  test("after one command that runs the program, refresh, preview --refresh, up and destroy work; only Pulumi's provider copy holds it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-trust-config-rotation-"));
    let emulator = await startEmulator({ port: 0, readyDelayMs: 200, dataDir, contactLists: [...SAMPLE_CONTACT_LISTS] });
    const project = new PulumiProject("configrotation", {}, projectFiles("kore-config-rotation"));
    const definitions: Record<string, Args> = {
      dialing: argsFromSample(SAMPLE_PROGRESSIVE, "Trust Config Rotation Dialing", { started: true }),
      quiet: argsFromSample(SAMPLE_AGENTLESS, "Trust Config Rotation Quiet"),
    };
    try {
      project.write("campaigns.json", JSON.stringify(definitions));
      await project.init();
      await configureKore(project, emulator.url);
      await project.ok(["up", "--yes"]);
      const dialingId = emulator.campaigns().find((c) => c.name === "Trust Config Rotation Dialing")!.id;
      const port = emulator.port;
      await emulator.close();
      emulator = await startEmulator({ port, readyDelayMs: 200, dataDir, credentials: { clientSecret: "trust-config-secret-B" }, contactLists: [...SAMPLE_CONTACT_LISTS] });
      await project.ok(["config", "set", "--secret", "kore:clientSecret", "trust-config-secret-B"]);

      // Pulumi configures refresh and destroy from the provider config recorded at the last up:
      // the first refresh runs the program so that the engine records the current config
      await project.ok(["refresh", "--yes", "--run-program"]);
      await project.ok(["refresh", "--yes"]);
      await project.ok(["preview", "--refresh", "--expect-no-changes"]);
      delete definitions.dialing;
      project.write("campaigns.json", JSON.stringify(definitions));
      emulator.clearRequests();
      await project.ok(["up", "--yes"]);
      expect(emulator.requests.filter((r) => r.path.includes(dialingId)).map((r) => r.query.trigger ?? r.method).slice(-2)).toEqual(["stop", "DELETE"]);
      expect(emulator.requests.filter((r) => r.status === 401)).toEqual([]);

      const revealed = JSON.parse((await project.ok(["stack", "export", "--show-secrets"])).stdout).deployment.resources as Array<{ type: string }>;
      const holders = revealed.filter((r) => JSON.stringify(r).includes("trust-config-secret-B")).map((r) => r.type);
      expect(holders).toEqual(["pulumi:providers:pulumi-nodejs"]); // Pulumi's own copy of the stack config, encrypted
      const campaigns = JSON.stringify(revealed.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic")));
      expect(campaigns).toContain("Trust Config Rotation Quiet");
      expect(campaigns).not.toContain(SECRET_SIGNATURE);
      expect(project.stateFileText()).not.toContain("trust-config-secret-B");
      await project.ok(["destroy", "--yes"]);
      expect(emulator.campaigns()).toEqual([]);
    } finally {
      await emulator.close();
      project.cleanup();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("credentials in the environment", () => {
  test("neither the state file nor `stack export --show-secrets` holds the secret or any encrypted value", async () => {
    const emulator = await startEmulator({ port: 0, readyDelayMs: 100, contactLists: [...SAMPLE_CONTACT_LISTS] });
    const env = {
      KORE_HOST: emulator.url,
      KORE_APP_ID: DEMO_CREDENTIALS.appId,
      KORE_ACCOUNT_ID: DEMO_CREDENTIALS.accountId,
      KORE_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      KORE_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
    };
    const project = new PulumiProject("envcreds", env, projectFiles("kore-envcreds"));
    try {
      project.write("campaigns.json", JSON.stringify({ one: argsFromSample(SAMPLE_PROGRESSIVE, "Trust Env One", { started: true }) }));
      await project.init();
      await project.ok(["up", "--yes"]);
      const revealed = await project.ok(["stack", "export", "--show-secrets"]);
      for (const text of [project.stateFileText(), revealed.stdout]) {
        expect(text).toContain("Trust Env One");
        expect(text).not.toContain(DEMO_CREDENTIALS.clientSecret);
        expect(text).not.toContain(SECRET_SIGNATURE);
      }
      await project.ok(["destroy", "--yes"]);
      expect(emulator.campaigns()).toEqual([]);
    } finally {
      await emulator.close();
      project.cleanup();
    }
  });
});

describe("a partial failure", () => {
  test("a campaign that could not be started stays in state, and refresh and destroy then work", async () => {
    const emulator = await startEmulator({ port: 0, readyDelayMs: 100, contactLists: [...SAMPLE_CONTACT_LISTS] });
    const project = new PulumiProject("partial", {}, projectFiles("kore-partial"));
    try {
      project.write("campaigns.json", JSON.stringify({ refused: argsFromSample(SAMPLE_PROGRESSIVE, "Trust Partial", { started: true }) }));
      await project.init();
      await configureKore(project, emulator.url);
      emulator.failNext({ method: "POST", pathIncludes: "trigger=play", status: 400, count: 1 });
      const failed = await project.run(["up", "--yes"]);
      expect(failed.code).not.toBe(0);
      expect(failed.stdout + failed.stderr).toMatch(/exists but could not be started/);
      const [inState] = await stateCampaigns(project);
      expect(inState).toMatchObject({ name: "Trust Partial" });
      expect(emulator.campaign(inState.id)).toBeDefined();
      await project.ok(["refresh", "--yes"]);
      await project.ok(["destroy", "--yes"]);
      expect(emulator.campaigns()).toEqual([]);
    } finally {
      await emulator.close();
      project.cleanup();
    }
  });
});

describe("an up killed with SIGKILL", () => {
  test("no API call after the CLI is gone; `pulumi cancel` then `pulumi up` converge to exactly 10 campaigns", async () => {
    // slow to prepare, so the kill lands while creates and the waits before their plays are in flight
    const emulator = await startEmulator({ port: 0, readyDelayMs: 4000, faults: { latencyMs: 150 }, contactLists: fleetContactLists("Trust Killed") });
    const project = new PulumiProject("killed", {}, projectFiles("kore-killed"));
    try {
      const fleet = Object.fromEntries(Object.entries(fleetDefinitions(10, "Trust Killed")).map(([k, v]) => [k, { ...v, started: true }]));
      project.write("campaigns.json", JSON.stringify(fleet));
      await project.init();
      await configureKore(project, emulator.url);
      const up = project.start(["up", "--yes"]);
      const exited = new Promise((resolve) => up.once("exit", resolve));
      while (emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/campaign")).length < 4) {
        await new Promise((r) => setTimeout(r, 20));
      }
      const killedAt = Date.now();
      up.kill("SIGKILL");
      await exited;
      await new Promise((r) => setTimeout(r, 6000)); // longer than the ready delay: a surviving host would play now
      // an attempt that passed the engine check just before the kill may still arrive: the check's answer is
      // reused for 50 ms; nothing may arrive later than that plus the emulator's latency
      const late = emulator.requests.filter((r) => Date.parse(r.at) > killedAt + 50 + 150 + 50);
      expect(late.map((r) => `${r.method} ${r.path}${r.query.trigger ? ` ${r.query.trigger}` : ""}`)).toEqual([]);
      const createdByKilledRun = emulator.campaigns().length;
      expect(createdByKilledRun).toBeGreaterThanOrEqual(4);

      // the documented recovery: cancel (the lock of the killed run), then up; no definition is edited
      await project.ok(["cancel", "--yes"]);
      emulator.clearRequests();
      const again = await project.run(["up", "--yes"]);
      expect(again.stdout + again.stderr).not.toMatch(/already exists in app/);
      expect(again.code).toBe(0);
      const creates = emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/campaign"));
      expect(creates).toHaveLength(10 - createdByKilledRun); // the killed run's campaigns were taken over, not posted again
      const inState = await stateCampaigns(project);
      expect(inState).toHaveLength(10);
      const onServer = emulator.campaigns();
      expect(onServer).toHaveLength(10);
      expect(new Set(onServer.map((c) => c.id))).toEqual(new Set(inState.map((c) => c.id)));
      expect(onServer.every((c) => c.status === "Active")).toBe(true);
      await project.ok(["preview", "--expect-no-changes"]);
    } finally {
      await emulator.close();
      project.cleanup();
    }
  });
});
