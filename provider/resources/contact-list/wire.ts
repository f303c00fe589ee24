/**
 * A contact list on the wire: the create body, and what a record (create, get, list, delete answers)
 * says about the definition and the list's life.
 *
 * Readings chosen where the docs disagree (README "Contact lists"):
 * - `source`: the body table says "passiveApi", the sample request "passiveApiIntegration". We send the
 *   sample's value (the rule of this project: follow the sample requests); answers carry either.
 * - `allowDuplicates`: the create answer carries it; the get/list/delete samples do not, and show only
 *   `apiConfigurations.dataSyncMode: "allowDuplicates"` for a list that allows them. So: the field when
 *   present, else dataSyncMode "allowDuplicates" means true and any other dataSyncMode false, else the
 *   value known before (a record that says nothing changes nothing).
 * - `campaignInUse`: "List of campaigns (IDs)"; kept as given.
 */
import type { ContactListDefinition } from "./schema";

export const CONTACT_LIST_SOURCE = "passiveApiIntegration";

export function toContactListBody(def: ContactListDefinition): Record<string, unknown> {
  return { name: def.name, description: def.description, source: CONTACT_LIST_SOURCE, allowDuplicates: def.allowDuplicates };
}

/** What Kore reports about a list beyond its definition. */
export interface ContactListObserved {
  status?: string;
  lname?: string;
  totalRecordCount?: number;
  isListInUse?: boolean;
  campaignInUse?: string[];
  source?: string;
  createdAt?: string;
  updatedAt?: string;
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function allowDuplicatesOf(record: Record<string, unknown>, previous: boolean | undefined): boolean | undefined {
  if (typeof record.allowDuplicates === "boolean") return record.allowDuplicates;
  const config = record.apiConfigurations;
  const mode = config && typeof config === "object" ? (config as Record<string, unknown>).dataSyncMode : undefined;
  if (typeof mode === "string") return mode === "allowDuplicates";
  return previous;
}

/** The definition a record shows (fields it lacks keep `previous`), and what it observed. */
export function fromWireContactList(
  record: Record<string, unknown>,
  previous: Partial<ContactListDefinition> = {},
): { definition: Partial<ContactListDefinition>; observed: ContactListObserved } {
  const campaigns = Array.isArray(record.campaignInUse) ? record.campaignInUse.map((c) => (typeof c === "string" ? c : str((c as { id?: unknown })?.id) ?? String(c))) : undefined;
  return {
    definition: {
      name: str(record.name) ?? previous.name,
      description: str(record.description) ?? previous.description,
      allowDuplicates: allowDuplicatesOf(record, previous.allowDuplicates),
    },
    observed: {
      status: str(record.status),
      lname: str(record.lname),
      totalRecordCount: typeof record.totalRecordCount === "number" ? record.totalRecordCount : undefined,
      isListInUse: typeof record.isListInUse === "boolean" ? record.isListInUse : campaigns ? campaigns.length > 0 : undefined,
      campaignInUse: campaigns,
      source: str(record.source),
      createdAt: str(record.createdAt),
      updatedAt: str(record.updatedAt),
    },
  };
}
