/**
 * The dynamic-provider hooks of a campaign channel (voice: campaign-hooks.ts; SMS: sms-campaign-hooks.ts), as
 * one table over the one scaffold (dynamic-hooks.ts): each hook reads its inputs, calls the channel's
 * lifecycle, and shapes the answer for the engine. What the process shares between resources lives in session.ts.
 */
import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import type { LifecycleContext } from "../shared/campaign-run/context";
import { splitSpec, type CampaignOutputs, type Flags, type RunDefinition } from "../shared/campaign-run/outputs";
import { definitionOf, inputsFromOutputs } from "../shared/campaign-run/state";
import { startRequested } from "../shared/campaign-run/status";
import { startPassedScheduleRule, type Schedule } from "../shared/outbound/schedule";
import type { Placement } from "../shared/placement";
import { sameTarget } from "../kore-api/target";
import { warnUser } from "./engine-log";
import { UNKNOWN, withoutUndefined } from "../shared/properties";
import { connectionRefOf, holdsCredentials, resolveConnection, sameRef, targetOf, type ConnectionRef } from "./connection";
import { config, connectStored, inState, namesFor, refOf, type AppSession } from "./session";
import { dynamicHooks, specOf, type DynamicHooks, type ResourceHooks } from "./dynamic-hooks";

function contextFor(session: AppSession): LifecycleContext {
  return {
    client: session.client,
    names: session.names("campaign"),
    contactLists: session.names("contactList"),
    readyTimeoutMs: session.settings.readyTimeoutMs,
    triggerSettleMs: session.settings.triggerSettleMs,
    pollIntervalMs: 250,
    interrupted: session.interrupted("campaign"),
    policy: { restartStoppedCampaigns: session.settings.restartStoppedCampaigns },
  };
}

/** Stops outside git already warned about by this process (a refresh, then the diff, of one up). */
const warnedStops = new Set<string>();

/** The warning for a campaign whose stop outside git stands (once per campaign and sighting per process). */
async function warnIfStoppedOutsideGit(id: string, outs: Partial<CampaignOutputs>, noun: string): Promise<void> {
  const stop = outs.stoppedOutsideGit;
  if (!stop || warnedStops.has(`${id}|${stop.seenAt}`)) return;
  warnedStops.add(`${id}|${stop.seenAt}`);
  await warnUser(
    `${noun} "${outs.name}" (${id}) was stopped outside git: Kore.ai shows it ${stop.status} (seen ${stop.seenAt}) while its definition says ` +
      `started: true. It stays stopped. To start it again, change restartedAt in its definition (for example restartedAt: "${stop.seenAt.slice(0, 10)}") ` +
      `and merge that change; or set started: false to record the stop.`,
  );
}

/**
 * A new or changed schedule whose start has passed dials as soon as `up` sends it, although `started` is false:
 * a warning through the engine's log, like every other warning of the hooks (an unchanged schedule is not sent:
 * no warning).
 */
async function warnStartPassed(olds: Record<string, unknown>, inputs: Record<string, unknown>, noun: string): Promise<void> {
  const schedule = inputs.schedule as Schedule | undefined;
  if (isDeepStrictEqual(schedule, olds.schedule)) return;
  const rule = startPassedScheduleRule(schedule, Date.now());
  if (rule) await warnUser(`${noun} ${JSON.stringify(inputs.name)}: schedule.start ${rule}`);
}


/** The diff's answer, with the definition paths it found changed (the native plugin's detailed diff reads them: one diff per Diff). */
export type CampaignDiffResult = pulumi.dynamic.DiffResult & { changedFields?: readonly string[] };

/** What a campaign channel's hooks take: its words, its validation, its diff, and its lifecycle's stories. */
export interface CampaignHookBinding<D extends RunDefinition, Spec extends D & Partial<Flags>> {
  /** how warnings name one ("campaign", "SMS campaign") */
  noun: string;
  validate(spec: Record<string, unknown>): ReturnType<ResourceHooks<LifecycleContext, Spec, CampaignOutputs<D>>["validate"]>;
  diff(old: ChannelState<D>, next: ChannelState<D>): ChannelDiff;
  create(ctx: LifecycleContext, spec: Spec, placement: Placement): Promise<{ id: string; outs: CampaignOutputs<D> }>;
  read(ctx: LifecycleContext, id: string, previous: CampaignOutputs<D>): Promise<CampaignOutputs<D> | undefined>;
  update(ctx: LifecycleContext, id: string, previous: CampaignOutputs<D>, spec: Spec, placement: Placement, changes: ChannelDiff & { restartRequested: boolean }): Promise<CampaignOutputs<D>>;
  remove(ctx: LifecycleContext, id: string): Promise<"deleted" | "forgotten">;
}

