/**
 * `kore:index:SmsCampaign` through the native plugin (bin/pulumi-resource-kore), started as the engine starts it,
 * against the emulator: the SMS pages' calls with `campaignType=sms` (create, play, a text edit, stop, delete),
 * the failure paths (the answer lost, the next call failing, a partial failure mid-update), `pulumi import` by id,
 * and the detailed diff the engine prints. The dynamic version is tests/pulumi/sms-campaign-hooks.test.ts.
 * Bodies come from the pages' samples (tests/fixtures/sms-samples.ts); expected values are written by hand.
 */
import { clientEnv, DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { failureOf, NATIVE_SMS_CAMPAIGN_URN, programFolderOutsideRepo, ProviderHost } from "../../support/provider-host";
import { SMS_REQUEST_ADVANCED, SMS_REQUEST_SIMPLE, smsInputFromDocBody } from "../../fixtures/sms-samples";
import { SAMPLE_PROGRESSIVE } from "../../fixtures/sample-bodies";

type Props = Record<string, unknown>;
const LIST = "Renewal Due - May/June 2025";
const SAMPLE_TEXT = "Hi, This is just reminder for upcoming event";

let emulator: Emulator;
let counter = 0;
const unique = (what: string) => `${what} ${++counter}`;
const smsArgs = (body: Props, name: string, extra: Props = {}): Props => ({ ...smsInputFromDocBody(body), name, ...extra });

/** One command (up, refresh, destroy): a plugin process of its own, configured from the environment. */
async function withCommand(fn: (host: ProviderHost) => Promise<void>): Promise<void> {
  const env = { ...clientEnv(emulator.url), KORE_TRIGGER_SETTLE_SECONDS: "0.05", KORE_READY_TIMEOUT_SECONDS: "5" };
  const host = await ProviderHost.startNative({ env, urn: NATIVE_SMS_CAMPAIGN_URN });
  try {
    await host.configure();
    await fn(host);
  } finally {
    await host.stop();
  }
}

/** The requests made for `id` (and the creates), as "METHOD path?query" lines, the app id written {app}. */
const callsFor = (id: string) =>
  emulator.requests
    .filter((r) => r.path.includes(id) || (r.method === "POST" && r.path.endsWith("/campaign")))
    .map((r) => `${r.method} ${r.path.replace(DEMO_CREDENTIALS.appId, "{app}").replace(id, "{id}")}${Object.keys(r.query).length ? "?" + new URLSearchParams(r.query).toString() : ""}`);
const triggers = (id: string) => emulator.requests.filter((r) => r.path.includes(id) && r.query.trigger).map((r) => `${r.query.trigger}:${r.status}`);
const creates = () => emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/campaign"));
const writes = () => emulator.requests.filter((r) => r.method !== "GET" && !/getAllCampaignDetails|getAllListDetails|\/status$/.test(r.path));

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, contactLists: [LIST], readyDelayMs: 50 });
});
afterAll(async () => emulator?.close());
beforeEach(() => {
  emulator.clearFaults();
  emulator.clearRequests();
});

