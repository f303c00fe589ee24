/**
 * Other writers: a resource of the same stack, a person in the console, an API that shows less than we
 * wrote. Each `pulumi up` is its own provider process (ProviderHost), called as the engine calls it: a
 * refresh reads every resource in state, the program's resources are diffed or created, and the deletes of
 * the resources that left the program come last. Against the emulator over HTTP; where the docs' answers
 * show less than the emulator's, through a strict proxy that answers a GET by id with only the fields of the
 * docs' get-voice-campaign-by-id sample, and a contact-list GET without `campaignInUse`/`isListInUse`.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { CONTACT_LIST_URN, failureOf, NATIVE_CONTACT_LIST_URN, ProviderHost, serializedProvider } from "../support/provider-host";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

type Props = Record<string, unknown>;

const EXISTING = "Recent Buyers - Q2 2025";
let emulator: Emulator;
let counter = 0;
const unique = (what: string) => `${what} ${++counter}`;

/** The fields of the get-voice-campaign-by-id.md sample answer's `data` (no dialingMode, queue_name, retry settings). */
const DOCUMENTED_GET_FIELDS = ["_id", "name", "lname", "description", "status", "priority", "experienceFlow", "createdAt", "updatedAt", "schedule", "contactLists", "enableMachineDetect"];

