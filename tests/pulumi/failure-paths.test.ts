/**
 * The failure paths of "State you can trust", one test per defect, through the real dynamic-provider
 * host (tests/support/provider-host.ts sends exactly what the engine sends: stored properties go back
 * as they were stored, a partial failure's without anything added).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { clientConnection, DEMO_CREDENTIALS, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { failureOf, programFolderOutsideRepo, ProviderHost, serializedProvider } from "../support/provider-host";
import { SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

type Props = Record<string, unknown>;

function args(sample: Record<string, unknown>, name: string, extra: Props = {}): Props {
  const { queue_name, campaignType: _t, ...rest } = sample;
  return { ...rest, ...(queue_name === undefined ? {} : { queueName: queue_name }), name, ...extra };
}

let provider: string;
let emulator: Emulator;
let dataDir: string;
let counter = 0;
const unique = (what: string) => `${what} ${++counter}`;

/** Stack config for the default connection with `secret` (as `pulumi config set --secret` leaves it). */
function stackConfig(secret = DEMO_CREDENTIALS.clientSecret): Record<string, string> {
  const c = clientConnection(emulator.url, { ...DEMO_CREDENTIALS, clientSecret: secret });
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

/** A provider host as one `pulumi` command starts it: a new process, configured with the stack config of that moment. */
async function command(config: Record<string, string> = stackConfig()): Promise<ProviderHost> {
  const host = await ProviderHost.start({ provider, env: {} });
  await host.configure(config);
  return host;
}

/** Runs `fn` with one command's provider host (stack config `config`), and stops the host afterwards. */
async function withCommand(config: Record<string, string> | ((host: ProviderHost) => Promise<void>), fn?: (host: ProviderHost) => Promise<void>): Promise<void> {
  const [cfg, body] = typeof config === "function" ? [stackConfig(), config] : [config, fn!];
  const host = await command(cfg);
  try {
    await body(host);
  } finally {
    await host.stop();
  }
}


const triggers = (id: string) => emulator.requests.filter((r) => r.path.includes(id) && r.query.trigger).map((r) => `${r.query.trigger}:${r.status}`);

beforeAll(async () => {
  provider = await serializedProvider();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-failure-paths-"));
  emulator = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 50, dataDir });
});

afterAll(async () => {
  await emulator?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  emulator.clearFaults();
  emulator.clearRequests();
});

test("defect 1: after the client secret is rotated (server and stack config), refresh and destroy of an Active campaign work", async () => {
  const rotationDir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-rotation-"));
  let server = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 50, dataDir: rotationDir });
  const configFor = (secret: string) => {
    const c = clientConnection(server.url, { ...DEMO_CREDENTIALS, clientSecret: secret });
    return { "kore:host": c.host, "kore:appId": c.appId, "kore:accountId": c.accountId, "kore:clientId": c.clientId, "kore:clientSecret": secret };
  };
  try {
    const up = await command(configFor(DEMO_CREDENTIALS.clientSecret));
    const { inputs } = await up.check(args(SAMPLE_PROGRESSIVE, unique("Rotation"), { started: true }));
    const { id, outs } = await up.create(inputs);
    await up.stop();
    expect(outs.status).toBe("Active");
    expect(JSON.stringify(outs)).not.toContain(DEMO_CREDENTIALS.clientSecret);

    // rotate: the server now accepts only the new secret, the stack config holds it
    const port = server.port;
    await server.close();
    server = await startEmulator({ port, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 50, dataDir: rotationDir, credentials: { clientSecret: "rotated-secret-B" } });
    const later = await command(configFor("rotated-secret-B"));
    try {
      const refreshed = await later.read(id, outs);
      expect(refreshed.outs).toMatchObject({ status: "Active", started: true });
      await later.delete(id, refreshed.outs);
      expect(server.campaign(id)).toBeUndefined();
      expect(server.requests.filter((r) => r.status === 401)).toHaveLength(0);
    } finally {
      await later.stop();
    }
  } finally {
    await server.close();
    fs.rmSync(rotationDir, { recursive: true, force: true });
  }
});

