/**
 * The wire rules of Kore.ai's voice-campaign, SMS-campaign and contact-list bodies, from the documented body-parameter tables.
 * Deliberately a separate copy from provider/: the emulator plays the server and must catch the provider's mistakes.
 * Pure: data in, data out.
 */

export const DIALING_MODES = ["Agentless", "Progressive", "Preview"] as const;
export const FREQUENCIES = ["WEEKLY", "DAILY", "CUSTOM"] as const;
export const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"] as const;
export const DIALING_ORDERS = ["FIFO", "LIFO"] as const;
export const PRIORITIES = ["1", "2", "3", "4", "5"] as const;
export const NAME_MAX = 48;
export const DESCRIPTION_MAX = 256;
/** "9:00 AM": hour 1..12 without a leading zero, two-digit minutes, a space, AM or PM. */
export const TIME_PATTERN = /^(1[0-2]|[1-9]):[0-5][0-9] (AM|PM)$/;

/** create-contact-list: the body table says `"passiveApi"`, its sample sends `"passiveApiIntegration"`; both are accepted. */
export const CONTACT_LIST_SOURCES = ["passiveApi", "passiveApiIntegration"] as const;
/** get-all-contact-lists: `type`, when present, must be `call`. */
export const CONTACT_LIST_TYPES = ["call"] as const;

export type DialingMode = (typeof DIALING_MODES)[number];

/** SMS `format`. delete-sms-campaign.md also names `basic`, which no request sends: it is refused (README). */
export const SMS_FORMATS = ["simple", "advanced"] as const;
/** The `message` keys an SMS request may fill: the text, a template by name, a template by id. */
export const SMS_MESSAGE_KEYS = ["message", "template_name", "templateId"] as const;
/** E.164: a plus, a non-zero digit, at most 15 digits in all. */
export const E164_PATTERN = /^\+[1-9][0-9]{1,14}$/;

export interface CampaignBody {
  name: string;
  description: string;
  contactLists: string[];
  priority: string;
  dialingMode: DialingMode;
  dialingStrategy: {
    callerId: { phoneNumber: string };
    callingHours: { frequency: string; timezone: string; days: { day: string; start: string; end: string }[] };
    dialingOrder: string;
    maxAttemptsPerRecord: number;
    defaultRetryPeriod: number;
    maxRingTime: number;
  };
  queue_name?: string;
  maxSkips?: number;
  experienceFlowName?: string;
  enableMachineDetect: boolean;
  campaignType: "voice";
  schedule?: { isSchedulingEnabled: boolean };
}

export interface SmsCampaignBody {
  name: string;
  description: string;
  contactLists: string[];
  priority: string;
  format: (typeof SMS_FORMATS)[number];
  /** Simple format only. */
  message?: { message?: string; template_name?: string; templateId?: string };
  /** Advanced format only. */
  experienceFlowName?: string;
  dialingStrategy: {
    callerId: { phoneNumber: string };
    callingHours: { frequency: string; timezone: string; days: { day: string; start: string; end: string }[] };
  };
  campaignType: "sms";
  schedule?: { isSchedulingEnabled: boolean };
}

export interface ListBody {
  limit: number;
  /** Offset into the newest-first list. */
  skip: number;
  page: number;
  type: "voice" | "sms";
}

