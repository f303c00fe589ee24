/**
 * The campaign's vocabulary: the documented enumerations, the limits, and which fields each dialing mode
 * requires or refuses. Every other module (the zod schema, its messages, the wire mapping, the JSON Schema)
 * reads the values from here rather than repeating them. Sources: the body-parameter tables of
 * create-voice-campaign-{progressive,preview,agentless}.md and update-voice-campaign.md.
 */

export const DIALING_MODES = ["Progressive", "Preview", "Agentless"] as const;
export type DialingMode = (typeof DIALING_MODES)[number];

/** Two-letter day codes, in the order normalized calling windows are sorted in. */
export const DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type DayCode = (typeof DAY_CODES)[number];

export const CALLING_FREQUENCIES = ["WEEKLY", "DAILY", "CUSTOM"] as const;
export type CallingFrequency = (typeof CALLING_FREQUENCIES)[number];

export const DIALING_ORDERS = ["FIFO", "LIFO"] as const;
export type DialingOrder = (typeof DIALING_ORDERS)[number];

/** Priorities as the wire carries them (a string); 5 is the highest. */
export const PRIORITIES = ["1", "2", "3", "4", "5"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LIMITS = {
  nameMaxLength: 48,
  descriptionMaxLength: 256,
  maxAttemptsPerRecord: { min: 1, max: 100 },
  defaultRetryPeriod: { min: 1, max: 1440 },
  maxRingTime: { min: 5, max: 120 },
  maxSkips: { min: 0 },
  // Kore documents no upper bound; these keep a request far below any body limit and a file reviewable
  contactLists: { max: 100 },
  callingWindows: { max: 50 },
  restartedAtMaxLength: 64,
} as const;

/** E.164: "+", a country code not starting with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;

/** The fields whose presence depends on the dialing mode. */
export type ModeField = "queueName" | "maxSkips" | "experienceFlowName";

/** Which mode-specific fields each dialing mode requires and refuses (the docs' per-mode body tables). */
export const MODE_FIELDS: { readonly [M in DialingMode]: { readonly required: readonly ModeField[]; readonly refused: readonly ModeField[] } } = {
  Progressive: { required: ["queueName"], refused: ["maxSkips", "experienceFlowName"] },
  Preview: { required: ["queueName", "maxSkips"], refused: ["experienceFlowName"] },
  Agentless: { required: ["experienceFlowName"], refused: ["queueName", "maxSkips"] },
};

/** The dialing modes a mode-specific field belongs to, e.g. queueName -> ["Progressive", "Preview"]. */
export function modesAllowing(field: ModeField): DialingMode[] {
  return DIALING_MODES.filter((mode) => MODE_FIELDS[mode].required.includes(field));
}
