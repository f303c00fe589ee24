/**
 * Language-level helpers every layer uses, written once: the record guard and an error's message.
 * No domain knowledge here (the lowest layer: it imports nothing from provider/).
 */

/** A JSON-style object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value itself when it is a record, else undefined (for optional chaining over unknown data). */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** What was thrown, as text: an Error's message, anything else as String() makes it. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
