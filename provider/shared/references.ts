/**
 * References by name to other resources of an app (a campaign's contact lists): every name must exist
 * before anything that dials is written. Looked up in the process's shared name view (one listing for
 * every campaign of the stack); a name the view does not know is looked up once more in a fresh listing
 * (at most one a second: name-view.ts `recheck`), since another stack or person may have made it since.
 *
 * A name must match exactly, case included: Kore's docs do not say whether a campaign's list names are
 * compared without case, so a name that differs only in case is refused with the exact spelling to use
 * (list *names* are unique without case, as `lname` shows; that is a different rule).
 */
import type { NameView } from "./name-view";
import { closestKeys } from "./suggest";

export interface ReferenceKind {
  /** the referencing field, for messages: `contactLists` */
  field: string;
  /** what is referenced: `contact list` */
  noun: string;
  /** how to make one: `declare it as a ContactList in this stack, or create it in Kore.ai first` */
  remedy: string;
}

export class MissingReferenceError extends Error {
  constructor(
    message: string,
    readonly missing: string[],
  ) {
    super(message);
    this.name = "MissingReferenceError";
  }
}

/** Refuses (before any write) when a referenced name is not in the app; says which, where, and what is close. */
export async function checkReferences(view: NameView, names: readonly string[], kind: ReferenceKind, appId: string): Promise<void> {
  const missing: Array<{ index: number; name: string; spelled?: string }> = [];
  for (const [index, name] of names.entries()) {
    const found = (await view.entry(name)) ?? (await view.recheckEntry(name));
    if (found?.name === name) continue;
    missing.push({ index, name, spelled: found?.name });
  }
  if (missing.length === 0) return;
  const known = await view.knownNames();
  const lines = missing.map(({ index, name, spelled }) => {
    if (spelled !== undefined) return `${kind.field}[${index}]: ${JSON.stringify(name)} differs from the ${kind.noun} ${JSON.stringify(spelled)} of app ${appId} only in case; write it exactly`;
    const close = closestKeys(name, known);
    const hint = close.length > 0 ? `; did you mean ${close.map((c) => JSON.stringify(c)).join(" or ")}?` : "";
    return `${kind.field}[${index}]: no ${kind.noun} named ${JSON.stringify(name)} in app ${appId}${hint}`;
  });
  const none = known.length === 0 ? ` (the app has no ${kind.noun}s)` : "";
  throw new MissingReferenceError(`${lines.join("\n")}\nNothing was written${none}: ${kind.remedy}.`, missing.map((m) => m.name));
}
