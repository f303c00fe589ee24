/**
 * The vocabulary every outbound channel (voice and SMS campaigns) shares: the day codes, the calling-hours
 * frequencies, priorities, the caller id's E.164 form and the limits the pages give for both. A channel's
 * own values (dialing modes, message formats) live in its resource folder. Sources: the body tables of
 * create-voice-campaign-*.md and create-sms-campaign-*.md (the same fields, worded alike).
 */

/** Two-letter day codes, in the order normalized calling windows are sorted in. */
export const DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export type DayCode = (typeof DAY_CODES)[number];

export const CALLING_FREQUENCIES = ["WEEKLY", "DAILY", "CUSTOM"] as const;
export type CallingFrequency = (typeof CALLING_FREQUENCIES)[number];

/** Priorities as the wire carries them (a string); 5 is the highest. */
export const PRIORITIES = ["1", "2", "3", "4", "5"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const OUTBOUND_LIMITS = {
  nameMaxLength: 48,
  descriptionMaxLength: 256,
  // Kore documents no upper bound; these keep a request far below any body limit and a file reviewable
  contactLists: { max: 100 },
  callingWindows: { max: 50 },
  restartedAtMaxLength: 64,
} as const;

/** E.164: "+", a country code not starting with 0, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
