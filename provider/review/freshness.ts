/**
 * How old the statuses a review judged are. A pull-request preview runs without refresh (its job holds
 * no Kore.ai credential), so the old side of every change (a campaign's status, its fields) is what
 * state held: the last time anything read the server. That time is in the stack's history
 * (`pulumi stack history --json`, newest first): the end of the last successful `refresh`, or of an
 * update run with `--refresh`. The preview JSON has no such time (its steps carry `created` and
 * `modified`, and a refresh that finds nothing new leaves `modified` as it was: seen under 3.248). Pure.
 */
import { z } from "zod";

const entry = z.looseObject({
  kind: z.string(),
  result: z.string().optional(),
  startTime: z.string().optional(),
  endTime: z.string().optional(),
  environment: z.record(z.string(), z.unknown()).optional(),
});
const historySchema = z.array(entry);

export interface LastRefresh {
  /** ISO time the refresh ended. */
  at: string;
  /** `refresh`, or `update` (an `up --refresh`). */
  kind: string;
}

/** The last successful read of the server in `pulumi stack history --json`, or undefined when there is none. */
export function lastRefreshOf(history: unknown, source = "the history"): LastRefresh | undefined {
  const parsed = historySchema.safeParse(history);
  if (!parsed.success) throw new Error(`${source}: not the output of \`pulumi stack history --json\` (${parsed.error.issues[0].path.join(".") || "the top level"}: ${parsed.error.issues[0].message})`);
  const refreshed = parsed.data
    .filter((e) => e.result === "succeeded" && e.endTime !== undefined && !Number.isNaN(Date.parse(e.endTime)))
    .filter((e) => e.kind === "refresh" || (e.kind === "update" && e.environment?.["pulumi.flag.refresh"] === "true"))
    .sort((a, b) => Date.parse(b.endTime!) - Date.parse(a.endTime!));
  return refreshed.length === 0 ? undefined : { at: new Date(Date.parse(refreshed[0].endTime!)).toISOString(), kind: refreshed[0].kind };
}

function age(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 120) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

/** The sentence under the review: when the statuses were read, and what that means. */
export function freshnessLine(last: LastRefresh | undefined, now: number): string {
  if (!last) return "_Statuses: the stack's history holds no refresh, so the old values are those the last update wrote. The merge job reads the server again before it applies anything._";
  return (
    `_Statuses as of the last ${last.kind === "refresh" ? "refresh" : "update with refresh"}, ${last.at} (${age(now - Date.parse(last.at))} before this review): ` +
    "a change made in the Kore.ai console since then is not in this table. The merge job reads the server again and applies nothing that differs from this review._"
  );
}
