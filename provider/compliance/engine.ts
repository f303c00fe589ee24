/**
 * The one compliance engine: a campaign definition and where its recipients are -> the rules it breaks.
 * Pure: no Pulumi, no network, no clock (the caller passes `now`). The CLI's `validate --policy`, the
 * review's `compliance` flag and the policy pack all call `checkCampaign`.
 *
 * How it judges (docs/compliance.md says the same):
 * - When the campaign may dial: its calling windows in its own zone, turned into instants ONCE over the
 *   next 12 months (`windowInstants`, real offsets, daylight saving included), inside its schedule's dates
 *   when a schedule is enabled (else at any time: it may be started any day). The exposure's readings
 *   apply (callingHoursOf: DAILY and CUSTOM dial every listed window every day; an unresolved value is its
 *   widest, and a finding that depends on one is a warning, "may").
 * - Where: each recipient zone. A region implies its zones (REGION_ZONES); a declared time zone that no
 *   region implies is judged under the rules of every declared region (which region it belongs to is not
 *   known). A rule applies when a declared region is its jurisdiction or lies in it (US-FL is in US).
 * - Hours: the dialing instants minus the legal hours in the zone (and in the rule's fixed zone, if any).
 *   Banned days and holidays: the dialing instants inside those local days.
 * - Calls per 24 hours: attempts of one record are at least `defaultRetryPeriod` apart, so within any
 *   24 hours (both ends counted, the cautious reading) at most floor(1440 / period) + 1 of them, and never
 *   more than `maxAttemptsPerRecord`. One campaign is one subject; campaigns are not added up.
 * - Ring time: `maxRingTime` against the minimum. Repeat after an abandoned call: a warning when the
 *   campaign retries (every retry is within 24 hours: Kore allows at most 1440 minutes) and no agent is
 *   guaranteed (any mode but Preview).
 * - No recipients (on the campaign or its lists) or no regions: a warning "recipients unknown" naming the
 *   policy that was not checked. Never a silent pass.
 * - An SMS campaign (`channel: "sms"`) is judged by the same hours, days and holidays rules, in its calling
 *   hours and schedule: US rules treat a text message as a call (the TCPA's reading), so a rule whose text
 *   names calls only is applied to texts too, and its finding says so. Calls per 24 hours: one text per
 *   contact per run (the SMS pages have no attempts or retries), and two runs of a schedule can fall
 *   within 24 hours: 2 texts (SMS_TEXTS_PER_24H). Ring time and repeat-after-abandon are about calls that
 *   ring and are answered: no text does either, so they do not apply.
 */
import { DAY_MS, MINUTE_MS, dayStart, instantText, instantsOfWallTimes, intersectIntervals, normalizeIntervals, subtractIntervals, wallClockMs, weekdayOf, windowInstants, type Interval } from "../shared/instants";
import type { Recipients } from "../shared/recipients";
import { callingHoursOf, isUnresolved, scheduleInstants, scheduleMayBeEnabled } from "../shared/outbound/exposure";
import { DAY_CODES, type DayCode } from "../shared/outbound/vocabulary";
import { normalizeDay, timeToMinutes } from "../shared/outbound/normalize";
import { POLICIES, REGION_ZONES, RULES, type ComplianceRule, type HoursRule } from "./rules";
import { asRecord } from "../util/values";
import type { CampaignType } from "../kore-api/endpoints";

/** How far ahead the rules look. */
export const COMPLIANCE_HORIZON_DAYS = 365;

export interface ListRecipients {
  list: string;
  /** undefined: the list declares none (or is not declared in any file). */
  recipients?: Recipients;
}

export interface CampaignSubject {
  /** The campaign's name, as findings name it. */
  campaign: string;
  /** The definition (normalized or loose; unresolved values are judged as their widest). */
  definition: unknown;
  /** The campaign's own recipients: they win over its lists'. */
  recipients?: Recipients;
  /** Its contact lists' recipients, when it declares none of its own. */
  lists?: readonly ListRecipients[];
  /** "voice" (the default) or "sms": what the campaign sends, and so the words and the rules that apply. */
  channel?: CampaignType;
}

