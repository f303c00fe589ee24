/**
 * Compliance as code: calling-hours law, call caps and quiet days, checked against campaign definitions.
 * The layer sits between resources and review/gitops/cli/pulumi (rank 2.5 in tests/structure/layers.test.ts).
 * Pure: no Pulumi, no network. An aid, not legal advice (docs/compliance.md).
 *
 * PUBLIC API (kept stable: the CLI, the review and the policy pack use it):
 *
 *   checkCampaign(subject: CampaignSubject, options: ComplianceOptions): Finding[]
 *     subject = { campaign: string; definition: unknown; recipients?: Recipients; lists?: { list: string; recipients?: Recipients }[] }
 *     options = { policies: string[] (from parsePolicies, or "us" | "uk" | "in" | "us-fl"...); now: number (epoch ms) }
 *     Finding = { severity: "error" | "warning"; ruleId; campaign; message; path (definition path, for file:line);
 *                 zone?; at? (epoch ms); atText? (recipient's local time); source?; confirmed? }
 *   parsePolicies("us,uk,in"): { policies: string[] } | { error: string }
 *   selectedRules(policies): ComplianceRule[]
 *   findingKey(finding): string            // identity across two versions of a campaign (review: new vs existing)
 *   RULES, REGION_ZONES, POLICIES          // the rules as data (rules.ts), one entry per rule with its source
 *   recipientsSchema, Recipients           // re-exported from provider/shared/recipients.ts (the one zod shape)
 */
export { checkCampaign, parsePolicies, selectedRules, findingKey, COMPLIANCE_HORIZON_DAYS } from "./engine";
export type { CampaignSubject, ComplianceOptions, Finding, ListRecipients } from "./engine";
export { RULES, REGION_ZONES, POLICIES, rulesTableMarkdown } from "./rules";
export type { ComplianceRule, HoursRule, DaysRule, HolidaysRule, CallsPer24hRule, RingTimeRule, RepeatAfterAbandonRule, UncheckedRule, RuleSource } from "./rules";
export { recipientsSchema, type Recipients } from "../shared/recipients";
