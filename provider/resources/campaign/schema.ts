/**
 * The campaign definition's zod schema and `validateCampaign`: every documented rule of Kore.ai's
 * voice-campaign request body, the cross-field rules, and the normalization of loose input. The wire
 * mapping (wire.ts), the diff (diff.ts), the JSON Schema (scripts/generate-schema.ts), the package schema
 * and the docs reuse these exports. (The emulator keeps its own copy on purpose.) Beside it:
 *   vocabulary.ts    the enumerations, the limits, the fields each dialing mode requires or refuses
 *   normalize.ts     times, day codes, priorities, time zones, the order of calling windows
 *   messages.ts      each rule's wording and each field's description
 *   cross-field.ts   the rules that read more than one field
 *   shared/schema-failures.ts  zod issues -> failures (shared with the contact list)
 *
 * Sources: the body-parameter tables of create-voice-campaign-{progressive,preview,agentless}.md and
 * update-voice-campaign.md (Koredotcom/docs, copied in /work/shared/kore-api/).
 *
 * Three layers:
 *   campaignDefinitionSchema  what is sent to Kore, in camelCase (toWireBody maps `queueName` to `queue_name`)
 *   campaignSpecSchema        definition + `started` + `adoptExisting`: what YAML files hold and what the
 *                             VoiceCampaign resource takes, minus `connection`
 *   validateCampaign()        never throws; reports every failure at once, each with path, rule and value;
 *                             tolerates values Pulumi does not know yet during preview
 *
 * Readings of the docs, and choices where the docs are silent:
 * - name: trimmed, then 1..48 characters ("maximum of 48", "required"). description: trimmed, then 1..256
 *   characters (the tables mark it required, so an empty description is refused).
 * - contactLists: at least one name (the progressive/preview tables say so), each trimmed and non-empty,
 *   no exact duplicates (after trimming; case is kept, since Kore may hold "A" and "a"); order is kept.
 * - priority: 1..5 as a number or the string "1".."5" (the wire type is a string); normalized to "5".
 * - dialingMode, frequency, dialingOrder: exactly the documented spellings (case-sensitive).
 *   Day codes accept any case ("mo") and are normalized to upper case ("MO").
 * - times: "9:00 AM" (the docs' form), and also "09:00 am", "9:00AM", "9 am", "9am", "9:30 p.m.", and 24-hour
 *   "18:00"/"09:30". A bare "9" is refused (AM or PM?). Normalized to Kore's "h:mm AM" ("9:00 AM", "12:30 PM").
 *   An `end` of "12:00 AM" (or "00:00") means midnight at the END of the day, so "6:00 PM"-"12:00 AM" is valid.
 * - calling windows: each start must be before its end; windows on the same day must not overlap
 *   (touching, 9-12 and 12-6, is fine). Normalized order: by day MO..SU, then start, then end, so the order
 *   a user or the server lists them in never shows up as a diff. The docs give no rule tying `frequency`
 *   (WEEKLY/DAILY/CUSTOM) to the days, so none is enforced.
 * - timezone: any name `Intl.DateTimeFormat` accepts (IANA names incl. links such as Asia/Kolkata, plus UTC,
 *   GMT, Etc/GMT+5); offsets such as "+05:30" are refused. The spelling is fixed to the canonical case
 *   ("asia/kolkata" -> "Asia/Kolkata") but a link is never swapped for its target (Node's ICU would turn
 *   Asia/Kolkata into Asia/Calcutta; the docs use Asia/Kolkata).
 * - callerId.phoneNumber: E.164 `^\+[1-9]\d{1,14}$`, exactly (no spaces or dashes). The docs' own samples
 *   (+1812345678, +181234567) are shorter than a real NANP number; the pattern accepts them.
 * - maxAttemptsPerRecord 1..100, defaultRetryPeriod 1..1440 (minutes), maxRingTime 5..120 (seconds):
 *   integers given as numbers (numeric strings are refused).
 * - schedule (schedule.ts has the readings of the v2 schedule pages): `{ enabled: false }` (the default), or
 *   `{ enabled: true, start, end, repeat: { every, unit: day } }` / `{ ..., repeat: { every, unit: week, days } }`.
 *   The old form `{ isSchedulingEnabled: false }` (what the create samples send) still means "no schedule";
 *   `isSchedulingEnabled: true` alone is refused: it says nothing about when. start and end are real
 *   date-times, end after start; `every` is a whole number of 1 or more; days are spelled as in
 *   callingHours (any case, normalized to upper case, sorted MO..SU, each once) and only belong to a weekly
 *   schedule. With a schedule enabled, `started: true` is refused: Kore starts the campaign on its dates.
 * - queueName (the wire's `queue_name`): required for Progressive and Preview, refused for Agentless.
 *   maxSkips: an integer >= 0 (no upper bound documented), required for Preview, refused otherwise.
 *   experienceFlowName: required for Agentless, refused otherwise. See MODE_FIELDS.
 * - enableMachineDetect: optional, default false (always sent: the wire marks it required).
 * - An explicit `null` is not "absent": it is a type error, like any other wrong type.
 * - Every object is strict: an unknown key is a failure with code "unknown_field", `unknownKey` and the
 *   object's `knownKeys`, so the YAML layer can suggest the closest one.
 */
