/**
 * The life of one contact list over the client: create (or adopt), read, delete. There is no update:
 * the adapter refuses changes Kore cannot make in place (diff.ts), or replaces the list when the
 * resource opts in. Pulumi-free.
 *
 * A list holds customer contacts, so it is never deleted as a side effect:
 * - a delete reads the list first and refuses while a campaign still uses it (`campaignInUse`), naming
 *   the campaigns; Pulumi deletes the campaigns that reference a list before the list, so a stack that
 *   removes both passes;
 * - adopting a list whose definition differs from the resource's is refused (nothing could make it match);
 * - when Kore's answer does not say whether the list is in use (no `campaignInUse`, no `isListInUse`), the
 *   campaigns this process knows are asked instead, and the delete is refused unless each of them is known
 *   not to name the list;
 * - a list another resource of the program holds (a renamed file that adopted it) is forgotten, not deleted;
 * - an external list (`external: true`) is only found by name: never written, and forgotten on delete.
 */
import type { Recipients } from "../../shared/recipients";
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
import { messageOf } from "../../util/values";

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
    /** the list exists outside the stack: found by name, never written or deleted */
    external?: true;
    target: KoreTarget;
    connection?: ConnectionRef;
    /** where the people on it are (shared/recipients.ts): local only, for the compliance rules */
    recipients?: Recipients;
  };

const CONTACT_LIST: CreatedKind = { noun: "contact list", plural: "contact lists", harm: "a retried create could make a second list of that name" };


export { definitionOfList };

function outputsFrom(
  definition: ContactListDefinition,
  observed: ContactListObserved,
  flags: { adoptExisting: boolean; allowReplacement: boolean; external?: true; recipients?: Recipients },
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
  if (spec.external === true) return findExternalList(ctx, spec, placement);
  const definition: ContactListDefinition = { name: spec.name, description: spec.description, allowDuplicates: spec.allowDuplicates };
  const flags = { adoptExisting: spec.adoptExisting, allowReplacement: spec.allowReplacement, ...(spec.recipients ? { recipients: spec.recipients } : {}) };
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

/** An external list: the one of that name in the app, read once; nothing is written. */
async function findExternalList(ctx: ContactListContext, spec: ContactListSpec, placement: Placement): Promise<{ id: string; outs: ContactListOutputs }> {
  const id = await ctx.names.find(spec.name);
  if (id === undefined) {
    throw new Error(
      `contact list "${spec.name}" is declared external, but app ${placement.target.appId} has no list of that name: create it in Kore.ai first (names are exact, case-insensitively unique), or declare it as a managed list`,
    );
  }
  if (!ctx.names.holdings.manage(id)) throw new Error(`contact list ${id} ("${spec.name}") is already managed by another resource in this stack; one contact list, one resource`);
  const { definition, observed } = fromWireContactList(await ctx.client.getContactList(id), { name: spec.name, description: spec.description });
  const flags = { adoptExisting: false, allowReplacement: false, external: true as const, ...(spec.recipients ? { recipients: spec.recipients } : {}) };
  return { id, outs: outputsFrom(definition as ContactListDefinition, observed, flags, placement) };
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
  const { definition, observed } = fromWireContactList(record, previous);
  return {
    ...previous,
    ...definition,
    ...observed,
  } as ContactListOutputs;
}

/**
 * Refuses while a campaign uses the list (naming it), or may use it, then deletes; a 404 means it is already
 * gone. An external list, or one another resource of the program holds, is forgotten: no call.
 */
export async function deleteContactList(ctx: ContactListContext, id: string, appId: string, previous?: Pick<ContactListOutputs, "external" | "name">): Promise<"deleted" | "forgotten"> {
  if (previous?.external === true || ctx.names.holdings.releaseIfShared(id)) return "forgotten";
  let record: WireContactList;
  try {
    record = await ctx.client.getContactList(id);
  } catch (err) {
    if (err instanceof KoreApiError && err.status === 404) {
      ctx.names.forget(id);
      return "deleted";
    }
    throw err;
  }
  const { definition, observed } = fromWireContactList(record, previous?.name === undefined ? {} : { name: previous.name });
  const name = definition.name ?? id;
  const users = observed.campaignInUse ?? [];
  const inUse = (named: string[], reason: string) =>
    new Error(
      `contact list ${id} ("${name}") was not deleted: ${named.length > 0 ? `campaign${named.length > 1 ? "s" : ""} ${named.join(", ")} still use${named.length > 1 ? "" : "s"} it` : reason} in app ${appId}. ` +
        `Remove it from those campaigns' contactLists (or delete the campaigns) first; a list is never deleted while a campaign may dial it.`,
    );
  if (users.length > 0 || observed.isListInUse === true) throw inUse(await Promise.all(users.map(async (campaignId) => describeCampaign(ctx, campaignId))), "Kore says it is in use");
  // Kore's answer says nothing about use: the campaigns this process knows must each be known not to name it.
  if (observed.campaignInUse === undefined && observed.isListInUse === undefined) {
    const { users: named, unsure } = await campaignsNaming(ctx, name);
    if (named.length > 0) throw inUse(named, "");
    if (unsure) throw inUse([], `Kore's answer does not say whether a campaign uses it, and ${unsure}, so it may still be dialed`);
  }
  try {
    await ctx.client.deleteContactList(id);
  } catch (err) {
    if (!(err instanceof KoreApiError && err.status === 404)) throw err;
  }
  ctx.names.forget(id);
  return "deleted";
}

/**
 * The campaigns (of this process's view of the app) whose contact lists name `listName`, by the lists their
 * listing (or this process's own create or update) recorded; `unsure` says why that cannot rule out a use.
 */
async function campaignsNaming(ctx: ContactListContext, listName: string): Promise<{ users: string[]; unsure?: string }> {
  if (!ctx.campaigns) return { users: [], unsure: "this provider has no view of the app's campaigns" };
  let entries: Awaited<ReturnType<NameView["entries"]>>;
  try {
    entries = await ctx.campaigns.entries();
  } catch (err) {
    return { users: [], unsure: `listing the app's campaigns failed (${messageOf(err)})` };
  }
  const key = listName.trim().toLowerCase();
  const users: string[] = [];
  const unknown: string[] = [];
  for (const entry of entries) {
    const lists = entry.record?.contactLists;
    if (!Array.isArray(lists)) unknown.push(`"${entry.name}" (${entry.id})`);
    else if (lists.some((l) => typeof l === "string" && l.trim().toLowerCase() === key)) users.push(`"${entry.name}" (${entry.id})`);
  }
  if (unknown.length > 0) return { users, unsure: `the contact lists of campaign${unknown.length > 1 ? "s" : ""} ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ", ..." : ""} are not known` };
  return { users };
}

async function describeCampaign(ctx: ContactListContext, campaignId: string): Promise<string> {
  const name = await ctx.campaigns?.nameOf(campaignId).catch(() => undefined);
  return name === undefined ? campaignId : `"${name}" (${campaignId})`;
}
