/**
 * The life of one campaign of any channel (voice, SMS) as short stories over the client: create, read,
 * update, delete, and bringing the server's status in line with `started`. Each resource binds them to
 * its channel (`CampaignChannel`: its wire body, its reading of records, its diff): resources/campaign/
 * lifecycle.ts and resources/sms-campaign/lifecycle.ts. Pulumi-free: the hooks adapt these to the
 * dynamic-provider protocol. Beside it: outputs.ts (what state keeps, assembled by one function),
 * triggers.ts (start and stop), schedule-calls.ts (the schedule's enable and disable), context.ts.
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
 *   `started` is false by rule (cross-field.ts) and means "do not start it now". Handing a campaign to a
 *   schedule, or taking it back, goes through `started`'s rules first (a running campaign is stopped).
 */
import type { CampaignType, RequestBody, WireCampaign } from "../../kore-api/client";
import { KoreApiError } from "../../kore-api/errors";
import type { Placement } from "../placement";
import { PartialFailure } from "../partial-failure";
import { createdAtOf, createOrAdopt, type CreateByName, type CreatedKind } from "../create-by-name";
import { checkReferences, type ReferenceKind } from "../references";
import { messageOf } from "../../util/values";
import { scheduleEnabled } from "../outbound/schedule";
import { actionFor } from "./status";
import { definitionOf } from "./state";
import type { LifecycleContext } from "./context";
import {
  assembleOutputs,
  outputsAfterWrite,
  satisfiesNeither,
  scheduleEnabledAndApplied,
  splitSpec,
  union,
  withDefinition,
  without,
  type CampaignOutputs,
  type Flags,
  type ObservedFacts,
  type PendingChange,
  type RunDefinition,
} from "./outputs";
import { applyStarted, ConvergeError, pullTrigger } from "./triggers";
import { applySchedule, refuseEditInWindow, refuseEndedSchedule } from "./schedule-calls";

// The lifecycle's surface for the adapters (pulumi/hooks.ts): the stories below, and the types they take.
export { splitSpec };
export type { CampaignOutputs, LifecycleContext };

/** What a channel (voice, SMS) brings to the stories: its calls' campaignType, its wire body, its reading of records, its diff. */
export interface CampaignChannel<D extends RunDefinition> {
  campaignType: CampaignType;
  /** how messages name it; `harm` says why a create is never retried blindly */
  kind: CreatedKind;
  toWireBody(definition: D, call: "create" | "update"): RequestBody;
  /** a record (and the list record, for what it lacks) -> the definition it shows (gaps from `previous`) and what it observed */
  fromServer(details: Record<string, unknown>, context: { listRecord?: WireCampaign; previous: D }): { definition: D; observed: ObservedFacts };
  /** the definition paths none of the records shows (written rather than assumed to match) */
  unobservedPaths(records: ReadonlyArray<Record<string, unknown> | undefined>, definition: D): string[];
  /** whether a campaign holding `onServer` needs a PUT to hold `wanted` (the schedule and started aside) */
  definitionChanged(onServer: D, wanted: D): boolean;
}

/** The context with the channel's campaignType, which the trigger, update and delete calls name. */
const inChannel = <D extends RunDefinition>(channel: CampaignChannel<D>, ctx: LifecycleContext): LifecycleContext =>
  ctx.campaignType === channel.campaignType ? ctx : { ...ctx, campaignType: channel.campaignType };

/** What the answer of a write observed, read by the channel. */
const observedIn = <D extends RunDefinition>(channel: CampaignChannel<D>, record: WireCampaign | undefined, definition: D): ObservedFacts | undefined =>
  record ? channel.fromServer(record, { previous: definition }).observed : undefined;

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

/** How each channel names its campaigns in a refusal that names both. */
const CHANNEL_NOUNS: Readonly<Record<CampaignType, string>> = { voice: "voice campaign", sms: "SMS campaign" };
/** "a voice campaign", "an SMS campaign". */
const aCampaign = (type: CampaignType): string => `${type === "sms" ? "an" : "a"} ${CHANNEL_NOUNS[type]}`;

function creator<D extends RunDefinition>(channel: CampaignChannel<D>, ctx: LifecycleContext, name: string, appId: string): CreateByName {
  return {
    names: ctx.names,
    interrupted: ctx.interrupted,
    kind: channel.kind,
    createdAt: async (id) => createdAtOf(await ctx.client.getCampaign(id)),
    // One namespace: the view lists both channels, each record tagged with its campaignType (pulumi/session.ts).
    conflict: (record, id) => {
      const other = record?.campaignType;
      if (typeof other !== "string" || other === channel.campaignType || !(other in CHANNEL_NOUNS)) return undefined;
      return (
        `the ${CHANNEL_NOUNS[channel.campaignType]} "${name}" cannot be created: ${aCampaign(other as CampaignType)} named "${String(record?.name ?? name)}" ` +
        `already exists in app ${appId} (id ${id}). Voice and SMS campaigns of one app share one namespace of names (Kore's schedule calls find a ` +
        `campaign by its name alone), and adoptExisting only adopts a campaign of its own channel: choose another name for one of them`
      );
    },
  };
}