import { z } from "zod";
import { formatPath, formatValue, parsePath, type ValidationFailure } from "../../shared/validation";
import { failuresFromIssues, internalFailure, validateSpec, type IssueReading, type RawIssue } from "../../shared/schema-failures";
import { outboundFieldSchemas, schemaVariants } from "../../shared/outbound/field-schemas";
import { DIALING_MODES, DIALING_ORDERS, LIMITS } from "./vocabulary";
import { DESCRIPTIONS, RULES, unknownFieldRule } from "./messages";
import { ALWAYS, checkModeFields, checkScheduleStarted, crossFieldIssues } from "./cross-field";
export { formatPath, formatValue, parsePath, type ValidationFailure };

// ---------------------------------------------------------------------------------------------------
// The zod schemas. Built by a factory so that validateCampaign can build a variant (cached) that lets
// Pulumi's "unknown during preview" marker through at every node; the exported schemas are the plain
// variant (no marker), which is also what the JSON Schema is generated from.
// ---------------------------------------------------------------------------------------------------

function buildSchemas(unknownValue: unknown) {
  const shared = outboundFieldSchemas(unknownValue);
  const { isUnknown, u, text, integer, bool, fields: common } = shared;

  const dialingStrategyShape = {
    callerId: common.callerId,
    callingHours: common.callingHours,
    dialingOrder: u(z.enum(DIALING_ORDERS, { error: RULES.dialingOrder }).describe(DESCRIPTIONS.dialingOrder)),
    maxAttemptsPerRecord: u(integer(LIMITS.maxAttemptsPerRecord.min, LIMITS.maxAttemptsPerRecord.max, RULES.maxAttemptsPerRecord).describe(DESCRIPTIONS.maxAttemptsPerRecord)),
    defaultRetryPeriod: u(integer(LIMITS.defaultRetryPeriod.min, LIMITS.defaultRetryPeriod.max, RULES.defaultRetryPeriod).describe(DESCRIPTIONS.defaultRetryPeriod)),
    maxRingTime: u(integer(LIMITS.maxRingTime.min, LIMITS.maxRingTime.max, RULES.maxRingTime).describe(DESCRIPTIONS.maxRingTime)),
  };
  const definitionShape = {
    name: common.name,
    description: common.description,
    contactLists: common.contactLists(DESCRIPTIONS.contactLists),
    priority: common.priority,
    dialingMode: u(z.enum(DIALING_MODES, { error: RULES.dialingMode }).describe(DESCRIPTIONS.dialingMode)),
    dialingStrategy: u(z.strictObject(dialingStrategyShape, { error: RULES.dialingStrategy }).describe(DESCRIPTIONS.dialingStrategy)),
    schedule: common.schedule,
    queueName: u(text(undefined, RULES.queueName).optional().describe(DESCRIPTIONS.queueName)),
    maxSkips: u(integer(LIMITS.maxSkips.min, undefined, RULES.maxSkips).optional().describe(DESCRIPTIONS.maxSkips)),
    experienceFlowName: u(text(undefined, RULES.experienceFlowName).optional().describe(DESCRIPTIONS.experienceFlowName)),
    enableMachineDetect: u(bool().default(false).describe(DESCRIPTIONS.enableMachineDetect)),
  };
  const specShape = {
    ...definitionShape,
    ...shared.specFields, // started, adoptExisting, restartedAt, recipients (local only: never in a body, never a PUT)
  };

  const definition = z
    .strictObject(definitionShape, { error: RULES.root })
    .superRefine((c, ctx) => checkModeFields(c, ctx, isUnknown), ALWAYS)
    .describe(DESCRIPTIONS.spec);
  const spec = z
    .strictObject(specShape, { error: RULES.root })
    .superRefine((c, ctx) => checkModeFields(c, ctx, isUnknown), ALWAYS)
    .superRefine((c, ctx) => checkScheduleStarted(c, ctx, isUnknown), ALWAYS)
    .describe(DESCRIPTIONS.spec);

  const knownKeys: Readonly<Record<string, readonly string[]>> = {
    "": Object.keys(specShape),
    dialingStrategy: Object.keys(dialingStrategyShape),
    ...shared.knownKeys,
  };
  return { definition: u(definition), spec: u(spec), knownKeys, definitionKeys: Object.keys(definitionShape), fields: definitionShape, isUnknown };
}

