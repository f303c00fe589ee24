/**
 * What Pulumi keeps in state for a campaign of any channel (`CampaignOutputs<D>`, D the channel's
 * definition), and the one function that assembles it from its parts: the definition, what the server
 * showed, the flags the resource declares and where it lives. Create, update and refresh all go through
 * `assembleOutputs`, so the rules for `started` (status.ts) and for a stop made outside git are applied the
 * same way everywhere, for voice and SMS alike. Pure.
 */
import type { KoreTarget } from "../../kore-api/target";
import type { ConnectionRef, Placement } from "../placement";
import type { Recipients } from "../recipients";
import type { Schedule } from "../outbound/schedule";
import type { LifecycleContext } from "./context";
import { scheduleEnabled } from "../outbound/schedule";
import { actionFor, isStoppedOutsideGit, startedToStore, STOP_STANDS } from "./status";

/** What every channel's definition has that the lifecycle reads. */
export interface RunDefinition {
  name: string;
  contactLists: string[];
  schedule: Schedule;
}

/** Server-side facts about a campaign that are not part of its definition (a channel reads what its records show). */
export interface ObservedFacts {
  id: string;
  status?: string;
  lname?: string;
  campaignInstanceId?: string;
  /** `experienceFlow`: the `cf-...` id of a flow (Agentless voice, advanced SMS) */
  experienceFlowId?: string;
  /** an SMS template's `cmt-...` id as the server reports it */
  templateId?: string;
  createdAt?: string;
  updatedAt?: string;
}

/** The observed fields outputs keep, each falling back to the previous value when the server did not show it. */
const KEPT_OBSERVED = ["lname", "campaignInstanceId", "experienceFlowId", "templateId", "createdAt", "updatedAt"] as const;

/** A stop made outside git on a campaign this stack started (status.ts): the status seen, and when it was first seen. */
export interface StoppedOutsideGit {
  status: string;
  seenAt: string;
}

/** What could not be confirmed on the server; the next up reads the server and makes these again. */
export type PendingChange = "definition" | "started" | "schedule";

/** What the server showed of a campaign, as far as outputs record it (all but the id, which is the resource's). */
type Observed = Omit<ObservedFacts, "id">;

/** What Pulumi keeps in state for a campaign: the normalized inputs plus what the server reports. */
export type CampaignOutputs<D extends RunDefinition = RunDefinition> = D & Observed & {
  /** the desired value when the observed status satisfies it, else its opposite (so drift shows as a change) */
  started: boolean;
  adoptExisting: boolean;
  /** the app the campaign lives in; recorded so refresh and destroy reach it whatever the environment says later */
  target: KoreTarget;
  /** the resource's connection name or target, as given (never credentials) */
  connection?: ConnectionRef;
  pendingChanges?: PendingChange[];
  /** the user's restart token (schema.ts): a new value with `started: true` asks for one start */
  restartedAt?: string;
  /** set while the server shows Stopped or Paused for a campaign this stack started: the stop stands until a reviewed change */
  stoppedOutsideGit?: StoppedOutsideGit;
  /** where the people called are (shared/recipients.ts): local only, for the compliance rules */
  recipients?: Recipients;
};

/** What a resource declares besides the definition sent to Kore. */
export interface Flags {
  started: boolean;
  adoptExisting: boolean;
  restartedAt?: string;
  recipients?: Recipients;
}

export function splitSpec<D extends RunDefinition>(spec: D & Partial<Flags>): { definition: D } & Flags {
  const { started, adoptExisting, restartedAt, recipients, ...definition } = spec; // recipients: never sent to Kore
  return { definition: definition as unknown as D, started: Boolean(started), adoptExisting: Boolean(adoptExisting), ...(restartedAt === undefined ? {} : { restartedAt }), ...(recipients === undefined ? {} : { recipients }) };
}