test("defect 2: a JWT for another app in the environment does not replace the stack config's client id and secret", async () => {
  const host = await ProviderHost.start({ provider, env: { KORE_JWT: "eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6ImNzLW90aGVyIn0.c2lnbmF0dXJl" } });
  try {
    await host.configure(stackConfig());
    const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, unique("Mixed sources")));
    const { id } = await host.create(inputs);
    expect(emulator.campaign(id)).toBeDefined();
    expect(emulator.requests.filter((r) => r.status === 401)).toHaveLength(0);
  } finally {
    await host.stop();
  }
});

test("defect 3: a partial failure's stored properties (no __provider added) can be refreshed and destroyed", async () => {
  const up = await command();
  const { inputs } = await up.check(args(SAMPLE_PROGRESSIVE, unique("Partial then refresh"), { started: true }));
  emulator.failNext({ method: "POST", pathIncludes: "trigger=play", status: 400, count: 1 });
  const err = await failureOf(up.create(inputs));
  await up.stop();
  expect(err.initFailedId).toMatch(/^cd-/);
  const stored = err.initFailedProperties!;
  expect(typeof stored.__provider).toBe("string");

  const refresh = await command();
  const destroy = await command();
  try {
    const refreshed = await refresh.read(err.initFailedId!, stored);
    expect(refreshed.id).toBe(err.initFailedId);
    await destroy.delete(err.initFailedId!, stored);
    expect(emulator.campaign(err.initFailedId!)).toBeUndefined();
  } finally {
    await refresh.stop();
    await destroy.stop();
  }
});

test("defect 4: a Preview create whose follow-up GET fails keeps the id in state, and the next up converges without a duplicate", async () => {
  await withCommand(async (host) => {
    const name = unique("Preview orphan");
    const { inputs } = await host.check(args(SAMPLE_PREVIEW, name));
    emulator.failNext({ method: "GET", status: 500, count: 10 });
    const err = await failureOf(host.create(inputs));
    expect(err.message).toMatch(/exists, but reading it failed/);
    expect(err.initFailedId).toMatch(/^cd-/);
    expect(emulator.campaigns().filter((c) => (c as Props).name === name)).toHaveLength(1);
    emulator.clearFaults();
    const stored = err.initFailedProperties!;
    expect(await host.diff(err.initFailedId!, stored, inputs)).toMatchObject({ changes: "some" });
    const outs = await host.update(err.initFailedId!, stored, inputs);
    expect(outs).toMatchObject({ status: expect.any(String), started: false });
    expect(outs).not.toHaveProperty("pendingChanges");
    expect(emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/campaign"))).toHaveLength(1);
  });
});

test("defect 4: an ambiguous create found by name whose GET fails is still recorded with its id", async () => {
  await withCommand(async (host) => {
    const name = unique("Preview ambiguous");
    const { inputs } = await host.check(args(SAMPLE_PREVIEW, name));
    emulator.failNext({ method: "POST", pathIncludes: "/campaign?", ambiguous: true, count: 1 });
    emulator.failNext({ method: "GET", status: 500, count: 10 });
    const err = await failureOf(host.create(inputs));
    const [created] = emulator.campaigns().filter((c) => (c as Props).name === name);
    expect(err.initFailedId).toBe(created.id);
  });
});

test("defect 5: a play whose answer is lost is not resent when the status shows it took effect", async () => {
  await withCommand(async (host) => {
    const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, unique("One play"), { started: true }));
    emulator.failNext({ method: "POST", pathIncludes: "trigger=play", ambiguous: true, count: 1 });
    const { id, outs } = await host.create(inputs);
    expect(outs).toMatchObject({ status: "Active", started: true });
    expect(triggers(id)).toEqual(["play:0"]);
  });
});

