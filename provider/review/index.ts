/**
 * `kore-campaigns review`: a preview (`pulumi preview --json`) -> what it does to the people being
 * dialed, for a pull-request comment. Offline and pure: no credentials, no Pulumi, no network.
 */
import { horizonFrom, type Horizon } from "../shared/outbound/exposure";
import { changesOf } from "./changes";
import { DEFAULT_QUIET_HOURS, flagsOf, type QuietHours } from "./flags";
import { previewFailure, type Preview } from "./preview";
import { FAILED_SUMMARY, summaryLine, type Review } from "./render";
import { complianceOf, listRecipientsOf } from "./compliance";
import { messageNotesOf } from "./messages";

export interface ReviewOptions {
  quiet?: QuietHours;
  /** The compliance policies to judge (the `compliance` flag); none: not judged. */
  policies?: readonly string[];
  /** The preview's time (epoch ms): the horizon is 8 weeks from it. Default: now. */
  now?: number;
}

export function reviewOf(preview: Preview, options: ReviewOptions | QuietHours = {}): Review {
  const opts: ReviewOptions = "start" in options ? { quiet: options } : options;
  const horizon: Horizon = horizonFrom(opts.now ?? Date.now());
  const failure = previewFailure(preview);
  if (failure !== undefined) return { summary: FAILED_SUMMARY, failed: failure, horizon, changes: [], flags: [] };
  const changes = changesOf(preview);
  const now = opts.now ?? Date.now();
  const compliance = opts.policies?.length ? { policies: opts.policies, now, lists: listRecipientsOf(preview) } : undefined;
  const flags = flagsOf(changes, { quiet: opts.quiet ?? DEFAULT_QUIET_HOURS, horizon, ...(compliance ? { compliance } : {}) });
  const notes = compliance ? changes.flatMap((c) => complianceOf(c, compliance).notes) : undefined;
  const messages = messageNotesOf(changes);
  return {
    summary: summaryLine(changes, flags),
    horizon,
    changes,
    flags,
    ...(notes ? { compliance: { policies: [...compliance!.policies], notes } } : {}),
    ...(messages.length > 0 ? { messages } : {}),
  };
}

export { changesOf, channelOf, kindOf, reviewedAs, REVIEWED_TYPES } from "./changes";
export type { FieldChange, Operation, ResourceChange, ReviewedAs } from "./changes";
export { CHANNELS } from "./channels";
export type { Channel } from "./channels";
export type { ResourceKind } from "../shared/properties";
export { DEFAULT_QUIET_HOURS, FLAGS, FLAG_IDS, flagsOf, judge, parseQuietHours } from "./flags";
export type { QuietHours, RaisedFlag } from "./flags";
export { parsePreview, previewFailure, PreviewError } from "./preview";
export type { Preview } from "./preview";
export { FAILED_SUMMARY, FLAG_LEGEND, renderJson, renderMarkdown, summaryLine, withoutSecrets } from "./render";
export type { Review } from "./render";
export { ApprovalError, differencesFrom, parseApproved, recordComment } from "./approval";
export type { ReviewRecord } from "./approval";
export { CODE_CHANGED, codeChangedFlags, isDefinitionPath, parseChangedFiles } from "./code-changes";
export { complianceOf, listRecipientsOf } from "./compliance";
export type { ComplianceContext, ComplianceNote } from "./compliance";
export { freshnessLine, lastRefreshOf } from "./freshness";
export { isMessagePath, messageExcerpt, messageNotesOf, MESSAGE_EXCERPT } from "./messages";
export type { MessageNote } from "./messages";
export type { LastRefresh } from "./freshness";
