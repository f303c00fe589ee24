/**
 * The life of one contact list over the client: create (or adopt), read, delete. There is no update:
 * the adapter refuses changes Kore cannot make in place (diff.ts), or replaces the list when the
 * resource opts in. Pulumi-free.
 *
 * A list holds customer contacts, so it is never deleted as a side effect:
 * - a delete reads the list first and refuses while a campaign still uses it (`campaignInUse`), naming
 *   the campaigns; Pulumi deletes the campaigns that reference a list before the list, so a stack that
 *   removes both passes;
 * - adopting a list whose definition differs from the resource's is refused (nothing could make it match).
 */
import type { KoreClient, WireContactList } from "../../kore-api/client";
import { KoreApiError } from "../../kore-api/errors";
import type { KoreTarget } from "../../kore-api/target";
import { createdAtOf, createOrAdopt, type CreatedKind } from "../../shared/create-by-name";
import type { InterruptedCreates } from "../../shared/interrupted-creates";
import type { NameView } from "../../shared/name-view";
import { PartialFailure } from "../../shared/partial-failure";
import type { ConnectionRef, Placement } from "../../shared/placement";
import { formatValue } from "../../shared/validation";
import { diffContactList } from "./diff";
import { definitionOfList, type ContactListDefinition, type ContactListSpec } from "./schema";
import { fromWireContactList, toContactListBody, type ContactListObserved } from "./wire";

export interface ContactListContext {
  client: KoreClient;
  /** the app's contact lists by name, shared by every resource of the process */
  names: NameView;
  /** the app's campaigns by name, to name the campaigns that use a list */
  campaigns?: NameView;
  interrupted?: InterruptedCreates;
}

/** What Pulumi keeps in state for a contact list. */
export type ContactListOutputs = ContactListDefinition &
  ContactListObserved & {
    adoptExisting: boolean;
    allowReplacement: boolean;
    target: KoreTarget;
    connection?: ConnectionRef;
  };

const CONTACT_LIST: CreatedKind = { noun: "contact list", plural: "contact lists", harm: "a retried create could make a second list of that name" };

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export { definitionOfList };

function outputsFrom(
  definition: ContactListDefinition,
  observed: ContactListObserved,
  flags: { adoptExisting: boolean; allowReplacement: boolean },
  placement: Placement,
): ContactListOutputs {
  return {
    ...definition,
    ...observed,
    ...flags,
    target: placement.target,
    ...(placement.connection !== undefined ? { connection: placement.connection } : {}),
  };
}

export async function createContactList(ctx: ContactListContext, spec: ContactListSpec, placement: Placement): Promise<{ id: string; outs: ContactListOutputs }> {
  const definition: ContactListDefinition = { name: spec.name, description: spec.description, allowDuplicates: spec.allowDuplicates };
  const flags = { adoptExisting: spec.adoptExisting, allowReplacement: spec.allowReplacement };
  const { id, posted, adopting } = await createOrAdopt<WireContactList>(
    { names: ctx.names, interrupted: ctx.interrupted, kind: CONTACT_LIST, createdAt: async (listId) => createdAtOf(await ctx.client.getContactList(listId)) },
    definition.name,
    placement.target.appId,
    spec.adoptExisting,
    async () => {
      const record = await ctx.client.createContactList(toContactListBody(definition));
      return { id: record.id, record };
    },
  );
  let record = posted?.record;
  try {
    if (adopting || !record) record = await ctx.client.getContactList(id);
  } catch (err) {
    // The id is known: the list stays in state; the next refresh or up reads it.
    throw new PartialFailure(`contact list ${id} ("${definition.name}") exists, but reading it failed: ${messageOf(err)}`, id, outputsFrom(definition, {}, flags, placement));
  }
  const { definition: onServer, observed } = fromWireContactList(record, definition);
  if (adopting) {
    const d = diffContactList({ definition: onServer }, { definition });
    if (d.changed.length > 0) {
      const lines = d.changed.map((k) => `${k}: ${formatValue(onServer[k])} on the server, ${formatValue(definition[k])} in the definition`);
      throw new Error(
        `contact list ${id} ("${definition.name}") exists in app ${placement.target.appId} but differs: ${lines.join("; ")}. ` +
          `Kore.ai has no update for contact lists, so adopting it cannot make it match: change the definition to what the server has.`,
      );
    }
  }
  return { id, outs: outputsFrom(definition, observed, flags, placement) };
}

/** The list as the server has it now (drift shows as a changed definition); undefined when it is gone. */
export async function readContactList(ctx: ContactListContext, id: string, previous: ContactListOutputs): Promise<ContactListOutputs | undefined> {
  let record: WireContactList;
  try {
    record = await ctx.client.getContactList(id);
  } catch (err) {
    if (err instanceof KoreApiError && err.status === 404) return undefined;
    throw err;
  }
  ctx.names.manage(id);
  const { definition, observed } = fromWireContactList(record, previous);
  return {
    ...previous,
    ...definition,
    ...observed,
  } as ContactListOutputs;
}

/** Refuses while a campaign uses the list (naming it), then deletes; a 404 means it is already gone. */
export async function deleteContactList(ctx: ContactListContext, id: string, appId: string): Promise<void> {
  let record: WireContactList;
  try {
    record = await ctx.client.getContactList(id);
  } catch (err) {
    if (err instanceof KoreApiError && err.status === 404) return ctx.names.forget(id);
    throw err;
  }
  const { definition, observed } = fromWireContactList(record);
  const users = observed.campaignInUse ?? [];
  if (users.length > 0 || observed.isListInUse === true) {
    const named = await Promise.all(users.map(async (campaignId) => describeCampaign(ctx, campaignId)));
    throw new Error(
      `contact list ${id} ("${definition.name}") was not deleted: ${named.length > 0 ? `campaign${named.length > 1 ? "s" : ""} ${named.join(", ")} still use${named.length > 1 ? "" : "s"} it` : "Kore says it is in use"} in app ${appId}. ` +
        `Remove it from those campaigns' contactLists (or delete the campaigns) first; a list is never deleted while a campaign may dial it.`,
    );
  }
  try {
    await ctx.client.deleteContactList(id);
  } catch (err) {
    if (!(err instanceof KoreApiError && err.status === 404)) throw err;
  }
  ctx.names.forget(id);
}

async function describeCampaign(ctx: ContactListContext, campaignId: string): Promise<string> {
  const name = await ctx.campaigns?.nameOf(campaignId).catch(() => undefined);
  return name === undefined ? campaignId : `"${name}" (${campaignId})`;
}
