/**
 * The provider as `pulumi up` runs it, through both adapters: the serialized VoiceCampaign provider inside
 * the real dynamic-provider host (a child process, in a folder outside the repo), and the native plugin
 * (bin/pulumi-resource-kore), each called over gRPC, against the emulator over real HTTP. Every test asserts the API calls the emulator saw.
 */
import { clientConnection, clientEnv, DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { ProviderHost, serializedProvider, UNKNOWN } from "../support/provider-host";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

type Props = Record<string, unknown>;

/** A documented sample request body as VoiceCampaign inputs (camelCase, no wire-only fields). */
function argsFromSample(body: Record<string, unknown>, name: string): Props {
  const { queue_name, campaignType: _type, ...rest } = body;
  return { ...rest, ...(queue_name === undefined ? {} : { queueName: queue_name }), name };
}

const MODES: Array<[string, Record<string, unknown>]> = [
  ["Progressive", SAMPLE_PROGRESSIVE],
  ["Preview", SAMPLE_PREVIEW],
  ["Agentless", SAMPLE_AGENTLESS],
];

// The same tests through both adapters: the dynamic provider host, and the native plugin.
describe.each(["dynamic", "native"])("through the %s adapter", (adapter) => {
  let emulator: Emulator;
  let host: ProviderHost;
  let provider: string;
  let counter = 0;

  function calls(): string[] {
    return emulator.requests.map((r) => `${r.method} ${r.path.replace(/cd-[0-9a-f-]+/g, ":id")}${r.query.trigger ? ` ${r.query.trigger}` : ""}`);
  }

  function hostEnv(): NodeJS.ProcessEnv {
    return { ...clientEnv(emulator.url), KORE_TRIGGER_SETTLE_SECONDS: "0.05" };
  }

  /** A provider process of this adapter, as each `pulumi up` starts one. */
  async function startHost(): Promise<ProviderHost> {
    return adapter === "dynamic" ? ProviderHost.start({ provider, env: hostEnv() }) : ProviderHost.startNative({ env: hostEnv() });
  }

  beforeAll(async () => {
    provider = await serializedProvider();
    emulator = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 150 });
    host = await startHost();
    await host.configure();
  });

  afterAll(async () => {
    await host?.stop();
    await emulator?.close();
  });

  beforeEach(() => {
    emulator.clearRequests();
    emulator.clearFaults();
  });

  /** check + create, as the engine does for a new resource */
  async function createFrom(args: Props): Promise<{ id: string; inputs: Props; outs: Props }> {
    const { inputs, failures } = await host.check(args);
    expect(failures).toEqual([]);
    const { id, outs } = await host.create(inputs);
    return { id, inputs, outs };
  }

  function uniqueName(mode: string): string {
    counter += 1;
    return `${mode} campaign ${counter}`;
  }

  describe.each(MODES)("%s mode", (mode, sample) => {
    test("create: one POST (plus a GET when the answer holds only the id); outputs mirror the inputs", async () => {
      const name = uniqueName(mode);
      const { id, inputs, outs } = await createFrom(argsFromSample(sample, name));
      expect(id).toMatch(/^cd-/);
      const seen = calls().map((c) => c.replace(DEMO_CREDENTIALS.appId, ":app"));
      expect(seen.filter((c) => c.startsWith("POST") && c.endsWith("/campaign"))).toHaveLength(1);
      expect(seen.some((c) => / trigger| play| stop/.test(c))).toBe(false);
      expect(emulator.campaign(id)).toBeDefined();
      expect(outs).toMatchObject({ name, dialingMode: mode, started: false, priority: "5", lname: name.toLowerCase() });
      expect(["Preparing", "Ready"]).toContain(outs.status);
      expect(outs).not.toHaveProperty("connection");
      // no-op diff right after create
      expect(await host.diff(id, outs, inputs)).toEqual({ changes: "none", replaces: [] });
    });

    test("a definition change is one PUT and no trigger; diff is quiet afterwards and after read", async () => {
      const { id, inputs, outs } = await createFrom(argsFromSample(sample, uniqueName(mode)));
      const changed = await host.check({ ...inputs, dialingStrategy: { ...(inputs.dialingStrategy as Props), maxRingTime: 45 } });
      expect(await host.diff(id, outs, changed.inputs)).toEqual({ changes: "some", replaces: [] });
      emulator.clearRequests();
      const updated = await host.update(id, outs, changed.inputs);
      expect(calls()).toEqual([`PUT /agentassist/api/v1/public/${DEMO_CREDENTIALS.appId}/campaign/:id`]);
      expect((emulator.campaign(id) as any).dialingStrategy.maxRingTime).toBe(45);
      expect(await host.diff(id, updated, changed.inputs)).toEqual({ changes: "none", replaces: [] });

      emulator.clearRequests();
      const read = await host.read(id, updated, changed.inputs);
      expect(calls()).toEqual([`GET /agentassist/api/v1/public/${DEMO_CREDENTIALS.appId}/campaign/:id`]);
      expect(read.id).toBe(id);
      expect(read.inputs).toEqual(changed.inputs);
      expect(await host.diff(id, read.outs, changed.inputs)).toEqual({ changes: "none", replaces: [] });
    });

    test("recipients are local only: not in the POST body; a change of them alone is recorded with no API call at all", async () => {
      const recipients = { regions: ["US-FL"], timeZones: ["America/New_York"] };
      const { id, inputs, outs } = await createFrom({ ...argsFromSample(sample, uniqueName(mode)), recipients });
      const posted = emulator.requests.find((r) => r.method === "POST" && r.path.endsWith("/campaign"));
      expect(posted?.body).toBeDefined();
      expect(JSON.stringify(posted!.body)).not.toContain("recipients");
      expect(JSON.stringify(posted!.body)).not.toContain("US-FL");
      expect(outs.recipients).toEqual(recipients);
      const moved = await host.check({ ...inputs, recipients: { regions: ["US-NY"] } });
      expect(await host.diff(id, outs, moved.inputs)).toEqual({ changes: "some", replaces: [] });
      emulator.clearRequests();
      const updated = await host.update(id, outs, moved.inputs);
      expect(calls()).toEqual([]);
      expect(updated.recipients).toEqual({ regions: ["US-NY"] });
      expect(await host.diff(id, updated, moved.inputs)).toEqual({ changes: "none", replaces: [] });
      const read = await host.read(id, updated, moved.inputs);
      expect(read.inputs).toEqual(moved.inputs);
    });

    test("started false -> true plays after Ready; true -> false stops; no PUT", async () => {
      const { id, inputs, outs } = await createFrom(argsFromSample(sample, uniqueName(mode)));
      emulator.clearRequests();
      const startedInputs = { ...inputs, started: true };
      expect((await host.diff(id, outs, startedInputs)).changes).toBe("some");
      const running = await host.update(id, outs, startedInputs);
      const triggerCalls = calls().filter((c) => c.includes("play") || c.includes("stop") || c.startsWith("PUT"));
      expect(triggerCalls).toEqual([`POST /campaign/api/v1/public/${DEMO_CREDENTIALS.appId}/campaign/:id play`]);
      expect(running).toMatchObject({ started: true, status: "Active" });
      expect(running.campaignInstanceId).toMatch(/^cid-/);
      expect(emulator.campaign(id)!.status).toBe("Active");
      // it waited for Ready: the play came after a status answer that was not Preparing
      const statusAnswers = emulator.requests.filter((r) => r.path.endsWith("/status"));
      expect(statusAnswers.length).toBeGreaterThanOrEqual(1);

      emulator.clearRequests();
      const stopped = await host.update(id, running, { ...inputs, started: false });
      expect(calls().filter((c) => c.includes("play") || c.includes("stop") || c.startsWith("PUT"))).toEqual([
        `POST /campaign/api/v1/public/${DEMO_CREDENTIALS.appId}/campaign/:id stop`,
      ]);
      expect(stopped).toMatchObject({ started: false, status: "Stopped" });
    });
  });

  describe("drift, delete, adoption and refusals", () => {
    test("an out-of-band change is seen by read and shown by diff", async () => {
      const { id, inputs, outs } = await createFrom(argsFromSample(SAMPLE_PROGRESSIVE, uniqueName("Drift")));
      emulator.mutate(id, { description: "edited in the console" });
      emulator.clearRequests();
      const read = await host.read(id, outs, inputs);
      expect(calls()).toHaveLength(1);
      expect(read.outs.description).toBe("edited in the console");
      expect(read.inputs!.description).toBe("edited in the console");
      expect(await host.diff(id, read.outs, inputs)).toEqual({ changes: "some", replaces: [] });
    });

    test("a supervisor's stop stands: refresh records stoppedOutsideGit and warns; an unrelated change sends no play; a new restartedAt starts it once", async () => {
      const name = uniqueName("Stopped");
      const { id, inputs, outs } = await createFrom({ ...argsFromSample(SAMPLE_AGENTLESS, name), started: true });
      expect(outs.status).toBe("Active");
      emulator.setStatus(id, "Stopped"); // a supervisor presses stop in the console
      emulator.clearRequests();
      const logsBefore = host.logs.length;
      const read = await host.read(id, outs, inputs);
      expect(read.outs.started).toBe(true);
      expect(read.outs.stoppedOutsideGit).toEqual({ status: "Stopped", seenAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/) });
      expect(read.outs.pendingChanges).toBeUndefined();
      expect(host.logs.slice(logsBefore).join("")).toContain(`campaign "${name}" (${id}) was stopped outside git`);
      expect(await host.diff(id, read.outs, inputs)).toEqual({ changes: "none", replaces: [] });

      // an unrelated change merges: one PUT, no trigger, still Stopped, still recorded
      const edited = { ...inputs, description: "An unrelated edit" };
      expect((await host.diff(id, read.outs, edited)).changes).toBe("some");
      const afterEdit = await host.update(id, read.outs, edited);
      expect(emulator.requests.some((r) => r.query.trigger)).toBe(false);
      expect(emulator.campaign(id)!.status).toBe("Stopped");
      expect(afterEdit.stoppedOutsideGit).toEqual(read.outs.stoppedOutsideGit);

      // the one reviewable change that resumes it
      const restarted = { ...edited, restartedAt: "2026-12-04" };
      expect((await host.diff(id, afterEdit, restarted)).changes).toBe("some");
      emulator.clearRequests();
      const resumed = await host.update(id, afterEdit, restarted);
      expect(emulator.requests.filter((r) => r.query.trigger).map((r) => r.query.trigger)).toEqual(["play"]);
      expect(resumed).toMatchObject({ status: "Active", started: true, restartedAt: "2026-12-04" });
      expect(resumed).not.toHaveProperty("stoppedOutsideGit");
      expect(await host.diff(id, resumed, restarted)).toEqual({ changes: "none", replaces: [] });
    });

    test("read of a campaign deleted outside Pulumi drops it from state", async () => {
      const { id, outs } = await createFrom(argsFromSample(SAMPLE_PREVIEW, uniqueName("Gone")));
      emulator.remove(id); // deleted in the console
      const read = await host.read(id, outs);
      expect(read.id).toBe("");
    });

    test("delete of an Active campaign stops it, then DELETEs; the server is left without it", async () => {
      const { id, outs } = await createFrom({ ...argsFromSample(SAMPLE_PROGRESSIVE, uniqueName("Delete")), started: true });
      expect(emulator.campaign(id)!.status).toBe("Active");
      emulator.clearRequests();
      await host.delete(id, outs);
      const app = DEMO_CREDENTIALS.appId;
      expect(calls()).toEqual([
        `POST /agentassist/api/v1/public/${app}/campaign/:id/status`,
        `POST /campaign/api/v1/public/${app}/campaign/:id stop`,
        `DELETE /agentassist/api/v1/public/${app}/campaign/:id`,
      ]);
      expect(emulator.campaign(id)).toBeUndefined();
    });

    /** A new provider process, as each `pulumi up` has: its name view is listed afresh. */
    async function withFreshHost<T>(fn: (fresh: ProviderHost) => Promise<T>): Promise<T> {
      const fresh = await startHost();
      try {
        await fresh.configure();
        return await fn(fresh);
      } finally {
        await fresh.stop();
      }
    }

    test("a duplicate name is refused, naming the existing campaign, with no POST", async () => {
      const existing = emulator.insert({ ...SAMPLE_PROGRESSIVE, name: "Already There" });
      await withFreshHost(async (fresh) => {
        const { inputs } = await fresh.check(argsFromSample(SAMPLE_PROGRESSIVE, "already there"));
        emulator.clearRequests();
        await expect(fresh.create(inputs)).rejects.toThrow(new RegExp(`already exists.*${existing.id}.*adoptExisting`, "s"));
        expect(calls().filter((c) => c.startsWith("POST") && c.endsWith("/campaign"))).toEqual([]);
        expect(calls().filter((c) => c.includes("getAllCampaignDetails")).length).toBeGreaterThanOrEqual(1);
      });
    });

    test("a duplicate created after this process listed the app is still refused (the server's 409), with one POST", async () => {
      await createFrom(argsFromSample(SAMPLE_AGENTLESS, uniqueName("Warm up"))); // the view is loaded now
      const existing = emulator.insert({ ...SAMPLE_PROGRESSIVE, name: "Late Arrival" });
      const { inputs } = await host.check(argsFromSample(SAMPLE_PROGRESSIVE, "Late Arrival"));
      emulator.clearRequests();
      await expect(host.create(inputs)).rejects.toThrow(new RegExp(`already exists.*${existing.id}.*adoptExisting`, "s"));
      expect(calls().filter((c) => c.startsWith("POST") && c.endsWith("/campaign"))).toHaveLength(1);
      expect(emulator.campaigns().filter((c) => (c as any).lname === "late arrival")).toHaveLength(1);
    });

    test("adoptExisting adopts the campaign with one GET and one PUT of the desired definition, no POST", async () => {
      const existing = emulator.insert({ ...SAMPLE_PREVIEW, name: "Adopt Me", description: "made by hand" });
      await withFreshHost(async (fresh) => {
        const { inputs } = await fresh.check({ ...argsFromSample(SAMPLE_PREVIEW, "Adopt Me"), adoptExisting: true });
        emulator.clearRequests();
        const { id, outs } = await fresh.create(inputs);
        expect(id).toBe(existing.id);
        expect(calls().filter((c) => !c.includes("getAllCampaignDetails"))).toEqual([
          `GET /agentassist/api/v1/public/${DEMO_CREDENTIALS.appId}/campaign/:id`,
          `PUT /agentassist/api/v1/public/${DEMO_CREDENTIALS.appId}/campaign/:id`,
        ]);
        expect(emulator.campaigns().filter((c) => (c as any).lname === "adopt me")).toHaveLength(1);
        expect(emulator.campaign(id)!.description).toBe(SAMPLE_PREVIEW.description);
        expect(outs.adoptExisting).toBe(true);
        expect(await fresh.diff(id, outs, inputs)).toEqual({ changes: "none", replaces: [] });
      });
    });

    test("adoptExisting on a campaign that already matches writes nothing: one GET, no PUT, no trigger", async () => {
      const existing = emulator.insert({ ...SAMPLE_AGENTLESS, name: "Already Matches" });
      await withFreshHost(async (fresh) => {
        const { inputs } = await fresh.check({ ...argsFromSample(SAMPLE_AGENTLESS, "Already Matches"), adoptExisting: true });
        emulator.clearRequests();
        const { id, outs } = await fresh.create(inputs);
        expect(id).toBe(existing.id);
        expect(calls().filter((c) => !c.includes("getAllCampaignDetails"))).toEqual([`GET /agentassist/api/v1/public/${DEMO_CREDENTIALS.appId}/campaign/:id`]);
        expect(await fresh.diff(id, outs, inputs)).toEqual({ changes: "none", replaces: [] });
      });
    });

    test("invalid inputs are refused by check with property paths, and no API call is made", async () => {
      emulator.clearRequests();
      const args = argsFromSample(SAMPLE_PROGRESSIVE, "x".repeat(49));
      const { failures } = await host.check({
        ...args,
        priority: 9,
        dialingStrategy: { ...(args.dialingStrategy as Props), maxRingTime: 200 },
        maxSkips: 2,
      });
      const properties = failures.map((f) => f.property);
      expect(properties).toEqual(expect.arrayContaining(["name", "priority", "dialingStrategy.maxRingTime", "maxSkips"]));
      const ring = failures.find((f) => f.property === "dialingStrategy.maxRingTime")!;
      expect(ring.reason).toMatch(/5.*120/);
      expect(ring.reason).toContain("200");
      expect(emulator.requests).toHaveLength(0);
    });

    test("check tolerates values unknown during preview", async () => {
      const args = argsFromSample(SAMPLE_AGENTLESS, uniqueName("Unknown"));
      const { failures } = await host.check({ ...args, description: UNKNOWN, experienceFlowName: UNKNOWN });
      expect(failures).toEqual([]);
    });

    test("a start that fails leaves the campaign in state as a partial failure, started=false", async () => {
      emulator.failNext({ method: "POST", pathIncludes: "/campaign/api/v1/public/", status: 400, count: 1 });
      const { inputs } = await host.check({ ...argsFromSample(SAMPLE_PROGRESSIVE, uniqueName("Partial")), started: true });
      const err = await host.create(inputs).then(
        () => undefined,
        (e) => e,
      );
      expect(err).toBeDefined();
      expect(err.message).toMatch(/exists but could not be started/);
      expect(err.initFailedId).toMatch(/^cd-/);
      expect(err.initFailedProperties).toMatchObject({ started: false });
      expect(emulator.campaign(err.initFailedId)).toBeDefined();
      // the next update retries the trigger
      emulator.clearRequests();
      const outs = await host.update(err.initFailedId, err.initFailedProperties, inputs);
      expect(outs).toMatchObject({ started: true, status: "Active" });
    });

    test("a play whose answer is lost is not sent again: the status shows it took effect (defect 5)", async () => {
      const { id, inputs, outs } = await createFrom(argsFromSample(SAMPLE_PROGRESSIVE, uniqueName("Lost play")));
      emulator.setStatus(id, "Ready");
      emulator.failNext({ method: "POST", pathIncludes: "/campaign/api/v1/public/", ambiguous: true, count: 1 });
      emulator.clearRequests();
      const running = await host.update(id, outs, { ...inputs, started: true });
      expect(running).toMatchObject({ started: true, status: "Active" });
      const plays = emulator.requests.filter((r) => r.query.trigger === "play");
      expect(plays.map((r) => r.status)).toEqual([0]); // the lost answer only: the status read afterwards said Active
      expect(emulator.campaign(id)!.status).toBe("Active");
    });

    test("a create whose answer is lost is looked up by name and adopted: one POST, one campaign", async () => {
      const name = uniqueName("Ambiguous");
      const { inputs } = await host.check(argsFromSample(SAMPLE_PROGRESSIVE, name));
      emulator.failNext({ method: "POST", pathIncludes: "/campaign?", ambiguous: true, count: 1 });
      emulator.clearRequests();
      const { id } = await host.create(inputs);
      const posts = emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/campaign"));
      expect(posts.map((r) => r.status)).toEqual([0]); // the answer was lost; never posted again
      expect(emulator.campaigns().filter((c) => (c as any).name === name).map((c) => c.id)).toEqual([id]);
    });

    test("a lost create answer followed by a failed lookup says the campaign may exist, and posts nothing more", async () => {
      const name = uniqueName("Ambiguous lookup");
      const { inputs } = await host.check(argsFromSample(SAMPLE_PROGRESSIVE, name));
      emulator.failNext({ method: "POST", pathIncludes: "/campaign?", ambiguous: true, count: 1 });
      emulator.failNext({ method: "POST", pathIncludes: "getAllCampaignDetails", status: 503, count: 12 }); // the lookup lists voice and SMS campaigns: both listings fail, through their retries
      emulator.clearRequests();
      await expect(host.create(inputs)).rejects.toThrow(/may exist on the server.*Nothing was retried/s);
      expect(emulator.requests.filter((r) => r.method === "POST" && /\/campaign$/.test(r.path))).toHaveLength(1);
    });

    test("a stop whose answer is lost still lets destroy delete the campaign", async () => {
      const { id, outs } = await createFrom({ ...argsFromSample(SAMPLE_PREVIEW, uniqueName("Lost stop")), started: true });
      emulator.failNext({ method: "POST", pathIncludes: "/campaign/api/v1/public/", ambiguous: true, count: 1 });
      await host.delete(id, outs);
      expect(emulator.campaign(id)).toBeUndefined();
    });

    test("a connection renamed to the same target is an in-place update that makes no API call, and state keeps no credential", async () => {
      const target = { host: emulator.url, appId: DEMO_CREDENTIALS.appId, accountId: DEMO_CREDENTIALS.accountId };
      const { id, inputs, outs } = await createFrom({ ...argsFromSample(SAMPLE_AGENTLESS, uniqueName("Retarget")), connection: target });
      expect(await host.diff(id, outs, inputs)).toEqual({ changes: "none", replaces: [] });
      const unnamed = { ...inputs };
      delete unnamed.connection;
      expect(await host.diff(id, outs, unnamed)).toEqual({ changes: "some", replaces: [] });
      emulator.clearRequests();
      const updated = await host.update(id, outs, unnamed);
      expect(emulator.requests).toHaveLength(0);
      expect(updated).not.toHaveProperty("connection");
      expect(JSON.stringify(updated)).not.toContain(DEMO_CREDENTIALS.clientSecret);
    });

    test("changing the target app replaces the campaign", async () => {
      const { id, inputs, outs } = await createFrom(argsFromSample(SAMPLE_PROGRESSIVE, uniqueName("Move")));
      const moved = {
        ...inputs,
        connection: { host: emulator.url, appId: "st-other-app", accountId: DEMO_CREDENTIALS.accountId },
      };
      expect(await host.diff(id, outs, moved)).toEqual({ changes: "some", replaces: ["connection"] });
    });
  });
});

