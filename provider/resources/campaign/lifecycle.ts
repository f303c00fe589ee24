/**
 * The life of one campaign as short stories over the client: create, read, update, delete, and
 * bringing the server's status in line with `started`. Pulumi-free: the hooks adapt these to the
 * dynamic-provider protocol.
 *
 * Rules every story keeps (README "Failure handling"):
 * - Once a campaign's id is known, every later failure is a PartialFailure carrying the id, so the
 *   campaign stays in state: nothing is left on the server outside it.
 * - State records what was observed. What could not be confirmed (a trigger or PUT whose answer was
 *   lost, a status that could not be read) goes into `pendingChanges`, and the next `up` reads the
 *   server before deciding, instead of trusting a guess.
 * - A stop goes first and never waits on a PUT; a play goes last, after the definition is written.
 * - A trigger whose outcome is unknown is not resent unless the status proves it did not take effect.
 * - A schedule (schedule.ts) is its own call, made after the campaign exists and after a rename (Kore
 *   addresses it by name): one enable per change, one disable to remove it, none when it is untouched. A
 *   disable goes first instead, like a stop, under the name Kore holds then.
 *   While a schedule is in effect Kore decides when the campaign runs, so no trigger is pulled for it:
 *   `started` is false by rule (schema.ts) and means "do not start it now". Handing a campaign to a
 *   schedule, or taking it back, goes through `started`'s rules first (a running campaign is stopped).
 */
import type { Recipients } from "../../shared/recipients";
import type { KoreClient, WireCampaign } from "../../kore-api/client";
import type { KoreTarget } from "../../kore-api/target";
import type { ConnectionRef, Placement } from "../../shared/placement";
import { PartialFailure } from "../../shared/partial-failure";
import type { InterruptedCreates } from "../../shared/interrupted-creates";
import { createdAtOf, createOrAdopt, type CreateByName, type CreatedKind } from "../../shared/create-by-name";
import { checkReferences, type ReferenceKind } from "../../shared/references";
import type { CampaignDefinition, CampaignSpec } from "./schema";
import { fromWireCampaign, toWireBody, toWireSchedule, unobservedPaths } from "./wire";
import { definitionFromServer } from "./from-server";
import { diffCampaign } from "./diff";
import { endedScheduleRule, IN_WINDOW_REMEDY, RUNNING_IN_WINDOW, scheduleEnabled, scheduleRefusedHint } from "./schedule";
import { NameView } from "../../shared/name-view";
import { actionFor, isStoppedOutsideGit, observedStarted, STOP_STANDS, type DriftPolicy } from "./status";
import { KoreApiError } from "../../kore-api/errors";
import { definitionOf } from "./state";
import { messageOf } from "../../util/values";

export interface LifecycleContext {
  client: KoreClient;
  names: NameView;
  /** the app's contact lists by name (shared by every campaign of the process), for the reference check */
  contactLists?: NameView;
  /** how long create/update wait for a Preparing campaign to become Ready before play */
  readyTimeoutMs: number;
  /** first poll interval while waiting; doubles up to 5 s */
  pollIntervalMs: number;
  /** after a trigger whose outcome is unknown: how long to let the server settle before reading the status */
  triggerSettleMs: number;
  /** creates of interrupted runs in this app (create-journal.ts), when the adapter keeps such a journal */
  interrupted?: InterruptedCreates;
  /** the clock an ended schedule is judged by (default Date.now) */
  now?: () => number;
  /** how refresh treats a stop made outside git (default: it stands) */
  policy?: DriftPolicy;
}

/** A stop made outside git on a campaign this stack started (status.ts): the status seen, and when it was first seen. */
export interface StoppedOutsideGit {
  status: string;
  seenAt: string;
}

/** After a trigger this lifecycle pulled for a reviewed change, a status short of it is owed again, not a stop outside git. */
const START_OWED: DriftPolicy = { restartStoppedCampaigns: true };

/** What could not be confirmed on the server; the next up reads the server and makes these again. */
export type PendingChange = "definition" | "started" | "schedule";