/** How each channel's findings word what it does (voice: as before). */
const CHANNEL_WORDS: Readonly<Record<CampaignType, { reaches: string; mayReach: string }>> = {
  voice: { reaches: "dials", mayReach: "may dial" },
  sms: { reaches: "texts", mayReach: "may text" },
};

/** Limits that are about a call ringing and being answered: no text message does either. */
const CALLS_ONLY: ReadonlySet<ComplianceRule["limits"]> = new Set(["ring-time-min", "repeat-after-abandon"]);

/**
 * Texts one person may get from an SMS campaign within 24 hours: one per run (the SMS pages have no
 * attempts or retries), and two runs (a schedule's occurrences on consecutive days) can fall within 24 hours.
 */
export const SMS_TEXTS_PER_24H = 2;

/** What a rule whose text names calls only adds to a finding on an SMS campaign. */
const AS_A_CALL = "; the rule names calls: a text is judged as a call, as US rules treat it";

export interface ComplianceOptions {
  /** Policy names ("us", "uk", "in") or region codes ("us-fl"): parsePolicies. */
  policies: readonly string[];
  /** Epoch ms the 12 months start from. */
  now: number;
}

export interface Finding {
  /** error: a rule is broken; warning: may be broken, or could not be checked. */
  severity: "error" | "warning";
  /** The rule's id, or "recipients-unknown". */
  ruleId: string;
  campaign: string;
  /** The whole sentence, rule id and source included. */
  message: string;
  /** The definition path to point at ("dialingStrategy.callingHours.days[2]", "recipients"). */
  path: string;
  /** The recipient zone judged. */
  zone?: string;
  /** The first offending instant (epoch ms) and its words in the recipient's local time. */
  at?: number;
  atText?: string;
  source?: string;
  confirmed?: boolean;
}

/** "us,uk,in" -> jurisdictions, or the first word that names none. */
export function parsePolicies(text: string): { policies: string[] } | { error: string } {
  const words = text.split(",").map((w) => w.trim()).filter((w) => w.length > 0);
  if (words.length === 0) return { error: "--policy needs at least one policy: us, uk, in, or a region such as us-fl" };
  const policies: string[] = [];
  for (const word of words) {
    const jurisdiction = jurisdictionOf(word);
    if (!jurisdiction) return { error: `unknown policy ${JSON.stringify(word.slice(0, 40))}: use us, uk, in, or a region the rules cover (${regionsCovered().join(", ")})` };
    if (!policies.includes(jurisdiction)) policies.push(jurisdiction);
  }
  return { policies };
}

function jurisdictionOf(word: string): string | undefined {
  const named = POLICIES[word.toLowerCase()];
  if (named) return named;
  const upper = word.toUpperCase();
  return RULES.some((r) => r.jurisdiction === upper || r.jurisdiction.startsWith(`${upper}-`)) ? upper : undefined;
}

const regionsCovered = () => [...new Set(RULES.map((r) => r.jurisdiction))].map((j) => j.toLowerCase());
const within = (region: string, jurisdiction: string) => region === jurisdiction || region.startsWith(`${jurisdiction}-`);

/** The rules `policies` select (by jurisdiction, subdivisions included). */
export function selectedRules(policies: readonly string[]): ComplianceRule[] {
  const jurisdictions = policies.map((p) => jurisdictionOf(p) ?? p.toUpperCase());
  return RULES.filter((r) => jurisdictions.some((j) => within(r.jurisdiction, j) || within(j, r.jurisdiction)));
}

/** A finding's identity across two versions of a campaign (the review tells new ones from old ones). */
export const findingKey = (f: Finding) => `${f.campaign}\u0000${f.ruleId}\u0000${f.zone ?? ""}`;

// ---------------------------------------------------------------------------------------------------

interface Resolved {
  recipients?: Recipients;
  warnings: string[];
}

