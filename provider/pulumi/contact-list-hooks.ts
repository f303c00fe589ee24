/**
 * The ContactList dynamic-provider hooks, loaded by the serialized provider with
 * `require("pulumi-kore-campaigns/internal/contact-list-hooks")`. They share the process's session
 * (session.ts) with the campaign hooks: one client and rate limit per app, one listing per kind.
 *
 * Kore.ai documents no update for contact lists. `diff` therefore refuses a change to the name,
 * description or allowDuplicates (or a move to another app) with what to do, unless the resource sets
 * `allowReplacement: true`; then the list is replaced (deleted first when the name stays, since names are
 * unique). `update` only rewrites state (flags, connection name) and refuses anything else, in case the
 * diff saw values unknown during preview.
 *
 * A list turned `external: true` is an update that only rewrites state (the preview shows it, with a
 * warning); from then on its delete is a forget. A delete of a list another resource of the program holds
 * (a renamed file that adopted it) is a forget too.
 */
import { isDeepStrictEqual } from "node:util";
import type * as pulumi from "@pulumi/pulumi";
import { diffContactList, replacementRefused } from "../resources/contact-list/diff";
import { createContactList, deleteContactList, definitionOfList, readContactList, type ContactListContext, type ContactListOutputs } from "../resources/contact-list/lifecycle";
import { validateContactList, type ContactListDefinition, type ContactListSpec } from "../resources/contact-list/schema";
import { UNKNOWN, withoutUndefined } from "../shared/properties";
import { connectionRefOf, resolveConnection, sameRef, targetOf, type ResolvedConnection } from "./connection";
import { checkInputs, config, configureFrom, connectStored, forEngine, inState, namesFor, PROVIDER_KEY, refOf, reportOnce, sessionFor } from "./session";
import { warnUser } from "./engine-log";

export { resetSessions } from "./session";

function contextFor(conn: ResolvedConnection): ContactListContext {
  const session = sessionFor(conn);
  return { client: session.client, names: session.names("contactList"), campaigns: session.names("campaign"), interrupted: session.interrupted("contactList") };
}

function specOf(inputs: Record<string, unknown>): ContactListSpec {
  const { connection: _connection, [PROVIDER_KEY]: _provider, ...spec } = inputs;
  return spec as unknown as ContactListSpec;
}

const hasUnknown = (def: Record<string, unknown>) => Object.values(def).some((v) => v === UNKNOWN);

/** The fields stored beside the definition that a user declares. */
function inputsOfList(outs: ContactListOutputs): Record<string, unknown> {
  const { name, description, allowDuplicates, adoptExisting, allowReplacement, external, connection, recipients } = outs;
  if (external) return withoutUndefined({ name, external, connection, recipients }); // a description given is information only
  return withoutUndefined({ name, description, allowDuplicates, adoptExisting, allowReplacement, connection, recipients });
}

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  configureFrom(req);
}