/** What Pulumi keeps in state for a campaign: the normalized inputs plus what the server reports. */
export type CampaignOutputs = CampaignDefinition & {
  /** the desired value when the observed status satisfies it, else its opposite (so drift shows as a change) */
  started: boolean;
  adoptExisting: boolean;
  /** the app the campaign lives in; recorded so refresh and destroy reach it whatever the environment says later */
  target: KoreTarget;
  /** the resource's connection name or target, as given (never credentials) */
  connection?: ConnectionRef;
  status?: string;
  lname?: string;
  campaignInstanceId?: string;
  experienceFlowId?: string;
  createdAt?: string;
  updatedAt?: string;
  pendingChanges?: PendingChange[];
  /** the user's restart token (schema.ts): a new value with `started: true` asks for one start */
  restartedAt?: string;
  /** set while the server shows Stopped or Paused for a campaign this stack started: the stop stands until a reviewed change */
  stoppedOutsideGit?: StoppedOutsideGit;
  /** where the people called are (shared/recipients.ts): local only, for the compliance rules */
  recipients?: Recipients;
};

/** A trigger (or the status reads around it) failed; `lastStatus` is the status last observed, if any. */
class ConvergeError extends Error {
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

/** What a resource declares besides the definition sent to Kore. */
interface Flags {
  started: boolean;
  adoptExisting: boolean;
  restartedAt?: string;
  recipients?: Recipients;
}

export function splitSpec(spec: CampaignSpec): { definition: CampaignDefinition } & Flags {
  const { started, adoptExisting, restartedAt, recipients, ...definition } = spec; // recipients: never sent to Kore
  return { definition: definition as CampaignDefinition, started: Boolean(started), adoptExisting: Boolean(adoptExisting), ...(restartedAt === undefined ? {} : { restartedAt }), ...(recipients === undefined ? {} : { recipients }) };
}

/** The stop-outside-git record for `status`: the earlier one while the status is unchanged, else seen now. */
function stoppedRecord(ctx: LifecycleContext, status: string | undefined, started: boolean, previous: StoppedOutsideGit | undefined): StoppedOutsideGit | undefined {
  if (!isStoppedOutsideGit(status, started) || (ctx.policy ?? STOP_STANDS).restartStoppedCampaigns) return undefined;
  if (previous?.status === status) return previous;
  return { status: status!, seenAt: new Date((ctx.now ?? Date.now)()).toISOString() };
}

function buildOutputs(
  ctx: LifecycleContext,
  definition: CampaignDefinition,
  record: WireCampaign | undefined,
  id: string,
  flags: Flags,
  placement: Placement,
  previous?: Partial<CampaignOutputs>,
): CampaignOutputs {
  // The definition we sent is the truth for what we wrote; the server's answer adds what it observed.
  const observed = record ? fromWireCampaign(record, definition).observed : { id };
  const status = observed.status ?? previous?.status;
  // Under an enabled schedule every status is Kore's doing (Scheduled, Active, Completed): started is what was asked
  const scheduled = scheduleEnabled(definition.schedule);
  const stoppedOutsideGit = scheduled ? undefined : stoppedRecord(ctx, status, flags.started, previous?.stoppedOutsideGit);
  return {
    ...definition,
    started: status === undefined || scheduled ? flags.started : observedStarted(status, flags.started, ctx.policy),
    adoptExisting: flags.adoptExisting,
    ...(flags.restartedAt !== undefined ? { restartedAt: flags.restartedAt } : {}),
    ...(flags.recipients !== undefined ? { recipients: flags.recipients } : {}),
    ...(stoppedOutsideGit ? { stoppedOutsideGit } : {}),
    target: placement.target,
    ...(placement.connection !== undefined ? { connection: placement.connection } : {}),
    status,
    lname: observed.lname ?? previous?.lname ?? definition.name.toLowerCase(),
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
async function pullTrigger(
  ctx: LifecycleContext,
  id: string,
  action: "play" | "stop",
  before: string,
): Promise<{ status?: string; campaignInstanceId?: string; updatedAt?: string }> {
  let lastStatus = before;
  for (let sent = 1; ; sent++) {
    try {
      return action === "play" ? await ctx.client.startCampaign(id) : await ctx.client.stopCampaign(id);
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

const CONTACT_LISTS: ReferenceKind = {
  field: "contactLists",
  noun: "contact list",
  remedy: "declare the list as a ContactList in this stack (and pass its name output), or create it in Kore.ai first",
};

/**
 * Every contact list the campaign names must exist in the app before the campaign is created or its lists
 * change: Kore's docs say "Must exist in the system", and a campaign with a mistyped list would dial
 * nobody, or fail only at start. Skipped when the adapter shares no contact-list view.
 */
async function checkContactLists(ctx: LifecycleContext, lists: readonly string[], appId: string): Promise<void> {
  if (ctx.contactLists) await checkReferences(ctx.contactLists, lists, CONTACT_LISTS, appId);
}

const CAMPAIGN: CreatedKind = { noun: "campaign", plural: "campaigns", harm: "a retried create could dial customers twice" };

function creator(ctx: LifecycleContext): CreateByName {
  return { names: ctx.names, interrupted: ctx.interrupted, kind: CAMPAIGN, createdAt: async (id) => createdAtOf(await ctx.client.getCampaign(id)) };
}

export async function createCampaign(ctx: LifecycleContext, spec: CampaignSpec, placement: Placement): Promise<{ id: string; outs: CampaignOutputs }> {
  const { definition, ...flags } = splitSpec(spec);
  const { started, adoptExisting } = flags;
  refuseEndedSchedule(ctx, definition); // before any call: Kore would refuse it after the campaign exists
  const { id, posted, adopting } = await createOrAdopt(creator(ctx), definition.name, placement.target.appId, adoptExisting, async () => {
    await checkContactLists(ctx, definition.contactLists, placement.target.appId); // before anything can dial
    return ctx.client.createCampaign(toWireBody(definition, "create"));
  });
  // From here on the id is known: any failure keeps the campaign in state (PartialFailure).
  let record = posted?.record;
  try {
    if (adopting) record = await adopt(ctx, id, definition, placement.target.appId);
    // Preview-mode creates answer with the id only; one GET fills in status and timestamps.
    if (!record || typeof record.status !== "string") record = await ctx.client.getCampaign(id);
  } catch (err) {
    const outs = buildOutputs(ctx, definition, undefined, id, flags, placement);
    const pending: PendingChange[] = adopting ? ["definition", "started"] : ["started"];
    throw new PartialFailure(`campaign ${id} ("${definition.name}") exists, but ${adopting ? "updating" : "reading"} it failed: ${messageOf(err)}`, id, {
      ...outs,
      pendingChanges: pending,
    });
  }
  const outs = buildOutputs(ctx, definition, record, id, flags, placement);
  if (!definition.schedule.enabled) return { id, outs: await applyStarted(ctx, id, outs, started, outs.status) };
  // A new campaign is not running; an adopted one that is gets stopped before Kore's schedule takes over.
  const stopped = await applyStarted(ctx, id, outs, false, outs.status);
  return { id, outs: await applySchedule(ctx, id, stopped) };
}

/** Whether Kore's schedule, not `started`, decides when the campaign runs: enabled in state and applied. */
function scheduleInEffect(outs: Pick<CampaignOutputs, "schedule" | "pendingChanges">): boolean {
  return scheduleEnabled(outs.schedule) && !(outs.pendingChanges ?? []).includes("schedule");
}

/**
 * A schedule edit for a campaign its schedule runs: refused, before any call that writes, while the campaign runs
 * inside the window (Kore refuses it then, and only a stop no change asked for would get it through). Returns the
 * status read, for the hint on a refusal of the schedule call.
 */
async function refuseEditInWindow(ctx: LifecycleContext, id: string, name: string): Promise<string> {
  const { status } = await ctx.client.getCampaignStatus(id);
  if (RUNNING_IN_WINDOW.includes(status)) {
    throw new Error(
      `campaign ${id} ("${name}") is ${status === "Active" ? "dialing" : "running"} inside its schedule window (status ${status}): Kore refuses a new schedule while it runs, ` +
        `and this change does not ask to stop it, so nothing was sent. ${IN_WINDOW_REMEDY}`,
    );
  }
  return status;
}

/** An enabled schedule whose end has passed is refused before any call (Kore: "greater than ... current time"). */
function refuseEndedSchedule(ctx: LifecycleContext, definition: CampaignDefinition): void {
  const rule = endedScheduleRule(definition.schedule, (ctx.now ?? Date.now)());
  if (rule) throw new Error(`campaign "${definition.name}": schedule.end ${rule}`);
}

/**
 * Sends the definition's schedule (one enable, or one disable) for the campaign under its current name.
 * On failure the campaign stays in state with the schedule pending, so the next up sends it again.
 */
async function applySchedule(ctx: LifecycleContext, id: string, outs: CampaignOutputs, statusBefore?: string): Promise<CampaignOutputs> {
  const pending = { ...outs, pendingChanges: union(outs.pendingChanges, "schedule") };
  let answer: { id?: string };
  try {
    // Kore finds the campaign by name: never send it when the name is another campaign's (renamed in the console,
    // another campaign took the name). The one name view answers for every campaign of the app.
    const holder = await ctx.names.entry(outs.name);
    if (holder && holder.id !== id) {
      throw new PartialFailure(
        `campaign ${id} ("${outs.name}"): the schedule call addresses a campaign by name, and "${outs.name}" is now campaign ${holder.id} in this app ` +
          `(renamed in the console?), not ${id}; nothing was sent. Give the two campaigns different names (here or in the console), then run up again`,
        id,
        pending,
      );
    }
    answer = await ctx.client.setCampaignSchedule(outs.name, toWireSchedule(outs.schedule));
  } catch (err) {
    if (err instanceof PartialFailure) throw err;
    const what = outs.schedule.enabled ? "enabling its schedule" : "disabling its schedule";
    const hint = err instanceof KoreApiError && err.status === 409 ? scheduleRefusedHint(statusBefore) : undefined;
    throw new PartialFailure(`campaign ${id} ("${outs.name}") exists, but ${what} failed: ${messageOf(err)}${hint ? `; ${hint}` : ""}`, id, pending);
  }
  if (answer.id !== undefined && answer.id !== id) {
    throw new PartialFailure(
      `campaign ${id} ("${outs.name}"): the schedule call for "${outs.name}" was answered for campaign ${answer.id}, not ${id}: Kore scheduled that campaign ` +
        `(or ended its schedule), not this one. Check campaign ${answer.id} in the console, give the two campaigns different names, then run up again`,
      id,
      pending,
    );
  }
  const applied = { ...outs, pendingChanges: without(outs.pendingChanges, "schedule") };
  if (!outs.schedule.enabled) return applied;
  // One status read, so state records what Kore shows now (Scheduled, or Active inside the window) and the
  // next review sees it; a failed read keeps the status last known (the schedule itself was applied).
  try {
    return { ...applied, status: (await ctx.client.getCampaignStatus(id)).status };
  } catch {
    return applied;
  }
}

/** The campaign's record in this process's listing of the app (it carries `connection`: the queue or flow name). */
async function listedRecord(ctx: LifecycleContext, id: string): Promise<WireCampaign | undefined> {
  const entries = await ctx.names.entries().catch(() => []); // unreadable: only the GET shows anything
  return entries.find((e) => e.id === id)?.record as WireCampaign | undefined;
}

/** The definition the server shows: the GET answer, its gaps filled from the list record, then from `fallback`. */
function shownDefinition(current: WireCampaign, listed: WireCampaign | undefined, fallback: CampaignDefinition): CampaignDefinition {
  return definitionFromServer(current, { listRecord: listed, previous: fallback }).definition;
}

/**
 * Takes over an existing campaign: one GET (beside the listing the name was found in), then one PUT unless
 * every field of the definition is seen matching on the server (so adopting what already matches, as after
 * `kore-campaigns export`, writes nothing). A field neither the GET nor the list record shows (the docs'
 * samples omit some) cannot be confirmed, so it is written: the PUT is idempotent.
 */
async function adopt(ctx: LifecycleContext, id: string, definition: CampaignDefinition, appId: string): Promise<WireCampaign> {
  const current = await ctx.client.getCampaign(id);
  const listed = await listedRecord(ctx, id);
  const onServer = shownDefinition(current, listed, definition);
  const { definitionChanged } = diffCampaign({ definition: onServer, started: false }, { definition, started: false });
  if (!definitionChanged && unobservedPaths([current, listed], definition).length === 0) return current;
  if (!sameLists(onServer.contactLists, definition.contactLists)) await checkContactLists(ctx, definition.contactLists, appId);
  return ctx.client.updateCampaign(id, toWireBody(definition, "update"));
}

/**
 * Pulls the start/stop trigger `started` asks for, from `knownStatus` (or a fresh read). On failure the
 * campaign stays in state (PartialFailure) with the status last observed; if the outcome is open, the
 * change stays pending so the next up reads the status before deciding.
 */
async function applyStarted(
  ctx: LifecycleContext,
  id: string,
  outs: CampaignOutputs,
  started: boolean,
  knownStatus: string | undefined,
): Promise<CampaignOutputs> {
  try {
    const after = await convergeStarted(ctx, id, knownStatus, started);
    const status = after.status ?? outs.status;
    const { stoppedOutsideGit: _settled, ...rest } = outs; // this trigger answered a reviewed change
    return {
      ...rest,
      status,
      started: status === undefined ? started : observedStarted(status, started, START_OWED),
      campaignInstanceId: after.campaignInstanceId ?? outs.campaignInstanceId,
      updatedAt: after.updatedAt ?? outs.updatedAt,
      pendingChanges: without(outs.pendingChanges, "started"),
    };
  } catch (err) {
    throw startedFailure(id, outs, started, err);
  }
}

function startedFailure(id: string, outs: CampaignOutputs, started: boolean, err: unknown): PartialFailure {
  const observed = err instanceof ConvergeError ? err.lastStatus : undefined;
  const open = !(err instanceof ConvergeError) || err.outcomeUnknown || observed === undefined;
  const status = observed ?? outs.status;
  const { stoppedOutsideGit: _settled, ...rest } = outs;
  return new PartialFailure(`campaign ${id} ("${outs.name}") exists but could not be ${started ? "started" : "stopped"}: ${messageOf(err)}`, id, {
    ...rest,
    status: open ? undefined : status,
    started: open || status === undefined ? started : observedStarted(status, started, START_OWED),
    pendingChanges: open ? union(outs.pendingChanges, "started") : without(outs.pendingChanges, "started"),
  });
}

function sameLists(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

function satisfiesNeither(status: string | undefined): boolean {
  return actionFor(status, true) !== "none" && actionFor(status, false) !== "none";
}

function without(list: PendingChange[] | undefined, item: PendingChange): PendingChange[] | undefined {
  const rest = (list ?? []).filter((x) => x !== item);
  return rest.length > 0 ? rest : undefined;
}

function withDefinition(list: PendingChange[] | undefined, unconfirmed: boolean): PendingChange[] | undefined {
  return unconfirmed ? union(list, "definition") : list;
}

function union(list: PendingChange[] | undefined, item: PendingChange): PendingChange[] {
  return [...new Set([...(list ?? []), item])];
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
  const listed = await listedRecord(ctx, id);
  // the conversion export and import use: the GET, its gaps filled from the list record, then from state
  const { definition, observed } = definitionFromServer(record, { listRecord: listed, previous: definitionOf(previous) });
  // What neither record shows is not assumed to match: the next up writes the definition (one PUT).
  const unconfirmed = unobservedPaths([record, listed], definitionOf(previous)).length > 0;
  // Under a schedule in effect every status is Kore's doing (Scheduled, Active, Completed): no drift of started.
  const scheduled = scheduleInEffect(previous);
  // a stop made outside git stands: recorded (and warned about by the adapter), never drift that the next up plays
  const stoppedOutsideGit = scheduled ? undefined : stoppedRecord(ctx, observed.status, previous.started, previous.stoppedOutsideGit);
  return {
    ...definition,
    started: scheduled ? previous.started : observedStarted(observed.status, previous.started, ctx.policy),
    adoptExisting: previous.adoptExisting,
    ...(previous.restartedAt !== undefined ? { restartedAt: previous.restartedAt } : {}),
    ...(previous.recipients !== undefined ? { recipients: previous.recipients } : {}),
    ...(stoppedOutsideGit ? { stoppedOutsideGit } : {}),
    target: previous.target,
    ...(previous.connection !== undefined ? { connection: previous.connection } : {}),
    status: observed.status,
    lname: observed.lname ?? previous.lname,
    campaignInstanceId: observed.campaignInstanceId ?? previous.campaignInstanceId,
    experienceFlowId: observed.experienceFlowId ?? previous.experienceFlowId,
    createdAt: observed.createdAt ?? previous.createdAt,
    updatedAt: observed.updatedAt ?? previous.updatedAt,
    // a pending definition stays pending (refresh reads the server's definition, which the next diff compares);
    // a pending trigger is settled by the status just read, unless that status satisfies neither value
    // (Paused: started: true resumes it, false stops it), which the next up must act on either way
    pendingChanges: withDefinition(
      !scheduled && !stoppedOutsideGit && satisfiesNeither(observed.status) ? union(previous.pendingChanges, "started") : without(previous.pendingChanges, "started"),
      unconfirmed,
    ),
  };
}

/**
 * An in-place update. The order is the safety rule: a stop goes first and does not wait on the PUT;
 * a play goes last, so a campaign starts with its new definition. A status observed on the way (the
 * PUT's answer) that contradicts `started: false` is stopped at once; one that contradicts
 * `started: true` is recorded, so the next preview shows it, but never started without that preview.
 */
export async function updateCampaign(
  ctx: LifecycleContext,
  id: string,
  previous: CampaignOutputs,
  spec: CampaignSpec,
  placement: Placement,
  changes: { definitionChanged: boolean; startedChanged: boolean; scheduleChanged?: boolean; restartRequested?: boolean },
): Promise<CampaignOutputs> {
  const { definition, ...flags } = splitSpec(spec);
  const { started } = flags;
  ctx.names.holdings.manage(id);
  const pending = previous.pendingChanges ?? [];
  const writeDefinition = changes.definitionChanged || pending.includes("definition");
  const writeSchedule = Boolean(changes.scheduleChanged) || pending.includes("schedule");
  if (writeSchedule) refuseEndedSchedule(ctx, definition); // before any call
  // A schedule that was enabled and stays enabled keeps deciding when the campaign runs: no trigger at all, even
  // while the last schedule call is unconfirmed (a retry must not stop a run Kore's schedule started).
  // Handing the campaign to a schedule or taking it back goes through started's rules (a stop first).
  const leftToSchedule = definition.schedule.enabled && scheduleEnabled(previous.schedule);
  const statusBeforeSchedule = writeSchedule && leftToSchedule ? await refuseEditInWindow(ctx, id, definition.name) : undefined;
  // A start only for a reviewed change (status.ts startRequested): started turned true, or a new restartedAt.
  const converge = !leftToSchedule && (changes.startedChanged || Boolean(changes.restartRequested) || pending.includes("started") || writeSchedule);
  const stopFirst = !started && converge;
  // What the server holds until the PUT succeeds: the old definition.
  let outs: CampaignOutputs = { ...buildOutputs(ctx, definitionOf(previous), undefined, id, flags, placement, previous), pendingChanges: previous.pendingChanges };
  // Taking a campaign back from its schedule is a stop of sorts: it goes first, under the name Kore has now.
  if (writeSchedule && !definition.schedule.enabled) outs = await applySchedule(ctx, id, { ...outs, schedule: definition.schedule });
  if (stopFirst) outs = await applyStarted(ctx, id, outs, false, undefined);
  if (writeDefinition && !sameLists(previous.contactLists, definition.contactLists)) {
    try {
      await checkContactLists(ctx, definition.contactLists, placement.target.appId);
    } catch (err) {
      if (!stopFirst) throw err; // nothing was changed on the server
      throw new PartialFailure(`campaign ${id} ("${definition.name}"): ${messageOf(err)}`, id, { ...outs, pendingChanges: union(outs.pendingChanges, "definition") });
    }
  }
  if (writeDefinition) {
    let record: WireCampaign;
    try {
      record = await ctx.client.updateCampaign(id, toWireBody(definition, "update")); // one PUT of the full definition
    } catch (caught) {
      const err = goneFromServer(caught, id, definition.name);
      if (!stopFirst) throw err; // nothing was changed on the server: a plain failure, state stays as it was
      throw new PartialFailure(`campaign ${id} ("${definition.name}"): updating it failed: ${messageOf(err)}`, id, { ...outs, pendingChanges: union(outs.pendingChanges, "definition") });
    }
    ctx.names.forget(id);
    ctx.names.learn(definition.name, id, { id, name: definition.name, contactLists: definition.contactLists }); // the lists the PUT wrote
    outs = { ...buildOutputs(ctx, definition, record, id, flags, placement, outs), pendingChanges: without(outs.pendingChanges, "definition") };
    // a status on the way that contradicts started: false is stopped at once (unless Kore's schedule runs it)
    if (!started && !leftToSchedule && actionFor(outs.status, false) === "stop") outs = await applyStarted(ctx, id, outs, false, outs.status);
  } else {
    outs = { ...buildOutputs(ctx, definition, undefined, id, flags, placement, outs), pendingChanges: outs.pendingChanges };
  }
  // After the PUT: the enable call names the campaign by its new name.
  if (writeSchedule && definition.schedule.enabled) outs = await applySchedule(ctx, id, outs, statusBeforeSchedule);
  if (started && converge) return applyStarted(ctx, id, outs, true, undefined);
  return outs;
}

/** A 404 to a write: the campaign was deleted outside Pulumi, and only a refresh drops it from state. */
function goneFromServer(err: unknown, id: string, name: string): unknown {
  if (!(err instanceof KoreApiError && err.status === 404)) return err;
  return new Error(
    `${err.message}; campaign ${id} ("${name}") is no longer in Kore.ai (deleted outside Pulumi?): run \`pulumi refresh\` (or \`pulumi up --refresh\`) ` +
      "to drop it from state; the next up then creates it again",
  );
}

/**
 * Delete: stop whatever may dial (Active, Paused and Scheduled campaigns all get a stop: see status.ts), then
 * DELETE. A 404 anywhere means it is already gone. A campaign another resource of the program holds (a
 * renamed file that adopted it, a replacement that found it again) is forgotten instead: no call at all.
 */
export async function deleteCampaign(ctx: LifecycleContext, id: string): Promise<"deleted" | "forgotten"> {
  if (ctx.names.holdings.releaseIfShared(id)) return "forgotten";
  try {
    const { status } = await ctx.client.getCampaignStatus(id);
    if (actionFor(status, false) === "stop") await pullTrigger(ctx, id, "stop", status); // never delete a dialing campaign
    await ctx.client.deleteCampaign(id);
  } catch (err) {
    if (!(err instanceof KoreApiError && err.status === 404)) throw err instanceof ConvergeError ? new Error(err.message) : err;
  }
  ctx.names.forget(id);
  return "deleted";
}