/** The campaign's own recipients, else the union of its lists' (a list without any: a warning). */
function resolveRecipients(subject: CampaignSubject): Resolved {
  if (subject.recipients) return { recipients: subject.recipients, warnings: [] };
  const lists = subject.lists ?? [];
  const declared = lists.filter((l) => l.recipients);
  const missing = lists.filter((l) => !l.recipients).map((l) => JSON.stringify(l.list));
  if (declared.length === 0) return { warnings: [] };
  const regions = [...new Set(declared.flatMap((l) => l.recipients!.regions ?? []))];
  const timeZones = [...new Set(declared.flatMap((l) => l.recipients!.timeZones ?? []))];
  return {
    recipients: { ...(regions.length ? { regions } : {}), ...(timeZones.length ? { timeZones } : {}) },
    warnings: missing.length ? [`contact list${missing.length > 1 ? "s" : ""} ${missing.join(", ")} declare${missing.length > 1 ? "" : "s"} no recipients: the people on ${missing.length > 1 ? "them" : "it"} were not checked`] : [],
  };
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const clock = (m: number) => {
  const h = Math.floor(m / 60) % 24;
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m % 60).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
};

function legalWeek(rule: HoursRule): Interval[][] {
  return DAY_CODES.map((day) => {
    const h = rule.hours[day];
    return h ? [{ start: minutesOf(h.earliest), end: minutesOf(h.latest) }] : [{ start: 0, end: 1440 }];
  });
}

function hoursText(rule: HoursRule): string {
  const texts = new Map<string, DayCode[]>();
  for (const day of DAY_CODES) {
    const h = rule.hours[day];
    if (!h) continue;
    const t = `${clock(minutesOf(h.earliest))}-${clock(minutesOf(h.latest))}`;
    texts.set(t, [...(texts.get(t) ?? []), day]);
  }
  const parts = [...texts].map(([t, days]) => (days.length === 7 ? t : `${t} ${days.join(",")}`));
  return `${parts.join("; ")}${rule.alsoFixedZone ? ` (also in ${rule.alsoFixedZone})` : ""}`;
}

const sourceText = (rule: ComplianceRule) => `${rule.source.citation}${rule.confirmed ? "" : "; not confirmed against the rule's own text"}`;

/** The calling window (by path) that dials at instant `t`, read in the campaign's zone. */
function windowPathAt(definition: unknown, zone: string | undefined, weekly: boolean, t: number): string {
  const base = "dialingStrategy.callingHours";
  const days = asRecord(asRecord(asRecord(definition)?.dialingStrategy)?.callingHours)?.days;
  if (zone === undefined || !Array.isArray(days)) return base;
  const wall = wallClockMs(zone, t);
  const day = DAY_CODES[weekdayOf(dayStart(wall))];
  const minute = Math.floor((wall - dayStart(wall)) / MINUTE_MS);
  const index = days.findIndex((entry) => {
    const w = asRecord(entry);
    const start = timeToMinutes(w?.start);
    const end = timeToMinutes(w?.end, true);
    return start !== undefined && end !== undefined && minute >= start && minute < end && (!weekly || normalizeDay(w?.day) === day);
  });
  return index >= 0 ? `${base}.days[${index}]` : `${base}.days`;
}

/** Wall-clock days (YYYY-MM-DD) as intervals written as UTC ms. */
const wallDays = (dates: readonly string[]) => normalizeIntervals(dates.map((d) => Date.parse(`${d}T00:00:00Z`)).filter((ms) => !Number.isNaN(ms)).map((start) => ({ start, end: start + DAY_MS })));

