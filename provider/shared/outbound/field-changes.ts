/**
 * A campaign's changed fields, `path: old -> new`, for every channel: the paths are the channel's diff's
 * (spelling Kore writes differently is no change), the values come from the sides normalized as that diff
 * compares them, and `started` and `restartedAt` are shown as given (a value a preview does not show stays
 * what it is). A channel gives its diff and normalization (resources/campaign/field-changes.ts for voice;
 * the review reads SMS with the sms-campaign folder's). Pure.
 */
import { parsePath, valueAt } from "../validation";

export interface FieldChange {
  path: string;
  old: unknown;
  new: unknown;
}

/** One side of a change. */
export interface ChangeSide {
  /** the definition fields, as given (or already normalized: `normalized: true`) */
  definition: Record<string, unknown>;
  normalized?: boolean;
  /** what the diff compares */
  started: boolean;
  /** what `started` is shown as (default: `started`) */
  startedValue?: unknown;
  restartedAt?: unknown;
}

/** How a channel compares two sides: its diff's changed paths (definition paths and "started"), and its normalization. */
export interface ChannelDiff {
  changedPaths(old: ChangeSide, next: ChangeSide): readonly string[];
  normalize(definition: unknown): unknown;
}

/**
 * The changed fields between two sides. `changed`: the diff's list when the caller has already run it (a native
 * Diff runs the diff once, in the hook). `startedUnsure`: `started` is listed even when the diff sees no
 * change (the review: a value the preview does not show may be true).
 */
export function outboundFieldChanges(old: ChangeSide, next: ChangeSide, channel: ChannelDiff, options: { changed?: readonly string[]; startedUnsure?: boolean } = {}): FieldChange[] {
  const paths = [...(options.changed ?? channel.changedPaths(old, next))];
  if (options.startedUnsure && !paths.includes("started")) paths.push("started");
  if (old.restartedAt !== next.restartedAt) paths.push("restartedAt");
  const [was, now] = [old, next].map((side) => (side.normalized ? side.definition : channel.normalize(side.definition)));
  return paths.map((path) => {
    if (path === "started") return { path, old: "startedValue" in old ? old.startedValue : old.started, new: "startedValue" in next ? next.startedValue : next.started };
    if (path === "restartedAt") return { path, old: old.restartedAt, new: next.restartedAt };
    const segments = parsePath(path);
    return { path, old: valueAt(was, segments), new: valueAt(now, segments) };
  });
}