test("defect 5: a play answered 500 that did not take effect is sent once more, only after the status proves it", async () => {
  await withCommand(async (host) => {
    const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, unique("Play refused"), { started: true }));
    emulator.failNext({ method: "POST", pathIncludes: "trigger=play", status: 500, count: 1 });
    const { id, outs } = await host.create(inputs);
    expect(outs).toMatchObject({ status: "Active", started: true });
    expect(triggers(id)).toEqual(["play:500", "play:200"]);
    const order = emulator.requests.filter((r) => r.path.includes(id)).map((r) => (r.query.trigger ? `${r.query.trigger}:${r.status}` : r.path.endsWith("/status") ? "status" : r.method));
    expect(order.slice(order.indexOf("play:500"))).toEqual(["play:500", "status", "play:200"]);
  });
});

test("defect 6: a lost play followed by a failed status read is recorded as pending, so started: false is a change and stops it", async () => {
  await withCommand(async (host) => {
    const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, unique("Unknown outcome")));
    const { id, outs } = await host.create(inputs);
    await new Promise((r) => setTimeout(r, 100)); // Ready
    emulator.failNext({ method: "POST", pathIncludes: "trigger=play", ambiguous: true, count: 1 });
    const startIt = { ...inputs, started: true };
    const pending = host.update(id, outs, startIt);
    // the play is performed, its answer lost; from then on the status cannot be read
    while (!emulator.requests.some((r) => r.query.trigger === "play")) await new Promise((r) => setTimeout(r, 5));
    emulator.failNext({ method: "POST", pathIncludes: "/status", status: 503, count: 30 });
    const err = await failureOf(pending);
    const stored = err.initFailedProperties!;
    expect(emulator.campaign(id)!.status).toBe("Active"); // the lost play did take effect
    expect(stored).toMatchObject({ pendingChanges: ["started"] });
    expect(stored).not.toHaveProperty("status"); // not the guess "Ready"
    emulator.clearFaults();
    const stopIt = { ...inputs, started: false };
    expect(await host.diff(id, stored, stopIt)).toMatchObject({ changes: "some" });
    const after = await host.update(id, stored, stopIt);
    expect(after).toMatchObject({ status: "Stopped", started: false });
    expect(after).not.toHaveProperty("pendingChanges");
    expect(emulator.campaign(id)!.status).toBe("Stopped");
  });
});

test("defect 7: a second resource with the same name and adoptExisting does not take over the first one's campaign", async () => {
  await withCommand(async (host) => {
    const name = unique("One campaign one resource");
    const first = await host.check(args(SAMPLE_PROGRESSIVE, name));
    const second = await host.check(args(SAMPLE_PROGRESSIVE, name, { adoptExisting: true }));
    const { id } = await host.create(first.inputs);
    const err = await failureOf(host.create(second.inputs));
    expect(err.message).toMatch(new RegExp(`campaign ${id} .* is already managed by another resource in this stack`));
    expect(emulator.campaigns().filter((c) => (c as Props).name === name)).toHaveLength(1);
    // at the same moment, too: one of the two is refused
    const again = unique("One campaign one resource");
    const a = await host.check(args(SAMPLE_PROGRESSIVE, again));
    const b = await host.check(args(SAMPLE_PROGRESSIVE, again, { adoptExisting: true }));
    const results = await Promise.allSettled([host.create(a.inputs), host.create(b.inputs)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
  });
});

test("two stacks, one name: a campaign created elsewhere after this process listed the app is refused without a POST", async () => {
  await withCommand(async (host) => {
    const first = await host.check(args(SAMPLE_PROGRESSIVE, unique("Listed first")));
    await host.create(first.inputs); // the app is listed now
    const name = unique("Made by the other stack");
    const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, name));
    await new Promise((r) => setTimeout(r, 1100)); // older than one re-check page
    const other = emulator.insert({ ...SAMPLE_PROGRESSIVE, name }); // the other stack's create lands
    emulator.clearRequests();
    const err = await failureOf(host.create(inputs));
    expect(err.message).toMatch(new RegExp(`already exists in app .*\\(id ${other.id}\\)`));
    expect(emulator.requests.filter((r) => r.method === "POST" && r.path.endsWith("/campaign"))).toHaveLength(0);
  });
});

