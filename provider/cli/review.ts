/**
 * `kore-campaigns review`: the I/O around provider/review (read the preview from a file or stdin,
 * print Markdown or JSON, exit 2 when a gated flag is raised). Offline: no credentials, no Pulumi.
 */
import { parsePolicies } from "../compliance";
import * as fs from "fs";
import { CONTACT_LISTS_FOLDER, SMS_CAMPAIGNS_FOLDER } from "../gitops";
import {
  codeChangedFlags,
  differencesFrom,
  DEFAULT_QUIET_HOURS,
  FLAG_IDS,
  FLAG_LEGEND,
  freshnessLine,
  lastRefreshOf,
  parseApproved,
  parseChangedFiles,
  parsePreview,
  parseQuietHours,
  recordComment,
  renderJson,
  renderMarkdown,
  reviewOf,
} from "../review";
import { readFlags } from "./flags";
import type { CliOutput } from "./output";

export const REVIEW_USAGE = `review: a pull-request comment from \`pulumi preview --json\` (a file, or standard input): one summary
line, a table of the campaigns and contact lists that change (path: old → new), and the dialing-impact
flags; offline.
--preview FILE        the preview JSON (default: standard input)
--format markdown|json  markdown (default) for a comment; json for other tools
--fail-on FLAGS       comma-separated flag ids: exit 2 when any of them is raised
--policy us,uk,in     judge the compliance rules (docs/compliance.md): a rule the change newly breaks raises
                      the \`compliance\` flag; rules broken before too, and warnings, are listed apart
--quiet-hours S-E     the window outside which calling hours get a reminder (default 8:00 AM-9:00 PM)
--changed-files FILE  the pull request's changed paths (git diff --name-only --no-renames, or -z): each one
                      outside campaigns/, sms-campaigns/ and contact-lists/ raises code-changed
--history FILE        \`pulumi stack history --json\`: the comment says when the statuses were last read
--record              end the comment with a hidden record of this review, for --approved
--approved FILE       a review comment with its record (or review --format json): exit 3, naming each
                      difference, when this preview's review is not exactly the approved one
--now TIME            the preview's time (ISO 8601, e.g. 2026-12-07T09:00:00Z): dialing is judged over
                      the 8 weeks from it (default: the current time)
flags:
${FLAG_LEGEND}
review exits 0, or 2 when a --fail-on flag is raised, or 3 when the review differs from --approved, or 1
when the input or a flag name is wrong, a resource type of the kore package is one it does not know, or the
preview failed (nothing can be judged).`;

/** Most bytes of preview JSON read (a preview of 1000 campaigns is about 10 MB). */
const MAX_PREVIEW_BYTES = 64 * 1024 * 1024;

const REVIEW_FLAGS = {
  preview: { type: "string" },
  format: { type: "string", default: "markdown" },
  "fail-on": { type: "string" },
  "quiet-hours": { type: "string" },
  policy: { type: "string" },
  "changed-files": { type: "string" },
  history: { type: "string" },
  record: { type: "boolean", default: false },
  approved: { type: "string" },
  now: { type: "string" },
} as const;