/** Every finding for one campaign under `options.policies`. */
export function checkCampaign(subject: CampaignSubject, options: ComplianceOptions): Finding[] {
  const findings: Finding[] = [];
  const { campaign, definition } = subject;
  const rules = selectedRules(options.policies);
  if (rules.length === 0) return findings;
  const policyNames = options.policies.map((p) => p.toLowerCase()).join(", ");
  const unknown = (why: string, path = "recipients") =>
    findings.push({ severity: "warning", ruleId: "recipients-unknown", campaign, path, message: `recipients unknown: campaign ${JSON.stringify(campaign)} ${why}; the ${policyNames} rules that need them were not checked. Declare recipients: {regions, timeZones} on the campaign or its contact lists` });

  const resolved = resolveRecipients(subject);
  for (const w of resolved.warnings) findings.push({ severity: "warning", ruleId: "recipients-unknown", campaign, path: "contactLists", message: `recipients unknown: campaign ${JSON.stringify(campaign)}: ${w}` });
  const regions = resolved.recipients?.regions ?? [];
  const declaredZones = resolved.recipients?.timeZones ?? [];
  if (!resolved.recipients) {
    unknown(subject.lists?.length ? "and its contact lists declare no recipients" : "declares no recipients");
    return findings;
  }
  if (regions.length === 0) {
    unknown("declares time zones but no regions, so which jurisdiction's rules apply is not known", "recipients.regions");
    return findings;
  }
  const implied = new Set(regions.flatMap((r) => REGION_ZONES[r] ?? []));
  const unattributed = declaredZones.filter((z) => !implied.has(z));

  // When it may dial, over the next 12 months: computed once, judged in every zone.
  const from = Math.floor(options.now / MINUTE_MS) * MINUTE_MS;
  const to = from + COMPLIANCE_HORIZON_DAYS * DAY_MS;
  const hours = callingHoursOf(definition);
  const record = asRecord(definition) ?? {};
  const scheduled = scheduleMayBeEnabled(record.schedule);
  const runs = scheduled ? scheduleInstants(record.schedule, hours.timezone, from, to) : [{ start: from, end: to }];
  const dials = intersectIntervals(runs, windowInstants(hours.week, hours.timezone, from, to));
  const unresolvedWhy = hours.unresolved.length > 0 || isUnresolved(record.schedule) ? ` (judged as its widest: ${[...hours.unresolved, ...(isUnresolved(record.schedule) ? ["schedule"] : [])].join(", ")} not known)` : "";
  const timeSeverity = unresolvedWhy ? "warning" : "error";
  const channel = subject.channel ?? "voice";
  const words = CHANNEL_WORDS[channel];
  const may = unresolvedWhy ? words.mayReach : words.reaches;

  const strategy = asRecord(record.dialingStrategy) ?? {};
  const reportedUnknownRegions = new Set<string>();
  for (const rule of rules) {
    const ruleRegions = regions.filter((r) => within(r, rule.jurisdiction));
    if (ruleRegions.length === 0) continue;
    if (channel === "sms" && CALLS_ONLY.has(rule.limits)) continue;
    const zones = new Set<string>(unattributed);
    for (const r of ruleRegions) {
      const known = REGION_ZONES[r];
      if (known) known.forEach((z) => zones.add(z));
      else if (unattributed.length === 0 && !reportedUnknownRegions.has(r)) {
        reportedUnknownRegions.add(r);
        unknown(`names region ${r}, whose time zones the rules table does not list, and no timeZones`, "recipients.regions");
      }
    }
    const base = { ruleId: rule.id, campaign, source: rule.source.citation, confirmed: rule.confirmed };
    const asACall = channel === "sms" && !rule.appliesTo.includes("texts") ? AS_A_CALL : "";
    const tail = `(${rule.id}: ${rule.summary}; ${sourceText(rule)}${asACall})`;
    switch (rule.limits) {
      case "hours":
      case "days":
      case "holidays": {
        if (rule.limits === "holidays" && to > Date.parse(`${rule.coversThrough}T23:59:59Z`)) {
          findings.push({ ...base, severity: "warning", path: "recipients", message: `campaign ${JSON.stringify(campaign)}: the ${rule.id} table covers holidays through ${rule.coversThrough} only; later holidays were not checked` });
        }
        for (const zone of [...zones].sort()) {
          let bad: Interval[];
          let what: string;
          if (rule.limits === "hours") {
            const week = legalWeek(rule);
            let legal = windowInstants(week, zone, from, to);
            if (rule.alsoFixedZone) legal = intersectIntervals(legal, windowInstants(week, rule.alsoFixedZone, from, to));
            bad = subtractIntervals(dials, legal);
            what = `outside ${hoursText(rule)}, the recipients' local time`;
          } else if (rule.limits === "days") {
            const banned = DAY_CODES.map((d) => (rule.banned.includes(d) ? [{ start: 0, end: 1440 }] : []));
            bad = intersectIntervals(dials, windowInstants(banned, zone, from, to));
            what = `on a banned day (${rule.banned.join(", ")})`;
          } else {
            bad = intersectIntervals(dials, instantsOfWallTimes(wallDays(rule.dates.map((d) => d.date)), zone, from, to));
            const wall = bad.length ? new Date(wallClockMs(zone, bad[0].start)).toISOString().slice(0, 10) : "";
            what = `on a holiday (${rule.dates.find((d) => d.date === wall)?.name ?? wall})`;
          }
          if (bad.length === 0) continue;
          const at = bad[0].start;
          const atText = instantText(at, zone);
          findings.push({
            ...base,
            severity: timeSeverity,
            zone,
            at,
            atText,
            path: windowPathAt(definition, hours.timezone, hours.frequency === "WEEKLY", at),
            message: `campaign ${JSON.stringify(campaign)} ${may} at ${atText}, ${what}, for recipients in ${zone}${unresolvedWhy} ${tail}`,
          });
        }
        break;
      }
      case "calls-per-24h": {
        if (channel === "sms") {
          if (SMS_TEXTS_PER_24H > rule.maxCalls && dials.length > 0) {
            findings.push({ ...base, severity: "error", path: "schedule", message: `campaign ${JSON.stringify(campaign)} may text one person ${SMS_TEXTS_PER_24H} times within 24 hours (once per run, two runs of its schedule on consecutive days); at most ${rule.maxCalls} are allowed ${tail}` });
          }
          break;
        }
        const attempts = strategy.maxAttemptsPerRecord;
        const period = strategy.defaultRetryPeriod;
        if (typeof attempts !== "number" || typeof period !== "number" || period <= 0) {
          findings.push({ ...base, severity: "warning", path: "dialingStrategy.maxAttemptsPerRecord", message: `campaign ${JSON.stringify(campaign)}: maxAttemptsPerRecord or defaultRetryPeriod is not known, so the calls per 24 hours were not checked ${tail}` });
          break;
        }
        const perDay = Math.min(attempts, Math.floor(1440 / period) + 1);
        if (perDay > rule.maxCalls && dials.length > 0) {
          findings.push({
            ...base,
            severity: "error",
            path: "dialingStrategy.maxAttemptsPerRecord",
            message: `campaign ${JSON.stringify(campaign)} may call one person ${perDay} times within 24 hours (maxAttemptsPerRecord ${attempts}, defaultRetryPeriod ${period} minutes); at most ${rule.maxCalls} are allowed ${tail}`,
          });
        }
        break;
      }
      case "ring-time-min": {
        const ring = strategy.maxRingTime;
        if (typeof ring !== "number") {
          findings.push({ ...base, severity: "warning", path: "dialingStrategy.maxRingTime", message: `campaign ${JSON.stringify(campaign)}: maxRingTime is not known, so the minimum ring time was not checked ${tail}` });
        } else if (ring < rule.minSeconds) {
          findings.push({ ...base, severity: "error", path: "dialingStrategy.maxRingTime", message: `campaign ${JSON.stringify(campaign)} rings for ${ring} seconds (maxRingTime); at least ${rule.minSeconds} are required ${tail}` });
        }
        break;
      }
      case "repeat-after-abandon": {
        const attempts = strategy.maxAttemptsPerRecord;
        const retries = typeof attempts !== "number" || attempts > 1;
        if (retries && record.dialingMode !== "Preview" && dials.length > 0) {
          findings.push({
            ...base,
            severity: "warning",
            path: "dialingStrategy.maxAttemptsPerRecord",
            message: `campaign ${JSON.stringify(campaign)} retries a number within ${rule.minHours} hours (defaultRetryPeriod is at most 1440 minutes) in ${String(record.dialingMode ?? "an unknown")} mode, where no agent is guaranteed: make sure no retry follows an abandoned call ${tail}`,
          });
        }
        break;
      }
      case "not-checkable":
        break;
    }
  }
  return findings;
}