test("a state written before the hooks moved to campaign-hooks.ts still runs: its stored provider requires pulumi-kore-campaigns/internal/hooks itself", async () => {
  // the serialized provider exactly as a state written by 0.2 holds it (the real CLI's preview of that state)
  const fixture = JSON.parse(require("node:fs").readFileSync(require("node:path").resolve(__dirname, "../fixtures/preview/one-field.json"), "utf8"));
  const stored = JSON.stringify(fixture).match(/"__provider":("exports\.handler(?:[^"\\]|\\.)*")/);
  const oldProvider = JSON.parse(stored![1]) as string;
  expect(oldProvider).toContain('require("pulumi-kore-campaigns/internal/hooks").create(inputs)');
  const emulator = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 0 });
  const host = await ProviderHost.start({ provider: oldProvider, env: clientEnv(emulator.url) });
  try {
    await host.configure();
    const { inputs, failures } = await host.check(argsFromSample(SAMPLE_PROGRESSIVE, "stored before the move"));
    expect(failures).toEqual([]);
    const { id, outs } = await host.create(inputs);
    expect(emulator.campaign(id)).toMatchObject({ name: "stored before the move" });
    expect((await host.read(id, outs)).outs).toMatchObject({ name: "stored before the move", dialingMode: "Progressive" });
    await host.delete(id, outs);
    expect(emulator.campaign(id)).toBeUndefined();
  } finally {
    await host.stop();
    await emulator.close();
  }
});
