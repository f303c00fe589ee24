/**
 * The SMS campaign definition's zod schema and `validateSmsCampaign`. The fields SMS shares with voice
 * (name, description, contactLists, priority, callerId, callingHours, schedule, started, restartedAt,
 * adoptExisting, recipients) are the shared schemas of shared/outbound/field-schemas.ts, with the same
 * rules and readings (listed in resources/campaign/schema.ts). Sources for the rest: the body tables and
 * samples of create-sms-campaign-{without-template,using-template,advanced-format}.md and
 * update-sms-campaign.md (copied in /work/shared/kore-api/).
 *
 * Readings of the pages, and choices where they are silent or contradict themselves:
 * - format: `simple` (the default) or `advanced` (vocabulary.ts says why advanced is the flow format).
 * - message (simple only, required there): `{ text }`, your own text, sent as typed; or
 *   `{ template: { name } | { id }, body }`, a pre-approved template. The using-template page requires
 *   `message.message` beside the template ("should match the registered template body exactly"), so a
 *   template carries its body; text and template are mutually exclusive, and so are a template's name
 *   and id (the older using-template page has `templateId` where the newer one has `template_name`).
 *   An empty message (`{}`, or text of only spaces) is refused.
 * - A simple text may not contain a placeholder-looking token (vocabulary.ts, PLACEHOLDER_PATTERN).
 *   A template body is not checked for them: its dynamic fields are the template's, in Kore's syntax.
 * - experienceFlowName: required for `advanced`, refused for `simple`; `advanced` refuses a message (the
 *   advanced page's sample sends none; its table, copied from simple, marks `message` required).
 * - dialingStrategy is `{ callerId, callingHours }`: the SMS pages have no dialing order, attempts, retry
 *   period or ring time, and no dialing mode or queue.
 * - description is required (the without-template and advanced tables say so; the older create-sms-campaign
 *   page marks it optional: the newer pages are followed), as is priority.
 */
import { z } from "zod";
import { formatPath, formatValue, type ValidationFailure } from "../../shared/validation";
import { validateSpec, type IssueReading, type RawIssue } from "../../shared/schema-failures";
import { outboundFieldSchemas, schemaVariants } from "../../shared/outbound/field-schemas";
import { ALWAYS, checkScheduleStarted, issueCollector, outboundCrossFieldIssues, type IsUnknown } from "../../shared/outbound/cross-field";
import { isRecord } from "../../util/values";
import { PLACEHOLDER_PATTERN, SMS_FORMATS, SMS_LIMITS } from "./vocabulary";
import { SMS_DESCRIPTIONS as DESCRIPTIONS, SMS_RULES as RULES, smsUnknownFieldRule } from "./messages";
export { formatPath, formatValue, type ValidationFailure };

/** A simple text's rule beyond its length: no placeholder. */
function checkPlaceholder(text: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (typeof text !== "string" || isUnknown(text)) return;
  const token = PLACEHOLDER_PATTERN.exec(text)?.[0];
  if (token !== undefined) ctx.addIssue({ code: "custom", message: `${RULES.placeholder} (found "${token.slice(0, 40)}")`, input: text, params: { code: "placeholder", showValue: false } });
}

/** A message holds text or a template, never both; a template names itself by name or by id. */
function checkMessage(message: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!isRecord(message) || isUnknown(message)) return;
  const issue = (path: PropertyKey[], text: string, code: string, input: unknown) => ctx.addIssue({ code: "custom", path, message: text, input, params: { code } });
  const hasText = message.text !== undefined;
  const hasTemplate = message.template !== undefined;
  if (hasText && hasTemplate) issue(["template"], "is not allowed beside text: send either your own text or a pre-approved template", "conflict", message.template);
  if (!hasText && !hasTemplate) issue(["text"], "is required (or a template): an empty message is refused", "required", undefined);
  if (hasTemplate && message.body === undefined) issue(["body"], "is required with a template: the API requires the template's registered body beside it", "required", undefined);
  if (!hasTemplate && message.body !== undefined && !isUnknown(message.body)) issue(["body"], "is only allowed with a template (write your own message as text)", "not_allowed", message.body);
  const template = message.template;
  if (isRecord(template) && !isUnknown(template)) {
    if (template.name !== undefined && template.id !== undefined) issue(["template", "id"], "is not allowed beside name: name the template once", "conflict", template.id);
    if (template.name === undefined && template.id === undefined) issue(["template", "name"], "is required (or id)", "required", undefined);
  }
}

/** format simple needs a message and refuses a flow; advanced needs a flow and refuses a message. */
function checkFormatFields(campaign: unknown, ctx: z.RefinementCtx, isUnknown: IsUnknown): void {
  if (!isRecord(campaign) || isUnknown(campaign.format)) return;
  const format = campaign.format === undefined ? "simple" : campaign.format;
  if (format !== "simple" && format !== "advanced") return; // format's own failure says why
  const issue = (field: string, text: string, code: string, input: unknown) => ctx.addIssue({ code: "custom", path: [field], message: text, input, params: { code } });
  const [needed, refused] = format === "simple" ? (["message", "experienceFlowName"] as const) : (["experienceFlowName", "message"] as const);
  if (campaign[needed] === undefined) issue(needed, `is required when format is ${format}`, "required", undefined);
  const other = campaign[refused];
  if (other !== undefined && !isUnknown(other)) issue(refused, `is only allowed when format is ${format === "simple" ? "advanced" : "simple"}`, "not_allowed", other);
}

