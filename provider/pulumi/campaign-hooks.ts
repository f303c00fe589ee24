/**
 * The VoiceCampaign dynamic-provider hooks: each one reads its inputs, calls the campaign's lifecycle,
 * and shapes the answer for the engine. Loaded by the serialized provider with
 * `require("pulumi-kore-campaigns/internal/hooks")` (the module name is part of every stored state, so
 * it never moves); what the process shares between resources lives in session.ts.
 */
import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { diffCampaign, sameTarget } from "../resources/campaign/diff";
import { createCampaign, deleteCampaign, readCampaign, splitSpec, updateCampaign, type CampaignOutputs, type LifecycleContext } from "../resources/campaign/lifecycle";
import { validateCampaign, type CampaignSpec } from "../resources/campaign/schema";
import { definitionOf, inputsOf } from "../resources/campaign/state";
import { startPassedScheduleRule, type Schedule } from "../resources/campaign/schedule";
import { startRequested } from "../resources/campaign/status";
import { warnUser } from "./engine-log";
import { UNKNOWN, withoutUndefined } from "../shared/properties";
import { connectionRefOf, holdsCredentials, resolveConnection, sameRef, targetOf, type ConnectionRef, type ResolvedConnection } from "./connection";
import { checkInputs, config, configureFrom, connectStored, forEngine, inState, namesFor, PROVIDER_KEY, refOf, sessionFor } from "./session";

export { resetSessions } from "./session";

function contextFor(conn: ResolvedConnection): LifecycleContext {
  const session = sessionFor(conn);
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
 * The campaign spec in create/update inputs. The engine hands these hooks exactly what `check`
 * returned (validated and normalized), so they are not validated a second time: that would double
 * the provider's CPU per campaign for nothing.
 */
function specOf(inputs: Record<string, unknown>): CampaignSpec {
  const { connection: _connection, [PROVIDER_KEY]: _provider, ...spec } = inputs;
  return spec as unknown as CampaignSpec;
}

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  configureFrom(req);
}

export async function check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  const result = checkInputs(news, (spec) => validateCampaign(spec, { unknownValue: UNKNOWN }));
  if (!result.failures?.length && result.inputs) await warnStartPassed(olds, result.inputs);
  return result;
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

export async function diff(id: string, olds: CampaignOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  inState("campaign", id, olds);
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
  if (!startRequested(olds, news as { started?: boolean; restartedAt?: string })) await warnIfStoppedOutsideGit(id, olds);
  return {
    changes: d.changed.length > 0 || d.replaceKeys.length > 0 || connectionChanged || pending || restartChanged,
    replaces: d.replaceKeys,
    deleteBeforeReplace: false,
  };
}


export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  let conn: ResolvedConnection | undefined;
  try {
    const connection = refOf(inputs);
    conn = resolveConnection(connection, config());
    // The journal entry stays after this returns: the engine may die before it records the id. It is
    // cleared once a later command shows the campaign in state (diff, read, update, delete).
    const { id, outs } = await createCampaign(contextFor(conn), specOf(inputs), { target: conn.target, connection });
    return { id, outs: withoutUndefined(outs) };
  } catch (err) {
    throw forEngine(err, conn, inputs[PROVIDER_KEY]);
  }
}

export async function read(id: string, props: CampaignOutputs): Promise<pulumi.dynamic.ReadResult> {
  let conn: ResolvedConnection | undefined;
  try {
    conn = connectStored(props);
    inState("campaign", id, props);
    if (props.target) namesFor("campaign", props.target).holdings.read(id);
    const outs = await readCampaign(contextFor(conn), id, props);
    if (!outs) return { id: "", props: {} }; // deleted outside Pulumi: the engine drops it from state
    // Stored credentials (old state) are kept only while they are still the ones in use; `up` drops them.
    const clean = withoutUndefined({ ...outs, connection: conn.fromState ? props.connection : connectionRefOf(props.connection) });
    await warnIfStoppedOutsideGit(id, clean);
    return { id, props: clean, inputs: inputsOf(clean) };
  } catch (err) {
    throw forEngine(err, conn, (props as Record<string, unknown>)[PROVIDER_KEY]);
  }
}

export async function update(id: string, olds: CampaignOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  let conn: ResolvedConnection | undefined;
  try {
    const connection = refOf(news);
    const now = resolveConnection(connection, config());
    // An update never moves a campaign (a new target is a replace): it stays where state says it lives.
    conn = olds.target && !sameTarget(now.target, olds.target) ? connectStored(olds) : { ...now, target: olds.target ?? now.target };
    inState("campaign", id, olds);
    const spec = specOf(news);
    const { definition, started, restartedAt } = splitSpec(spec);
    const d = diffCampaign(
      { definition: definitionOf(olds), started: olds.started, target: olds.target },
      { definition, started, target: olds.target },
    );
    const restartRequested = startRequested(olds, { started, restartedAt }) && !d.startedChanged;
    const outs = await updateCampaign(contextFor(conn), id, olds, spec, { target: conn.target, connection }, { ...d, restartRequested });
    await warnIfStoppedOutsideGit(id, outs);
    return { outs: withoutUndefined(outs) };
  } catch (err) {
    throw forEngine(err, conn, news[PROVIDER_KEY]);
  }
}

export async function remove(id: string, props: CampaignOutputs): Promise<void> {
  let conn: ResolvedConnection | undefined;
  try {
    conn = connectStored(props);
    inState("campaign", id, props);
    if ((await deleteCampaign(contextFor(conn), id)) === "forgotten") {
      await warnUser(`campaign "${props.name}" (${id}) is held by another resource of this stack (adopted, or recorded in its state): this resource forgets it; it was neither stopped nor deleted`);
    }
  } catch (err) {
    throw forEngine(err, conn, undefined);
  }
}
