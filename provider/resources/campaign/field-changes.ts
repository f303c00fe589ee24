/**
 * A voice campaign's changed fields, `path: old -> new`: the one list the native plugin's detailed diff (the
 * kind of each path) and the review (the values a reviewer reads) are made from. The rules are every
 * channel's (shared/outbound/field-changes.ts); the paths are diffCampaign's and the values normalized as it
 * compares them (`{ isSchedulingEnabled: false }` is `{ enabled: false }`). Pure.
 */
import { outboundFieldChanges, type ChangeSide, type ChannelDiff, type FieldChange } from "../../shared/outbound/field-changes";
import { diffCampaign, normalizedDefinition } from "./diff";
import type { CampaignDefinition } from "./schema";

export type { ChangeSide, FieldChange };

/** How a voice campaign's sides compare. */
export const VOICE_DIFF: ChannelDiff = {
  changedPaths: (old, next) =>
    diffCampaign({ definition: old.definition as unknown as CampaignDefinition, started: old.started }, { definition: next.definition as unknown as CampaignDefinition, started: next.started }).changed,
  normalize: normalizedDefinition,
};

/**
 * The changed fields between two sides. `changed`: the diff's list when the caller has already run it (a native
 * Diff runs diffCampaign once, in the hook). `startedUnsure`: `started` is listed even when the diff sees no
 * change (the review: a value the preview does not show may be true).
 */
export function campaignFieldChanges(old: ChangeSide, next: ChangeSide, options: { changed?: readonly string[]; startedUnsure?: boolean } = {}): FieldChange[] {
  return outboundFieldChanges(old, next, VOICE_DIFF, options);
}
