/**
 * `started` against the server's status, as behaviour: for each status Kore can report, what the
 * provider sends when the definition says `started: true` or `false` (docs/resources/voice-campaign.md's table, written out
 * here by hand), through the real provider host against the emulator: refresh, diff, then update, as
 * `pulumi up --refresh` runs them.
 */
import { clientEnv, Emulator, startEmulator } from "pulumi-kore-campaigns/emulator";
import { ProviderHost, serializedProvider } from "../../support/provider-host";
import { SAMPLE_PROGRESSIVE } from "../../fixtures/sample-bodies";

let emulator: Emulator;
let host: ProviderHost;
let n = 0;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 10 });
  host = await ProviderHost.start({ provider: await serializedProvider(), env: { ...clientEnv(emulator.url), KORE_TRIGGER_SETTLE_SECONDS: "0" } });
  await host.configure();
});

afterAll(async () => {
  await host?.stop();
  await emulator?.close();
});

/** What one `up --refresh` sends for a campaign in `status` whose definition says `started`. */
async function upAgainst(status: string, started: boolean): Promise<{ sent: string[]; after: string }> {
  const { queue_name, campaignType: _t, ...rest } = SAMPLE_PROGRESSIVE as Record<string, unknown>;
  const { inputs } = await host.check({ ...rest, queueName: queue_name, name: `Status table ${++n}`, started: false });
  const { id, outs } = await host.create(inputs);
  await new Promise((r) => setTimeout(r, 30));
  emulator.setStatus(id, status as never);
  emulator.clearRequests();
  const desired = { ...inputs, started };
  const refreshed = await host.read(id, outs);
  const { changes } = await host.diff(id, refreshed.outs, desired);
  if (changes === "some") await host.update(id, refreshed.outs, desired);
  const sent = emulator.requests.filter((r) => r.query.trigger).map((r) => r.query.trigger);
  return { sent, after: emulator.campaign(id)!.status };
}

test.each([
  ["Ready", true, ["play"], "Active"],
  ["Ready", false, [], "Ready"],
  ["Active", true, [], "Active"],
  ["Active", false, ["stop"], "Stopped"],
  ["Paused", true, ["play"], "Active"],
  ["Paused", false, ["stop"], "Stopped"],
  ["Scheduled", true, [], "Scheduled"],
  ["Scheduled", false, ["stop"], "Stopped"],
  ["Stopped", true, ["play"], "Active"],
  ["Stopped", false, [], "Stopped"],
  ["Completed", true, [], "Completed"],
  ["Completed", false, [], "Completed"],
] as const)("%s, started: %s -> sends %j, ends %s", async (status, started, sent, after) => {
  expect(await upAgainst(status, started)).toEqual({ sent: [...sent], after });
});

/** What one `up --refresh` with unchanged inputs sends for a campaign this stack started, found in `status`. */
async function unchangedUpAgainst(status: string): Promise<{ sent: string[]; after: string; stoppedOutsideGit: unknown }> {
  const { queue_name, campaignType: _t, ...rest } = SAMPLE_PROGRESSIVE as Record<string, unknown>;
  const { inputs } = await host.check({ ...rest, queueName: queue_name, name: `Started by the stack ${++n}`, started: true });
  const { id, outs } = await host.create(inputs);
  emulator.setStatus(id, status as never); // a supervisor in the console
  emulator.clearRequests();
  const refreshed = await host.read(id, outs);
  const { changes } = await host.diff(id, refreshed.outs, inputs);
  if (changes === "some") await host.update(id, refreshed.outs, inputs);
  const sent = emulator.requests.filter((r) => r.query.trigger).map((r) => r.query.trigger);
  return { sent, after: emulator.campaign(id)!.status, stoppedOutsideGit: (refreshed.outs.stoppedOutsideGit as { status?: string } | undefined)?.status };
}

test.each([
  ["Stopped", [], "Stopped", "Stopped"],
  ["Paused", [], "Paused", "Paused"],
  ["Completed", [], "Completed", undefined],
  ["Scheduled", [], "Scheduled", undefined],
] as const)("started: true in state, found %s by refresh: sends %j, ends %s, stoppedOutsideGit %s (a stop made outside git stands)", async (status, sent, after, recorded) => {
  expect(await unchangedUpAgainst(status)).toEqual({ sent: [...sent], after, stoppedOutsideGit: recorded });
});