export function runReview(argv: readonly string[], io: CliOutput, readStdin: () => string = () => fs.readFileSync(0, "utf8")): number {
  const fail = (message: string) => {
    io.err(`kore-campaigns review: ${message}`);
    return 1;
  };
  const flags = readFlags(argv, io, { options: REVIEW_FLAGS, help: REVIEW_USAGE, usageError: fail });
  if (typeof flags === "number") return flags;
  const { values } = flags;
  if (values.format !== "markdown" && values.format !== "json") return fail(`unknown format ${JSON.stringify(values.format)} (markdown or json)`);
  const gated = (values["fail-on"] ?? "").split(",").map((f) => f.trim()).filter((f) => f !== "");
  const unknown = gated.filter((f) => !FLAG_IDS.includes(f));
  if (unknown.length > 0) return fail(`unknown flag ${unknown.map((f) => JSON.stringify(f)).join(", ")} in --fail-on; known flags: ${FLAG_IDS.join(", ")}`);
  const quiet = values["quiet-hours"] === undefined ? DEFAULT_QUIET_HOURS : parseQuietHours(values["quiet-hours"]);
  if (!quiet) return fail(`--quiet-hours must be two times, start before end, such as "8:00 AM-9:00 PM" (got ${JSON.stringify(values["quiet-hours"])})`);

  const policy = values.policy === undefined ? undefined : parsePolicies(values.policy);
  if (policy && "error" in policy) return fail(policy.error);

  const now = values.now === undefined ? Date.now() : Date.parse(values.now);
  if (Number.isNaN(now) || (values.now !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(values.now))) {
    return fail(`--now must be an ISO 8601 time with its offset, such as "2026-12-07T09:00:00Z" (got ${JSON.stringify(values.now)})`);
  }

  const source = values.preview ?? "standard input";
  const inputs: Partial<Record<"preview" | "changed-files" | "history" | "approved", string>> = {};
  for (const name of ["preview", "changed-files", "history", "approved"] as const) {
    const file = values[name];
    if (name !== "preview" && file === undefined) continue;
    try {
      if (file !== undefined && fs.statSync(file).size > MAX_PREVIEW_BYTES) return fail(`${file}: larger than ${MAX_PREVIEW_BYTES} bytes`);
      inputs[name] = file === undefined ? readStdin() : fs.readFileSync(file, "utf8");
    } catch (err) {
      return fail(`${file ?? source}: could not be read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
  let review, preview, approved, freshness;
  try {
    preview = parsePreview(inputs.preview!, source);
    review = reviewOf(preview, { quiet, now, ...(policy ? { policies: policy.policies } : {}) });
    // the definition folders: the program's default campaigns folder, and the SMS campaigns and contact lists beside it
    if (inputs["changed-files"] !== undefined) review.flags.push(...codeChangedFlags(parseChangedFiles(inputs["changed-files"]), ["campaigns", SMS_CAMPAIGNS_FOLDER, CONTACT_LISTS_FOLDER]));
    if (inputs.history !== undefined) freshness = freshnessLine(lastRefreshOf(parseJson(inputs.history, values.history!), values.history), Date.now());
    if (inputs.approved !== undefined) approved = parseApproved(inputs.approved, values.approved!);
  } catch (err) {
    return fail((err as Error).message);
  }
  if (review.failed) {
    io.out(values.format === "json" ? renderJson(review).trimEnd() : renderMarkdown(review, preview).trimEnd());
    return fail(`${source}: ${review.summary} (${review.failed})`);
  }
  const json = renderJson(review);
  const markdown = [renderMarkdown(review, preview).trimEnd(), ...(freshness ? ["", freshness] : []), ...(values.record ? ["", recordComment(JSON.parse(json))] : [])];
  io.out(values.format === "json" ? json.trimEnd() : markdown.join("\n"));
  if (approved) {
    const differences = differencesFrom(approved, JSON.parse(json));
    if (differences.length > 0) {
      io.err(`kore-campaigns review: this preview is not the approved review; apply nothing until the pull request is reviewed again:\n${differences.map((d) => `  - ${d}`).join("\n")}`);
      return 3;
    }
    io.err(`kore-campaigns review: the same as the approved review (${review.changes.length} changes, ${review.flags.length} flags)`);
  }
  const raised = review.flags.filter((f) => gated.includes(f.id));
  if (raised.length > 0) {
    io.err(`kore-campaigns review: ${raised.map((f) => `${f.id} (${f.resourceName})`).join(", ")} raised; --fail-on ${gated.join(",")}`);
    return 2;
  }
  return 0;
}

function parseJson(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${source}: not JSON; expected the output of \`pulumi stack history --json\``);
  }
}
