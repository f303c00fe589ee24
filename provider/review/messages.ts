/**
 * An SMS campaign's message in the review: its length in SMS segments (what each contact's carrier bills),
 * stated when the campaign is created or its message changes, and how a message's text is shown: never
 * whole, only a short excerpt with its length and a digest (so the approval record still tells any two
 * texts apart). Pure.
 */
import { createHash } from "node:crypto";
import { describeSegments } from "../resources/sms-campaign/segments";
import { PLACEHOLDER_PATTERN } from "../resources/sms-campaign/vocabulary";
import { isUnresolved } from "../shared/outbound/exposure";
import { asRecord } from "../util/values";
import type { FieldChange, ResourceChange } from "./changes";

/** One line about a campaign's message, for the comment and the JSON. */
export interface MessageNote {
  resourceName: string;
  /** "message: 2 SMS segments (GSM-7, 170 septets)". */
  text: string;
}

/** How many characters (code points) of a message the review shows. */
export const MESSAGE_EXCERPT = 24;

/** Whether a field's path is the message or under it (its text, a template's body, the template). */
export const isMessagePath = (path: string): boolean => path === "message" || path.startsWith("message.") || path.startsWith("message[");

/** A message's text as the review prints it: `"Hi Sam, your bill of…" (170 characters, sha256 1a2b3c4d5e6f)`; never the whole text. */
export function messageExcerpt(text: string): string {
  const chars = [...text];
  const head = chars.slice(0, MESSAGE_EXCERPT).join("").replace(/\s+/g, " ");
  const digest = createHash("sha256").update(text, "utf8").digest("hex").slice(0, 12);
  return `${head}${chars.length > MESSAGE_EXCERPT ? "…" : ""} (${chars.length} characters, sha256 ${digest})`;
}

/** A value under `message` with each text and body (strings) in excerpt form; other values as they are. */
function excerptsIn(value: unknown, key: string | undefined): unknown {
  if (typeof value === "string") return (key === "text" || key === "body") && !isUnresolved(value) ? messageExcerpt(value) : value;
  if (Array.isArray(value) || isUnresolved(value)) return value;
  const record = asRecord(value);
  return record ? Object.fromEntries(Object.entries(record).map(([k, v]) => [k, excerptsIn(v, k)])) : value;
}

/** A changed field as the review prints it: an SMS campaign's message text in excerpt form (other fields unchanged). */
export function shownField(change: ResourceChange, field: FieldChange): FieldChange {
  if (change.channel !== "sms" || !isMessagePath(field.path)) return field;
  const key = field.path.split(".").pop();
  return { path: field.path, old: excerptsIn(field.old, key), new: excerptsIn(field.new, key) };
}

/** What the review says of one definition's message, or undefined when it has none (format advanced). */
function messageLine(definition: Record<string, unknown>): string | undefined {
  const message = definition.message;
  if (message === undefined || definition.format === "advanced") return undefined;
  const unknown = "not shown in the preview (unknown or secret): its length in SMS segments is not known";
  if (isUnresolved(message)) return `message: ${unknown}`;
  const m = asRecord(message) ?? {};
  if (m.template !== undefined || m.body !== undefined) {
    if (isUnresolved(m.body)) return `message (template body): ${unknown}`;
    if (typeof m.body !== "string") return undefined;
    const fields = PLACEHOLDER_PATTERN.test(m.body) ? "; as written: the values of its dynamic fields change it" : "";
    return `message (template body): ${describeSegments(m.body)}${fields}`;
  }
  if (isUnresolved(m.text)) return `message: ${unknown}`;
  return typeof m.text === "string" ? `message: ${describeSegments(m.text)}` : undefined;
}

/** The message lines of the SMS campaigns a preview creates (or replaces), or whose message (or format) changes. */
export function messageNotesOf(changes: readonly ResourceChange[]): MessageNote[] {
  return changes.flatMap((change) => {
    if (change.channel !== "sms" || !change.next) return [];
    const fresh = change.operation === "create" || change.operation === "replace";
    if (!fresh && !change.fields.some((f) => isMessagePath(f.path) || f.path === "format")) return [];
    const text = messageLine(change.next.definition);
    return text === undefined ? [] : [{ resourceName: change.resourceName, text }];
  });
}
