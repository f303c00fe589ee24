/**
 * The real Pulumi CLI against the emulator (its own process, no injected latency), on throwaway projects:
 *
 * - engine_up_seconds_100: `pulumi up --yes --skip-preview` of a stack of STACK VoiceCampaigns, connection
 *   from stack config (the client secret with --secret, as the README and e2e tests do), the provider's
 *   default request limits (8 in flight, 10 requests/s). The app already holds EXISTING campaigns made out
 *   of band, so the duplicate-name lookup has pages.
 * - engine_floor_seconds_100: the same command on the same stack shape (same inputs, the same connection as
 *   a secret input) where each resource is a trivial `pulumi.dynamic.Resource` whose create returns its
 *   inputs at once: the engine's own floor. engine_overhead_ratio = up / floor (medians).
 *   ROUNDS rounds, the order of the two swapped each round, both stacks destroyed (untimed) between rounds;
 *   medians are reported.
 * - engine_up_seconds_100_unlimited: one more up of the VoiceCampaign stack with
 *   KORE_MAX_REQUESTS_PER_SECOND=unlimited, to show what the default 10 requests/s costs.
 * - create_list_calls_per_stack: list calls the emulator saw during the first up (one shared listing = its
 *   pages; checked in every round); create_list_pages: pages of that listing (EXISTING campaigns, 50 a page).
 * - noop_preview_api_calls: `pulumi preview --expect-no-changes` after an up.
 * - update_api_calls: `pulumi up --yes --skip-preview` after changing maxRingTime of one campaign.
 * - refresh_api_calls_per_campaign: `pulumi refresh --yes --skip-preview`, calls / STACK.
 * API calls are counted in the emulator's request log, cleared before each command.
 */
import * as path from "node:path";
import { clientConnection } from "pulumi-kore-campaigns/emulator";
import { callKey, countBy, describeCounts, figure, median, note, pool, refreshCallsProblem, REPO_ROOT, sized, SMOKE } from "../support/common";
import { EmulatorProcess } from "../support/emulator-process";
import { Args, campaignArgs, campaignName, wireBody } from "../support/inputs";
import { PulumiProject } from "../support/pulumi-project";
import { RawClient } from "../support/raw-client";

const STACK = sized(100, 10);
const EXISTING = 60;
const LIST_PAGE_SIZE = 50; // the client's default `limit`
const ROUNDS = sized(3, 1);
const UNLIMITED = { KORE_MAX_REQUESTS_PER_SECOND: "unlimited" };

export const KORE_PROGRAM = `
const fs = require("fs");
const { VoiceCampaign } = require("pulumi-kore-campaigns");
const definitions = JSON.parse(fs.readFileSync("campaigns.json", "utf8"));
for (const [resourceName, args] of Object.entries(definitions)) new VoiceCampaign(resourceName, args);
`;

export const FLOOR_PROGRAM = `
const fs = require("fs");
const pulumi = require("@pulumi/pulumi");
// The engine's floor: a dynamic resource whose create makes no call and returns at once.
const provider = {
  async create(inputs) {
    return { id: inputs.name.replace(/[^A-Za-z0-9]+/g, "-"), outs: inputs };
  },
};
class NoopCampaign extends pulumi.dynamic.Resource {
  constructor(name, args) {
    super(provider, name, args, undefined, "bench", "NoopCampaign");
  }
}
const definitions = JSON.parse(fs.readFileSync("campaigns.json", "utf8"));
const connection = pulumi.secret(JSON.parse(fs.readFileSync("connection.json", "utf8")));
for (const [resourceName, args] of Object.entries(definitions)) new NoopCampaign(resourceName, { ...args, connection });
`;

/** The same stack through the native plugin (kore:index:VoiceCampaign, the package's thin SDK). */
export const NATIVE_PROGRAM = `
const fs = require("fs");
const { native } = require("pulumi-kore-campaigns");
const definitions = JSON.parse(fs.readFileSync("campaigns.json", "utf8"));
for (const [resourceName, args] of Object.entries(definitions)) new native.VoiceCampaign(resourceName, args);
`;

export function project(name: string, program: string, definitions: Record<string, Args>, pulumiYamlExtra = ""): PulumiProject {
  return new PulumiProject("bench", {
    "Pulumi.yaml": `name: ${name}\nruntime: nodejs\nmain: index.js\n${pulumiYamlExtra}`,
    "package.json": JSON.stringify({ name, private: true }),
    "index.js": program,
    "campaigns.json": JSON.stringify(definitions, null, 2),
  });
}

/** A project whose `kore` provider is the native plugin from this checkout's bin/ (README "The native provider"). */
export function nativeProject(name: string, program: string, definitions: Record<string, Args>): PulumiProject {
  return project(name, program, definitions, `plugins:\n  providers:\n    - name: kore\n      path: ${path.join(REPO_ROOT, "bin")}\n`);
}