type ChannelState<D> = { definition: D; started: boolean; target?: Placement["target"] };
type ChannelDiff = { changed: string[]; replaceKeys: string[]; definitionChanged: boolean; scheduleChanged: boolean; startedChanged: boolean };

/**
 * The dynamic hooks of one campaign channel over the one scaffold (dynamic-hooks.ts). Voice and SMS campaigns
 * share the name view, the holdings and the create journal of kind "campaign": one namespace of names and ids.
 */
export function campaignHooks<D extends RunDefinition, Spec extends D & Partial<Flags>>(channel: CampaignHookBinding<D, Spec>): DynamicHooks<CampaignOutputs<D>> {
  type Outs = CampaignOutputs<D>;
  const { noun } = channel;
  return dynamicHooks<LifecycleContext, Spec, Outs>({
    kind: "campaign",
    context: contextFor,
    validate: (spec) => channel.validate(spec),
    checked: (olds, inputs) => warnStartPassed(olds, inputs, noun),

    async diff(id, olds, news) {
      const newRef = news.connection as ConnectionRef | typeof UNKNOWN | undefined;
      const newTarget = newRef === UNKNOWN ? undefined : targetOf(refOf(news), config());
      const d = channel.diff(
        { definition: definitionOf<D>(olds), started: olds.started, target: olds.target },
        { definition: definitionOf<D>(news), started: Boolean(news.started), target: newTarget },
      );
      // In place, with no API call for the connection: state must hold the new name or target, and lose
      // the credentials that versions before 0.2 stored.
      // The resource holds its id, unless it is replaced: then the replacement holds whatever it creates or adopts.
      if (olds.target && d.replaceKeys.length === 0) namesFor("campaign", olds.target).holdings.diffed(id);
      const connectionChanged = newRef === UNKNOWN || holdsCredentials(olds.connection) || !sameRef(connectionRefOf(olds.connection), refOf(news));
      const pending = (olds.pendingChanges ?? []).length > 0;
      const restartChanged = olds.restartedAt !== news.restartedAt;
      const recipientsChanged = !isDeepStrictEqual(olds.recipients, news.recipients); // recorded in state; no API call
      if (!startRequested(olds, news as { started?: boolean; restartedAt?: string })) await warnIfStoppedOutsideGit(id, olds, noun);
      return {
        changes: d.changed.length > 0 || d.replaceKeys.length > 0 || connectionChanged || pending || restartChanged || recipientsChanged,
        replaces: d.replaceKeys,
        deleteBeforeReplace: false,
        changedFields: d.changed, // the dynamic provider's host reads only the fields above
      } satisfies CampaignDiffResult;
    },

    create: (ctx, spec, placement) => channel.create(ctx, spec, placement),

    async read(ctx, id, props, conn) {
      const outs = await channel.read(ctx, id, props);
      if (!outs) return undefined;
      // Stored credentials (old state) are kept only while they are still the ones in use; `up` drops them.
      const clean = withoutUndefined({ ...(outs as unknown as Record<string, unknown>), connection: conn.fromState ? props.connection : connectionRefOf(props.connection) });
      await warnIfStoppedOutsideGit(id, clean as Partial<Outs>, noun);
      return { props: clean, inputs: inputsFromOutputs(clean) };
    },

    async update(id, olds, news, { use, contextFor }) {
      const connection = refOf(news);
      const now = resolveConnection(connection, config());
      // An update never moves a campaign (a new target is a replace): it stays where state says it lives.
      const conn = use(olds.target && !sameTarget(now.target, olds.target) ? connectStored(olds) : { ...now, target: olds.target ?? now.target });
      inState("campaign", id, olds);
      const spec = specOf<Spec>(news);
      const { definition, started, restartedAt } = splitSpec<D>(spec);
      const d = channel.diff(
        { definition: definitionOf<D>(olds), started: olds.started, target: olds.target },
        { definition, started, target: olds.target },
      );
      const restartRequested = startRequested(olds, { started, restartedAt }) && !d.startedChanged;
      const outs = await channel.update(contextFor(conn), id, olds, spec, { target: conn.target, connection }, { ...d, restartRequested });
      await warnIfStoppedOutsideGit(id, outs, noun);
      return outs;
    },

    remove: (ctx, id) => channel.remove(ctx, id),
    forgotten: (id, props) =>
      `${noun} "${props.name}" (${id}) is held by another resource of this stack (adopted, or recorded in its state): this resource forgets it; it was neither stopped nor deleted`,
  });
}