export interface ContactListBody {
  name: string;
  description: string;
  source: (typeof CONTACT_LIST_SOURCES)[number];
  /** Defaults to false, as the body table says. */
  allowDuplicates: boolean;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; failures: string[] };

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** A short, JSON-ish rendering of a received value for messages. */
export function shown(v: unknown): string {
  if (v === undefined) return "undefined";
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Collects failures while walking a body; every message starts with the field's full path. */
class Checker {
  readonly failures: string[] = [];

  fail(field: string, message: string): void {
    this.failures.push(`${field} ${message}`);
  }

  present(obj: Obj, key: string, field: string): boolean {
    if (obj[key] === undefined || obj[key] === null) {
      this.fail(field, "is required");
      return false;
    }
    return true;
  }

  string(obj: Obj, key: string, field: string, opts: { min?: number; max?: number } = {}): void {
    if (!this.present(obj, key, field)) return;
    const v = obj[key];
    if (typeof v !== "string") return this.fail(field, `must be a string (got ${shown(v)})`);
    const min = opts.min ?? 0;
    if (min > 0 && v.trim().length === 0) return this.fail(field, "must not be empty");
    if (v.length < min || (opts.max !== undefined && v.length > opts.max)) {
      const range = min > 0 ? `between ${min} and ${opts.max} characters` : `at most ${opts.max} characters`;
      this.fail(field, `must be ${range} (got ${v.length})`);
    }
  }

  oneOf(obj: Obj, key: string, field: string, allowed: readonly string[]): void {
    if (!this.present(obj, key, field)) return;
    const v = obj[key];
    if (typeof v !== "string" || !allowed.includes(v)) {
      this.fail(field, `must be one of ${allowed.join(", ")} (got ${shown(v)})`);
    }
  }

  integer(obj: Obj, key: string, field: string, min: number, max?: number): void {
    if (!this.present(obj, key, field)) return;
    const v = obj[key];
    if (typeof v !== "number" || !Number.isInteger(v)) return this.fail(field, `must be an integer (got ${shown(v)})`);
    if (max === undefined && v < min) return this.fail(field, `must be an integer >= ${min} (got ${v})`);
    if (max !== undefined && (v < min || v > max)) this.fail(field, `must be between ${min} and ${max} (got ${v})`);
  }

  boolean(obj: Obj, key: string, field: string, opts: { optional?: boolean } = {}): void {
    if (opts.optional && obj[key] === undefined) return;
    if (!opts.optional && !this.present(obj, key, field)) return;
    if (typeof obj[key] !== "boolean") this.fail(field, `must be a boolean, true or false (got ${shown(obj[key])})`);
  }

  object(obj: Obj, key: string, field: string): Obj | undefined {
    if (!this.present(obj, key, field)) return undefined;
    const v = obj[key];
    if (!isObject(v)) {
      this.fail(field, `must be an object (got ${shown(v)})`);
      return undefined;
    }
    return v;
  }
}

function checkDays(c: Checker, hours: Obj): void {
  const field = "dialingStrategy.callingHours.days";
  if (!c.present(hours, "days", field)) return;
  const days = hours.days;
  if (!Array.isArray(days) || days.length === 0) {
    return c.fail(field, `must be a non-empty array of {day, start, end} (got ${shown(days)})`);
  }
  days.forEach((entry, i) => {
    const at = `${field}[${i}]`;
    if (!isObject(entry)) return c.fail(at, `must be an object {day, start, end} (got ${shown(entry)})`);
    c.oneOf(entry, "day", `${at}.day`, DAYS);
    for (const key of ["start", "end"]) {
      if (!c.present(entry, key, `${at}.${key}`)) continue;
      const v = entry[key];
      if (typeof v !== "string" || !TIME_PATTERN.test(v)) {
        c.fail(`${at}.${key}`, `must be a time like "9:00 AM" (h:mm AM/PM, hour 1-12 without a leading zero) (got ${shown(v)})`);
      }
    }
  });
}

/** `dialingStrategy.callingHours`, the same for voice and SMS. */
function checkCallingHours(c: Checker, strategy: Obj): void {
  const hours = c.object(strategy, "callingHours", "dialingStrategy.callingHours");
  if (!hours) return;
  c.oneOf(hours, "frequency", "dialingStrategy.callingHours.frequency", FREQUENCIES);
  c.string(hours, "timezone", "dialingStrategy.callingHours.timezone", { min: 1 });
  checkDays(c, hours);
}

function checkStrategy(c: Checker, body: Obj): void {
  const strategy = c.object(body, "dialingStrategy", "dialingStrategy");
  if (!strategy) return;
  const callerId = c.object(strategy, "callerId", "dialingStrategy.callerId");
  if (callerId) c.string(callerId, "phoneNumber", "dialingStrategy.callerId.phoneNumber", { min: 1 });
  checkCallingHours(c, strategy);
  c.oneOf(strategy, "dialingOrder", "dialingStrategy.dialingOrder", DIALING_ORDERS);
  c.integer(strategy, "maxAttemptsPerRecord", "dialingStrategy.maxAttemptsPerRecord", 1, 100);
  c.integer(strategy, "defaultRetryPeriod", "dialingStrategy.defaultRetryPeriod", 1, 1440);
  c.integer(strategy, "maxRingTime", "dialingStrategy.maxRingTime", 5, 120);
}

function checkContactLists(c: Checker, body: Obj): void {
  if (!c.present(body, "contactLists", "contactLists")) return;
  const lists = body.contactLists;
  if (!Array.isArray(lists) || lists.length === 0) {
    return c.fail("contactLists", `must be a non-empty array of contact list names (got ${shown(lists)})`);
  }
  lists.forEach((v, i) => {
    if (typeof v !== "string" || v.trim().length === 0) c.fail(`contactLists[${i}]`, `must be a non-empty string (got ${shown(v)})`);
  });
}

/** The fields that depend on the dialing mode. Fields of other modes are not checked (and not stored). */
function checkModeFields(c: Checker, body: Obj): void {
  const mode = body.dialingMode;
  if (mode === "Progressive" || mode === "Preview") {
    if (body.queue_name === undefined || body.queue_name === null) c.fail("queue_name", `is required when dialingMode is ${mode}`);
    else c.string(body, "queue_name", "queue_name", { min: 1 });
  }
  if (mode === "Preview") {
    if (body.maxSkips === undefined || body.maxSkips === null) c.fail("maxSkips", "is required when dialingMode is Preview");
    else c.integer(body, "maxSkips", "maxSkips", 0);
  }
  if (mode === "Agentless") {
    if (body.experienceFlowName === undefined || body.experienceFlowName === null) {
      c.fail("experienceFlowName", "is required when dialingMode is Agentless");
    } else c.string(body, "experienceFlowName", "experienceFlowName", { min: 1 });
  }
}

function checkSchedule(c: Checker, body: Obj): void {
  if (body.schedule === undefined) return;
  const schedule = c.object(body, "schedule", "schedule");
  if (schedule) c.boolean(schedule, "isSchedulingEnabled", "schedule.isSchedulingEnabled");
}

/** Checks a create or update body against the documented tables. Unknown fields are ignored. */
export function validateCampaignBody(input: unknown): Validation<CampaignBody> {
  if (!isObject(input)) return { ok: false, failures: [`request body must be a JSON object (got ${shown(input)})`] };
  const c = new Checker();
  c.string(input, "name", "name", { min: 1, max: NAME_MAX });
  c.string(input, "description", "description", { max: DESCRIPTION_MAX });
  checkContactLists(c, input);
  c.oneOf(input, "priority", "priority", PRIORITIES);
  c.oneOf(input, "dialingMode", "dialingMode", DIALING_MODES);
  checkStrategy(c, input);
  checkModeFields(c, input);
  c.boolean(input, "enableMachineDetect", "enableMachineDetect");
  c.oneOf(input, "campaignType", "campaignType", ["voice"]);
  checkSchedule(c, input);
  return c.failures.length > 0 ? { ok: false, failures: c.failures } : { ok: true, value: input as unknown as CampaignBody };
}

/** SMS: the sender must be an E.164 number (the response tables say so; the voice pages do not). */
function checkSmsStrategy(c: Checker, body: Obj): void {
  const strategy = c.object(body, "dialingStrategy", "dialingStrategy");
  if (!strategy) return;
  const callerId = c.object(strategy, "callerId", "dialingStrategy.callerId");
  if (callerId && c.present(callerId, "phoneNumber", "dialingStrategy.callerId.phoneNumber")) {
    const v = callerId.phoneNumber;
    if (typeof v !== "string" || !E164_PATTERN.test(v)) {
      c.fail("dialingStrategy.callerId.phoneNumber", `must be an E.164 number like "+919876543210" (got ${shown(v)})`);
    }
  }
  checkCallingHours(c, strategy);
}

/** The content rules of `format`: simple needs a `message`, advanced an experience flow and no `message`. */
function checkSmsContent(c: Checker, body: Obj): void {
  if (body.format === "advanced") {
    if (body.message !== undefined && body.message !== null) {
      c.fail("message", "must not be sent when format is advanced (the experience flow is the content)");
    }
    if (body.experienceFlowName === undefined || body.experienceFlowName === null) {
      c.fail("experienceFlowName", "is required when format is advanced");
    } else c.string(body, "experienceFlowName", "experienceFlowName", { min: 1 });
    return;
  }
  if (body.format !== "simple") return; // the format failure is enough
  const message = c.object(body, "message", "message");
  if (!message) return;
  let [filled, mistyped] = [false, false];
  for (const key of SMS_MESSAGE_KEYS) {
    const v = message[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string") {
      c.fail(`message.${key}`, `must be a string (got ${shown(v)})`);
      mistyped = true;
    } else if (v.trim().length > 0) filled = true;
  }
  // a mistyped key is the one failure to report
  if (!filled && !mistyped) c.fail("message", `must have a text (message.message), a template_name or a templateId when format is simple (got ${shown(message)})`);
}

/**
 * Checks an SMS create or update body (create-sms-campaign-*.md, update-sms-campaign.md). Unknown fields, voice-only
 * fields (`dialingMode`, `queue_name`, `dialingStrategy.maxRingTime`...) and `experienceFlowName` on a simple campaign
 * are ignored and not stored.
 */
export function validateSmsCampaignBody(input: unknown): Validation<SmsCampaignBody> {
  if (!isObject(input)) return { ok: false, failures: [`request body must be a JSON object (got ${shown(input)})`] };
  const c = new Checker();
  c.string(input, "name", "name", { min: 1, max: NAME_MAX });
  // the without-template and using-template tables mark it required (the advanced one optional): required here
  c.string(input, "description", "description", { min: 1, max: DESCRIPTION_MAX });
  checkContactLists(c, input);
  c.oneOf(input, "priority", "priority", PRIORITIES);
  c.oneOf(input, "format", "format", SMS_FORMATS);
  checkSmsContent(c, input);
  checkSmsStrategy(c, input);
  c.oneOf(input, "campaignType", "campaignType", ["sms"]);
  checkSchedule(c, input);
  return c.failures.length > 0 ? { ok: false, failures: c.failures } : { ok: true, value: input as unknown as SmsCampaignBody };
}

/**
 * A create-contact-list body `{name, description, source, allowDuplicates?}`. Unknown fields are ignored. The docs'
 * sample sends `"name1"` (a typo): such a body has no `name` and is refused naming `name`.
 */
export function validateContactListBody(input: unknown): Validation<ContactListBody> {
  if (!isObject(input)) return { ok: false, failures: [`request body must be a JSON object (got ${shown(input)})`] };
  const c = new Checker();
  if ((input.name === undefined || input.name === null) && input.name1 !== undefined) {
    c.fail("name", 'is required (the body has "name1" instead, the typo in the docs\' sample request)');
  } else c.string(input, "name", "name", { min: 1, max: NAME_MAX });
  c.string(input, "description", "description", { max: DESCRIPTION_MAX });
  c.oneOf(input, "source", "source", CONTACT_LIST_SOURCES);
  c.boolean(input, "allowDuplicates", "allowDuplicates", { optional: true });
  if (c.failures.length > 0) return { ok: false, failures: c.failures };
  return {
    ok: true,
    value: {
      name: input.name as string,
      description: input.description as string,
      source: input.source as ContactListBody["source"],
      allowDuplicates: (input.allowDuplicates as boolean | undefined) ?? false,
    },
  };
}

/**
 * The list body `{limit, skip, page, type}`. limit 1..100 (default 10); the offset is `skip` when given,
 * else `(page - 1) * limit`; type "voice" (default) or "sms".
 */
export function validateListBody(input: unknown): Validation<ListBody> {
  const body = input === undefined ? {} : input;
  if (!isObject(body)) return { ok: false, failures: [`request body must be a JSON object (got ${shown(input)})`] };
  const c = new Checker();
  const limit = body.limit ?? 10;
  const page = body.page ?? 1;
  const type = body.type ?? "voice";
  const withDefaults = { ...body, limit, page, type };
  c.integer(withDefaults, "limit", "limit", 1, 100);
  c.integer(withDefaults, "page", "page", 1);
  if (body.skip !== undefined) c.integer(body, "skip", "skip", 0);
  c.oneOf(withDefaults, "type", "type", ["voice", "sms"]);
  if (c.failures.length > 0) return { ok: false, failures: c.failures };
  const n = limit as number;
  const skip = body.skip !== undefined ? (body.skip as number) : ((page as number) - 1) * n;
  return { ok: true, value: { limit: n, skip, page: page as number, type: type as "voice" | "sms" } };
}
