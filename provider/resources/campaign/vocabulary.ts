/**
 * The campaign's vocabulary: the documented enumerations, the limits, and which fields each dialing mode
 * requires or refuses. Every other module (the zod schema, its messages, the wire mapping, the JSON Schema)
 * reads the values from here rather than repeating them. Sources: the body-parameter tables of
 * create-voice-campaign-{progressive,preview,agentless}.md and update-voice-campaign.md. What voice shares
 * with SMS (days, frequencies, priorities, E.164, the common limits) is in shared/outbound/vocabulary.ts.
 */
import { OUTBOUND_LIMITS } from "../../shared/outbound/vocabulary";
export { CALLING_FREQUENCIES, DAY_CODES, E164_PATTERN, PRIORITIES, type CallingFrequency, type DayCode, type Priority } from "../../shared/outbound/vocabulary";

export const DIALING_MODES = ["Progressive", "Preview", "Agentless"] as const;
export type DialingMode = (typeof DIALING_MODES)[number];

export const DIALING_ORDERS = ["FIFO", "LIFO"] as const;
export type DialingOrder = (typeof DIALING_ORDERS)[number];

export const LIMITS = {
  ...OUTBOUND_LIMITS,
  maxAttemptsPerRecord: { min: 1, max: 100 },
  defaultRetryPeriod: { min: 1, max: 1440 },
  maxRingTime: { min: 5, max: 120 },
  maxSkips: { min: 0 },
} as const;

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
