/**
 * A fleet of campaign definitions for the e2e suites, generated from the docs' sample bodies
 * (tests/fixtures/sample-bodies.ts): mixed modes, unique names, varied fields, a few `started: true`.
 * Plus the Pulumi program that declares them, the stack-config wiring, and the checks that compare
 * what the server holds (and what Pulumi's state holds) against the definitions.
 */
import { DEMO_CREDENTIALS, type StoredCampaign } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../../fixtures/sample-bodies";
import type { PulumiProject } from "./pulumi-project";

export type Args = Record<string, unknown>;

/** The same program as the lifecycle suite: one VoiceCampaign per entry of campaigns.json. */
export const FLEET_PROGRAM = `
const fs = require("fs");
const { VoiceCampaign } = require("pulumi-kore-campaigns");
const definitions = JSON.parse(fs.readFileSync("campaigns.json", "utf8"));
const campaigns = {};
for (const [resourceName, args] of Object.entries(definitions)) {
  const c = new VoiceCampaign(resourceName, args);
  campaigns[resourceName] = { id: c.id, status: c.status, started: c.started };
}
exports.campaigns = campaigns;
`;

export function projectFiles(projectName: string): Record<string, string> {
  return {
    "Pulumi.yaml": `name: ${projectName}\nruntime: nodejs\nmain: index.js\n`,
    "package.json": JSON.stringify({ name: projectName, private: true }),
    "index.js": FLEET_PROGRAM,
  };
}

/** A sample body as VoiceCampaign args (queue_name -> queueName, no campaignType). */
export function argsFromSample(body: Record<string, unknown>, name: string, extra: Args = {}): Args {
  const { queue_name, campaignType: _t, ...rest } = JSON.parse(JSON.stringify(body));
  return { ...rest, ...(queue_name === undefined ? {} : { queueName: queue_name }), name, ...extra };
}

const SAMPLES = [SAMPLE_PROGRESSIVE, SAMPLE_PREVIEW, SAMPLE_AGENTLESS] as const;

/** The contact lists the docs' sample bodies (and campaigns/*.yaml) name: start the emulator with them. */
export const SAMPLE_CONTACT_LISTS: readonly string[] = [...SAMPLE_PROGRESSIVE.contactLists];
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The contact lists a fleet's campaigns name (`<prefix> list 0..3`): start the emulator with them. */
export function fleetContactLists(prefix: string): string[] {
  return [0, 1, 2, 3].map((i) => `${prefix} list ${i}`);
}

/**
 * `count` definitions keyed by resource name. Campaign i: mode i % 3, name "<prefix> NN <mode>",
 * priority, ring time, attempts, caller id, contact list, machine detection and (Preview) maxSkips
 * varied with i, so a record swapped with another one or half-written shows in the field checks.
 * `started: true` for i % startedEvery === 3.
 */
export function fleetDefinitions(count: number, prefix: string, startedEvery = 10): Record<string, Args> {
  const out: Record<string, Args> = {};
  for (let i = 0; i < count; i++) {
    const sample = SAMPLES[i % 3];
    const mode = sample.dialingMode;
    const strategy = JSON.parse(JSON.stringify(sample.dialingStrategy));
    strategy.maxRingTime = 20 + (i % 60);
    strategy.maxAttemptsPerRecord = 1 + (i % 10);
    strategy.callerId.phoneNumber = `+1510555${pad(i, 4)}`;
    const extra: Args = {
      description: `${sample.description.slice(0, 200)} [${prefix} #${i}]`,
      priority: String(1 + (i % 5)),
      dialingStrategy: strategy,
      contactLists: [fleetContactLists(prefix)[i % 4]],
      enableMachineDetect: i % 2 === 0,
      ...(mode === "Preview" ? { maxSkips: i % 4 } : {}),
      ...(i % startedEvery === 3 ? { started: true } : {}),
    };
    out[`c${pad(i, 2)}`] = argsFromSample(sample, `${prefix} ${pad(i, 2)} ${mode}`, extra);
  }
  return out;
}

/** Stack config for the target and credentials, the client secret with --secret (as the lifecycle suite). */
export async function configureKore(project: PulumiProject, host: string): Promise<void> {
  for (const [key, value] of Object.entries({
    "kore:host": host,
    "kore:appId": DEMO_CREDENTIALS.appId,
    "kore:accountId": DEMO_CREDENTIALS.accountId,
    "kore:clientId": DEMO_CREDENTIALS.clientId,
    "kore:readyTimeoutSeconds": "60",
  })) {
    await project.ok(["config", "set", key, value]);
  }
  await project.ok(["config", "set", "--secret", "kore:clientSecret", DEMO_CREDENTIALS.clientSecret]);
}

/**
 * The fields of a stored campaign that differ from its definition, as "field: server != definition"
 * (empty when it matches). Compares every definition field the wire carries.
 */
export function mismatches(stored: StoredCampaign, def: Args): string[] {
  const expected: Record<string, unknown> = {
    name: def.name,
    description: def.description,
    priority: def.priority,
    dialingMode: def.dialingMode,
    dialingStrategy: def.dialingStrategy,
    contactLists: def.contactLists,
    enableMachineDetect: def.enableMachineDetect,
    // the emulator shows isSchedulingEnabled true while a v2 schedule is enabled (either spelling of the definition)
    "schedule.isSchedulingEnabled": Boolean((def.schedule as { enabled?: boolean; isSchedulingEnabled?: boolean } | undefined)?.enabled ?? (def.schedule as { isSchedulingEnabled?: boolean } | undefined)?.isSchedulingEnabled),
    queue_name: def.dialingMode === "Agentless" ? undefined : def.queueName,
    maxSkips: def.dialingMode === "Preview" ? def.maxSkips : undefined,
    experienceFlowName: def.dialingMode === "Agentless" ? def.experienceFlowName : undefined,
  };
  const actual: Record<string, unknown> = {
    ...stored,
    "schedule.isSchedulingEnabled": stored.schedule?.isSchedulingEnabled,
  };
  const out: string[] = [];
  for (const [k, v] of Object.entries(expected)) {
    if (canonical(actual[k]) !== canonical(v)) out.push(`${k}: ${canonical(actual[k])} != ${canonical(v)}`);
  }
  return out;
}

/** JSON with object keys sorted (arrays keep their order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

export interface StateCampaign {
  resourceName: string;
  id: string;
  name: string;
  started: boolean;
  status?: string;
}

/** The VoiceCampaigns in the stack's state (`pulumi stack export`): resource name, id and a few outputs. */
export async function stateCampaigns(project: PulumiProject): Promise<StateCampaign[]> {
  const exported = JSON.parse((await project.ok(["stack", "export"])).stdout) as {
    deployment: { resources?: Array<{ urn: string; type: string; id?: string; outputs?: Record<string, unknown> }> };
  };
  return (exported.deployment.resources ?? [])
    .filter((r) => r.type.startsWith("pulumi-nodejs:dynamic") && r.id !== undefined)
    .map((r) => ({
      resourceName: r.urn.split("::").pop()!,
      id: r.id!,
      name: r.outputs?.name as string,
      started: r.outputs?.started === true,
      status: r.outputs?.status as string | undefined,
    }));
}
