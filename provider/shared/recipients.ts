/**
 * Where a campaign's or a contact list's recipients are: `recipients: { regions, timeZones }`. The one zod
 * shape, read by the campaign and contact-list schemas (one line each) and, through them, the JSON Schema of
 * definition files. Local only: never part of a body sent to Kore.ai (wire.ts builds bodies from an explicit
 * field list), and a change of it alone makes no API call. The compliance rules (provider/compliance/) read
 * it; a region implies its zones there (US-FL -> America/New_York and America/Chicago).
 *
 * - regions: ISO 3166-1 alpha-2 country codes ("GB", "IN") or ISO 3166-2 subdivisions ("US-FL"), upper case.
 * - timeZones: IANA zone names Intl knows ("America/New_York"), in addition to the zones the regions imply.
 */
import { z } from "zod";
import { knownZone } from "./instants";

export const REGION_PATTERN = /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/;
export const RECIPIENT_LIMITS = { regions: 100, timeZones: 100 } as const;

export const RECIPIENT_RULES = {
  recipients: "must be an object with regions (ISO 3166 codes such as US-FL, GB, IN) and/or timeZones (IANA zone names)",
  regions: `must be a list of 1 to ${RECIPIENT_LIMITS.regions} region codes: ISO 3166-1 alpha-2 (GB, IN) or ISO 3166-2 (US-FL), upper case`,
  region: "must be an ISO 3166 region code: two capital letters (GB, IN), optionally a subdivision (US-FL)",
  timeZones: `must be a list of 1 to ${RECIPIENT_LIMITS.timeZones} IANA time zone names`,
  timeZone: "must be an IANA time zone name this system knows, such as America/New_York",
} as const;

export const RECIPIENT_DESCRIPTIONS = {
  recipients:
    "Where the people called live, for the compliance rules (kore-campaigns validate --policy, review, the policy pack). Local only: never sent to Kore.ai. A campaign's own recipients win over its contact lists'.",
  regions: "ISO 3166 codes of the recipients' jurisdictions (US-FL, US-NY, GB, IN). A region implies its time zones (US-FL: America/New_York and America/Chicago).",
  timeZones: "IANA time zones the recipients are in, besides those their regions imply.",
} as const;

export const recipientsSchema = z
  .strictObject(
    {
      regions: z
        .array(z.string({ error: RECIPIENT_RULES.region }).regex(REGION_PATTERN, { error: RECIPIENT_RULES.region }), { error: RECIPIENT_RULES.regions })
        .min(1, { error: RECIPIENT_RULES.regions })
        .max(RECIPIENT_LIMITS.regions, { error: RECIPIENT_RULES.regions })
        .optional()
        .describe(RECIPIENT_DESCRIPTIONS.regions),
      timeZones: z
        .array(
          z.string({ error: RECIPIENT_RULES.timeZone }).refine((s) => knownZone(s) !== undefined, { error: RECIPIENT_RULES.timeZone }),
          { error: RECIPIENT_RULES.timeZones },
        )
        .min(1, { error: RECIPIENT_RULES.timeZones })
        .max(RECIPIENT_LIMITS.timeZones, { error: RECIPIENT_RULES.timeZones })
        .optional()
        .describe(RECIPIENT_DESCRIPTIONS.timeZones),
    },
    { error: RECIPIENT_RULES.recipients },
  )
  .describe(RECIPIENT_DESCRIPTIONS.recipients);

export type Recipients = z.output<typeof recipientsSchema>;

/** The field as a spec declares it: optional. */
export const recipientsField = () => recipientsSchema.optional();
