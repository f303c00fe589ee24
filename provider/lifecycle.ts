/**
 * The life of one campaign as short stories over the client: create, read, update, delete, and
 * bringing the server's status in line with `started`. Pulumi-free: the hooks adapt these to the
 * dynamic-provider protocol.
 */
import type { KoreClient, WireCampaign } from "./client";
import type { ConnectionInput, KoreTarget } from "./connection";
import type { CampaignDefinition, CampaignSpec } from "./schema";
import { fromWireCampaign, toWireBody } from "./wire";
import { CampaignNameView } from "./names";
import { actionFor, observedStarted } from "./status";
import { KoreApiError } from "./errors";

export interface LifecycleContext {
  client: KoreClient;
  names: CampaignNameView;
  /** how long create/update wait for a Preparing campaign to become Ready before play */
  readyTimeoutMs: number;
  /** first poll interval while waiting; doubles up to 5 s */
  pollIntervalMs: number;
}

/** What Pulumi keeps in state for a campaign: the normalized inputs plus what the server reports. */
export type CampaignOutputs = CampaignDefinition & {
  started: boolean;
  adoptExisting: boolean;
  /** the app the campaign lives in; recorded so refresh and destroy reach it whatever the environment says later */
  target: KoreTarget;
  /** the resource's own connection input, kept (as a secret) so destroy can authenticate the same way */
  connection?: ConnectionInput;
  status?: string;
  lname?: string;
  campaignInstanceId?: string;
  experienceFlowId?: string;
  createdAt?: string;
  updatedAt?: string;
};

export interface Placement {
  target: KoreTarget;
  connection?: ConnectionInput;
}

/** A campaign that exists on the server but could not be brought to its desired state. */
export class PartialFailure extends Error {
  constructor(
    message: string,
    readonly id: string,
    readonly outputs: CampaignOutputs,
  ) {
    super(message);
    this.name = "PartialFailure";
  }
}

export function splitSpec(spec: CampaignSpec): { definition: CampaignDefinition; started: boolean; adoptExisting: boolean } {
  const { started, adoptExisting, ...definition } = spec;
  return { definition: definition as CampaignDefinition, started: Boolean(started), adoptExisting: Boolean(adoptExisting) };
}

