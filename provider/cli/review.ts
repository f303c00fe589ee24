/**
 * `kore-campaigns review`: the I/O around provider/review (read the preview from a file or stdin,
 * print Markdown or JSON, exit 2 when a gated flag is raised). Offline: no credentials, no Pulumi.
 */
import * as fs from "fs";
import { parseArgs } from "node:util";
import { FLAG_IDS, FLAG_LEGEND, parsePreview, parseQuietHours, renderJson, renderMarkdown, reviewOf, DEFAULT_QUIET_HOURS } from "../review";
import type { CliOutput } from "./output";

export const REVIEW_USAGE = `review: a pull-request comment from \`pulumi preview --json\` (a file, or standard input): one summary
line, a table of the campaigns and contact lists that change (path: old → new), and the dialing-impact
flags; offline.
--preview FILE        the preview JSON (default: standard input)
--format markdown|json  markdown (default) for a comment; json for other tools
--fail-on FLAGS       comma-separated flag ids: exit 2 when any of them is raised
--quiet-hours S-E     the window outside which calling hours get a reminder (default 8:00 AM-9:00 PM)
--now TIME            the preview's time (ISO 8601, e.g. 2026-12-07T09:00:00Z): dialing is judged over
                      the 8 weeks from it (default: the current time)
flags:
${FLAG_LEGEND}
review exits 0, or 2 when a --fail-on flag is raised, or 1 when the input or a flag name is wrong, a
resource type of the kore package is one it does not know, or the preview failed (nothing can be judged).`;

/** Most bytes of preview JSON read (a preview of 1000 campaigns is about 10 MB). */
const MAX_PREVIEW_BYTES = 64 * 1024 * 1024;

export function runReview(argv: readonly string[], io: CliOutput, readStdin: () => string = () => fs.readFileSync(0, "utf8")): number {
  const fail = (message: string) => {
    io.err(`kore-campaigns review: ${message}`);
    return 1;
  };
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      allowPositionals: false,
      strict: true,
      options: {
        preview: { type: "string" },
        format: { type: "string", default: "markdown" },
        "fail-on": { type: "string" },
        "quiet-hours": { type: "string" },
        now: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    return fail((err as Error).message);
  }
  if (values.help) {
    io.out(REVIEW_USAGE);
    return 0;
  }
  if (values.format !== "markdown" && values.format !== "json") return fail(`unknown format ${JSON.stringify(values.format)} (markdown or json)`);
  const gated = (values["fail-on"] ?? "").split(",").map((f) => f.trim()).filter((f) => f !== "");
  const unknown = gated.filter((f) => !FLAG_IDS.includes(f));
  if (unknown.length > 0) return fail(`unknown flag ${unknown.map((f) => JSON.stringify(f)).join(", ")} in --fail-on; known flags: ${FLAG_IDS.join(", ")}`);
  const quiet = values["quiet-hours"] === undefined ? DEFAULT_QUIET_HOURS : parseQuietHours(values["quiet-hours"]);
  if (!quiet) return fail(`--quiet-hours must be two times, start before end, such as "8:00 AM-9:00 PM" (got ${JSON.stringify(values["quiet-hours"])})`);

  const now = values.now === undefined ? Date.now() : Date.parse(values.now);
  if (Number.isNaN(now) || (values.now !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(values.now))) {
    return fail(`--now must be an ISO 8601 time with its offset, such as "2026-12-07T09:00:00Z" (got ${JSON.stringify(values.now)})`);
  }

  const source = values.preview ?? "standard input";
  let text: string;
  try {
    if (values.preview !== undefined && fs.statSync(values.preview).size > MAX_PREVIEW_BYTES) return fail(`${source}: larger than ${MAX_PREVIEW_BYTES} bytes`);
    text = values.preview === undefined ? readStdin() : fs.readFileSync(values.preview, "utf8");
  } catch (err) {
    return fail(`${source}: could not be read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  let review, preview;
  try {
    preview = parsePreview(text, source);
    review = reviewOf(preview, { quiet, now });
  } catch (err) {
    return fail((err as Error).message);
  }
  io.out(values.format === "json" ? renderJson(review).trimEnd() : renderMarkdown(review, preview).trimEnd());
  if (review.failed) return fail(`${source}: ${review.summary} (${review.failed})`);
  const raised = review.flags.filter((f) => gated.includes(f.id));
  if (raised.length > 0) {
    io.err(`kore-campaigns review: ${raised.map((f) => `${f.id} (${f.resourceName})`).join(", ")} raised; --fail-on ${gated.join(",")}`);
    return 2;
  }
  return 0;
}