describe("one SMS campaign's life through the native plugin", () => {
  test("create posts the page's body to ?campaignType=sms with no trigger; started: true plays it; a text edit is one PUT; a destroy stops, then deletes", async () => {
    const name = unique("Event Reminder");
    let id = "";
    let running: Props = {};
    await withCommand(async (host) => {
      const { inputs, failures } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, name));
      expect(failures).toEqual([]);
      const made = await host.create(inputs);
      id = made.id;
      expect(id).toMatch(/^cd-/);
      expect(creates().map((r) => r.query)).toEqual([{ campaignType: "sms" }]);
      expect(creates()[0].body).toEqual({ ...SMS_REQUEST_SIMPLE, name });
      expect(made.outs).toMatchObject({
        status: "Ready",
        started: false,
        format: "simple",
        message: { text: SAMPLE_TEXT },
        target: { host: emulator.url, appId: DEMO_CREDENTIALS.appId, accountId: DEMO_CREDENTIALS.accountId },
      });
      expect(made.outs).not.toHaveProperty("__provider"); // the native plugin is no dynamic provider
      expect(triggers(id)).toEqual([]);

      emulator.clearRequests();
      const started = await host.update(id, made.outs, { ...inputs, started: true });
      expect(started).toMatchObject({ status: "Active", started: true });
      expect(callsFor(id).filter((c) => c.includes("trigger"))).toEqual(["POST /campaign/api/v1/public/{app}/campaign/{id}?campaignType=sms&trigger=play"]);

      emulator.clearRequests();
      running = await host.update(id, started, { ...inputs, started: true, message: { text: "Your event starts at 6 PM today" } });
      expect(callsFor(id)).toEqual(["PUT /agentassist/api/v1/public/{app}/campaign/{id}?campaignType=sms"]);
      expect(emulator.requests[0].body).toMatchObject({ campaignType: "sms", message: { templateId: "", message: "Your event starts at 6 PM today" } });
      expect(running).toMatchObject({ status: "Active", started: true, message: { text: "Your event starts at 6 PM today" } });
      expect(emulator.campaign(id)!.status).toBe("Active");
    });
    // a destroy is a command of its own
    await withCommand(async (destroy) => {
      emulator.clearRequests();
      await destroy.delete(id, running);
    });
    expect(callsFor(id).filter((c) => !c.startsWith("GET"))).toEqual([
      "POST /agentassist/api/v1/public/{app}/campaign/{id}/status?view=status",
      "POST /campaign/api/v1/public/{app}/campaign/{id}?campaignType=sms&trigger=stop",
      "DELETE /agentassist/api/v1/public/{app}/campaign/{id}?campaignType=sms",
    ]);
    expect(emulator.campaign(id)).toBeUndefined();
  });

  test("a message refused by check names the field and the rule, before any call", async () => {
    await withCommand(async (host) => {
      const { failures } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, unique("Bad text"), { message: { text: "Dear {{first_name}}, hi" } }));
      expect(failures.map((f) => f.property)).toEqual(["message.text"]);
      expect(failures[0].reason).toMatch(/must not contain a placeholder.*found "\{\{first_name\}\}"/);
      expect(emulator.requests).toEqual([]);
    });
  });
});

describe("failure paths", () => {
  test("the create's answer is lost: the campaign is found by name, recorded with its id, never posted twice", async () => {
    await withCommand(async (host) => {
      const name = unique("Lost answer");
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, name));
      emulator.failNext({ method: "POST", pathIncludes: "/campaign?campaignType=sms", ambiguous: true, count: 1 });
      const { id, outs } = await host.create(inputs);
      expect(creates().map((r) => r.status)).toEqual([0]); // one POST, its answer never arrived
      expect(emulator.campaigns().filter((c) => (c as Props).name === name).map((c) => c.id)).toEqual([id]);
      expect(outs).toMatchObject({ name, status: "Ready", started: false, message: { text: SAMPLE_TEXT } });
    });
  });

  test("the next call fails (the play is refused): a partial failure keeps the id, and the next up plays it once", async () => {
    await withCommand(async (host) => {
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, unique("Play refused"), { started: true }));
      emulator.failNext({ method: "POST", pathIncludes: "trigger=play", status: 400, count: 1 });
      const err = await failureOf(host.create(inputs));
      expect(err.message).toMatch(/could not be started/);
      expect(err.initFailedId).toMatch(/^cd-/);
      const stored = err.initFailedProperties!;
      expect(stored).toMatchObject({ status: "Ready", started: false });
      expect(emulator.campaign(err.initFailedId!)!.status).toBe("Ready");
      expect(creates()).toHaveLength(1);
      // the next up: the diff shows the pending start, the update plays once
      expect((await host.diff(err.initFailedId!, stored, inputs)).changes).toBe("some");
      const outs = await host.update(err.initFailedId!, stored, inputs);
      expect(outs).toMatchObject({ status: "Active", started: true });
      expect(triggers(err.initFailedId!)).toEqual(["play:400", "play:200"]);
      expect(creates()).toHaveLength(1);
    });
  });

  test("a partial failure mid-update: started true -> false with a text edit whose PUT is refused: the stop went first and stands, the edit stays pending", async () => {
    await withCommand(async (host) => {
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, unique("Stop first"), { started: true }));
      const { id, outs } = await host.create(inputs);
      expect(outs.status).toBe("Active");
      emulator.failNext({ method: "PUT", status: 400, count: 1 });
      emulator.clearRequests();
      const edit = { ...inputs, started: false, message: { text: "Cancelled: see email" } };
      const err = await failureOf(host.update(id, outs, edit));
      expect(emulator.requests.filter((r) => r.query.trigger || r.method === "PUT").map((r) => (r.query.trigger ? `${r.query.trigger}:${r.status}` : `${r.method}:${r.status}`))).toEqual([
        "stop:200",
        "PUT:400",
      ]);
      expect(emulator.campaign(id)!.status).toBe("Stopped");
      expect(err.initFailedId).toBe(id);
      expect(err.initFailedProperties).toMatchObject({ status: "Stopped", started: false, message: { text: SAMPLE_TEXT }, pendingChanges: ["definition"] });
      // the next up writes the edit, and sends no start
      emulator.clearRequests();
      const next = await host.update(id, err.initFailedProperties!, edit);
      expect(callsFor(id).filter((c) => !c.startsWith("GET") && !c.endsWith("/status?view=status"))).toEqual(["PUT /agentassist/api/v1/public/{app}/campaign/{id}?campaignType=sms"]);
      expect(next).toMatchObject({ status: "Stopped", started: false, message: { text: "Cancelled: see email" } });
      expect(next).not.toHaveProperty("pendingChanges");
      expect(triggers(id)).toEqual([]);
    });
  });
});