function buildOutputs(
  definitionFallback: CampaignDefinition,
  record: WireCampaign | undefined,
  id: string,
  flags: { started: boolean; adoptExisting: boolean },
  placement: Placement,
  previous?: Partial<CampaignOutputs>,
): CampaignOutputs {
  // The definition we sent is the truth for what we wrote; the server's answer adds what it observed.
  const observed = record ? fromWireCampaign(record, definitionFallback).observed : { id };
  return {
    ...definitionFallback,
    started: flags.started,
    adoptExisting: flags.adoptExisting,
    target: placement.target,
    ...(placement.connection ? { connection: placement.connection } : {}),
    status: observed.status ?? previous?.status,
    lname: observed.lname ?? previous?.lname ?? definitionFallback.name.toLowerCase(),
    campaignInstanceId: observed.campaignInstanceId ?? previous?.campaignInstanceId,
    experienceFlowId: observed.experienceFlowId ?? previous?.experienceFlowId,
    createdAt: observed.createdAt ?? previous?.createdAt,
    updatedAt: observed.updatedAt ?? previous?.updatedAt,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls the status endpoint until the campaign leaves Preparing (bounded, with backoff). */
async function waitWhilePreparing(ctx: LifecycleContext, id: string): Promise<string> {
  const deadline = Date.now() + ctx.readyTimeoutMs;
  let interval = ctx.pollIntervalMs;
  for (;;) {
    const { status } = await ctx.client.getCampaignStatus(id);
    if (status !== "Preparing") return status;
    if (Date.now() + interval > deadline) {
      throw new Error(
        `campaign ${id} is still Preparing after ${Math.round(ctx.readyTimeoutMs / 1000)} s; it was not started ` +
          `(raise the wait with KORE_READY_TIMEOUT_SECONDS or kore:readyTimeoutSeconds, then run up again)`,
      );
    }
    await sleep(interval);
    interval = Math.min(interval * 2, 5000);
  }
}

/**
 * Brings the server in line with `started`, from the status it has now (see status.ts).
 * Returns the status and instance id after the trigger, if one was pulled.
 */
export async function convergeStarted(
  ctx: LifecycleContext,
  id: string,
  currentStatus: string | undefined,
  started: boolean,
): Promise<{ status?: string; campaignInstanceId?: string; updatedAt?: string }> {
  let status = currentStatus ?? (await ctx.client.getCampaignStatus(id)).status;
  let action = actionFor(status, started);
  if (action === "wait-then-play") {
    status = await waitWhilePreparing(ctx, id);
    action = actionFor(status, started);
  }
  if (action === "play" || action === "stop") return pullTrigger(ctx, id, action);
  return { status };
}

/**
 * Pulls play or stop. A retried trigger whose first attempt did reach the server answers 409
 * ("already Active"), and an ambiguous answer leaves the outcome open: in both cases the status
 * decides whether the trigger took effect.
 */
async function pullTrigger(
  ctx: LifecycleContext,
  id: string,
  action: "play" | "stop",
): Promise<{ status?: string; campaignInstanceId?: string; updatedAt?: string }> {
  try {
    return action === "play" ? await ctx.client.startCampaign(id) : await ctx.client.stopCampaign(id);
  } catch (err) {
    if (!(err instanceof KoreApiError) || !(err.status === 409 || err.outcomeUnknown)) throw err;
    const { status } = await ctx.client.getCampaignStatus(id);
    if (actionFor(status, action === "play") === "none") return { status };
    throw err;
  }
}

/**
 * POSTs a new campaign, at most once. After an answer that leaves the outcome unknown, or a 409 that
 * says the name is taken (created since this process listed the app), it looks the name up instead
 * of posting again; `existed` tells the caller the campaign was not made by this POST.
 */
async function postOnce(
  ctx: LifecycleContext,
  definition: CampaignDefinition,
): Promise<{ id: string; record?: WireCampaign; existed: boolean }> {
  if (!ctx.names.claim(definition.name)) {
    throw new Error(`two resources in this stack declare the campaign name "${definition.name}"; campaign names must be unique`);
  }
  try {
    return { ...(await ctx.client.createCampaign(toWireBody(definition))), existed: false };
  } catch (err) {
    const ambiguous = err instanceof KoreApiError && err.outcomeUnknown;
    const nameTaken = err instanceof KoreApiError && err.status === 409;
    if (!ambiguous && !nameTaken) throw err;
    let id: string | undefined;
    try {
      id = await ctx.names.findFresh(definition.name);
    } catch (lookupErr) {
      if (!ambiguous) throw lookupErr;
      throw new Error(
        `${(err as Error).message}\nThe campaign "${definition.name}" may exist on the server: the create's answer was lost, and ` +
          `looking the name up failed too (${(lookupErr as Error).message}). Nothing was retried. Run up again: if the create is ` +
          `then refused because the name exists, that is this campaign; set adoptExisting: true once to take it over.`,
      );
    }
    if (id === undefined && ambiguous) {
      throw new Error(
        `${(err as Error).message}\nNo campaign named "${definition.name}" exists on the server afterwards, so it was not created; ` +
          `nothing was retried (a retried create could dial customers twice). Run up again.`,
      );
    }
    if (id === undefined) throw err;
    return { id, existed: nameTaken }; // ambiguous but found: this POST made it, adopt it rather than POST again
  } finally {
    ctx.names.release(definition.name);
  }
}

function nameTakenError(definition: CampaignDefinition, placement: Placement, existingId: string): Error {
  return new Error(
    `a campaign named "${definition.name}" already exists in app ${placement.target.appId} (id ${existingId}); ` +
      `names are unique case-insensitively. Set adoptExisting: true to manage that campaign, or choose another name.`,
  );
}

export async function createCampaign(ctx: LifecycleContext, spec: CampaignSpec, placement: Placement): Promise<{ id: string; outs: CampaignOutputs }> {
  const { definition, started, adoptExisting } = splitSpec(spec);
  let existingId = await ctx.names.find(definition.name);
  if (existingId !== undefined && !adoptExisting) throw nameTakenError(definition, placement, existingId);
  let id: string;
  let record: WireCampaign | undefined;
  if (existingId === undefined) {
    const posted = await postOnce(ctx, definition);
    ctx.names.learn(definition.name, posted.id);
    if (posted.existed) existingId = posted.id;
    ({ id, record } = posted);
  }
  if (existingId !== undefined) {
    if (!adoptExisting) throw nameTakenError(definition, placement, existingId);
    id = existingId; // adoption: make the server match the definition with one PUT
    record = await ctx.client.updateCampaign(id, toWireBody(definition));
  }
  // Preview-mode creates answer with the id only; one GET fills in status and timestamps.
  if (!record || typeof record.status !== "string") record = await ctx.client.getCampaign(id!);
  const outs = buildOutputs(definition, record, id!, { started, adoptExisting }, placement);
  return { id: id!, outs: await applyStarted(ctx, id!, outs, started) };
}

/** Pulls the start/stop trigger `started` asks for; on failure the campaign stays in state (PartialFailure). */
async function applyStarted(ctx: LifecycleContext, id: string, outs: CampaignOutputs, started: boolean): Promise<CampaignOutputs> {
  try {
    const after = await convergeStarted(ctx, id, outs.status, started);
    return {
      ...outs,
      status: after.status ?? outs.status,
      campaignInstanceId: after.campaignInstanceId ?? outs.campaignInstanceId,
      updatedAt: after.updatedAt ?? outs.updatedAt,
    };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Record what is true: the campaign exists, and `started` is not yet satisfied, so the next up retries the trigger.
    throw new PartialFailure(
      `campaign ${id} ("${outs.name}") exists but could not be ${started ? "started" : "stopped"}: ${message}`,
      id,
      { ...outs, started: !started },
    );
  }
}

export async function readCampaign(
  ctx: LifecycleContext,
  id: string,
  previous: CampaignOutputs,
): Promise<CampaignOutputs | undefined> {
  let record: WireCampaign;
  try {
    record = await ctx.client.getCampaign(id);
  } catch (err) {
    if (err instanceof KoreApiError && err.status === 404) return undefined; // gone: leaves state
    throw err;
  }
  const { definition, observed } = fromWireCampaign(record, previous);
  return {
    ...definition,
    started: observedStarted(observed.status, previous.started),
    adoptExisting: previous.adoptExisting,
    target: previous.target,
    ...(previous.connection ? { connection: previous.connection } : {}),
    status: observed.status,
    lname: observed.lname ?? previous.lname,
    campaignInstanceId: observed.campaignInstanceId ?? previous.campaignInstanceId,
    experienceFlowId: observed.experienceFlowId ?? previous.experienceFlowId,
    createdAt: observed.createdAt ?? previous.createdAt,
    updatedAt: observed.updatedAt ?? previous.updatedAt,
  };
}

export async function updateCampaign(
  ctx: LifecycleContext,
  id: string,
  previous: CampaignOutputs,
  spec: CampaignSpec,
  placement: Placement,
  changes: { definitionChanged: boolean; startedChanged: boolean },
): Promise<CampaignOutputs> {
  const { definition, started, adoptExisting } = splitSpec(spec);
  let record: WireCampaign | undefined;
  if (changes.definitionChanged) {
    record = await ctx.client.updateCampaign(id, toWireBody(definition)); // one PUT of the full definition
    ctx.names.forget(id);
    ctx.names.learn(definition.name, id);
  }
  const outs = buildOutputs(definition, record, id, { started, adoptExisting }, placement, previous);
  // A definition-only change never starts or stops anything.
  if (!changes.startedChanged) return { ...outs, started };
  // The status in state may be stale: converge from what the server says now.
  return applyStarted(ctx, id, { ...outs, status: undefined }, started);
}

export async function deleteCampaign(ctx: LifecycleContext, id: string): Promise<void> {
  try {
    const { status } = await ctx.client.getCampaignStatus(id);
    if (actionFor(status, false) === "stop") await pullTrigger(ctx, id, "stop"); // never delete a dialing campaign (a stop whose answer was lost counts if it took)
    await ctx.client.deleteCampaign(id);
  } catch (err) {
    if (!(err instanceof KoreApiError && err.status === 404)) throw err; // 404: already gone
  }
  ctx.names.forget(id);
}