/** The stop-outside-git record for `status`: the earlier one while the status is unchanged, else seen now. */
export function stoppedRecord(ctx: Pick<LifecycleContext, "policy" | "now">, status: string | undefined, started: boolean, previous: StoppedOutsideGit | undefined): StoppedOutsideGit | undefined {
  if (!isStoppedOutsideGit(status, started) || (ctx.policy ?? STOP_STANDS).restartStoppedCampaigns) return undefined;
  if (previous?.status === status) return previous;
  return { status: status!, seenAt: new Date((ctx.now ?? Date.now)()).toISOString() };
}

/**
 * The outputs from their parts. `scheduleDecides`: Kore's schedule, not `started`, decides when the campaign
 * runs, so every status is Kore's doing (Scheduled, Active, Completed): `started` keeps the value asked for and
 * no stop outside git is recorded. A field the server did not show keeps its `previous` value.
 */
export function assembleOutputs<D extends RunDefinition>(
  ctx: Pick<LifecycleContext, "policy" | "now">,
  definition: D,
  observed: Observed,
  flags: Flags,
  placement: Placement,
  scheduleDecides: boolean,
  previous?: Partial<CampaignOutputs<D>>,
): CampaignOutputs<D> {
  const { status } = observed;
  const stoppedOutsideGit = scheduleDecides ? undefined : stoppedRecord(ctx, status, flags.started, previous?.stoppedOutsideGit);
  const kept: Observed = {};
  for (const key of KEPT_OBSERVED) {
    const value = observed[key] ?? previous?.[key];
    if (value !== undefined || key !== "templateId") kept[key] = value; // templateId only where a channel has one
  }
  return {
    ...definition,
    started: scheduleDecides ? flags.started : startedToStore(status, flags.started, ctx.policy),
    adoptExisting: flags.adoptExisting,
    ...(flags.restartedAt !== undefined ? { restartedAt: flags.restartedAt } : {}),
    ...(flags.recipients !== undefined ? { recipients: flags.recipients } : {}),
    ...(stoppedOutsideGit ? { stoppedOutsideGit } : {}),
    target: placement.target,
    ...(placement.connection !== undefined ? { connection: placement.connection } : {}),
    status,
    ...kept,
  };
}

/**
 * The outputs after a write (create, update): the definition sent is the truth for what was written; the
 * server's answer (`observed`: what the channel read of it, when there is one) adds what it showed, and
 * `previous` the rest.
 */
export function outputsAfterWrite<D extends RunDefinition>(
  ctx: Pick<LifecycleContext, "policy" | "now">,
  definition: D,
  answered: ObservedFacts | undefined,
  id: string,
  flags: Flags,
  placement: Placement,
  previous?: Partial<CampaignOutputs<D>>,
): CampaignOutputs<D> {
  const observed = answered ?? { id };
  const shown = { ...observed, status: observed.status ?? previous?.status, lname: observed.lname ?? previous?.lname ?? definition.name.toLowerCase() };
  return assembleOutputs(ctx, definition, shown, flags, placement, scheduleEnabled(definition.schedule), previous);
}

/**
 * Whether the schedule in state is enabled and its last call was confirmed (not pending). Then Kore's
 * schedule, not `started`, decides when the campaign runs: also once the schedule has ended or Kore has
 * completed the campaign, whose statuses are Kore's doing as well.
 */
export function scheduleEnabledAndApplied(outs: { schedule: Schedule; pendingChanges?: PendingChange[] }): boolean {
  return scheduleEnabled(outs.schedule) && !(outs.pendingChanges ?? []).includes("schedule");
}

export function satisfiesNeither(status: string | undefined): boolean {
  return actionFor(status, true) !== "none" && actionFor(status, false) !== "none";
}

export function without(list: PendingChange[] | undefined, item: PendingChange): PendingChange[] | undefined {
  const rest = (list ?? []).filter((x) => x !== item);
  return rest.length > 0 ? rest : undefined;
}

export function withDefinition(list: PendingChange[] | undefined, unconfirmed: boolean): PendingChange[] | undefined {
  return unconfirmed ? union(list, "definition") : list;
}

export function union(list: PendingChange[] | undefined, item: PendingChange): PendingChange[] {
  return [...new Set([...(list ?? []), item])];
}
