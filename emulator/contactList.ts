/**
 * A contact list's life on the server: built from a valid body or a seed, named by campaigns, deleted.
 * Pure functions; the caller supplies ids, the time and the campaigns.
 */
import type { Refusal } from "./campaign";
import type { ContactListInfo, ContactListSeed, StoredCampaign, StoredContactList } from "./types";
import { shown, validateContactListBody, type ContactListBody, type Validation } from "./validate";

/** Who owns the lists this emulator makes: its app, account, organisation and API user. */
export interface ListOwner {
  iId: string;
  accountId: string;
  orgId: string;
  userId: string;
}

/** What a contact list is made from: a create body's fields, and (seeds only) a record count. */
export interface ListDefinition {
  name: string;
  description: string;
  allowDuplicates: boolean;
  totalRecordCount: number;
}

/** How many campaigns a refused delete names before "and N more". */
const NAMED_CAMPAIGNS_MAX = 10;

/**
 * Decision: a campaign's `contactLists` entry names a list when it is the list's name exactly, case included.
 * (List names are unique case-insensitively, so a looser match would not be ambiguous; the strict one catches
 * a client that changes the case.) The one place this rule lives.
 */
export const namesList = (entry: string, list: Pick<StoredContactList, "name">): boolean => entry === list.name;

/** Decision: list names are unique per app, compared lowercase (`lname`), as campaign names are. The refusal, if any. */
export function listNameClash(name: string, lists: StoredContactList[]): string | undefined {
  const clash = lists.find((l) => l.lname === name.toLowerCase());
  return clash ? `A contact list named ${shown(clash.name)} already exists (id ${clash.id})` : undefined;
}

/** A new list: Ready, empty unless a seed says otherwise, created and updated now by the owner's API user. */
export function buildContactList(def: ListDefinition, id: string, now: string, owner: ListOwner): StoredContactList {
  return {
    id,
    name: def.name,
    lname: def.name.toLowerCase(),
    description: def.description,
    allowDuplicates: def.allowDuplicates,
    totalRecordCount: def.totalRecordCount,
    status: "Ready",
    orgId: owner.orgId,
    iId: owner.iId,
    accountId: owner.accountId,
    createdBy: owner.userId,
    updatedBy: owner.userId,
    createdAt: now,
    updatedAt: now,
  };
}

/** The list definition of a valid create body (the API makes empty lists). */
export const definitionOf = (body: ContactListBody): ListDefinition => ({
  name: body.name,
  description: body.description,
  allowDuplicates: body.allowDuplicates,
  totalRecordCount: 0,
});

/** A seed, checked by the create body's rules (as if sent with `source: "passiveApi"`), plus `totalRecordCount` >= 0. */
export function validateSeed(seed: ContactListSeed): Validation<ListDefinition> {
  const given: Record<string, unknown> | undefined =
    typeof seed === "string" ? { name: seed } : typeof seed === "object" && seed !== null && !Array.isArray(seed) ? seed : undefined;
  if (!given) return { ok: false, failures: [`a seed must be a name or {name, description?, allowDuplicates?, totalRecordCount?} (got ${shown(seed)})`] };
  const checked = validateContactListBody({ ...given, description: given.description ?? "", source: "passiveApi" });
  const failures = checked.ok ? [] : [...checked.failures];
  const count = given.totalRecordCount ?? 0;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
    failures.push(`totalRecordCount must be an integer >= 0 (got ${shown(count)})`);
  }
  if (!checked.ok || failures.length > 0) return { ok: false, failures };
  return { ok: true, value: { ...definitionOf(checked.value), totalRecordCount: count as number } };
}

/** The campaigns naming `list`, oldest first. */
export function campaignsUsing(list: Pick<StoredContactList, "name">, campaigns: StoredCampaign[]): StoredCampaign[] {
  return campaigns.filter((c) => c.contactLists.some((entry) => namesList(entry, list)));
}

/** The list with `campaignInUse` as it is now. */
export function withUsage(list: StoredContactList, campaigns: StoredCampaign[]): ContactListInfo {
  return { ...list, campaignInUse: campaignsUsing(list, campaigns).map((c) => c.id) };
}

/**
 * Decision: a campaign body may only name lists that exist in the app. One failure per unknown entry, each
 * starting with its path, e.g. `contactLists[1] "Recent Buyers - Q3 2025" is not a contact list in this app`.
 */
export function unknownContactLists(entries: string[], lists: StoredContactList[]): string[] {
  const failures: string[] = [];
  entries.forEach((entry, i) => {
    if (lists.some((l) => namesList(entry, l))) return;
    const other = lists.find((l) => l.lname === entry.toLowerCase());
    const hint = other ? ` (there is ${shown(other.name)}: names must match exactly, case included)` : "";
    failures.push(`contactLists[${i}] ${shown(entry)} is not a contact list in this app${hint}`);
  });
  return failures;
}

/** Decision: a list that campaigns still name cannot be deleted (409), and the refusal names them. */
export function checkListDeletable(list: StoredContactList, campaigns: StoredCampaign[]): { ok: true } | Refusal {
  const users = campaignsUsing(list, campaigns);
  if (users.length === 0) return { ok: true };
  const named = users.slice(0, NAMED_CAMPAIGNS_MAX).map((c) => `${shown(c.name)} (${c.id})`);
  if (users.length > NAMED_CAMPAIGNS_MAX) named.push(`and ${users.length - NAMED_CAMPAIGNS_MAX} more`);
  const which = users.length === 1 ? `campaign ${named[0]}; remove it from its` : `${users.length} campaigns: ${named.join(", ")}; remove it from their`;
  return { ok: false, status: 409, msg: `Contact list ${shown(list.name)} is used by ${which} contactLists first` };
}
