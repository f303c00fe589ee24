/**
 * A campaign's changed fields, `path: old -> new`: the one list the native plugin's detailed diff (the kind of
 * each path) and the review (the values a reviewer reads) are made from. Pure.
 *
 * The paths are diffCampaign's (spelling Kore writes differently is no change), the values come from the
 * sides normalized as the diff compares them (`{ isSchedulingEnabled: false }` is `{ enabled: false }`), and
 * `started` and `restartedAt` are shown as given (a value a preview does not show stays what it is).
 */
import { parsePath, valueAt } from "../../shared/validation";
import { diffCampaign, normalizedDefinition } from "./diff";
import type { CampaignDefinition } from "./schema";

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

/**
 * The changed fields between two sides. `changed`: the diff's list when the caller has already run it (a native
 * Diff runs diffCampaign once, in the hook). `startedUnsure`: `started` is listed even when the diff sees no
 * change (the review: a value the preview does not show may be true).
 */
export function campaignFieldChanges(old: ChangeSide, next: ChangeSide, options: { changed?: readonly string[]; startedUnsure?: boolean } = {}): FieldChange[] {
  const paths = [
    ...(options.changed ??
      diffCampaign({ definition: old.definition as unknown as CampaignDefinition, started: old.started }, { definition: next.definition as unknown as CampaignDefinition, started: next.started }).changed),
  ];
  if (options.startedUnsure && !paths.includes("started")) paths.push("started");
  if (old.restartedAt !== next.restartedAt) paths.push("restartedAt");
  const [was, now] = [old, next].map((side) => (side.normalized ? side.definition : normalizedDefinition(side.definition)));
  return paths.map((path) => {
    if (path === "started") return { path, old: "startedValue" in old ? old.startedValue : old.started, new: "startedValue" in next ? next.startedValue : next.started };
    if (path === "restartedAt") return { path, old: old.restartedAt, new: next.restartedAt };
    const segments = parsePath(path);
    return { path, old: valueAt(was, segments), new: valueAt(now, segments) };
  });
}