test("defect 8: a campaign started in the console is stopped by an unrelated edit of a started: false definition", async () => {
  await withCommand(async (host) => {
    const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, unique("Console start")));
    const { id, outs } = await host.create(inputs);
    emulator.setStatus(id, "Active"); // someone pressed play in the console
    const edited = { ...inputs, priority: "3" };
    const after = await host.update(id, outs, edited);
    expect(after).toMatchObject({ status: "Stopped", started: false, priority: "3" });
    expect(triggers(id)).toEqual(["stop:200"]);
  });
});

test("defect 8: started true -> false with a field edit whose PUT is refused: the stop is sent first and stands", async () => {
  await withCommand(async (host) => {
    const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, unique("Stop first"), { started: true }));
    const { id, outs } = await host.create(inputs);
    emulator.failNext({ method: "PUT", status: 400, count: 1 });
    emulator.clearRequests();
    const err = await failureOf(host.update(id, outs, { ...inputs, started: false, priority: "3" }));
    expect(emulator.requests.map((r) => (r.query.trigger ? `${r.query.trigger}:${r.status}` : `${r.method}:${r.status}`)).filter((x) => !x.startsWith("POST"))).toEqual(["stop:200", "PUT:400"]);
    expect(emulator.campaign(id)!.status).toBe("Stopped");
    expect(err.initFailedProperties).toMatchObject({ status: "Stopped", started: false, priority: "5", pendingChanges: ["definition"] });
  });
});

test("defect 9: once the engine that started the host is gone, no further call is made and the host exits", async () => {
  await withCommand(async (host) => {
    const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, unique("Dead engine"), { started: true }));
    await host.killEngine();
    const exited = host.exited();
    const outcome = await host.create(inputs).then(
      () => "created",
      (e: Error) => e.message,
    );
    expect(outcome).not.toBe("created");
    expect(await exited).toBe(1);
    expect(emulator.requests).toHaveLength(0);
    expect(host.logs.join("")).toMatch(/the Pulumi engine .* is gone/);
  });
});

test("defect 9: the campaign a killed run created is recognised by the next run's create: no duplicate, no refusal", async () => {
  const slow = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 2000 });
  const c = clientConnection(slow.url);
  const config = { "kore:host": c.host, "kore:appId": c.appId, "kore:accountId": c.accountId, "kore:clientId": c.clientId, "kore:clientSecret": c.clientSecret };
  const machine = programFolderOutsideRepo(); // one machine: the same PULUMI_HOME for both runs
  const killed = await ProviderHost.start({ provider, env: {}, cwd: machine });
  try {
    await killed.configure(config);
    const { inputs } = await killed.check(args(SAMPLE_PROGRESSIVE, unique("Killed mid create"), { started: true }));
    const creating = killed.create(inputs).catch(() => undefined);
    while (!slow.requests.some((r) => r.method === "POST" && r.path.endsWith("/campaign"))) await new Promise((r) => setTimeout(r, 10));
    await killed.killEngine(); // the CLI is gone while the create waits for Ready
    await killed.exited();
    await creating;
    const [made] = slow.campaigns();
    expect(slow.campaigns()).toHaveLength(1);

    const next = await ProviderHost.start({ provider, env: {}, cwd: machine });
    let created: { id: string; outs: Record<string, unknown> };
    try {
      await next.configure(config);
      created = await next.create(inputs);
      const { id, outs } = created;
      expect(id).toBe(made.id);
      expect(outs).toMatchObject({ status: "Active", started: true });
      expect(slow.requests.filter((r) => r.method === "POST" && r.path.endsWith("/campaign"))).toHaveLength(1);
      // once a later command shows it in state, the journal lets go: the same name made elsewhere is refused again
      await next.diff(id, outs, inputs);
    } finally {
      await next.stop();
    }
    // a destroy, then an up: commands of their own (in the process above the diff holds the campaign, so a delete would forget it)
    const later = await ProviderHost.start({ provider, env: {}, cwd: machine });
    try {
      await later.configure(config);
      await later.delete(created.id, created.outs);
      const other = slow.insert({ ...SAMPLE_PROGRESSIVE, name: inputs.name as string });
      await expect(later.create(inputs)).rejects.toThrow(new RegExp(`already exists in app .*\\(id ${other.id}\\)`));
    } finally {
      await later.stop();
    }
  } finally {
    await killed.stop();
    await slow.close();
  }
});