function buildSchemas(unknownValue: unknown) {
  const shared = outboundFieldSchemas(unknownValue, DESCRIPTIONS);
  const { isUnknown, u, text, fields: common } = shared;

  const templateShape = {
    name: u(text(undefined, RULES.templateName).optional().describe(DESCRIPTIONS.templateName)),
    id: u(text(undefined, RULES.templateId).optional().describe(DESCRIPTIONS.templateId)),
  };
  const messageShape = {
    text: u(
      text(SMS_LIMITS.messageMaxLength, RULES.messageText)
        .superRefine((t, ctx) => checkPlaceholder(t, ctx, isUnknown))
        .optional()
        .describe(DESCRIPTIONS.messageText),
    ),
    template: u(z.strictObject(templateShape, { error: RULES.template }).optional().describe(DESCRIPTIONS.template)),
    body: u(text(SMS_LIMITS.messageMaxLength, RULES.templateBody).optional().describe(DESCRIPTIONS.templateBody)),
  };
  const dialingStrategyShape = { callerId: common.callerId, callingHours: common.callingHours };

  const definitionShape = {
    name: common.name,
    description: common.description,
    contactLists: common.contactLists(DESCRIPTIONS.contactLists),
    priority: common.priority,
    format: u(z.enum(SMS_FORMATS, { error: RULES.format }).default("simple").describe(DESCRIPTIONS.format)),
    message: u(
      z
        .strictObject(messageShape, { error: RULES.message })
        .superRefine((m, ctx) => checkMessage(m, ctx, isUnknown), ALWAYS)
        .optional()
        .describe(DESCRIPTIONS.message),
    ),
    experienceFlowName: u(text(undefined, RULES.experienceFlowName).optional().describe(DESCRIPTIONS.experienceFlowName)),
    dialingStrategy: u(z.strictObject(dialingStrategyShape, { error: RULES.dialingStrategy }).describe(DESCRIPTIONS.dialingStrategy)),
    schedule: common.schedule,
  };
  const specShape = {
    ...definitionShape,
    ...shared.specFields, // started, adoptExisting, restartedAt, recipients (local only: never in a body, never a PUT)
  };
  const definition = z
    .strictObject(definitionShape, { error: RULES.root })
    .superRefine((c, ctx) => checkFormatFields(c, ctx, isUnknown), ALWAYS)
    .describe(DESCRIPTIONS.spec);
  const spec = z
    .strictObject(specShape, { error: RULES.root })
    .superRefine((c, ctx) => checkFormatFields(c, ctx, isUnknown), ALWAYS)
    .superRefine((c, ctx) => checkScheduleStarted(c, ctx, isUnknown), ALWAYS)
    .describe(DESCRIPTIONS.spec);
  const knownKeys: Readonly<Record<string, readonly string[]>> = {
    "": Object.keys(specShape),
    dialingStrategy: Object.keys(dialingStrategyShape),
    message: Object.keys(messageShape),
    "message.template": Object.keys(templateShape),
    ...shared.knownKeys,
  };
  return { definition: u(definition), spec: u(spec), knownKeys, fields: definitionShape, isUnknown };
}

/** The plain schemas (no preview marker: what the JSON Schema is generated from), and a variant per marker. */
const variants = schemaVariants(buildSchemas);
const plain = variants.plain;

export const smsCampaignDefinitionSchema = plain.definition;
export const smsCampaignSpecSchema = plain.spec;
export type SmsCampaignDefinition = z.output<typeof smsCampaignDefinitionSchema>;
export type SmsCampaignSpec = z.output<typeof smsCampaignSpecSchema>;
export type SmsCampaignSpecInput = z.input<typeof smsCampaignSpecSchema>;
export type SmsMessage = NonNullable<SmsCampaignDefinition["message"]>;

/** Each definition field's own schema (its rules and normalization, without the cross-field rules). */
export const SMS_DEFINITION_FIELD_SCHEMAS: Readonly<Record<string, z.ZodType>> = plain.fields;
export const SMS_KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = plain.knownKeys;

/** The cross-field rules on a raw input (zod skips refinements once a nested check aborts). */
function smsCrossFieldIssues(input: unknown, isUnknown: IsUnknown): RawIssue[] {
  const issues: RawIssue[] = [];
  if (!isRecord(input) || isUnknown(input)) return issues;
  const at = issueCollector(issues);
  checkFormatFields(input, at([]), isUnknown);
  checkMessage(input.message, at(["message"]), isUnknown);
  return [...issues, ...outboundCrossFieldIssues(input, isUnknown)];
}

export type SmsValidationResult = { ok: true; value: SmsCampaignSpec; unknownPaths: string[] } | { ok: false; failures: ValidationFailure[] };


const READING = (knownKeys: Readonly<Record<string, readonly string[]>>): IssueReading => ({ noun: "SMS campaign", knownKeys, unknownKeyRule: smsUnknownFieldRule });

/**
 * Validates and normalizes an SMS campaign spec. Never throws. Reports every failure at once, each with
 * its path, rule and value (a message's text is never echoed whole: see checkPlaceholder).
 */
export function validateSmsCampaign(input: unknown, options: { unknownValue?: unknown } = {}): SmsValidationResult {
  const unknownValue = options?.unknownValue;
  const schemas = variants.of(unknownValue);
  return validateSpec<SmsCampaignSpec>(input, unknownValue, schemas, smsCrossFieldIssues, READING(schemas.knownKeys));
}
