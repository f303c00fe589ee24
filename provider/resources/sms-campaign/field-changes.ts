/**
 * An SMS campaign's changed fields, `path: old -> new`, as voice's (resources/campaign/field-changes.ts): the
 * rules are every channel's (shared/outbound/field-changes.ts); the paths are diffSmsCampaign's and the values
 * normalized as it compares them. The native plugin's detailed diff and the review read SMS through this. Pure.
 */
import { outboundFieldChanges, type ChangeSide, type ChannelDiff, type FieldChange } from "../../shared/outbound/field-changes";
import { diffSmsCampaign, normalizedSmsDefinition } from "./diff";
import type { SmsCampaignDefinition } from "./schema";

/** How an SMS campaign's sides compare. */
export const SMS_DIFF: ChannelDiff = {
  changedPaths: (old, next) =>
    diffSmsCampaign({ definition: old.definition as unknown as SmsCampaignDefinition, started: old.started }, { definition: next.definition as unknown as SmsCampaignDefinition, started: next.started }).changed,
  normalize: normalizedSmsDefinition,
};

export function smsCampaignFieldChanges(old: ChangeSide, next: ChangeSide, options: { changed?: readonly string[]; startedUnsure?: boolean } = {}): FieldChange[] {
  return outboundFieldChanges(old, next, SMS_DIFF, options);
}
