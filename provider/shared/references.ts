/**
 * References by name to other resources of an app (a campaign's contact lists): every name must exist
 * before anything that dials is written. Looked up in the process's shared name view (one listing for
 * every campaign of the stack); a name the view does not know is looked up once more in a fresh listing
 * (at most one a second: name-view.ts `recheck`), since another stack or person may have made it since.
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
  const missing: Array<{ index: number; name: string }> = [];
  for (const [index, name] of names.entries()) {
    if ((await view.find(name)) !== undefined) continue;
    if ((await view.recheck(name)) !== undefined) continue;
    missing.push({ index, name });
  }
  if (missing.length === 0) return;
  const known = await view.knownNames();
  const lines = missing.map(({ index, name }) => {
    const close = closestKeys(name, known);
    const hint = close.length > 0 ? `; did you mean ${close.map((c) => JSON.stringify(c)).join(" or ")}?` : "";
    return `${kind.field}[${index}]: no ${kind.noun} named ${JSON.stringify(name)} in app ${appId}${hint}`;
  });
  const none = known.length === 0 ? ` (the app has no ${kind.noun}s)` : "";
  throw new MissingReferenceError(`${lines.join("\n")}\nNothing was written${none}: ${kind.remedy}.`, missing.map((m) => m.name));
}
