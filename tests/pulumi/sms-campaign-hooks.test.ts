/**
 * The SmsCampaign resource through the real dynamic-provider host (tests/support/provider-host.ts sends
 * exactly what the engine sends), against the emulator: every call on the SMS pages' paths with
 * `campaignType=sms`; the `started` rules as for voice (a console stop stands, a start only for a
 * reviewed change); and the failure paths: the answer lost, the next call failing, a kill, a partial failure.
 * Bodies and definitions come from the pages' samples (tests/fixtures/sms-samples.ts).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { clientConnection, DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { failureOf, programFolderOutsideRepo, ProviderHost, serializedProvider } from "../support/provider-host";
import { SMS_REQUEST_ADVANCED, SMS_REQUEST_SIMPLE, smsInputFromDocBody } from "../fixtures/sms-samples";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

type Props = Record<string, unknown>;
const LIST = "Renewal Due - May/June 2025";
const VOICE_LIST = "Recent Buyers - Q2 2025";

let provider: string;
let emulator: Emulator;
let dataDir: string;
let counter = 0;
const unique = (what: string) => `${what} ${++counter}`;
const smsArgs = (body: Props, name: string, extra: Props = {}): Props => ({ ...smsInputFromDocBody(body), name, ...extra });

function stackConfig(url = emulator.url): Record<string, string> {
  const c = clientConnection(url, DEMO_CREDENTIALS);
  return {
    "kore:host": c.host,
    "kore:appId": c.appId,
    "kore:accountId": c.accountId,
    "kore:clientId": c.clientId,
    "kore:clientSecret": c.clientSecret,
    "kore:triggerSettleSeconds": "0.05",
    "kore:readyTimeoutSeconds": "5",
  };
}

async function withCommand(fn: (host: ProviderHost) => Promise<void>, cwd?: string): Promise<void> {
  const host = await ProviderHost.start({ provider, env: {}, ...(cwd ? { cwd } : {}) });
  try {
    await host.configure(stackConfig());
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

beforeAll(async () => {
  provider = await serializedProvider("SmsCampaign");
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-sms-hooks-"));
  emulator = await startEmulator({ port: 0, contactLists: [LIST, VOICE_LIST], readyDelayMs: 50, dataDir });
});
afterAll(async () => {
  await emulator?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(() => {
  emulator.clearFaults();
  emulator.clearRequests();
});

describe("one SMS campaign's life", () => {
  test("create sends the page's body to ?campaignType=sms and no trigger; started: true then plays it; a text edit is one PUT; a stop goes first; delete stops, then deletes", async () => {
    await withCommand(async (host) => {
      const name = unique("Event Reminder");
      const { inputs, failures } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, name));
      expect(failures).toEqual([]);
      const { id, outs } = await host.create(inputs);
      const create = emulator.requests.find((r) => r.method === "POST" && r.path.endsWith("/campaign"))!;
      expect(create.query).toEqual({ campaignType: "sms" });
      expect(create.body).toEqual({ ...SMS_REQUEST_SIMPLE, name });
      expect(outs).toMatchObject({ status: "Ready", started: false, format: "simple", message: { text: "Hi, This is just reminder for upcoming event" } });
      expect(triggers(id)).toEqual([]);

      emulator.clearRequests();
      const started = await host.update(id, outs, { ...inputs, started: true });
      expect(started).toMatchObject({ status: "Active", started: true });
      expect(callsFor(id).filter((c) => c.includes("trigger"))).toEqual([`POST /campaign/api/v1/public/{app}/campaign/{id}?campaignType=sms&trigger=play`]);

      emulator.clearRequests();
      const edited = await host.update(id, started, { ...inputs, started: true, message: { text: "Your event starts at 6 PM today" } });
      expect(callsFor(id)).toEqual([`PUT /agentassist/api/v1/public/{app}/campaign/{id}?campaignType=sms`]);
      expect(emulator.requests[0].body).toMatchObject({ message: { templateId: "", message: "Your event starts at 6 PM today" }, campaignType: "sms" });
      expect(edited).toMatchObject({ status: "Active", started: true, message: { text: "Your event starts at 6 PM today" } });

      emulator.clearRequests();
      const stopped = await host.update(id, edited, { ...inputs, started: false, priority: "3" });
      expect(callsFor(id).filter((c) => !c.startsWith("GET"))).toEqual([
        `POST /agentassist/api/v1/public/{app}/campaign/{id}/status?view=status`, // the status decides the trigger
        `POST /campaign/api/v1/public/{app}/campaign/{id}?campaignType=sms&trigger=stop`,
        `PUT /agentassist/api/v1/public/{app}/campaign/{id}?campaignType=sms`,
      ]);
      expect(stopped).toMatchObject({ status: "Stopped", started: false, priority: "3" });

      // refresh: one GET (plus the name view's listings); nothing the GET does not show, so no pending change
      emulator.clearRequests();
      const read = await host.read(id, stopped, inputs);
      expect(read.outs).not.toHaveProperty("pendingChanges");
      expect((await host.diff(id, read.outs, { ...inputs, started: false, priority: "3" })).changes).toBe("none");

      const running = await host.update(id, read.outs, { ...inputs, started: true, priority: "3" });
      // a destroy is a command of its own (in this process the diff holds the campaign, so a delete would only forget it)
      await withCommand(async (destroy) => {
        emulator.clearRequests();
        await destroy.delete(id, running);
      });
      expect(callsFor(id).filter((c) => !c.startsWith("GET"))).toEqual([
        `POST /agentassist/api/v1/public/{app}/campaign/{id}/status?view=status`,
        `POST /campaign/api/v1/public/{app}/campaign/{id}?campaignType=sms&trigger=stop`,
        `DELETE /agentassist/api/v1/public/{app}/campaign/{id}?campaignType=sms`,
      ]);
      expect(emulator.campaign(id)).toBeUndefined();
    });
  });

  test("an advanced campaign sends experienceFlowName and no message; its flow's cf- id is observed; a refresh leaves the flow name pending (no record shows it)", async () => {
    await withCommand(async (host) => {
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_ADVANCED, unique("Interactive Support"), { contactLists: [LIST] }));
      const { id, outs } = await host.create(inputs);
      const body = emulator.requests.find((r) => r.method === "POST" && r.path.endsWith("/campaign"))!.body as Props;
      expect(body).toMatchObject({ format: "advanced", experienceFlowName: "SMS Support Flow" });
      expect(body).not.toHaveProperty("message");
      expect(outs.experienceFlowId).toMatch(/^cf-/);
      const read = await host.read(id, outs, inputs);
      expect(read.outs).toMatchObject({ experienceFlowName: "SMS Support Flow", pendingChanges: ["definition"] });
    });
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

describe("the started rules, as for voice", () => {
  test("a stop made in the console stands: refresh records it, the next up with the same definition sends no play", async () => {
    await withCommand(async (host) => {
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, unique("Console stop"), { started: true }));
      const { id, outs } = await host.create(inputs);
      expect(outs.status).toBe("Active");
      emulator.setStatus(id, "Stopped");
      const read = await host.read(id, outs, inputs);
      expect(read.outs).toMatchObject({ started: true, stoppedOutsideGit: { status: "Stopped" } });
      emulator.clearRequests();
      expect((await host.diff(id, read.outs, inputs)).changes).toBe("none"); // nothing to apply: the stop stands
      expect(triggers(id)).toEqual([]);
      // a reviewed change asks for one start: a new restartedAt
      const restarted = await host.update(id, read.outs, { ...inputs, restartedAt: "2026-12-07" });
      expect(triggers(id)).toEqual(["play:200"]);
      expect(restarted).toMatchObject({ status: "Active", started: true });
    });
  });
});

describe("failure paths", () => {
  test("the create's answer is lost: the campaign is found by name, recorded with its id, never posted twice", async () => {
    await withCommand(async (host) => {
      const name = unique("Lost answer");
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, name));
      emulator.failNext({ method: "POST", pathIncludes: "/campaign?campaignType=sms", ambiguous: true, count: 1 });
      const { id } = await host.create(inputs);
      expect(emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/campaign")).map((r) => r.status)).toEqual([0]);
      expect(emulator.campaigns().filter((c) => (c as Props).name === name).map((c) => c.id)).toEqual([id]);
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
      expect(emulator.campaign(err.initFailedId!)).toBeDefined();
      // the next up: the diff shows the pending start (a reviewed started: true), the update plays once
      expect((await host.diff(err.initFailedId!, stored, inputs)).changes).toBe("some");
      const outs = await host.update(err.initFailedId!, stored, inputs);
      expect(outs).toMatchObject({ status: "Active", started: true });
      expect(triggers(err.initFailedId!)).toEqual(["play:400", "play:200"]);
    });
  });

  test("a partial failure's stored properties, exactly as the engine keeps them, can be refreshed and destroyed", async () => {
    let id = "";
    let stored: Props = {};
    await withCommand(async (host) => {
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, unique("Partial then destroy"), { started: true }));
      emulator.failNext({ method: "POST", pathIncludes: "trigger=play", status: 400, count: 1 });
      const err = await failureOf(host.create(inputs));
      id = err.initFailedId!;
      stored = err.initFailedProperties!;
    });
    await withCommand(async (refresh) => {
      expect((await refresh.read(id, stored)).id).toBe(id);
    });
    await withCommand(async (destroy) => {
      await destroy.delete(id, stored);
    });
    expect(emulator.campaign(id)).toBeUndefined();
  });

  test("a partial failure mid-update: started true -> false with a text edit whose PUT is refused: the stop went first and stands, the edit stays pending", async () => {
    await withCommand(async (host) => {
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, unique("Stop first"), { started: true }));
      const { id, outs } = await host.create(inputs);
      emulator.failNext({ method: "PUT", status: 400, count: 1 });
      emulator.clearRequests();
      const err = await failureOf(host.update(id, outs, { ...inputs, started: false, message: { text: "Cancelled: see email" } }));
      expect(emulator.requests.filter((r) => r.query.trigger || r.method === "PUT").map((r) => (r.query.trigger ? `${r.query.trigger}:${r.status}` : `${r.method}:${r.status}`))).toEqual(["stop:200", "PUT:400"]);
      expect(emulator.campaign(id)!.status).toBe("Stopped");
      expect(err.initFailedProperties).toMatchObject({ status: "Stopped", started: false, message: { text: "Hi, This is just reminder for upcoming event" }, pendingChanges: ["definition"] });
      // the next up writes the edit, and sends no start
      emulator.clearRequests();
      const next = await host.update(id, err.initFailedProperties!, { ...inputs, started: false, message: { text: "Cancelled: see email" } });
      expect(next).toMatchObject({ status: "Stopped", message: { text: "Cancelled: see email" } });
      expect(next).not.toHaveProperty("pendingChanges");
      expect(triggers(id)).toEqual([]);
    });
  });

  test("a kill: the campaign a killed run created is recognised by the next run's create: no duplicate, no refusal", async () => {
    const machine = programFolderOutsideRepo(); // one machine: the same PULUMI_HOME (the create journal) for both runs
    const name = unique("Killed mid create");
    const killed = await ProviderHost.start({ provider, env: {}, cwd: machine });
    let inputs: Props;
    try {
      await killed.configure(stackConfig());
      ({ inputs } = await killed.check(smsArgs(SMS_REQUEST_SIMPLE, name, { started: true })));
      // the POST arrives, then waits: the CLI is killed before Kore answers (Kore creates it all the same)
      emulator.failNext({ method: "POST", pathIncludes: "/campaign?campaignType=sms", delayMs: 800, count: 1 });
      const creating = killed.create(inputs).catch(() => undefined);
      while (!emulator.requests.some((r) => r.method === "POST" && r.path.endsWith("/campaign"))) await new Promise((r) => setTimeout(r, 10));
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
    await withCommand(async (next) => {
      const { id, outs } = await next.create(inputs);
      expect(id).toBe(made[0].id);
      expect(outs).toMatchObject({ status: "Active", started: true });
      expect(emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/campaign"))).toHaveLength(0);
    }, machine);
  });
});

describe("one namespace of names with voice campaigns", () => {
  test("an SMS campaign named like a voice campaign of the app is refused before any POST, naming both, even with adoptExisting", async () => {
    const name = unique("Shared name");
    const voice = emulator.insert({ ...(SAMPLE_PROGRESSIVE as Props), name });
    await withCommand(async (host) => {
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, name.toUpperCase(), { adoptExisting: true }));
      const err = await failureOf(host.create(inputs));
      expect(err.message).toContain(`the SMS campaign "${name.toUpperCase()}" cannot be created: a voice campaign named "${name}" already exists in app ${DEMO_CREDENTIALS.appId} (id ${voice.id})`);
      expect(emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/campaign"))).toEqual([]);
      expect(emulator.requests.filter((r) => r.method === "PUT")).toEqual([]);
    });
  });
});

describe("the v2 schedule calls", () => {
  test("an SMS campaign's schedule is enabled by its name after the create, and disabled first when it goes", async () => {
    await withCommand(async (host) => {
      const name = unique("Scheduled texts");
      const schedule = { enabled: true, start: "2027-03-01 09:00:00", end: "2027-04-01 09:00:00", repeat: { every: 1, unit: "week", days: ["MO", "TH"] } };
      const { inputs } = await host.check(smsArgs(SMS_REQUEST_SIMPLE, name, { schedule }));
      const { id, outs } = await host.create(inputs);
      const call = emulator.requests.find((r) => r.path.endsWith("/campaign/schedule"))!;
      expect(call.query).toEqual({ enableSchedule: "true", campaignName: name });
      expect(call.body).toEqual({ startDateTime: "2027-03-01 09:00:00", endDateTime: "2027-04-01 09:00:00", recurrenceObject: { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon", "Thu"] } } });
      expect(triggers(id)).toEqual([]);
      emulator.clearRequests();
      await host.update(id, outs, { ...inputs, schedule: { enabled: false } });
      const disable = emulator.requests.find((r) => r.path.endsWith("/campaign/schedule"))!;
      expect(disable.query).toEqual({ enableSchedule: "false", campaignName: name });
    });
  });
});
