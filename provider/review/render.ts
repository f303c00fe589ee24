/**
 * The review as a pull-request comment (Markdown) or as JSON for other tools. Values are shown with
 * formatValue (short, and never something that looks like a credential); Pulumi secrets are "[secret]";
 * an SMS message's text only as a short excerpt with its length and digest (messages.ts); the dynamic
 * provider's `__provider` blob is never read, so it cannot be shown. Pure.
 */
import { HORIZON_WEEKS, type Horizon } from "../shared/outbound/exposure";
import { isSigned } from "../shared/secret-envelope";
import { UNKNOWN } from "../shared/properties";
import { formatValue } from "../shared/validation";
import type { FieldChange, Operation, ResourceChange } from "./changes";
import { FLAGS, type RaisedFlag } from "./flags";
import type { ComplianceNote } from "./compliance";
import { channelReading } from "./channels";
import { shownField, type MessageNote } from "./messages";
import type { Preview } from "./preview";

/** The summary of a preview that did not complete. */
export const FAILED_SUMMARY = "the preview failed; nothing can be judged";

/** The value with every Pulumi secret (any signed value) replaced by "[secret]". */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== "object" || value === null) return value;
  if (isSigned(value)) return "[secret]";
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutSecrets(v)]));
}

const show = (value: unknown) => {
  const shown = withoutSecrets(value);
  return shown === "[secret]" ? "[secret]" : shown === UNKNOWN ? "[unknown]" : formatValue(shown);
};

/** Control characters (all but the line breaks the output is made of) and bidirectional overrides: never printed. */
const printable = (text: string) => text.replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "");

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const OPERATION_WORDS: Readonly<Record<Operation, [string, string]>> = {
  create: ["create", "creates"],
  update: ["update", "updates"],
  delete: ["deletion", "deletions"],
  replace: ["replacement", "replacements"],
};

/** The one label a change counts under in the summary: its most important flag, else its operation. */
function labelOf(change: ResourceChange, flags: readonly RaisedFlag[]): [string, string] {
  const raised = new Set(flags.filter((f) => f.resourceName === change.resourceName).map((f) => f.id));
  const words = channelReading(change.channel).words;
  if (change.kind === "campaign" && raised.has("starts")) return words.starts;
  if (change.kind === "campaign" && raised.has("deletes-active")) {
    const what = `${change.old?.status === "Scheduled" ? "a Scheduled" : "an Active"} campaign`;
    const [one, many] = OPERATION_WORDS[change.operation];
    return [`${one} of ${what}`, `${many} of ${what.replace(/^an? /, "")}s`];
  }
  if (change.kind === "campaign" && raised.has("stops")) return words.stops;
  return OPERATION_WORDS[change.operation];
}

/** The summary's order: what dials or stops people first, then plain operations. */
const SUMMARY_ORDER = [/^starts dialing/, /^starts texting/, /of an? (Active|Scheduled)/, /^stops (dialing|texting)/, /^create/, /^update/, /^replacement/, /^deletion/];

/** `3 campaigns change: 1 starts dialing, 1 update, 1 deletion of an Active campaign` (and the same for lists). */
export function summaryLine(changes: readonly ResourceChange[], flags: readonly RaisedFlag[]): string {
  const parts: string[] = [];
  for (const [kind, one, many] of [["campaign", "campaign changes", "campaigns change"], ["contactList", "contact list changes", "contact lists change"]] as const) {
    const ofKind = changes.filter((c) => c.kind === kind);
    if (ofKind.length === 0) continue;
    const counts = new Map<string, { n: number; words: [string, string] }>();
    for (const change of ofKind) {
      const words = labelOf(change, flags);
      const seen = counts.get(words[0]);
      counts.set(words[0], { n: (seen?.n ?? 0) + 1, words });
    }
    const rank = (words: [string, string]) => SUMMARY_ORDER.findIndex((re) => re.test(words[0]));
    const detail = [...counts.values()]
      .sort((a, b) => rank(a.words) - rank(b.words))
      .map(({ n, words }) => plural(n, words[0], words[1]))
      .join(", ");
    parts.push(`${plural(ofKind.length, one, many)}: ${detail}`);
  }
  return parts.length > 0 ? parts.join("; ") : "No campaign or contact list changes.";
}