export async function createCampaign<D extends RunDefinition>(
  channel: CampaignChannel<D>,
  context: LifecycleContext,
  spec: D & Partial<Flags>,
  placement: Placement,
): Promise<{ id: string; outs: CampaignOutputs<D> }> {
  const ctx = inChannel(channel, context);
  const { definition, ...flags } = splitSpec(spec);
  const { started, adoptExisting } = flags;
  refuseEndedSchedule(ctx, definition); // before any call: Kore would refuse it after the campaign exists
  const { id, posted, adopting } = await createOrAdopt(creator(channel, ctx, definition.name, placement.target.appId), definition.name, placement.target.appId, adoptExisting, async () => {
    await checkContactLists(ctx, definition.contactLists, placement.target.appId); // before anything can dial
    const posted = await ctx.client.createCampaign(channel.toWireBody(definition, "create"), channel.campaignType);
    // the view learns the record with its channel, as the listing tags it
    return posted.record ? { ...posted, record: { ...posted.record, campaignType: channel.campaignType } } : posted;
  });
  // From here on the id is known: any failure keeps the campaign in state (PartialFailure).
  let record = posted?.record;
  try {
    if (adopting) record = await adopt(channel, ctx, id, definition, placement.target.appId);
    // Preview-mode creates answer with the id only; one GET fills in status and timestamps.
    if (!record || typeof record.status !== "string") record = await ctx.client.getCampaign(id);
  } catch (err) {
    const outs = outputsAfterWrite<D>(ctx, definition, undefined, id, flags, placement);
    const pending: PendingChange[] = adopting ? ["definition", "started"] : ["started"];
    throw new PartialFailure(`campaign ${id} ("${definition.name}") exists, but ${adopting ? "updating" : "reading"} it failed: ${messageOf(err)}`, id, {
      ...outs,
      pendingChanges: pending,
    });
  }
  const outs = outputsAfterWrite<D>(ctx, definition, observedIn(channel, record, definition), id, flags, placement);
  if (!definition.schedule.enabled) return { id, outs: await applyStarted(ctx, id, outs, started, outs.status) };
  // A new campaign is not running; an adopted one that is gets stopped before Kore's schedule takes over.
  const stopped = await applyStarted(ctx, id, outs, false, outs.status);
  return { id, outs: await applySchedule(ctx, id, stopped) };
}

/** The campaign's record in this process's listing of the app (it carries `connection`: the queue or flow name). */
async function listedRecord(ctx: LifecycleContext, id: string): Promise<WireCampaign | undefined> {
  const entries = await ctx.names.entries().catch(() => []); // unreadable: only the GET shows anything
  return entries.find((e) => e.id === id)?.record as WireCampaign | undefined;
}


/**
 * Takes over an existing campaign: one GET (beside the listing the name was found in), then one PUT unless
 * every field of the definition is seen matching on the server (so adopting what already matches, as after
 * `kore-campaigns export`, writes nothing). A field neither the GET nor the list record shows (the docs'
 * samples omit some) cannot be confirmed, so it is written: the PUT is idempotent.
 */
async function adopt<D extends RunDefinition>(channel: CampaignChannel<D>, ctx: LifecycleContext, id: string, definition: D, appId: string): Promise<WireCampaign> {
  const current = await ctx.client.getCampaign(id);
  const listed = await listedRecord(ctx, id);
  const onServer = channel.fromServer(current, { listRecord: listed, previous: definition }).definition;
  if (!channel.definitionChanged(onServer, definition) && channel.unobservedPaths([current, listed], definition).length === 0) return current;
  if (!sameLists(onServer.contactLists, definition.contactLists)) await checkContactLists(ctx, definition.contactLists, appId);
  return ctx.client.updateCampaign(id, channel.toWireBody(definition, "update"), channel.campaignType);
}

function sameLists(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);
}