export async function engine(): Promise<void> {
  const definitions: Record<string, Args> = {};
  for (let i = 0; i < STACK; i++) definitions[`campaign-${i}`] = campaignArgs(campaignName("Bench stack", i));
  const kore = project("kore-bench", KORE_PROGRAM, definitions);
  const floor = project("kore-bench-floor", FLOOR_PROGRAM, definitions);
  const emulator = await EmulatorProcess.start({ readyDelayMs: 600_000 });
  const calls = async (what: string): Promise<string[]> => {
    const keys = (await emulator.requests()).map(callKey);
    note(`  ${what}: ${describeCounts(countBy(keys))}`);
    return keys;
  };
  /** Times an up of the VoiceCampaign stack and checks its calls: STACK creates, one listing of the app. */
  const koreUp = async (what: string, env: NodeJS.ProcessEnv = {}): Promise<{ seconds: number; listCalls: number }> => {
    await emulator.clearRequests();
    const up = await kore.ok(["up", "--yes", "--skip-preview"], env);
    const keys = await calls(`${what} ${up.seconds.toFixed(2)} s`);
    const created = keys.filter((k) => k.startsWith("POST") && k.endsWith("/campaign")).length;
    if (created !== STACK) throw new Error(`up made ${created} create calls, expected ${STACK}`);
    return { seconds: up.seconds, listCalls: keys.filter((k) => k.includes("getAllCampaignDetails")).length };
  };
  try {
    const connection = clientConnection(emulator.url);
    floor.write("connection.json", JSON.stringify(connection));
    note(`engine: two throwaway projects (${kore.dir}, ${floor.dir}); ${EXISTING} campaigns made out of band first; ${ROUNDS} rounds`);
    const raw = await new RawClient(emulator.url).init();
    const made = await pool(EXISTING, 8, (i) => raw.create(wireBody(campaignName("Out of band", i))));
    await raw.close();
    if (made.failures.length > 0) throw new Error(`could not pre-create campaigns: ${made.failures.length} failed`);
    await kore.ok(["stack", "init", "bench"]);
    await kore.ok([
      "config", "set-all",
      "--plaintext", `kore:host=${connection.host}`,
      "--plaintext", `kore:appId=${connection.appId}`,
      "--plaintext", `kore:accountId=${connection.accountId}`,
      "--plaintext", `kore:clientId=${connection.clientId}`,
      "--secret", `kore:clientSecret=${connection.clientSecret}`,
    ]); // prettier-ignore
    await floor.ok(["stack", "init", "bench"]);

    const upSeconds: number[] = [];
    const floorSeconds: number[] = [];
    const listCalls: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      if (round > 1) {
        await kore.ok(["destroy", "--yes", "--skip-preview"], UNLIMITED);
        await floor.ok(["destroy", "--yes", "--skip-preview"]);
      }
      const timeFloor = async () => {
        const up = await floor.ok(["up", "--yes", "--skip-preview"]);
        note(`  round ${round}: floor up ${up.seconds.toFixed(2)} s`);
        floorSeconds.push(up.seconds);
      };
      const timeKore = async () => {
        const up = await koreUp(`round ${round}: up`);
        upSeconds.push(up.seconds);
        listCalls.push(up.listCalls);
      };
      if (round % 2 === 1) {
        await timeFloor();
        await timeKore();
      } else {
        await timeKore();
        await timeFloor();
      }
    }
    figure(`engine_up_seconds_${STACK}`, median(upSeconds), 2);
    figure(`engine_floor_seconds_${STACK}`, median(floorSeconds), 2);
    figure("engine_overhead_ratio", median(upSeconds) / median(floorSeconds), 2);
    if (new Set(listCalls).size !== 1) note(`  list calls differ between rounds: ${listCalls.join(", ")}`);
    figure("create_list_calls_per_stack", listCalls[0]);
    figure("create_list_stack_size", STACK);
    figure("create_list_pages", Math.max(1, Math.ceil(EXISTING / LIST_PAGE_SIZE)));

    await emulator.clearRequests();
    await kore.ok(["preview", "--expect-no-changes"]);
    const noop = (await calls("no-op preview")).length;
    figure("noop_preview_api_calls", noop);
    if (noop !== 0) throw new Error(`the no-op preview made ${noop} API calls, expected 0`);

    const edited = structuredClone(definitions);
    (edited["campaign-0"].dialingStrategy as Args).maxRingTime = 45;
    kore.write("campaigns.json", JSON.stringify(edited, null, 2));
    await emulator.clearRequests();
    await kore.ok(["up", "--yes", "--skip-preview"]);
    const updateKeys = await calls("update of one field");
    figure("update_api_calls", updateKeys.length);
    if (updateKeys.length !== 1 || !updateKeys[0].startsWith("PUT")) throw new Error(`the update of one field made ${describeCounts(countBy(updateKeys))}, expected one PUT`);

    await emulator.clearRequests();
    await kore.ok(["refresh", "--yes", "--skip-preview"]);
    const refreshKeys = await calls("refresh");
    figure("refresh_api_calls_per_campaign", refreshKeys.length / STACK, 2);
    const refreshProblem = refreshCallsProblem(refreshKeys, STACK, Math.ceil((STACK + EXISTING) / 50));
    if (refreshProblem) throw new Error(refreshProblem);

    if (SMOKE) return; // the same up as above, with another limit: not worth a smoke run's time
    await kore.ok(["destroy", "--yes", "--skip-preview"], UNLIMITED);
    const unlimited = await koreUp("up with KORE_MAX_REQUESTS_PER_SECOND=unlimited:", UNLIMITED);
    figure(`engine_up_seconds_${STACK}_unlimited`, unlimited.seconds, 2);
  } finally {
    await emulator.stop();
    kore.cleanup();
    floor.cleanup();
  }
}