/** The plain schemas (no preview marker: what the JSON Schema is generated from), and a variant per marker. */
const variants = schemaVariants(buildSchemas);
const plain = variants.plain;

/** Input (camelCase, loose) -> normalized campaign definition. Enforces every rule, including cross-field ones. */
export const campaignDefinitionSchema = plain.definition;
/** The definition plus `started` and `adoptExisting` (default false): what YAML files hold and the resource takes, minus `connection`. */
export const campaignSpecSchema = plain.spec;

export type CampaignDefinitionInput = z.input<typeof campaignDefinitionSchema>;
export type CampaignDefinition = z.output<typeof campaignDefinitionSchema>;
export type CampaignSpecInput = z.input<typeof campaignSpecSchema>;
export type CampaignSpec = z.output<typeof campaignSpecSchema>;

/** Each definition field's own schema (its rules and normalization, without the cross-field rules). */
export const DEFINITION_FIELD_SCHEMAS: Readonly<Record<string, z.ZodType>> = plain.fields;

/** The keys of a campaign definition (the spec adds `started` and `adoptExisting`). */
export const DEFINITION_KEYS: readonly (keyof CampaignDefinition)[] = plain.definitionKeys as (keyof CampaignDefinition)[];

/**
 * The keys each object of a campaign spec accepts, by object path ("" is the top level; array elements are
 * written "[]", as in "dialingStrategy.callingHours.days[]").
 */
export const KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = plain.knownKeys;

/** Known keys of the object at `objectPath` ("dialingStrategy.callingHours.days[2]" works too). */
export function knownKeysAt(objectPath: string): readonly string[] | undefined {
  return KNOWN_KEYS[objectPath.replace(/\[\d+\]/g, "[]")];
}

// ---------------------------------------------------------------------------------------------------
// validateCampaign
// ---------------------------------------------------------------------------------------------------

export interface ValidateOptions {
  /**
   * The marker Pulumi puts in place of values not known until apply (during preview:
   * "04da6b54-80e4-46f7-96ec-b56ff0331ba9"). Failures at or under such a value are dropped, cross-field
   * rules involving one are skipped, and the marker is kept in place in the returned value.
   */
  unknownValue?: unknown;
}

export type ValidationResult =
  | {
      ok: true;
      /**
       * The normalized spec. With `unknownValue`, any field (at any depth) may hold the marker instead of
       * its type: the type is loose on purpose; check `unknownPaths` before relying on a field.
       */
      value: CampaignSpec;
      /** Paths holding the unknown marker ("" when the whole input is unknown); empty when all is known. */
      unknownPaths: string[];
    }
  | { ok: false; failures: ValidationFailure[] };

/**
 * Validates and normalizes a campaign spec. Never throws, whatever `input` is. Reports every failure at
 * once, each with its path, rule and offending value.
 */
export function validateCampaign(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const unknownValue = options?.unknownValue;
  const schemas = variants.of(unknownValue);
  return validateSpec<CampaignSpec>(input, unknownValue, schemas, crossFieldIssues, reading(schemas.knownKeys));
}

/**
 * Failures from a zod error of campaignDefinitionSchema / campaignSpecSchema (for callers that parse
 * with the schemas directly).
 */
export function failuresFromZodError(error: z.ZodError, input: unknown): ValidationFailure[] {
  try {
    return failuresFrom(error.issues as unknown as RawIssue[], input, KNOWN_KEYS);
  } catch (err) {
    return [internalFailure("campaign", err)];
  }
}


/** How a campaign's failures are worded (shared/schema-failures.ts maps the issues). */
function reading(knownKeys: Readonly<Record<string, readonly string[]>>): IssueReading {
  return { noun: "campaign", knownKeys, unknownKeyRule: unknownFieldRule };
}

function failuresFrom(issues: readonly RawIssue[], input: unknown, knownKeys: Readonly<Record<string, readonly string[]>>): ValidationFailure[] {
  return failuresFromIssues(issues, input, reading(knownKeys));
}
