/**
 * Dialing-impact flags: what a reviewer of a contact center must not miss. Each flag is written once
 * here (its id for `--fail-on`, its words, and the rule that raises it); the README's table lists the
 * same ids (a test checks it). Pure.
 */
import { minutesToTime as clock, timeToMinutes } from "../resources/campaign/schema";
import type { ResourceChange } from "./changes";

export interface QuietHours {
  /** Minutes after midnight, in each campaign's own time zone. */
  start: number;
  end: number;
}

/** 8:00 AM to 9:00 PM: the window US rules (and many others) use. */
export const DEFAULT_QUIET_HOURS: QuietHours = { start: 8 * 60, end: 21 * 60 };

interface FlagRule {
  id: string;
  /** What it means, in words, for the README and the comment's legend. */
  meaning: string;
  /** The explanation for one change, or undefined when the flag does not apply. */
  check(change: ResourceChange, quiet: QuietHours): string | undefined;
}

type Window = { day: string; start: unknown; end: unknown };

const windowsOf = (definition: Record<string, unknown> | undefined): Window[] => {
  const strategy = definition?.dialingStrategy as { callingHours?: { days?: Window[] } } | undefined;
  return Array.isArray(strategy?.callingHours?.days) ? strategy!.callingHours!.days! : [];
};
const timezoneOf = (definition: Record<string, unknown> | undefined) =>
  ((definition?.dialingStrategy as { callingHours?: { timezone?: string } } | undefined)?.callingHours?.timezone ?? "its time zone");
const numberAt = (definition: Record<string, unknown> | undefined, key: string) => {
  const value = (definition?.dialingStrategy as Record<string, unknown> | undefined)?.[key];
  return typeof value === "number" ? value : undefined;
};
const changed = (change: ResourceChange, prefix: string) => change.fields.some((f) => f.path === prefix || f.path.startsWith(`${prefix}.`) || f.path.startsWith(`${prefix}[`));
const isCampaign = (change: ResourceChange) => change.kind === "campaign";

/** Per day: the earliest start and latest end, in minutes. */
function spanByDay(windows: Window[]): Map<string, { start: number; end: number }> {
  const spans = new Map<string, { start: number; end: number }>();
  for (const w of windows) {
    const start = timeToMinutes(w.start);
    const end = timeToMinutes(w.end, true);
    if (start === undefined || end === undefined) continue;
    const seen = spans.get(w.day);
    spans.set(w.day, seen ? { start: Math.min(seen.start, start), end: Math.max(seen.end, end) } : { start, end });
  }
  return spans;
}