describe("pulumi import (Read by id, no state)", () => {
  /** An SMS campaign made in the console: the page's sample body, a name of its own. */
  const inConsole = (name: string, body: Props = SMS_REQUEST_SIMPLE) => emulator.insert({ ...body, name });

  test("a Ready campaign: described as it is, started: false, nothing pending; the program declaring it changes nothing", async () => {
    await withCommand(async (host) => {
      const name = unique("Made in the console");
      const made = inConsole(name);
      emulator.clearRequests();
      const imported = await host.read(made.id, {});
      expect(imported.id).toBe(made.id);
      expect(imported.outs).toMatchObject({
        name,
        description: SMS_REQUEST_SIMPLE.description,
        contactLists: [LIST],
        priority: "5",
        format: "simple",
        message: { text: SAMPLE_TEXT },
        dialingStrategy: { callerId: { phoneNumber: "+919876543210" }, callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata" } },
        status: "Ready",
        started: false,
        adoptExisting: false,
        target: { host: emulator.url, appId: DEMO_CREDENTIALS.appId, accountId: DEMO_CREDENTIALS.accountId },
      });
      expect(imported.outs.pendingChanges).toBeUndefined();
      expect(imported.inputs).toMatchObject({ name, format: "simple", message: { text: SAMPLE_TEXT }, started: false, adoptExisting: false });
      // what import recorded, declared as is: no change, so no write
      expect(await host.diff(made.id, imported.outs, imported.inputs!)).toEqual({ changes: "none", replaces: [] });
      // the program written from the console's definition: no change either
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, name));
      expect(await host.diff(made.id, imported.outs, inputs)).toEqual({ changes: "none", replaces: [] });
      expect(writes()).toEqual([]);
    });
  });

  test("an Active campaign is imported started: true, so the next up sends no stop", async () => {
    await withCommand(async (host) => {
      const made = inConsole(unique("Running in the console"));
      emulator.setStatus(made.id, "Active" as never);
      const imported = await host.read(made.id, {});
      expect(imported.outs).toMatchObject({ status: "Active", started: true });
      expect(await host.diff(made.id, imported.outs, imported.inputs!)).toEqual({ changes: "none", replaces: [] });
      expect(writes()).toEqual([]);
    });
  });

  test("a Scheduled campaign is refused, naming it an SMS campaign and saying what to do", async () => {
    await withCommand(async (host) => {
      const made = inConsole(unique("Scheduled in the console"));
      emulator.setStatus(made.id, "Scheduled" as never);
      const err = await failureOf(host.read(made.id, {}));
      expect(err.message).toBe(
        `SMS campaign ${made.id} is Scheduled: Kore holds a schedule for it that the API cannot read back, so an import would record "no schedule" ` +
          "(and the next PUT would send isSchedulingEnabled: false). Declare it with its schedule copied from the console and adoptExisting: true instead",
      );
      expect(writes()).toEqual([]);
    });
  });

  test("a voice campaign's id imported as an SMS campaign is refused, naming both types, with no write", async () => {
    await withCommand(async (host) => {
      const voice = emulator.insert({ ...SAMPLE_PROGRESSIVE, name: unique("A voice campaign"), contactLists: [LIST] } as never);
      const err = await failureOf(host.read(voice.id, {}));
      expect(err.message).toContain(
        `campaign ${voice.id} is a voice campaign (the app's voice listing shows it), not an SMS campaign: declare or import it as a VoiceCampaign (kore:index:VoiceCampaign)`,
      );
      expect(writes()).toEqual([]);
    });
  });

  test("an id that is no campaign: 'not found', naming the id and the app", async () => {
    await withCommand(async (host) => {
      const err = await failureOf(host.read("cd-00000000-0000-0000-0000-000000000000", {}));
      expect(err.message).toBe(
        `SMS campaign cd-00000000-0000-0000-0000-000000000000 not found in app ${DEMO_CREDENTIALS.appId}: GET campaign/cd-00000000-0000-0000-0000-000000000000 answered 404. ` +
          "Check the id (a contact list's id is not a campaign's, nor the other way round)",
      );
    });
  });
});