export async function readCampaign<D extends RunDefinition>(
  channel: CampaignChannel<D>,
  ctx: LifecycleContext,
  id: string,
  previous: CampaignOutputs<D>,
): Promise<CampaignOutputs<D> | undefined> {
  let record: WireCampaign;
  try {
    record = await ctx.client.getCampaign(id);
  } catch (err) {
    if (err instanceof KoreApiError && err.status === 404) return undefined; // gone: leaves state
    throw err;
  }
  const listed = await listedRecord(ctx, id);
  // The GET is one path for both channels: a campaign the listing shows under the other channel (an id imported
  // as the wrong type) is refused before anything would send it the wrong campaignType.
  const listedType = listed?.campaignType;
  if (typeof listedType === "string" && listedType in CHANNEL_NOUNS && listedType !== channel.campaignType) {
    throw new Error(
      `campaign ${id} is ${aCampaign(listedType as CampaignType)} (the app's ${listedType} listing shows it), not ${aCampaign(channel.campaignType)}: ` +
        `declare or import it as a ${listedType === "sms" ? "SmsCampaign (kore:index:SmsCampaign)" : "VoiceCampaign (kore:index:VoiceCampaign)"}`,
    );
  }
  // the conversion export and import use: the GET, its gaps filled from the list record, then from state
  const { definition, observed } = channel.fromServer(record, { listRecord: listed, previous: definitionOf<D>(previous) });
  // What neither record shows is not assumed to match: the next up writes the definition (one PUT).
  const unconfirmed = channel.unobservedPaths([record, listed], definitionOf<D>(previous)).length > 0;
  // Under an enabled, applied schedule every status is Kore's doing (Scheduled, Active, Completed): no drift of started.
  const scheduled = scheduleEnabledAndApplied(previous);
  // a stop made outside git stands: recorded (and warned about by the adapter), never drift that the next up plays
  const flags = { started: previous.started, adoptExisting: previous.adoptExisting, restartedAt: previous.restartedAt, recipients: previous.recipients };
  const outs = assembleOutputs(ctx, definition, observed, flags, { target: previous.target, connection: previous.connection }, scheduled, previous);
  return {
    ...outs,
    // a pending definition stays pending (refresh reads the server's definition, which the next diff compares);
    // a pending trigger is settled by the status just read, unless that status satisfies neither value
    // (Paused: started: true resumes it, false stops it), which the next up must act on either way
    pendingChanges: withDefinition(
      !scheduled && !outs.stoppedOutsideGit && satisfiesNeither(observed.status) ? union(previous.pendingChanges, "started") : without(previous.pendingChanges, "started"),
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
export async function updateCampaign<D extends RunDefinition>(
  channel: CampaignChannel<D>,
  context: LifecycleContext,
  id: string,
  previous: CampaignOutputs<D>,
  spec: D & Partial<Flags>,
  placement: Placement,
  changes: { definitionChanged: boolean; startedChanged: boolean; scheduleChanged?: boolean; restartRequested?: boolean },
): Promise<CampaignOutputs<D>> {
  const ctx = inChannel(channel, context);
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
  let outs: CampaignOutputs<D> = { ...outputsAfterWrite<D>(ctx, definitionOf<D>(previous), undefined, id, flags, placement, previous), pendingChanges: previous.pendingChanges };
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
      record = await ctx.client.updateCampaign(id, channel.toWireBody(definition, "update"), channel.campaignType); // one PUT of the full definition
    } catch (caught) {
      const err = goneFromServer(caught, id, definition.name);
      if (!stopFirst) throw err; // nothing was changed on the server: a plain failure, state stays as it was
      throw new PartialFailure(`campaign ${id} ("${definition.name}"): updating it failed: ${messageOf(err)}`, id, { ...outs, pendingChanges: union(outs.pendingChanges, "definition") });
    }
    ctx.names.forget(id);
    ctx.names.learn(definition.name, id, { id, name: definition.name, contactLists: definition.contactLists }); // the lists the PUT wrote
    outs = { ...outputsAfterWrite<D>(ctx, definition, observedIn(channel, record, definition), id, flags, placement, outs), pendingChanges: without(outs.pendingChanges, "definition") };
    // a status on the way that contradicts started: false is stopped at once (unless Kore's schedule runs it)
    if (!started && !leftToSchedule && actionFor(outs.status, false) === "stop") outs = await applyStarted(ctx, id, outs, false, outs.status);
  } else {
    outs = { ...outputsAfterWrite<D>(ctx, definition, undefined, id, flags, placement, outs), pendingChanges: outs.pendingChanges };
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
export async function deleteCampaign<D extends RunDefinition>(channel: CampaignChannel<D>, context: LifecycleContext, id: string): Promise<"deleted" | "forgotten"> {
  const ctx = inChannel(channel, context);
  if (ctx.names.holdings.releaseIfShared(id)) return "forgotten";
  try {
    const { status } = await ctx.client.getCampaignStatus(id);
    if (actionFor(status, false) === "stop") await pullTrigger(ctx, id, "stop", status); // never delete a dialing campaign
    await ctx.client.deleteCampaign(id, channel.campaignType);
  } catch (err) {
    if (!(err instanceof KoreApiError && err.status === 404)) throw err instanceof ConvergeError ? new Error(err.message) : err;
  }
  ctx.names.forget(id);
  return "deleted";
}
