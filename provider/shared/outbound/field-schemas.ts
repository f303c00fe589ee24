/**
 * The zod schemas of the fields every outbound channel shares (name, description, contact lists, priority,
 * caller id, calling hours, schedule, started, restartedAt, adoptExisting, recipients), built once per
 * "unknown" marker by a channel's schema (resources/campaign/schema.ts, resources/sms-campaign/schema.ts).
 * The readings of the docs behind each rule are listed in resources/campaign/schema.ts; SMS takes them as
 * they are (its pages give the same fields the same wording).
 */
import { z } from "zod";
import { unknownTolerant } from "../schema-failures";
import { recipientsField, recipientsSchema } from "../recipients";
import { isRecord } from "../../util/values";
import { CALLING_FREQUENCIES, DAY_CODES, E164_PATTERN, OUTBOUND_LIMITS as LIMITS, type DayCode, type Priority } from "./vocabulary";
import { DAY_PATTERN, normalizeTime, normalizeTimezone, sortCallingWindows, TIME_PATTERN, TIME_ZONE_SHAPE } from "./normalize";
import { OUTBOUND_DESCRIPTIONS, OUTBOUND_RULES as RULES } from "./messages";
import { ALWAYS, checkDuplicateLists, checkOverlaps, checkRepeat, checkSchedule, checkWindowOrder, type IsUnknown } from "./cross-field";
import { normalizeScheduleTime, SCHEDULE_TIME_PATTERN, SCHEDULE_UNITS, scheduleTimeMs, type Schedule } from "./schedule";

/** Normalized schedule (the parsed fields are normalized already); Pulumi's unknown marker stays where it is. */
function normalizedSchedule(s: Record<string, unknown>, isUnknown: IsUnknown): Schedule {
  if (Object.values(s).some(isUnknown)) return s as unknown as Schedule; // known at apply: normalized then
  const enabled = s.enabled ?? s.isSchedulingEnabled ?? false;
  if (enabled === false) return { enabled: false };
  const repeat = isRecord(s.repeat) && !isUnknown(s.repeat) && s.repeat.unit === "day" ? { every: s.repeat.every, unit: "day" } : s.repeat;
  return { enabled: true, start: s.start, end: s.end, repeat } as Schedule;
}

/**
 * The shared field schemas, each letting `unknownValue` (Pulumi's preview marker) through when it is given,
 * described in the channel's words (`descriptions`: the shared ones, or a channel's that override some).
 */
