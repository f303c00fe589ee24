/**
 * The words of the campaign's rules: `RULES`, the human wording of each constraint (what a failure says),
 * and `DESCRIPTIONS`, the docs' wording of each field (the JSON Schema, the package schema and the docs show
 * them). Built from the vocabulary's values, so a limit is written once; what SMS shares is in
 * shared/outbound/messages.ts.
 */
import { DIALING_MODES, LIMITS } from "./vocabulary";
import { OUTBOUND_DESCRIPTIONS, OUTBOUND_RULES, unknownFieldRuleWith } from "../../shared/outbound/messages";

const list = (values: readonly string[]) => values.join(", ");

export const RULES = {
  ...OUTBOUND_RULES,
  root: "must be an object describing a voice campaign (name, description, contactLists, priority, dialingMode, dialingStrategy, ...)",
  dialingMode: `must be one of ${list(DIALING_MODES)}`,
  dialingStrategy: "must be an object with callerId, callingHours, dialingOrder, maxAttemptsPerRecord, defaultRetryPeriod and maxRingTime",
  dialingOrder: "must be FIFO (first in, first out) or LIFO (last in, first out)",
  maxAttemptsPerRecord: `must be an integer from ${LIMITS.maxAttemptsPerRecord.min} to ${LIMITS.maxAttemptsPerRecord.max} (call attempts per contact)`,
  defaultRetryPeriod: `must be an integer from ${LIMITS.defaultRetryPeriod.min} to ${LIMITS.defaultRetryPeriod.max} minutes`,
  maxRingTime: `must be an integer from ${LIMITS.maxRingTime.min} to ${LIMITS.maxRingTime.max} seconds`,
  queueName: "must be a non-empty queue name",
  maxSkips: `must be a whole number of ${LIMITS.maxSkips.min} or more`,
  experienceFlowName: "must be a non-empty experience flow name",
} as const;

export const DESCRIPTIONS = {
  ...OUTBOUND_DESCRIPTIONS,
  spec: "A Kore.ai outbound voice campaign (pulumi-kore-campaigns). Field names are the API's, in camelCase (queue_name is queueName).",
  contactLists: "List of contact list names to be dialed. Must exist in the system. At least one contact list name is required.",
  dialingMode: "Dialing mode defines how calls are handled. Valid values are: Agentless, Progressive, or Preview.",
  dialingStrategy: "Dialing strategy: caller ID, calling hours, dialing order, attempts, retry period and ring time.",
  dialingOrder: "Order in which contacts are dialed: FIFO (First In First Out) or LIFO (Last In First Out).",
  maxAttemptsPerRecord: "Maximum number of call attempts per contact. Minimum is 1 and maximum is 100.",
  defaultRetryPeriod: "Time (in minutes) to wait between retries. Must be between 1 and 1440.",
  maxRingTime: "Max time (in seconds) the phone should ring before disconnecting. Must be between 5 and 120.",
  queueName: "Name of the agent queue used to route calls when agents are needed (the API's queue_name). Required for Progressive and Preview dialing; not allowed for Agentless.",
  maxSkips: "Number of contact skips allowed for agents in preview mode before the record is flagged. Required for Preview dialing; not allowed otherwise.",
  experienceFlowName: "Name of the voice flow (bot or IVR) used to interact with the user. Required for Agentless dialing; not allowed otherwise.",
  enableMachineDetect: "Enables detection of answering machines/voicemail. Valid values are true or false.",
} as const;

/** Extra words for an unknown key that is the API's spelling of a known field. */
const WIRE_KEY_HINTS: Readonly<Record<string, string>> = {
  queue_name: "write queueName (the API's queue_name is added for you)",
  campaignType: 'leave it out (campaignType is always "voice" and is added for you)',
  startDateTime: "write start (the API's startDateTime is built for you)",
  endDateTime: "write end (the API's endDateTime is built for you)",
  recurrenceObject: "write repeat: { every, unit, days } (the API's recurrenceObject is built for you)",
  isRecurrenceEnabled: "leave it out (Kore reports it; it is not part of a definition)",
};

/** The rule for an unknown key: the hint when it is the API's spelling of a field, else the keys the object accepts. */
export const unknownFieldRule = unknownFieldRuleWith(WIRE_KEY_HINTS);