test("defect 10: an invalid readyTimeoutSeconds is refused by check, naming the setting and the value", async () => {
  await withCommand({ ...stackConfig(), "kore:readyTimeoutSeconds": "soon" }, async (host) => {
    const { failures } = await host.check(args(SAMPLE_PROGRESSIVE, unique("Bad setting")));
    expect(failures.map((f) => f.reason).join("\n")).toMatch(/kore:readyTimeoutSeconds \(KORE_READY_TIMEOUT_SECONDS\) must be a number of seconds from 1 to 86400 \(got "soon"\)/);
    expect(emulator.requests).toHaveLength(0);
  });
});

test("defect 10: a failed refresh is reported once, without a stack trace into the provider", async () => {
  await withCommand(async (host) => {
    const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, unique("One message")));
    const { id, outs } = await host.create(inputs);
    emulator.failNext({ method: "GET", status: 400, count: 1 });
    const err = await failureOf(host.read(id, outs));
    expect(err.message).toMatch(/^Kore\.ai API GET .* failed: 400/);
    await new Promise((r) => setTimeout(r, 100));
    const logs = host.logs.join("");
    expect(logs).not.toContain("hooks.js");
    expect(logs).not.toContain(err.message.slice(0, 40));
  });
});

test("the ready timeout expiring is a partial failure: the campaign stays in state, and the next up starts it", async () => {
  const slow = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 3000 });
  const c = clientConnection(slow.url);
  const host = await ProviderHost.start({ provider, env: {} });
  try {
    await host.configure({
      "kore:host": c.host,
      "kore:appId": c.appId,
      "kore:accountId": c.accountId,
      "kore:clientId": c.clientId,
      "kore:clientSecret": c.clientSecret,
      "kore:readyTimeoutSeconds": "1",
    });
    const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, unique("Slow to prepare"), { started: true }));
    const err = await failureOf(host.create(inputs));
    expect(err.message).toMatch(/still Preparing after 1 s; it was not started/);
    expect(err.initFailedProperties).toMatchObject({ status: "Preparing", started: false });
    expect(slow.requests.filter((r) => r.query.trigger)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 3000));
    const outs = await host.update(err.initFailedId!, err.initFailedProperties!, inputs);
    expect(outs).toMatchObject({ status: "Active", started: true });
  } finally {
    await host.stop();
    await slow.close();
  }
});

test("Paused and Scheduled campaigns are stopped before delete", async () => {
  await withCommand(async (host) => {
    for (const status of ["Paused", "Scheduled"] as const) {
      const { inputs } = await host.check(args(SAMPLE_PROGRESSIVE, unique(`Delete ${status}`)));
      const { id, outs } = await host.create(inputs);
      emulator.setStatus(id, status);
      emulator.clearRequests();
      await host.delete(id, outs);
      expect(emulator.requests.map((r) => (r.query.trigger ? r.query.trigger : r.method))).toEqual(["POST", "stop", "DELETE"]);
      expect(emulator.campaign(id)).toBeUndefined();
    }
  });
});
