/**
 * The VoiceCampaign dynamic-provider hooks, as a table over the one scaffold (dynamic-hooks.ts): each one reads
 * its inputs, calls the campaign's lifecycle, and shapes the answer for the engine. Loaded by the serialized provider with
 * `require("pulumi-kore-campaigns/internal/hooks")` (the module name is part of every stored state, so
 * it never changes: package.json maps it to this file); what the process shares between resources lives in session.ts.
 */
import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { diffCampaign, sameTarget } from "../resources/campaign/diff";
import { createCampaign, deleteCampaign, readCampaign, splitSpec, updateCampaign, type CampaignOutputs, type LifecycleContext } from "../resources/campaign/lifecycle";
import { validateCampaign, type CampaignSpec } from "../resources/campaign/schema";
import { definitionOf, inputsFromOutputs } from "../resources/campaign/state";
import { startPassedScheduleRule, type Schedule } from "../resources/campaign/schedule";
import { startRequested } from "../resources/campaign/status";
import { warnUser } from "./engine-log";
import { UNKNOWN, withoutUndefined } from "../shared/properties";
import { connectionRefOf, holdsCredentials, resolveConnection, sameRef, targetOf, type ConnectionRef } from "./connection";
import { config, connectStored, inState, namesFor, refOf, type AppSession } from "./session";
import { dynamicHooks, specOf } from "./dynamic-hooks";

export { resetSessions } from "./session";

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
async function warnIfStoppedOutsideGit(id: string, outs: Partial<CampaignOutputs>): Promise<void> {
  const stop = outs.stoppedOutsideGit;
  if (!stop || warnedStops.has(`${id}|${stop.seenAt}`)) return;
  warnedStops.add(`${id}|${stop.seenAt}`);
  await warnUser(
    `campaign "${outs.name}" (${id}) was stopped outside git: Kore.ai shows it ${stop.status} (seen ${stop.seenAt}) while its definition says ` +
      `started: true. It stays stopped. To start it again, change restartedAt in its definition (for example restartedAt: "${stop.seenAt.slice(0, 10)}") ` +
      `and merge that change; or set started: false to record the stop.`,
  );
}

/**
 * A new or changed schedule whose start has passed dials as soon as `up` sends it, although `started` is false:
 * a warning through the engine's log, like every other warning of the hooks (an unchanged schedule is not sent:
 * no warning).
 */
async function warnStartPassed(olds: Record<string, unknown>, inputs: Record<string, unknown>): Promise<void> {
  const schedule = inputs.schedule as Schedule | undefined;
  if (isDeepStrictEqual(schedule, olds.schedule)) return;
  const rule = startPassedScheduleRule(schedule, Date.now());
  if (rule) await warnUser(`campaign ${JSON.stringify(inputs.name)}: schedule.start ${rule}`);
}

/** The diff's answer, with the definition paths it found changed (the native plugin's detailed diff reads them: one diffCampaign per Diff). */
export type CampaignDiffResult = pulumi.dynamic.DiffResult & { changedFields?: readonly string[] };

export const { configure, check, diff, create, read, update, remove } = dynamicHooks<LifecycleContext, CampaignSpec, CampaignOutputs>({
  kind: "campaign",
  context: contextFor,
  validate: (spec) => validateCampaign(spec, { unknownValue: UNKNOWN }),
  checked: warnStartPassed,

  async diff(id, olds, news) {
    const newRef = news.connection as ConnectionRef | typeof UNKNOWN | undefined;
    const newTarget = newRef === UNKNOWN ? undefined : targetOf(refOf(news), config());
    const d = diffCampaign(
      { definition: definitionOf(olds), started: olds.started, target: olds.target },
      { definition: definitionOf(news), started: Boolean(news.started), target: newTarget },
    );
    // In place, with no API call for the connection: state must hold the new name or target, and lose
    // the credentials that versions before 0.2 stored.
    // The resource holds its id, unless it is replaced: then the replacement holds whatever it creates or adopts.
    if (olds.target && d.replaceKeys.length === 0) namesFor("campaign", olds.target).holdings.diffed(id);
    const connectionChanged = newRef === UNKNOWN || holdsCredentials(olds.connection) || !sameRef(connectionRefOf(olds.connection), refOf(news));
    const pending = (olds.pendingChanges ?? []).length > 0;
    const restartChanged = olds.restartedAt !== news.restartedAt;
    const recipientsChanged = !isDeepStrictEqual(olds.recipients, news.recipients); // recorded in state; no API call
    if (!startRequested(olds, news as { started?: boolean; restartedAt?: string })) await warnIfStoppedOutsideGit(id, olds);
    return {
      changes: d.changed.length > 0 || d.replaceKeys.length > 0 || connectionChanged || pending || restartChanged || recipientsChanged,
      replaces: d.replaceKeys,
      deleteBeforeReplace: false,
      changedFields: d.changed, // the dynamic provider's host reads only the fields above
    } satisfies CampaignDiffResult;
  },

  create: createCampaign,

  async read(ctx, id, props, conn) {
    const outs = await readCampaign(ctx, id, props);
    if (!outs) return undefined;
    // Stored credentials (old state) are kept only while they are still the ones in use; `up` drops them.
    const clean = withoutUndefined({ ...outs, connection: conn.fromState ? props.connection : connectionRefOf(props.connection) });
    await warnIfStoppedOutsideGit(id, clean);
    return { props: clean, inputs: inputsFromOutputs(clean) };
  },

  async update(id, olds, news, { use, contextFor }) {
    const connection = refOf(news);
    const now = resolveConnection(connection, config());
    // An update never moves a campaign (a new target is a replace): it stays where state says it lives.
    const conn = use(olds.target && !sameTarget(now.target, olds.target) ? connectStored(olds) : { ...now, target: olds.target ?? now.target });
    inState("campaign", id, olds);
    const spec = specOf<CampaignSpec>(news);
    const { definition, started, restartedAt } = splitSpec(spec);
    const d = diffCampaign(
      { definition: definitionOf(olds), started: olds.started, target: olds.target },
      { definition, started, target: olds.target },
    );
    const restartRequested = startRequested(olds, { started, restartedAt }) && !d.startedChanged;
    const outs = await updateCampaign(contextFor(conn), id, olds, spec, { target: conn.target, connection }, { ...d, restartRequested });
    await warnIfStoppedOutsideGit(id, outs);
    return outs;
  },

  remove: (ctx, id) => deleteCampaign(ctx, id),
  forgotten: (id, props) =>
    `campaign "${props.name}" (${id}) is held by another resource of this stack (adopted, or recorded in its state): this resource forgets it; it was neither stopped nor deleted`,
});