/** A proxy in front of the emulator that answers as strictly as the docs' samples (see the file comment). */
async function strictProxy(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const upstream = http.request(`${target}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on("data", (c: Buffer) => body.push(c));
        answer.on("end", () => {
          let text = Buffer.concat(body).toString();
          const path = (req.url ?? "").split("?")[0];
          if (req.method === "GET" && answer.statusCode === 200 && /\/campaign\/cd-[^/]+$/.test(path)) {
            const json = JSON.parse(text);
            const data = json.data as Props;
            const strategy = data.dialingStrategy as Props | undefined;
            json.data = Object.fromEntries(DOCUMENTED_GET_FIELDS.filter((k) => k in data).map((k) => [k, data[k]]));
            if (strategy) json.data.dialingStrategy = { callerId: strategy.callerId, callingHours: strategy.callingHours };
            text = JSON.stringify(json);
          }
          if (req.method === "GET" && answer.statusCode === 200 && /\/contactList\/cl-[^/]+$/.test(path)) {
            const json = JSON.parse(text);
            delete json.data.campaignInUse;
            delete json.data.isListInUse;
            text = JSON.stringify(json);
          }
          const headers = { ...answer.headers, "content-length": String(Buffer.byteLength(text)) };
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(text);
        });
      });
      upstream.on("error", () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(() => r())) };
}

function campaignArgs(name: string, extra: Props = {}): Props {
  const { queue_name, campaignType: _type, ...rest } = SAMPLE_PROGRESSIVE as Record<string, unknown>;
  return { ...rest, queueName: queue_name, name, ...extra };
}

/** What reached the server, as "METHOD last-path-segment [trigger]". */
function calls(): string[] {
  return emulator.requests.map((r) => {
    const last = r.path.split("/").pop() ?? "";
    const what = /^cd-/.test(last) ? "campaign/:id" : /^cl-/.test(last) ? "contactList/:id" : last;
    return `${r.method} ${what}${r.query.trigger ? ` ${r.query.trigger}` : ""}`;
  });
}

const writes = () => calls().filter((c) => !c.startsWith("GET") && !c.endsWith("/status") && !/getAll|status$/.test(c));

let campaignProvider: string;
let listProvider: string;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, contactLists: [EXISTING], readyDelayMs: 20 });
  [campaignProvider, listProvider] = [await serializedProvider("VoiceCampaign"), await serializedProvider("ContactList")];
});

/** One `pulumi up` (or destroy): a provider process of the adapter, configured, serving both types; stopped by `end`. */
async function command(adapter: string, host = emulator.url): Promise<{ campaigns: ProviderHost; lists: ProviderHost; end(): Promise<void> }> {
  const env = { ...clientEnv(host), KORE_TRIGGER_SETTLE_SECONDS: "0" };
  const campaigns = adapter === "dynamic" ? await ProviderHost.start({ provider: campaignProvider, env }) : await ProviderHost.startNative({ env });
  await campaigns.configure();
  const lists = campaigns.forResource(adapter === "dynamic" ? listProvider : "", adapter === "dynamic" ? CONTACT_LIST_URN : NATIVE_CONTACT_LIST_URN);
  return { campaigns, lists, end: () => campaigns.stop() };
}

/** check + create, as the engine does for a new resource. */
async function createWith(host: ProviderHost, args: Props): Promise<{ id: string; inputs: Props; outs: Props }> {
  const { inputs, failures } = await host.check(args);
  expect(failures).toEqual([]);
  const { id, outs } = await host.create(inputs);
  return { id, inputs, outs };
}

afterAll(async () => {
  await emulator?.close();
});

beforeEach(() => {
  emulator.clearRequests();
  emulator.clearFaults();
});

describe.each(["dynamic", "native"])("through the %s adapter", (adapter) => {
  describe("a delete never removes what another resource of the stack holds", () => {
    test("a campaign file renamed, with adoptExisting: the new resource adopts it and the old one's delete forgets it (no stop, no DELETE), under up --refresh", async () => {
      const name = unique("Renamed campaign");
      const first = await command(adapter);
      const old = await createWith(first.campaigns, campaignArgs(name, { started: true }));
      await first.end();
      expect(emulator.campaign(old.id)!.status).toBe("Active");

      const up = await command(adapter);
      try {
        emulator.clearRequests();
        const refreshed = await up.campaigns.read(old.id, old.outs, old.inputs); // --refresh reads the old resource too,
        await up.campaigns.diff(old.id, refreshed.outs, refreshed.inputs!); // and diffs it to show the drift
        const moved = await createWith(up.campaigns, campaignArgs(name, { started: true, adoptExisting: true }));
        expect(moved.id).toBe(old.id);
        await up.campaigns.delete(old.id, refreshed.outs); // the resource that left the program
      } finally {
        await up.end();
      }
      expect(writes()).toEqual([]);
      expect(emulator.campaign(old.id)!.status).toBe("Active");
    });

    test("a replacement that finds the same campaign under another spelling of the host (localhost) forgets the old resource's campaign", async () => {
      const name = unique("Replaced campaign");
      const first = await command(adapter);
      const old = await createWith(first.campaigns, campaignArgs(name, { started: true, adoptExisting: true }));
      await first.end();

      const localhost = emulator.url.replace("127.0.0.1", "localhost");
      const up = await command(adapter, localhost);
      try {
        emulator.clearRequests();
        const { inputs } = await up.campaigns.check(campaignArgs(name, { started: true, adoptExisting: true }));
        expect(await up.campaigns.diff(old.id, old.outs, inputs)).toEqual({ changes: "some", replaces: ["connection"] });
        const replacement = await up.campaigns.create(inputs); // create before delete
        expect(replacement.id).toBe(old.id);
        await up.campaigns.delete(old.id, old.outs);
      } finally {
        await up.end();
      }
      expect(writes()).toEqual([]);
      expect(emulator.campaign(old.id)!.status).toBe("Active");
    });

    test("a destroy, with nothing else holding the campaign, still stops and DELETEs it", async () => {
      const first = await command(adapter);
      const made = await createWith(first.campaigns, campaignArgs(unique("Destroyed"), { started: true }));
      await first.end();
      const destroy = await command(adapter);
      try {
        emulator.clearRequests();
        await destroy.campaigns.delete(made.id, made.outs);
      } finally {
        await destroy.end();
      }
      expect(writes()).toEqual(["POST campaign/:id stop", "DELETE campaign/:id"]);
      expect(emulator.campaign(made.id)).toBeUndefined();
    });

    test("the name-taken hint names renamedFrom first, then adoptExisting", async () => {
      const name = unique("Hinted");
      emulator.insert({ ...(SAMPLE_PROGRESSIVE as Props), name }); // what the old file's resource made, or a console campaign
      const up = await command(adapter);
      try {
        const { inputs } = await up.campaigns.check(campaignArgs(name));
        const err = await failureOf(up.campaigns.create(inputs));
        expect(err.message).toMatch(/already exists[\s\S]*renamedFrom[\s\S]*adoptExisting: true/);
      } finally {
        await up.end();
      }
    });
  });
});

describe("contact lists (the dynamic ContactList beside VoiceCampaign in one host)", () => {
  const adapter = "dynamic";
  test("a list file renamed, with adoptExisting: the new resource adopts it and the old one's delete forgets it (no DELETE)", async () => {
    const name = unique("Renamed list");
    const first = await command(adapter);
    const old = await createWith(first.lists, { name, description: "Kept across a rename" });
    await first.end();
    const up = await command(adapter);
    try {
      emulator.clearRequests();
      const moved = await createWith(up.lists, { name, description: "Kept across a rename", adoptExisting: true });
      expect(moved.id).toBe(old.id);
      await up.lists.delete(old.id, old.outs);
    } finally {
      await up.end();
    }
    expect(calls().filter((c) => c.startsWith("DELETE"))).toEqual([]);
    expect(emulator.contactList(old.id)).toBeDefined();
  });

  test("external: true on a managed list is an update that writes nothing, with a warning; its delete is a forget (no call)", async () => {
    const name = unique("Turned external");
    const first = await command(adapter);
    const managed = await createWith(first.lists, { name, description: "Managed at first" });
    await first.end();
    const up = await command(adapter);
    try {
      emulator.clearRequests();
      const { inputs, failures } = await up.lists.check({ name, external: true });
      expect(failures).toEqual([]);
      const logsBefore = up.lists.logs.length;
      expect(await up.lists.diff(managed.id, managed.outs, inputs)).toEqual({ changes: "some", replaces: [] });
      expect(up.lists.logs.slice(logsBefore).join("")).toContain(`contact list "${name}" (${managed.id}) is now external`);
      const outs = await up.lists.update(managed.id, managed.outs, inputs);
      expect(outs).toMatchObject({ name, external: true });
      // the file is deleted later: the resource leaves the program
      await up.lists.delete(managed.id, outs);
    } finally {
      await up.end();
    }
    expect(calls().filter((c) => !c.startsWith("POST getAll"))).toEqual([]);
    expect(emulator.contactList(managed.id)).toBeDefined();
  });

  test("an external list is found by name, never created; a missing one is refused before any write", async () => {
    const up = await command(adapter);
    try {
      emulator.clearRequests();
      const found = await createWith(up.lists, { name: EXISTING, external: true });
      expect(found.outs).toMatchObject({ name: EXISTING, external: true });
      const { inputs } = await up.lists.check({ name: unique("Nowhere"), external: true });
      const err = await failureOf(up.lists.create(inputs));
      expect(err.message).toMatch(/declared external, but app .* has no list of that name/);
    } finally {
      await up.end();
    }
    expect(calls().filter((c) => !c.startsWith("GET") && !c.startsWith("POST getAll"))).toEqual([]);
  });

  describe("a delete whose GET says nothing about use (no campaignInUse, no isListInUse) fails closed", () => {
    let proxy: { url: string; close(): Promise<void> };
    beforeAll(async () => {
      proxy = await strictProxy(emulator.url);
    });
    afterAll(async () => {
      await proxy?.close();
    });

    test("a campaign made in the console names the list: refused, naming it; no DELETE", async () => {
      const listName = unique("Silent list");
      const setup = await command(adapter, proxy.url);
      const list = await createWith(setup.lists, { name: listName, description: "Dialed by a console campaign" });
      await setup.end();
      const { id: consoleId } = emulator.insert({ ...(SAMPLE_PROGRESSIVE as Props), name: unique("Console campaign"), contactLists: [listName] });
      const destroy = await command(adapter, proxy.url);
      try {
        emulator.clearRequests();
        const err = await failureOf(destroy.lists.delete(list.id, list.outs));
        expect(err.message).toMatch(new RegExp(`was not deleted: campaign ".*" \\(${consoleId}\\) still uses it`));
      } finally {
        await destroy.end();
      }
      expect(calls().filter((c) => c.startsWith("DELETE"))).toEqual([]);
      expect(emulator.contactList(list.id)).toBeDefined();
    });

    test("the campaigns cannot be listed: refused as unsure; no DELETE", async () => {
      const setup = await command(adapter, proxy.url);
      const list = await createWith(setup.lists, { name: unique("Unsure list"), description: "Nobody can tell" });
      await setup.end();
      const destroy = await command(adapter, proxy.url);
      try {
        emulator.failNext({ method: "POST", pathIncludes: "getAllCampaignDetails", status: 400, count: 5 });
        emulator.clearRequests();
        const err = await failureOf(destroy.lists.delete(list.id, list.outs));
        expect(err.message).toMatch(/does not say whether a campaign uses it, and listing the app's campaigns failed/);
      } finally {
        await destroy.end();
      }
      expect(calls().filter((c) => c.startsWith("DELETE"))).toEqual([]);
    });

    test("no campaign names the list: deleted", async () => {
      const setup = await command(adapter, proxy.url);
      const list = await createWith(setup.lists, { name: unique("Unused list"), description: "Nobody dials it" });
      await setup.end();
      const destroy = await command(adapter, proxy.url);
      try {
        await destroy.lists.delete(list.id, list.outs);
      } finally {
        await destroy.end();
      }
      expect(emulator.contactList(list.id)).toBeUndefined();
    });
  });
});

describe("what the API does not show is not assumed to match (the docs' GET answer, through the strict proxy)", () => {
  let proxy: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    proxy = await strictProxy(emulator.url);
  });
  afterAll(async () => {
    await proxy?.close();
  });

  async function campaignCommand(): Promise<ProviderHost> {
    const host = await ProviderHost.start({ provider: campaignProvider, env: { ...clientEnv(proxy.url), KORE_TRIGGER_SETTLE_SECONDS: "0" } });
    await host.configure();
    return host;
  }

  test("adopting a console campaign with queue A by a definition with queue B writes B (one PUT)", async () => {
    const name = unique("Console queue");
    const made = emulator.insert({ ...(SAMPLE_PROGRESSIVE as Props), name, queue_name: "Queue A" });
    const host = await campaignCommand();
    try {
      emulator.clearRequests();
      const { inputs } = await host.check(campaignArgs(name, { queueName: "Queue B", adoptExisting: true }));
      const { id } = await host.create(inputs);
      expect(id).toBe(made.id);
    } finally {
      await host.stop();
    }
    const puts = emulator.requests.filter((r) => r.method === "PUT");
    expect(puts).toHaveLength(1);
    expect((puts[0].body as Props).queue_name).toBe("Queue B");
    expect(emulator.campaign(made.id)!.queue_name).toBe("Queue B");
  });

  test("refresh: a queue changed in the console shows through the list record's connection; fields no answer shows stay pending, so the next up writes them", async () => {
    const name = unique("Refreshed queue");
    const setup = await campaignCommand();
    let made: { id: string; outs: Props; inputs: Props };
    try {
      const { inputs } = await setup.check(campaignArgs(name));
      const created = await setup.create(inputs);
      made = { ...created, inputs };
    } finally {
      await setup.stop();
    }
    emulator.mutate(made.id, { queue_name: "Queue from the console" });
    const up = await campaignCommand();
    try {
      const read = await up.read(made.id, made.outs, made.inputs);
      expect(read.outs.queueName).toBe("Queue from the console");
      expect(read.outs.pendingChanges).toEqual(["definition"]); // dialingOrder, maxAttemptsPerRecord, ... are in no answer
      expect((await up.diff(made.id, read.outs, made.inputs)).changes).toBe("some");
      emulator.clearRequests();
      await up.update(made.id, read.outs, made.inputs);
    } finally {
      await up.stop();
    }
    expect(emulator.requests.filter((r) => r.method === "PUT")).toHaveLength(1);
    expect(emulator.campaign(made.id)!.queue_name).toBe(SAMPLE_PROGRESSIVE.queue_name);
  });
});

test("the old drift correction, opted into with KORE_RESTART_STOPPED_CAMPAIGNS=true: a campaign stopped in the console shows as drift and the next up plays it", async () => {
  const provider = campaignProvider;
  const env = { ...clientEnv(emulator.url), KORE_TRIGGER_SETTLE_SECONDS: "0", KORE_RESTART_STOPPED_CAMPAIGNS: "true" };
  const host = await ProviderHost.start({ provider, env });
  try {
    await host.configure();
    const { inputs } = await host.check(campaignArgs(unique("Opted in"), { started: true }));
    const { id, outs } = await host.create(inputs);
    emulator.setStatus(id, "Stopped");
    const read = await host.read(id, outs, inputs);
    expect(read.outs.started).toBe(false);
    expect(read.outs).not.toHaveProperty("stoppedOutsideGit");
    expect((await host.diff(id, read.outs, inputs)).changes).toBe("some");
    emulator.clearRequests();
    await host.update(id, read.outs, inputs);
    expect(emulator.requests.filter((r) => r.query.trigger).map((r) => r.query.trigger)).toEqual(["play"]);
  } finally {
    await host.stop();
  }
});

test("an invalid KORE_RESTART_STOPPED_CAMPAIGNS is refused by check, naming the setting and the value", async () => {
  const provider = campaignProvider;
  const host = await ProviderHost.start({ provider, env: { ...clientEnv(emulator.url), KORE_RESTART_STOPPED_CAMPAIGNS: "sometimes" } });
  try {
    await host.configure();
    const { failures } = await host.check(campaignArgs(unique("Bad setting")));
    expect(failures.map((f) => f.reason).join("\n")).toMatch(/kore:restartStoppedCampaigns \(KORE_RESTART_STOPPED_CAMPAIGNS\) must be true or false \(got "sometimes"\)/);
  } finally {
    await host.stop();
  }
});


