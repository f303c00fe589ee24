/**
 * Creates whose answer never reached an engine (the process was killed between the POST and the
 * state write). The Pulumi adapter keeps them on disk (pulumi/create-journal.ts); a resource's
 * lifecycle only sees this interface, bound to one app.
 */

export interface InterruptedCreate {
  /** targetKey of the app */
  app: string;
  lname: string;
  /** when the POST was about to be sent (ISO) */
  intendedAt: string;
  /** the id, once the POST's answer was read */
  id?: string;
}

/** A create journal bound to one app. */
export interface InterruptedCreates {
  intend(name: string): void;
  record(name: string, id: string): void;
  find(name: string): InterruptedCreate | undefined;
  done(name: string): void;
}

/** How much earlier than the intent Kore's clock may put a campaign's createdAt and still match. */
const CLOCK_SKEW_MS = 5 * 60_000;



/** Is the resource found on the server the one an interrupted create made? */
export function madeByInterruptedCreate(entry: InterruptedCreate, found: { id: string; createdAt?: string }): boolean {
  if (entry.id !== undefined) return entry.id === found.id;
  const created = found.createdAt ? Date.parse(found.createdAt) : NaN;
  return Number.isFinite(created) && created >= Date.parse(entry.intendedAt) - CLOCK_SKEW_MS;
}