export function outboundFieldSchemas(unknownValue: unknown, descriptions: Readonly<Record<keyof typeof OUTBOUND_DESCRIPTIONS, string>> = OUTBOUND_DESCRIPTIONS) {
  const DESCRIPTIONS = descriptions;
  const isUnknown: IsUnknown = (value) => unknownValue !== undefined && value === unknownValue;
  /** Lets the unknown marker through at this node (the type stays T: see validateCampaign's doc). */
  const u = unknownTolerant(unknownValue);

  // Lengths are counted in UTF-16 code units, as a JavaScript server (and the emulator) counts them: the
  // stricter reading of "48 characters" (an emoji counts 2), so nothing passes here that Kore could refuse.
  // `.max` (code points) stays for the JSON Schema's maxLength; the refinement is the binding rule.
  const text = (max: number | undefined, rule: string) => {
    const base = z.string({ error: rule }).trim().min(1, { error: rule });
    return max === undefined ? base : base.max(max, { error: rule }).refine((v) => v.length <= max, { error: rule });
  };
  const integer = (min: number, max: number | undefined, rule: string) => {
    const base = z.number({ error: rule }).int({ error: rule }).min(min, { error: rule });
    return max === undefined ? base : base.max(max, { error: rule });
  };
  const bool = () => z.boolean({ error: RULES.boolean });
  const time = (description: string) =>
    z
      .string({ error: RULES.time })
      .regex(TIME_PATTERN, { error: RULES.time })
      .transform((s) => normalizeTime(s) ?? s)
      .describe(description);

  const dayCode = () => z.string({ error: RULES.day }).regex(DAY_PATTERN, { error: RULES.day }).transform((s) => s.toUpperCase() as DayCode);
  const scheduleTime = (description: string) =>
    z
      .string({ error: RULES.scheduleTime })
      .regex(SCHEDULE_TIME_PATTERN, { error: RULES.scheduleTime })
      .refine((s) => !SCHEDULE_TIME_PATTERN.test(s) || scheduleTimeMs(s) !== undefined, { error: `${RULES.scheduleTime}; this date or time does not exist` })
      .transform((s) => normalizeScheduleTime(s) ?? s)
      .describe(description);

  const callingWindowShape = {
    day: u(dayCode().describe(DESCRIPTIONS.day)),
    start: u(time(DESCRIPTIONS.start)),
    end: u(time(DESCRIPTIONS.end)),
  };
  const callingWindow = z
    .strictObject(callingWindowShape, { error: RULES.window })
    .superRefine((w, ctx) => checkWindowOrder(w, ctx, isUnknown), ALWAYS)
    .describe(DESCRIPTIONS.window);

  const callingHoursShape = {
    frequency: u(z.enum(CALLING_FREQUENCIES, { error: RULES.frequency }).describe(DESCRIPTIONS.frequency)),
    timezone: u(
      z
        .string({ error: RULES.timezone })
        .regex(TIME_ZONE_SHAPE, { error: RULES.timezone })
        .transform((s, ctx) => {
          const zone = normalizeTimezone(s);
          if (zone === undefined) ctx.addIssue({ code: "custom", message: RULES.timezone, input: s, params: { code: "format" } });
          return zone ?? s;
        })
        .describe(DESCRIPTIONS.timezone),
    ),
    days: u(
      z
        .array(u(callingWindow), { error: RULES.days })
        .min(1, { error: RULES.days })
        .max(LIMITS.callingWindows.max, { error: RULES.days })
        .superRefine((days, ctx) => checkOverlaps(days, ctx, isUnknown), ALWAYS)
        .transform((days) => sortCallingWindows(days))
        .describe(DESCRIPTIONS.days),
    ),
  };
  const callerIdShape = {
    phoneNumber: u(z.string({ error: RULES.phoneNumber }).regex(E164_PATTERN, { error: RULES.phoneNumber }).describe(DESCRIPTIONS.phoneNumber)),
  };
  const repeatShape = {
    every: u(integer(1, undefined, RULES.every).describe(DESCRIPTIONS.every)),
    unit: u(z.enum(SCHEDULE_UNITS, { error: RULES.unit }).describe(DESCRIPTIONS.unit)),
    days: u(
      z
        .array(u(dayCode()), { error: RULES.scheduleDays })
        .min(1, { error: RULES.scheduleDays })
        .max(DAY_CODES.length, { error: RULES.scheduleDays })
        .transform((days) => [...days].sort((a, b) => DAY_CODES.indexOf(a) - DAY_CODES.indexOf(b)))
        .optional()
        .describe(DESCRIPTIONS.scheduleDays),
    ),
  };
  const scheduleShape = {
    enabled: u(bool().optional().describe(DESCRIPTIONS.scheduleEnabled)),
    start: u(scheduleTime(DESCRIPTIONS.scheduleStart).optional()),
    end: u(scheduleTime(DESCRIPTIONS.scheduleEnd).optional()),
    repeat: u(
      z
        .strictObject(repeatShape, { error: RULES.repeat })
        .superRefine((r, ctx) => checkRepeat(r, ctx, isUnknown), ALWAYS)
        .optional()
        .describe(DESCRIPTIONS.repeat),
    ),
    isSchedulingEnabled: u(bool().optional().describe(DESCRIPTIONS.isSchedulingEnabled)),
  };

  const fields = {
    name: u(text(LIMITS.nameMaxLength, RULES.name).describe(DESCRIPTIONS.name)),
    description: u(text(LIMITS.descriptionMaxLength, RULES.description).describe(DESCRIPTIONS.description)),
    /** The contact lists, described in the channel's words ("to be dialed", "to be texted"). */
    contactLists: (description: string) =>
      u(
        z
          .array(u(text(undefined, RULES.contactList)), { error: RULES.contactLists })
          .min(1, { error: RULES.contactLists })
          .max(LIMITS.contactLists.max, { error: RULES.contactLists })
          .superRefine((lists, ctx) => checkDuplicateLists(lists, ctx, isUnknown), ALWAYS)
          .describe(description),
      ),
    priority: u(
      z
        .literal([1, 2, 3, 4, 5, "1", "2", "3", "4", "5"], { error: RULES.priority })
        .transform((p) => String(p) as Priority)
        .describe(DESCRIPTIONS.priority),
    ),
    callerId: u(z.strictObject(callerIdShape, { error: RULES.callerId }).describe(DESCRIPTIONS.callerId)),
    callingHours: u(z.strictObject(callingHoursShape, { error: RULES.callingHours }).describe(DESCRIPTIONS.callingHours)),
    schedule: u(
      z
        .strictObject(scheduleShape, { error: RULES.schedule })
        .superRefine((sch, ctx) => checkSchedule(sch, ctx, isUnknown), ALWAYS)
        .transform((sch): Schedule => normalizedSchedule(sch, isUnknown))
        .default((): Schedule => ({ enabled: false }))
        .describe(DESCRIPTIONS.schedule),
    ),
    started: u(bool().default(false).describe(DESCRIPTIONS.started)),
    adoptExisting: u(bool().default(false).describe(DESCRIPTIONS.adoptExisting)),
    restartedAt: u(text(LIMITS.restartedAtMaxLength, RULES.restartedAt).optional().describe(DESCRIPTIONS.restartedAt)),
    recipients: u(recipientsField()), // local only (shared/recipients.ts): never in a body, never a PUT
  };

  /** What a spec adds to a channel's definition: the resource's own flags, never sent to Kore. */
  const specFields = {
    started: fields.started,
    adoptExisting: fields.adoptExisting,
    restartedAt: fields.restartedAt,
    recipients: fields.recipients,
  };

  /** The keys each shared object accepts, by path below the spec ("[]" for array elements). */
  const knownKeys = {
    "dialingStrategy.callerId": Object.keys(callerIdShape),
    "dialingStrategy.callingHours": Object.keys(callingHoursShape),
    "dialingStrategy.callingHours.days[]": Object.keys(callingWindowShape),
    schedule: Object.keys(scheduleShape),
    "schedule.repeat": Object.keys(repeatShape),
    recipients: Object.keys(recipientsSchema.shape),
  };
  return { isUnknown, u, text, integer, bool, fields, specFields, knownKeys };
}

/**
 * A channel's schemas per preview marker: the plain ones for `undefined`, else a variant built once per marker
 * (a few markers at most: Pulumi uses one), so validation during a preview builds no schema per call.
 */
export function schemaVariants<T>(build: (unknownValue: unknown) => T): { plain: T; of(unknownValue: unknown): T } {
  const plain = build(undefined);
  const cache = new Map<unknown, T>();
  return {
    plain,
    of(unknownValue) {
      if (unknownValue === undefined) return plain;
      let found = cache.get(unknownValue);
      if (found === undefined) {
        if (cache.size >= 4) cache.clear();
        found = build(unknownValue);
        cache.set(unknownValue, found);
      }
      return found;
    },
  };
}
