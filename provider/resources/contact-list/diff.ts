/**
 * What changed in a contact list, and whether Pulumi may apply it. Kore documents no update for contact
 * lists, so any change to the definition, or a move to another app, needs a replacement; a replacement
 * deletes the list with its contacts, so it happens only when the resource opts in (allowReplacement).
 * Without it the change is refused with what to do instead.
 */
import { sameTarget, type KoreTarget } from "../../kore-api/target";
import { formatValue } from "../../shared/validation";
import { CONTACT_LIST_DEFINITION_KEYS, type ContactListDefinition } from "./schema";

export interface ContactListDiff {
  /** definition fields that differ */
  changed: Array<(typeof CONTACT_LIST_DEFINITION_KEYS)[number]>;
  moved: boolean;
}

export function diffContactList(
  old: { definition: Partial<ContactListDefinition>; target?: KoreTarget },
  next: { definition: ContactListDefinition; target?: KoreTarget },
): ContactListDiff {
  const changed = CONTACT_LIST_DEFINITION_KEYS.filter((k) => old.definition[k] !== undefined && old.definition[k] !== next.definition[k]);
  const moved = old.target !== undefined && next.target !== undefined && !sameTarget(old.target, next.target);
  return { changed, moved };
}

/** The refusal of a change that only a replacement could make. */
export function replacementRefused(
  resourceName: string,
  old: { definition: Partial<ContactListDefinition>; target?: KoreTarget },
  next: { definition: ContactListDefinition; target?: KoreTarget },
  d: ContactListDiff,
): string {
  const lines = d.changed.map((k) => `  ${k}: ${formatValue(old.definition[k])} (on the server / in state) -> ${formatValue(next.definition[k])} (in the definition)`);
  if (d.moved) lines.push(`  connection: app ${old.target?.appId} -> app ${next.target?.appId}`);
  return (
    `contact list "${resourceName}" cannot be changed in place: Kore.ai has no update for contact lists, and replacing one deletes its contacts.\n` +
    `${lines.join("\n")}\n` +
    `Either put the definition back as it is on the server, or declare a new ContactList (a new name) and move the campaigns to it, ` +
    `or set allowReplacement: true to delete this list and create it again, empty.`
  );
}
