/**
 * `kore-campaigns review`: a preview (`pulumi preview --json`) -> what it does to the people being
 * dialed, for a pull-request comment. Offline and pure: no credentials, no Pulumi, no network.
 */
import { changesOf } from "./changes";
import { DEFAULT_QUIET_HOURS, flagsOf, type QuietHours } from "./flags";
import type { Preview } from "./preview";
import { summaryLine, type Review } from "./render";

export function reviewOf(preview: Preview, quiet: QuietHours = DEFAULT_QUIET_HOURS): Review {
  const changes = changesOf(preview);
  const flags = flagsOf(changes, quiet);
  return { summary: summaryLine(changes, flags), changes, flags };
}

export { changesOf, kindOf } from "./changes";
export type { FieldChange, Operation, ResourceChange, ResourceKind } from "./changes";
export { DEFAULT_QUIET_HOURS, FLAGS, FLAG_IDS, flagsOf, parseQuietHours } from "./flags";
export type { QuietHours, RaisedFlag } from "./flags";
export { parsePreview, PreviewError } from "./preview";
export type { Preview } from "./preview";
export { FLAG_LEGEND, renderJson, renderMarkdown, summaryLine, withoutSecrets } from "./render";
export type { Review } from "./render";
export { ApprovalError, differencesFrom, parseApproved, recordComment } from "./approval";
export type { ReviewRecord } from "./approval";
export { CODE_CHANGED, codeChangedFlags, isDefinitionPath, parseChangedFiles } from "./code-changes";
export { freshnessLine, lastRefreshOf } from "./freshness";
export type { LastRefresh } from "./freshness";
