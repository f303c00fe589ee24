/**
 * The ContactList dynamic-provider hooks, as a table over the one scaffold (dynamic-hooks.ts), loaded by the serialized provider with
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
import { diffContactList, replacementRefused } from "../resources/contact-list/diff";
import { createContactList, deleteContactList, definitionOfList, readContactList, type ContactListContext, type ContactListOutputs } from "../resources/contact-list/lifecycle";
import { validateContactList, type ContactListDefinition, type ContactListSpec } from "../resources/contact-list/schema";
import { UNKNOWN, withoutUndefined } from "../shared/properties";
import { connectionRefOf, sameRef, targetOf } from "./connection";
import { dynamicHooks, specOf } from "./dynamic-hooks";
import { config, connectStored, inState, namesFor, PROVIDER_KEY, refOf, reportOnce, type AppSession } from "./session";
import { warnUser } from "./engine-log";

export { resetSessions } from "./session";

const hasUnknown = (def: Record<string, unknown>) => Object.values(def).some((v) => v === UNKNOWN);

/** The fields stored beside the definition that a user declares. */
function inputsOfList(outs: ContactListOutputs): Record<string, unknown> {
  const { name, description, allowDuplicates, adoptExisting, allowReplacement, external, connection, recipients } = outs;
  if (external) return withoutUndefined({ name, external, connection, recipients }); // a description given is information only
  return withoutUndefined({ name, description, allowDuplicates, adoptExisting, allowReplacement, connection, recipients });
}

export const { configure, check, diff, create, read, update, remove } = dynamicHooks<ContactListContext, ContactListSpec, ContactListOutputs>({
  kind: "contactList",
  context: (session: AppSession) => ({ client: session.client, names: session.names("contactList"), campaigns: session.names("campaign"), interrupted: session.interrupted("contactList") }),
  validate: (spec) => validateContactList(spec, { unknownValue: UNKNOWN }),

  async diff(id, olds, news) {
    const spec = specOf<ContactListSpec>(news);
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
  },

  create: createContactList,

  async read(ctx, id, props) {
    const outs = await readContactList(ctx, id, props);
    if (!outs) return undefined;
    const clean = withoutUndefined({ ...outs, [PROVIDER_KEY]: undefined });
    return { props: clean, inputs: inputsOfList(clean) };
  },

  /**
   * Only what needs no write: the flags and the connection name. A definition change is refused here too.
   * State a partial failure left (the create's follow-up read failed: no status) is read once more, so the
   * next `up` converges without a refresh; otherwise no API call.
   */
  async update(id, olds, news, { use, contextFor }) {
    const spec = specOf<ContactListSpec>(news);
    const nextDefinition = definitionOfList(spec) as ContactListDefinition;
    const d = diffContactList({ definition: definitionOfList(olds) }, { definition: nextDefinition });
    if (spec.external === true) {
      // turned external: state only, no call (its delete is then a forget)
      const { connection: _old, adoptExisting: _a, allowReplacement: _r, ...kept } = olds;
      const connection = refOf(news);
      return { ...kept, external: true, adoptExisting: false, allowReplacement: false, recipients: spec.recipients, ...(connection !== undefined ? { connection } : {}) };
    }
    if (d.changed.length > 0) throw reportOnce(replacementRefused(olds.name, { definition: definitionOfList(olds) }, { definition: nextDefinition }, d));
    inState("contactList", id, olds);
    let current = olds;
    if (olds.status === undefined) current = (await readContactList(contextFor(use(connectStored(olds))), id, olds)) ?? olds;
    const connection = refOf(news);
    const { connection: _old, external: _external, ...rest } = current;
    return { ...rest, adoptExisting: Boolean(spec.adoptExisting), allowReplacement: Boolean(spec.allowReplacement), recipients: spec.recipients, ...(connection !== undefined ? { connection } : {}) };
  },

  remove: (ctx, id, props, conn) => deleteContactList(ctx, id, conn.target.appId, props),
  forgotten: (id, props) =>
    props.external === true ? undefined : `contact list "${props.name}" (${id}) is held by another resource of this stack (adopted, or recorded in its state): this resource forgets it; it was not deleted`,
});
