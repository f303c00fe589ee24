/**
 * Start and stop: the trigger calls, the status reads around them, and what they leave in state. Pulumi-free.
 *
 * - A trigger whose outcome is unknown is not resent unless the status proves it did not take effect.
 * - A campaign still Preparing is waited for (bounded, with backoff) before a play.
 * - On failure the campaign stays in state (PartialFailure) with the status last observed; an open outcome
 *   keeps `started` pending, so the next up reads the status before deciding.
 */
import { KoreApiError } from "../../kore-api/errors";
import { PartialFailure } from "../../shared/partial-failure";
import { messageOf } from "../../util/values";
import type { LifecycleContext } from "./context";
import { union, without, type CampaignOutputs, type RunDefinition } from "./outputs";
import { actionFor, startedToStore, type DriftPolicy } from "./status";

/** After a trigger this lifecycle pulled for a reviewed change, a status short of it is owed again, not a stop outside git. */
const START_OWED: DriftPolicy = { restartStoppedCampaigns: true };

/** A trigger (or the status reads around it) failed; `lastStatus` is the status last observed, if any. */
export class ConvergeError extends Error {
  constructor(
    message: string,
    readonly lastStatus: string | undefined,
    /** true when the server may have taken the trigger and no status read has said either way since */
    readonly outcomeUnknown: boolean,
  ) {
    super(message);
    this.name = "ConvergeError";
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/** Polls the status endpoint until the campaign leaves Preparing (bounded, with backoff). */
async function waitWhilePreparing(ctx: LifecycleContext, id: string): Promise<string> {
  const deadline = Date.now() + ctx.readyTimeoutMs;
  let interval = ctx.pollIntervalMs;
  for (;;) {
    const { status } = await readStatus(ctx, id, "Preparing");
    if (status !== "Preparing") return status;
    if (Date.now() + interval > deadline) {
      throw new ConvergeError(
        `campaign ${id} is still Preparing after ${Math.round(ctx.readyTimeoutMs / 1000)} s; it was not started ` +
          `(raise the wait with KORE_READY_TIMEOUT_SECONDS or kore:readyTimeoutSeconds, then run up again)`,
        "Preparing",
        false,
      );
    }
    await sleep(interval);
    interval = Math.min(interval * 2, 5000);
  }
}

/** One status read; a failure keeps the last status known (`known`) for the caller's record. */
async function readStatus(ctx: LifecycleContext, id: string, known: string | undefined, outcomeUnknown = false): Promise<{ status: string }> {
  try {
    return await ctx.client.getCampaignStatus(id);
  } catch (err) {
    throw new ConvergeError(`reading the status of campaign ${id} failed: ${messageOf(err)}`, known, outcomeUnknown);
  }
}

/**
 * Brings the server in line with `started`, from the status it has now (see status.ts). `knownStatus`
 * skips the first status read when the caller has just observed it.
 */
export async function convergeStarted(
  ctx: LifecycleContext,
  id: string,
  knownStatus: string | undefined,
  started: boolean,
): Promise<{ status?: string; campaignInstanceId?: string; updatedAt?: string }> {
  let status = knownStatus ?? (await readStatus(ctx, id, undefined)).status;
  let action = actionFor(status, started);
  if (action === "wait-then-play") {
    status = await waitWhilePreparing(ctx, id);
    action = actionFor(status, started);
  }
  if (action === "play" || action === "stop") return pullTrigger(ctx, id, action, status);
  return { status };
}

/** How often one trigger is sent at most in one hook call (a resend needs proof the first did not take). */
const MAX_TRIGGER_SENDS = 2;

/**
 * Pulls play or stop. The client never repeats a trigger by itself after it may have reached Kore
 * (retry-policy.ts). When the answer is lost (5xx, timeout, reset) or is a 409, the status decides:
 * Kore's trigger answers carry the new status (start's sample answers `"status": "Active"`), so a trigger
 * that took effect shows at once; after a settle delay, a status that still asks for the same trigger
 * proves the first one did not take, and only then is it sent again. A 409 is never resent.
 */
export async function pullTrigger(
  ctx: LifecycleContext,
  id: string,
  action: "play" | "stop",
  before: string,
): Promise<{ status?: string; campaignInstanceId?: string; updatedAt?: string }> {
  let lastStatus = before;
  for (let sent = 1; ; sent++) {
    try {
      return action === "play" ? await ctx.client.startCampaign(id, ctx.campaignType) : await ctx.client.stopCampaign(id, ctx.campaignType);
    } catch (err) {
      const open = err instanceof KoreApiError && err.outcomeUnknown;
      const refused409 = err instanceof KoreApiError && err.status === 409;
      if (!open && !refused409) throw new ConvergeError(messageOf(err), lastStatus, false);
      if (open && ctx.triggerSettleMs > 0) await sleep(ctx.triggerSettleMs);
      ({ status: lastStatus } = await readStatus(ctx, id, lastStatus, open));
      if (actionFor(lastStatus, action === "play") === "none") return { status: lastStatus }; // it took effect
      if (refused409 || sent >= MAX_TRIGGER_SENDS) {
        throw new ConvergeError(`${messageOf(err)}; the status afterwards is ${lastStatus}, so the ${action} did not take effect`, lastStatus, false);
      }
    }
  }
}

/**
 * Pulls the start/stop trigger `started` asks for, from `knownStatus` (or a fresh read). On failure the
 * campaign stays in state (PartialFailure) with the status last observed; if the outcome is open, the
 * change stays pending so the next up reads the status before deciding.
 */
export async function applyStarted<D extends RunDefinition>(
  ctx: LifecycleContext,
  id: string,
  outs: CampaignOutputs<D>,
  started: boolean,
  knownStatus: string | undefined,
): Promise<CampaignOutputs<D>> {
  try {
    const after = await convergeStarted(ctx, id, knownStatus, started);
    const status = after.status ?? outs.status;
    const { stoppedOutsideGit: _settled, ...rest } = outs; // this trigger answered a reviewed change
    return {
      ...rest,
      status,
      started: status === undefined ? started : startedToStore(status, started, START_OWED),
      campaignInstanceId: after.campaignInstanceId ?? outs.campaignInstanceId,
      updatedAt: after.updatedAt ?? outs.updatedAt,
      pendingChanges: without(outs.pendingChanges, "started"),
    } as CampaignOutputs<D>;
  } catch (err) {
    throw startedFailure(id, outs, started, err);
  }
}

function startedFailure<D extends RunDefinition>(id: string, outs: CampaignOutputs<D>, started: boolean, err: unknown): PartialFailure {
  const observed = err instanceof ConvergeError ? err.lastStatus : undefined;
  const open = !(err instanceof ConvergeError) || err.outcomeUnknown || observed === undefined;
  const status = observed ?? outs.status;
  const { stoppedOutsideGit: _settled, ...rest } = outs;
  return new PartialFailure(`campaign ${id} ("${outs.name}") exists but could not be ${started ? "started" : "stopped"}: ${messageOf(err)}`, id, {
    ...rest,
    status: open ? undefined : status,
    started: open || status === undefined ? started : startedToStore(status, started, START_OWED),
    pendingChanges: open ? union(outs.pendingChanges, "started") : without(outs.pendingChanges, "started"),
  });
}