export async function check(_olds: Record<string, unknown>, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult> {
  return checkInputs(news, (spec) => validateContactList(spec, { unknownValue: UNKNOWN }));
}

export async function diff(id: string, olds: ContactListOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.DiffResult> {
  inState("contactList", id, olds);
  const spec = specOf(news);
  const newTarget = news.connection === UNKNOWN ? undefined : targetOf(refOf(news), config());
  const nextDefinition = definitionOfList(spec) as ContactListDefinition;
  const d = diffContactList({ definition: definitionOfList(olds), target: olds.target }, { definition: nextDefinition, target: newTarget });
  // not when replaced: the replacement holds whatever it creates or finds
  const hold = () => olds.target && namesFor("contactList", olds.target).holdings.diffed(id);
  if (spec.external === true) {
    // An external list is never written: another name or app is another list (replaced: the old one is forgotten).
    const other = d.changed.includes("name") || d.moved;
    if (!other) hold();
    if (olds.external !== true) {
      await warnUser(`contact list "${olds.name}" (${id}) is now external: this stack forgets it (no call); the list and its contacts stay in Kore.ai`);
    }
    return { changes: other || olds.external !== true || !isDeepStrictEqual(olds.recipients, spec.recipients) || !sameRef(connectionRefOf(olds.connection), refOf(news)), replaces: other ? ["name"] : [], deleteBeforeReplace: false };
  }
  const unknown = hasUnknown(nextDefinition as unknown as Record<string, unknown>) || news.connection === UNKNOWN;
  // recipients (local only) are recorded like the flags: no API call
  const flagsChanged = olds.adoptExisting !== Boolean(spec.adoptExisting) || olds.allowReplacement !== Boolean(spec.allowReplacement) || !isDeepStrictEqual(olds.recipients, spec.recipients);
  const refChanged = !sameRef(connectionRefOf(olds.connection), refOf(news));
  const nowManaged = olds.external === true; // found by name until now: becomes managed as it is
  if (d.changed.length === 0 && !d.moved) hold();
  if (d.changed.length > 0 || d.moved) {
    if (spec.allowReplacement !== true) throw reportOnce(replacementRefused(olds.name, { definition: definitionOfList(olds), target: olds.target }, { definition: nextDefinition, target: newTarget }, d));
    return {
      changes: true,
      replaces: [...d.changed, ...(d.moved ? ["connection"] : [])],
      // names are unique in an app: a list that keeps its name (in the same app) must go before its replacement
      deleteBeforeReplace: !d.changed.includes("name") && !d.moved,
    };
  }
  return { changes: unknown || flagsChanged || refChanged || nowManaged, replaces: [], deleteBeforeReplace: false };
}

export async function create(inputs: Record<string, unknown>): Promise<pulumi.dynamic.CreateResult> {
  let conn: ResolvedConnection | undefined;
  try {
    const connection = refOf(inputs);
    conn = resolveConnection(connection, config());
    const { id, outs } = await createContactList(contextFor(conn), specOf(inputs), { target: conn.target, connection });
    return { id, outs: withoutUndefined(outs) };
  } catch (err) {
    throw forEngine(err, conn, inputs[PROVIDER_KEY]);
  }
}

export async function read(id: string, props: ContactListOutputs): Promise<pulumi.dynamic.ReadResult> {
  let conn: ResolvedConnection | undefined;
  try {
    conn = connectStored(props);
    inState("contactList", id, props);
    if (props.target) namesFor("contactList", props.target).holdings.read(id);
    const outs = await readContactList(contextFor(conn), id, props);
    if (!outs) return { id: "", props: {} }; // deleted outside Pulumi: the engine drops it from state
    const clean = withoutUndefined({ ...outs, [PROVIDER_KEY]: undefined });
    return { id, props: clean, inputs: inputsOfList(clean) };
  } catch (err) {
    throw forEngine(err, conn, (props as unknown as Record<string, unknown>)[PROVIDER_KEY]);
  }
}

/**
 * Only what needs no write: the flags and the connection name. A definition change is refused here too.
 * State a partial failure left (the create's follow-up read failed: no status) is read once more, so the
 * next `up` converges without a refresh; otherwise no API call.
 */
export async function update(id: string, olds: ContactListOutputs, news: Record<string, unknown>): Promise<pulumi.dynamic.UpdateResult> {
  let conn: ResolvedConnection | undefined;
  try {
    const spec = specOf(news);
    const nextDefinition = definitionOfList(spec) as ContactListDefinition;
    const d = diffContactList({ definition: definitionOfList(olds) }, { definition: nextDefinition });
    if (spec.external === true) {
      // turned external: state only, no call (its delete is then a forget)
      const { connection: _old, adoptExisting: _a, allowReplacement: _r, ...kept } = olds;
      const connection = refOf(news);
      return { outs: withoutUndefined({ ...kept, external: true, adoptExisting: false, allowReplacement: false, recipients: spec.recipients, ...(connection !== undefined ? { connection } : {}) }) };
    }
    if (d.changed.length > 0) throw reportOnce(replacementRefused(olds.name, { definition: definitionOfList(olds) }, { definition: nextDefinition }, d));
    inState("contactList", id, olds);
    let current = olds;
    if (olds.status === undefined) {
      conn = connectStored(olds);
      current = (await readContactList(contextFor(conn), id, olds)) ?? olds;
    }
    const connection = refOf(news);
    const { connection: _old, external: _external, ...rest } = current;
    return {
      outs: withoutUndefined({ ...rest, adoptExisting: Boolean(spec.adoptExisting), allowReplacement: Boolean(spec.allowReplacement), recipients: spec.recipients, ...(connection !== undefined ? { connection } : {}) }),
    };
  } catch (err) {
    throw forEngine(err, conn, news[PROVIDER_KEY]);
  }
}

export async function remove(id: string, props: ContactListOutputs): Promise<void> {
  let conn: ResolvedConnection | undefined;
  try {
    conn = connectStored(props);
    inState("contactList", id, props);
    if ((await deleteContactList(contextFor(conn), id, conn.target.appId, props)) === "forgotten" && props.external !== true) {
      await warnUser(`contact list "${props.name}" (${id}) is held by another resource of this stack (adopted, or recorded in its state): this resource forgets it; it was not deleted`);
    }
  } catch (err) {
    throw forEngine(err, conn, undefined);
  }
}