describe("the detailed diff the engine prints", () => {
  const UPDATE = 4;
  const ADD = 0;
  const DELETE = 2;

  test("a text change names exactly message.text, as an update; started is its own path", async () => {
    await withCommand(async (host) => {
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, unique("Diffed")));
      const { id, outs } = await host.create(inputs);
      const edited = await host.detailedDiff(id, outs, { ...inputs, message: { text: "Your event starts at 6 PM today" } });
      expect(edited).toEqual({
        changes: "some",
        replaces: [],
        diffs: ["message"],
        hasDetailedDiff: true,
        detailedDiff: { "message.text": { kind: UPDATE, inputDiff: true } },
      });
      const starting = await host.detailedDiff(id, outs, { ...inputs, started: true });
      expect(starting.detailedDiff).toEqual({ started: { kind: UPDATE, inputDiff: true } });
      // spelling Kore writes differently is no change
      const same = await host.detailedDiff(id, outs, inputs);
      expect(same).toMatchObject({ changes: "none", diffs: [], detailedDiff: {} });
      expect(writes().filter((r) => r.method === "PUT")).toEqual([]);
    });
  });

  test("simple -> advanced: format updated, the whole message deleted (one path, not its fields), the flow added", async () => {
    await withCommand(async (host) => {
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, unique("Goes advanced")));
      const { id, outs } = await host.create(inputs);
      const { message: _m, ...withoutMessage } = inputs;
      const next = (await host.check({ ...withoutMessage, format: "advanced", experienceFlowName: SMS_REQUEST_ADVANCED.experienceFlowName }, outs)).inputs;
      const answer = await host.detailedDiff(id, outs, next);
      expect(answer.changes).toBe("some");
      expect(answer.detailedDiff).toEqual({
        format: { kind: UPDATE, inputDiff: true },
        message: { kind: DELETE, inputDiff: true },
        experienceFlowName: { kind: ADD, inputDiff: true },
      });
      expect([...answer.diffs].sort()).toEqual(["experienceFlowName", "format", "message"]);
    });
  });
});

describe("a kill, through the native plugin", () => {
  test("the campaign a killed run created is recognised by the next run's create: no duplicate, no refusal", async () => {
    const machine = programFolderOutsideRepo(); // one machine: the same PULUMI_HOME (the create journal) for both runs
    const env = { ...clientEnv(emulator.url), KORE_TRIGGER_SETTLE_SECONDS: "0.05", KORE_READY_TIMEOUT_SECONDS: "5" };
    const name = unique("Killed mid create");
    const killed = await ProviderHost.startNative({ env, cwd: machine, urn: NATIVE_SMS_CAMPAIGN_URN });
    let inputs: Props;
    try {
      await killed.configure();
      ({ inputs } = await killed.check(smsArgs(SMS_REQUEST_SIMPLE, name, { started: true })));
      // the POST arrives, then waits: the CLI is killed before Kore answers (Kore creates it all the same)
      emulator.failNext({ method: "POST", pathIncludes: "/campaign?campaignType=sms", delayMs: 800, count: 1 });
      const creating = killed.create(inputs).catch(() => undefined);
      while (creates().length === 0) await new Promise((r) => setTimeout(r, 10));
      await killed.killEngine();
      await killed.exited();
      await creating;
    } finally {
      await killed.stop();
    }
    while (!emulator.campaigns().some((c) => (c as Props).name === name)) await new Promise((r) => setTimeout(r, 20));
    const made = emulator.campaigns().filter((c) => (c as Props).name === name);
    expect(made).toHaveLength(1);
    emulator.clearRequests();
    const next = await ProviderHost.startNative({ env, cwd: machine, urn: NATIVE_SMS_CAMPAIGN_URN });
    try {
      await next.configure();
      const { id, outs } = await next.create(inputs);
      expect(id).toBe(made[0].id);
      expect(outs).toMatchObject({ status: "Active", started: true });
      expect(creates()).toHaveLength(0);
    } finally {
      await next.stop();
    }
  });
});