/** A Markdown table cell: one line, pipes escaped. */
const cell = (text: string) => text.replace(/[\r\n]+/g, " ").replace(/\|/g, "\\|");
/** Text from a definition shown as plain text: no HTML, no @mention, no link or emphasis markup. */
const plain = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/@/g, "@\u200b").replace(/([\\`*_~[\]])/g, "\\$1"); // a link needs [ ], so ( ) stay as they are
/** A code span: nothing in it is markup (a backtick in the value becomes '). */
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;
const fieldText = (f: FieldChange) => `${f.path}: ${show(f.old)} → ${show(f.new)}`;

export interface Review {
  summary: string;
  /** Why the preview cannot be judged, when it did not complete (then changes and flags are empty). */
  failed?: string;
  /** The instants judged: 8 weeks from the preview's time. */
  horizon: Horizon;
  changes: ResourceChange[];
  flags: RaisedFlag[];
  /** With --policy: the compliance findings not raised as the flag (broken before too; warnings). */
  compliance?: { policies: string[]; notes: ComplianceNote[] };
  /** SMS campaigns created or whose message changes: each message's length in SMS segments. */
  messages?: MessageNote[];
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/:00\.000Z$/, "Z");

/** The pull-request comment. */
export function renderMarkdown(review: Review, preview: Preview): string {
  const summary = review.failed ? review.summary.charAt(0).toUpperCase() + review.summary.slice(1) : review.summary;
  const lines = ["### Kore.ai campaigns: what this change does", "", `**${cell(plain(summary))}**`, ""];
  if (review.failed) {
    lines.push(`The preview did not complete (${cell(plain(review.failed))}): no change in it was reviewed. Fix the preview's errors (see the job's log) and run it again.`, "");
    return printable(lines.join("\n"));
  }
  if (review.changes.length > 0) {
    lines.push("| resource | Kore.ai name | operation | changed fields |", "|---|---|---|---|");
    for (const c of review.changes) {
      const kind = c.kind === "contactList" ? " (contact list)" : c.channel === "sms" ? ` (${channelReading(c.channel).noun})` : "";
      const fields = c.fields.length > 0 ? c.fields.map((f) => code(fieldText(shownField(c, f)))).join("<br>") : "";
      lines.push(`| ${cell(plain(c.resourceName))}${kind} | ${cell(plain(c.koreName ?? ""))} | ${c.operation} | ${cell(fields)} |`);
    }
    lines.push("");
  }
  if (review.flags.length > 0) {
    lines.push("**Dialing impact**", "");
    for (const f of review.flags) lines.push(`- **${f.id}** (${cell(plain(f.resourceName))}): ${cell(plain(f.explanation))}`);
    lines.push("");
  }
  if (review.messages && review.messages.length > 0) {
    lines.push("**SMS messages**", "");
    for (const m of review.messages) lines.push(`- ${cell(plain(m.resourceName))}: ${cell(plain(m.text))}`);
    lines.push("");
  }
  if (review.compliance && review.compliance.notes.length > 0) {
    lines.push(`**Compliance (${review.compliance.policies.join(", ").toLowerCase()}): not raised by this change**`, "");
    for (const n of review.compliance.notes) lines.push(`- ${n.kind === "existing" ? "already before this change" : "warning"} (${cell(plain(n.resourceName))}): ${cell(plain(n.message))}`);
    lines.push("");
  }
  const stoppedOutside = review.changes.filter((c) => c.kind === "campaign" && c.old?.facts?.stoppedOutsideGit !== undefined && c.old?.facts?.stoppedOutsideGit !== null);
  for (const c of stoppedOutside) lines.push(`- ${cell(plain(c.resourceName))}: stopped outside git; stays stopped unless \`restartedAt\` changes with \`started: true\``);
  if (stoppedOutside.length > 0) lines.push("");
  lines.push(`Dialing judged from ${iso(review.horizon.from)} over ${HORIZON_WEEKS} weeks.`, "");
  lines.push("<details><summary>Preview steps (from <code>pulumi preview --json</code>)</summary>", "", "```");
  for (const step of preview.steps) if (step.op !== "same") lines.push(`${step.op} ${step.urn.replace(/`/g, "'")}`);
  const totals = Object.entries(preview.changeSummary ?? {}).map(([op, n]) => `${op}: ${n}`);
  if (totals.length > 0) lines.push(totals.join(", "));
  lines.push("```", "", "</details>", "");
  return printable(lines.join("\n"));
}

/** The same facts as JSON (values with secrets replaced). */
export function renderJson(review: Review): string {
  const changes = review.changes.map((change) => {
    const { old, next: _n, fields, ...c } = change;
    return {
      ...c,
      // an SMS message as an excerpt with its digest: the record still tells any two texts apart
      fields: fields.map((field) => shownField(change, field)).map((f) => ({ path: f.path, old: withoutSecrets(f.old), new: withoutSecrets(f.new) })),
      // what state knew of the server before the change: the merge guard (approval.ts) compares it
      ...(old?.status !== undefined ? { statusBefore: old.status } : {}),
      ...(isPresent(old?.facts?.stoppedOutsideGit) ? { stoppedOutsideGit: true } : {}),
    };
  });
  const horizon = { from: new Date(review.horizon.from).toISOString(), to: new Date(review.horizon.to).toISOString() };
  return printable(`${JSON.stringify({ summary: review.summary, ...(review.failed ? { failed: review.failed } : {}), horizon, changes, flags: review.flags, ...(review.compliance ? { compliance: review.compliance } : {}), ...(review.messages ? { messages: review.messages } : {}) }, null, 2)}\n`);
}

const isPresent = (v: unknown) => v !== undefined && v !== null;

/** The flags' ids and meanings, for `--help`. */
export const FLAG_LEGEND = FLAGS.map((f) => `  ${f.id.padEnd(16)} ${f.meaning}`).join("\n");