export const FLAGS: readonly FlagRule[] = [
  {
    id: "starts",
    meaning: "starts dialing: a new campaign with `started: true`, or `started` going from false to true",
    check: (c) => {
      if (!isCampaign(c) || !c.next?.started) return undefined;
      if (c.operation === "create" || c.operation === "replace") return "a new campaign that starts dialing as soon as it is ready";
      return c.old && !c.old.started ? "started goes from false to true: the campaign starts dialing" : undefined;
    },
  },
  {
    id: "stops",
    meaning: "stops dialing: `started` going from true to false",
    check: (c) => (isCampaign(c) && c.operation === "update" && c.old?.started && !c.next?.started ? "started goes from true to false: the campaign stops dialing" : undefined),
  },
  {
    id: "deletes-active",
    meaning: "deletes or replaces a campaign whose last known status is Active or Scheduled",
    check: (c) => {
      if (!isCampaign(c) || (c.operation !== "delete" && c.operation !== "replace")) return undefined;
      const status = c.old?.status;
      return status === "Active" || status === "Scheduled" ? `${c.operation === "delete" ? "deletes" : "replaces"} a campaign that was ${status} at the last update or refresh` : undefined;
    },
  },
  {
    id: "contact-lists",
    meaning: "changes who is dialed: a campaign's contact lists change, or a contact list is deleted or replaced",
    check: (c) => {
      if (isCampaign(c)) return c.operation === "update" && changed(c, "contactLists") ? "the contact lists it dials change" : undefined;
      if (c.operation === "delete") return "deletes a contact list, with its contacts";
      return c.operation === "replace" ? "replaces a contact list: it is deleted with its contacts and created again empty" : undefined;
    },
  },
  {
    id: "hours-widened",
    meaning: "widens calling hours: an earlier start, a later end, or more days",
    check: (c) => {
      if (!isCampaign(c) || c.operation !== "update" || !changed(c, "dialingStrategy.callingHours")) return undefined;
      const before = spanByDay(windowsOf(c.old?.definition));
      const after = spanByDay(windowsOf(c.next?.definition));
      const reasons: string[] = [];
      for (const [day, span] of after) {
        const was = before.get(day);
        if (!was) reasons.push(`${day} added (${clock(span.start)} to ${clock(span.end)})`);
        else {
          if (span.start < was.start) reasons.push(`${day} starts earlier (${clock(was.start)} → ${clock(span.start)})`);
          if (span.end > was.end) reasons.push(`${day} ends later (${clock(was.end)} → ${clock(span.end)})`);
        }
      }
      return reasons.length > 0 ? `calling hours widen: ${reasons.join(", ")}` : undefined;
    },
  },
  {
    id: "more-attempts",
    meaning: "more call attempts per contact (`maxAttemptsPerRecord` goes up)",
    check: (c) => {
      const [was, now] = [numberAt(c.old?.definition, "maxAttemptsPerRecord"), numberAt(c.next?.definition, "maxAttemptsPerRecord")];
      return isCampaign(c) && c.operation === "update" && was !== undefined && now !== undefined && now > was ? `each contact may be called up to ${now} times (was ${was})` : undefined;
    },
  },
  {
    id: "shorter-retry",
    meaning: "contacts are called again sooner (`defaultRetryPeriod` goes down)",
    check: (c) => {
      const [was, now] = [numberAt(c.old?.definition, "defaultRetryPeriod"), numberAt(c.next?.definition, "defaultRetryPeriod")];
      return isCampaign(c) && c.operation === "update" && was !== undefined && now !== undefined && now < was ? `a contact is called again after ${now} minutes (was ${was})` : undefined;
    },
  },
  {
    id: "mode-changed",
    meaning: "the dialing mode changes (Progressive, Preview, Agentless)",
    check: (c) =>
      isCampaign(c) && c.operation === "update" && changed(c, "dialingMode") ? `dialing mode ${String(c.old?.definition.dialingMode)} → ${String(c.next?.definition.dialingMode)}` : undefined,
  },
  {
    id: "schedule-changed",
    meaning: "a schedule is added or changed: Kore starts the campaign on its dates",
    check: (c) => {
      if (!isCampaign(c)) return undefined;
      if (c.operation === "update") return changed(c, "schedule") ? "its schedule changes" : undefined;
      const schedule = c.next?.definition.schedule as Record<string, unknown> | undefined;
      const enabled = schedule?.enabled === true || schedule?.isSchedulingEnabled === true;
      return (c.operation === "create" || c.operation === "replace") && enabled ? "a new campaign with a schedule" : undefined;
    },
  },
  {
    id: "quiet-hours",
    meaning: "reminder: new or changed calling hours reach outside the quiet-hours window (default 8:00 AM to 9:00 PM in the campaign's time zone); check the rules that apply to you (not legal advice)",
    check: (c, quiet) => {
      if (!isCampaign(c) || !c.next) return undefined;
      const relevant = c.operation === "create" || c.operation === "replace" || changed(c, "dialingStrategy.callingHours");
      if (!relevant) return undefined;
      const outside = [...spanByDay(windowsOf(c.next.definition))].filter(([, s]) => s.start < quiet.start || s.end > quiet.end);
      if (outside.length === 0) return undefined;
      const days = outside.map(([day, s]) => `${day} ${clock(s.start)} to ${clock(s.end)}`).join(", ");
      return `reminder: calling hours reach outside ${clock(quiet.start)} to ${clock(quiet.end)} (${timezoneOf(c.next.definition)}): ${days}`;
    },
  },
  {
    id: "code-changed",
    meaning: "the pull request changes files outside campaigns/ and contact-lists/ (program, package.json, lock file, Pulumi.yaml, workflow): the preview ran the base branch's code, so a maintainer must review it (raised from --changed-files, code-changes.ts)",
    check: () => undefined,
  },
];

export const FLAG_IDS: readonly string[] = FLAGS.map((f) => f.id);

export interface RaisedFlag {
  id: string;
  resourceName: string;
  explanation: string;
}

/** Every flag each change raises, in the table's order. */
export function flagsOf(changes: readonly ResourceChange[], quiet: QuietHours = DEFAULT_QUIET_HOURS): RaisedFlag[] {
  return changes.flatMap((change) =>
    FLAGS.flatMap((flag) => {
      const explanation = flag.check(change, quiet);
      return explanation === undefined ? [] : [{ id: flag.id, resourceName: change.resourceName, explanation }];
    }),
  );
}

/** "8:00 AM-9:00 PM" / "08:00-21:00" -> a window; undefined when not two times with start before end. */
export function parseQuietHours(text: string): QuietHours | undefined {
  const parts = text.split(/\s*(?:-|to)\s*/i);
  if (parts.length !== 2) return undefined;
  const [start, end] = [timeToMinutes(parts[0]), timeToMinutes(parts[1], true)];
  return start !== undefined && end !== undefined && start < end ? { start, end } : undefined;
}
