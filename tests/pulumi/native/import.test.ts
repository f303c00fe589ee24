/**
 * `pulumi import` through the native plugin (Read with no properties), as the engine sends it (issue 22, item 8):
 * the campaign is described as it is (the conversion export uses), so the next `up` changes nothing; an id that
 * is no campaign says "not found". And a PUT answered 404 (deleted outside Pulumi) says to run refresh.
 */
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { failureOf, NATIVE_CAMPAIGN_URN, NATIVE_CONTACT_LIST_URN, ProviderHost, serializedProvider } from "../../support/provider-host";
import { SAMPLE_PROGRESSIVE } from "../../fixtures/sample-bodies";

type Props = Record<string, unknown>;
const LIST = "Recent Buyers - Q2 2025";
let emulator: Emulator;
let host: ProviderHost;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, contactLists: [LIST], readyDelayMs: 0 });
  host = await ProviderHost.startNative({ env: { ...clientEnv(emulator.url), KORE_TRIGGER_SETTLE_SECONDS: "0.05" } });
  await host.configure();
});
afterAll(async () => {
  await host?.stop();
  await emulator?.close();
});
beforeEach(() => emulator.clearRequests());

/** A campaign made in the console: the documented sample body, a name of its own. */
const inConsole = (name: string) => emulator.insert({ ...(SAMPLE_PROGRESSIVE as Props), name });
const writes = () => emulator.requests.filter((r) => r.method !== "GET" && !/getAllCampaignDetails|getAllListDetails|\/status$/.test(r.path));

test("a Paused campaign: imported with started: false and nothing pending, so the next up sends no stop", async () => {
  const made = inConsole("Paused in the console");
  emulator.setStatus(made.id, "Paused" as never);
  const imported = await host.read(made.id, {});
  expect(imported.id).toBe(made.id);
  expect(imported.outs.status).toBe("Paused");
  expect(imported.outs.started).toBe(false);
  expect(imported.outs.pendingChanges).toBeUndefined();
  // the program declares what the import recorded: no change, so no update and no trigger
  expect(await host.diff(made.id, imported.outs, imported.inputs!)).toEqual({ changes: "none", replaces: [] });
  expect(writes()).toEqual([]);
  expect(emulator.campaign(made.id)!.status).toBe("Paused");
});

test("a Scheduled campaign is not imported as 'no schedule' (the next PUT would cancel Kore's): refused, saying what to do", async () => {
  const made = inConsole("Scheduled in the console");
  emulator.setStatus(made.id, "Scheduled" as never);
  const err = await failureOf(host.read(made.id, {}));
  expect(err.message).toBe(
    `campaign ${made.id} is Scheduled: Kore holds a schedule for it that the API cannot read back, so an import would record "no schedule" ` +
      "(and the next PUT would send isSchedulingEnabled: false). Declare it with its schedule copied from the console and adoptExisting: true instead",
  );
  expect(writes()).toEqual([]);
});

test("an id that is no campaign (missing, or a contact list's): 'not found', naming the id", async () => {
  const missing = await failureOf(host.read("cd-00000000-0000-0000-0000-000000000000", {}));
  expect(missing.message).toMatch(/^campaign cd-00000000-0000-0000-0000-000000000000 not found in app \S+: GET .* answered 404\. Check the id \(a contact list's id is not a campaign's, nor the other way round\)$/);
  const listId = emulator.contactLists().find((l) => l.name === LIST)!.id;
  const asCampaign = await failureOf(host.read(listId, {}));
  expect(asCampaign.message).toContain(`campaign ${listId} not found in app`);
  const listAsList = await failureOf(host.forResource("", NATIVE_CONTACT_LIST_URN).read("cl-00000000-0000-0000-0000-000000000000", {}));
  expect(listAsList.message).toMatch(/^contact list cl-00000000-0000-0000-0000-000000000000 not found in app /);
  expect(NATIVE_CAMPAIGN_URN).toContain("VoiceCampaign");
});

describe.each(["dynamic", "native"])("a PUT answered 404 (through the %s adapter)", (adapter) => {
  let other: ProviderHost;
  beforeAll(async () => {
    const env = { ...clientEnv(emulator.url), KORE_TRIGGER_SETTLE_SECONDS: "0.05" };
    other = adapter === "dynamic" ? await ProviderHost.start({ provider: await serializedProvider(), env }) : await ProviderHost.startNative({ env });
    await other.configure();
  });
  afterAll(async () => other?.stop());

  test("deleted outside Pulumi: the error says it is gone and to run refresh", async () => {
    const { queue_name, campaignType: _t, ...rest } = SAMPLE_PROGRESSIVE as Props;
    const args = { ...rest, queueName: queue_name, name: `Deleted out of band ${adapter}` };
    const { inputs } = await other.check(args);
    const { id, outs } = await other.create(inputs);
    emulator.remove(id);
    const news = (await other.check({ ...args, description: "Edited after the console deleted it." }, outs)).inputs;
    const err = await failureOf(other.update(id, outs, news));
    expect(err.message).toContain(`failed: 404`);
    expect(err.message).toContain(
      `campaign ${id} ("${args.name}") is no longer in Kore.ai (deleted outside Pulumi?): run \`pulumi refresh\` (or \`pulumi up --refresh\`) to drop it from state; the next up then creates it again`,
    );
  });
});
