/**
 * Apply only what was reviewed: the pull-request comment carries a record of its review (the JSON
 * `review --format json` prints: changes with their fields, and flags), and the merge job compares the
 * review of its own fresh preview with that record. Any difference (a resource more or less, another
 * operation, other field values, a flag raised or gone) is named, and the merge job applies nothing.
 * A console edit between review and merge shows up here as different old values, another status before the
 * change (a console stop or pause), or new flags. Pure.
 */
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { formatValue } from "../shared/validation";
import { CODE_CHANGED } from "./code-changes";

const field = z.looseObject({ path: z.string(), old: z.unknown().optional(), new: z.unknown().optional() });
const change = z.looseObject({
  kind: z.string(),
  /** campaigns: "voice" or "sms" (a record written before SMS has none: voice) */
  channel: z.string().optional(),
  resourceName: z.string(),
  operation: z.string(),
  fields: z.array(field),
  /** the status state knew before the change (the drift job's snapshot for the pull request, a fresh refresh at merge) */
  statusBefore: z.string().optional(),
  stoppedOutsideGit: z.boolean().optional(),
});
const flag = z.looseObject({ id: z.string(), resourceName: z.string() });

/** The part of `review --format json` that an approval covers. */
export const reviewRecordSchema = z.looseObject({ changes: z.array(change), flags: z.array(flag) });
export type ReviewRecord = z.infer<typeof reviewRecordSchema>;

const MARKER = "kore-campaigns review record v1";
/** GitHub refuses comments over 65536 characters; the record gets what the table leaves. */
const MAX_RECORD_CHARS = 40_000;

/** The record as a hidden HTML comment for the end of the pull-request comment (base64: no `-->` can end it early). */
export function recordComment(record: ReviewRecord): string {
  const { changes, flags } = record;
  const json = JSON.stringify({ changes, flags });
  const encoded = Buffer.from(json, "utf8").toString("base64");
  if (encoded.length > MAX_RECORD_CHARS) return `<!-- ${MARKER}: too-large -->`;
  return `<!-- ${MARKER}: ${encoded} -->`;
}

export class ApprovalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ApprovalError";
  }
}

/**
 * The approved record in `text`: the JSON `review --format json` printed, or a comment that carries a
 * record (the last one in it counts). `source` names the file in messages.
 */
export function parseApproved(text: string, source: string): ReviewRecord {
  const markers = [...text.matchAll(new RegExp(`<!-- ${MARKER}: ([A-Za-z0-9+/=]+|too-large) -->`, "g"))];
  let value: unknown;
  if (markers.length > 0) {
    const encoded = markers[markers.length - 1][1];
    if (encoded === "too-large") throw new ApprovalError(`${source}: the reviewed comment holds no record (the review was too large to record): split the pull request`);
    try {
      value = JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
    } catch {
      throw new ApprovalError(`${source}: the review record in the comment is not readable JSON`);
    }
  } else {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApprovalError(`${source}: neither the JSON of \`kore-campaigns review --format json\` nor a review comment with its record`);
    }
  }
  const parsed = reviewRecordSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApprovalError(`${source}: not a review record (${issue.path.join(".") || "the top level"}: ${issue.message})`);
  }
  return parsed.data;
}

type Field = z.infer<typeof field>;
/** A voice and an SMS campaign may share a resource name (their types differ): the channel tells them apart. */
const keyOf = (c: { kind: string; channel?: string; resourceName: string }) => `${c.resourceName} (${c.kind === "contactList" ? "contact list" : c.channel === "sms" ? "SMS campaign" : c.kind})`;
/**
 * The same value as the record's JSON holds it: the approved side was parsed from JSON, the fresh one may be
 * computed (an `undefined` key is the key JSON leaves out); key order does not matter.
 */
const asJson = (v: unknown): unknown => {
  const text = JSON.stringify(v);
  return text === undefined ? undefined : JSON.parse(text);
};
const same = (a: unknown, b: unknown) => isDeepStrictEqual(asJson(a), asJson(b));
const fieldText = (f: Field | undefined) => (f ? `${formatValue(f.old)} → ${formatValue(f.new)}` : "no change");
const fieldsText = (fields: readonly Field[]) => (fields.length === 0 ? "" : ` (${fields.map((f) => `${f.path}: ${fieldText(f)}`).join(", ")})`);

/**
 * What differs between the approved record and a fresh review, one line each; empty when they match.
 * `code-changed` is left out on both sides: it is about the pull request's files (the merge job runs
 * the merged code), and its approval is the maintainer's review of that code.
 */
export function differencesFrom(approved: ReviewRecord, fresh: ReviewRecord): string[] {
  const lines: string[] = [];
  const before = new Map(approved.changes.map((c) => [keyOf(c), c]));
  const now = new Map(fresh.changes.map((c) => [keyOf(c), c]));
  for (const [key, c] of now) {
    const was = before.get(key);
    if (!was) {
      lines.push(`${key}: ${c.operation}${fieldsText(c.fields)} is not in the approved review`);
      continue;
    }
    if (was.operation !== c.operation) lines.push(`${key}: the approved review has ${was.operation}, this preview ${c.operation}`);
    // the server moved between review and merge (a console stop or pause, Kore's schedule): judged anew
    if (was.statusBefore !== c.statusBefore || Boolean(was.stoppedOutsideGit) !== Boolean(c.stoppedOutsideGit)) {
      const now = `${c.statusBefore ?? "unknown"}${c.stoppedOutsideGit ? " (stopped outside git)" : ""}`;
      lines.push(`${key}: its status was ${was.statusBefore ?? "unknown"}${was.stoppedOutsideGit ? " (stopped outside git)" : ""} when reviewed, now ${now}`);
    }
    const paths = [...new Set([...was.fields, ...c.fields].map((f) => f.path))];
    for (const path of paths) {
      const [a, b] = [was.fields.find((f) => f.path === path), c.fields.find((f) => f.path === path)];
      if (!a || !b || !same(a.old, b.old) || !same(a.new, b.new)) lines.push(`${key}: ${path}: approved ${fieldText(a)}, now ${fieldText(b)}`);
    }
  }
  for (const [key, c] of before) if (!now.has(key)) lines.push(`${key}: the approved ${c.operation} is not in this preview`);
  const flagKey = (f: { id: string; resourceName: string }) => `${f.id} (${f.resourceName})`;
  const gated = (flags: ReviewRecord["flags"]) => new Set(flags.filter((f) => f.id !== CODE_CHANGED).map(flagKey));
  const [approvedFlags, freshFlags] = [gated(approved.flags), gated(fresh.flags)];
  for (const f of freshFlags) if (!approvedFlags.has(f)) lines.push(`flag ${f} is raised now, and the approved review did not show it`);
  for (const f of approvedFlags) if (!freshFlags.has(f)) lines.push(`flag ${f} was in the approved review, and is not raised now`);
  return lines;
}
