/**
 * The voice campaign's own cross-field rule, the fields each dialing mode requires or refuses, and the raw
 * input check that adds it to the rules every channel shares (shared/outbound/cross-field.ts: calling
 * windows, contact lists, schedule, `started` beside a schedule). See that module for why each check runs
 * both as a refinement and on the raw input.
 */
import type { z } from "zod";
import type { RawIssue } from "../../shared/schema-failures";
import { isRecord } from "../../util/values";
import { DIALING_MODES, MODE_FIELDS, modesAllowing } from "./vocabulary";
import { normalizeChoice } from "./normalize";
import { issueCollector, outboundCrossFieldIssues, type IsUnknown } from "../../shared/outbound/cross-field";
export {
  ALWAYS,
  checkDuplicateLists,
  checkOverlaps,
  checkRepeat,
  checkSchedule,
  checkScheduleStarted,
  checkWindowOrder,
  type IsUnknown,
} from "../../shared/outbound/cross-field";

/** queueName / maxSkips / experienceFlowName required or refused by dialingMode (MODE_FIELDS). */
export function checkModeFields(campaign: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!isRecord(campaign)) return;
  const mode = normalizeChoice(DIALING_MODES, campaign.dialingMode);
  if (mode === undefined) return; // missing, wrong or unknown: dialingMode's own failure (if any) says why
  for (const field of MODE_FIELDS[mode].required) {
    if (campaign[field] === undefined) {
      ctx.addIssue({ code: "custom", path: [field], message: `required when dialingMode is ${mode}`, input: undefined, params: { code: "required" } });
    }
  }
  for (const field of MODE_FIELDS[mode].refused) {
    const value = campaign[field];
    if (value === undefined || isUnknown(value)) continue;
    ctx.addIssue({ code: "custom", path: [field], message: `only allowed when dialingMode is ${modesAllowing(field).join(" or ")}`, input: value, params: { code: "not_allowed" } });
  }
}

/** The cross-field rules applied to a raw (unparsed) input, as zod issues with full paths. */
export function crossFieldIssues(input: unknown, isUnknown: IsUnknown): RawIssue[] {
  const issues: RawIssue[] = [];
  if (!isRecord(input) || isUnknown(input)) return issues;
  checkModeFields(input, issueCollector(issues)([]), isUnknown);
  return [...issues, ...outboundCrossFieldIssues(input, isUnknown)];
}
