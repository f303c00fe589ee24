/**
 * Dialing-impact flags: what a reviewer of a contact center must not miss. Each flag is written once
 * here (its id for `--fail-on`, its words, and the rule that raises it), one entry of FLAGS; the README's
 * table lists the same ids (a test checks it). The dialing flags are judged on outcomes, not fields: the
 * exposure model (shared/outbound/exposure.ts, with the voice effort of resources/campaign/exposure.ts)
 * gives each campaign's dialable instants before and after the change, and `starts` / `hours-widened` are
 * raised exactly when some instant is newly dialable. An SMS campaign is judged the same way (its calling
 * hours, schedule and start are a voice campaign's; US rules treat a text as a call), in its own words
 * ("starts texting"; channels.ts). Pure.
 */
import {
  callingHoursOf,
  horizonFrom,
  isUnresolved,
  runningAfterUp,
  runningAsItStands,
  type Exposure,
  type Horizon,
  type Running,
} from "../shared/outbound/exposure";
import { instantText, intersectIntervals, normalizeIntervals, subtractIntervals, type Interval } from "../shared/instants";
import { DAY_CODES } from "../shared/outbound/vocabulary";
import { minutesToTime as clock, timeToMinutes } from "../shared/outbound/normalize";
import { isSchedulePath } from "../shared/outbound/changes";
import type { ResourceChange } from "./changes";
import { channelReading } from "./channels";
import { complianceOf, type ComplianceContext } from "./compliance";

export interface QuietHours {
  /** Minutes after midnight, in each campaign's own time zone. */
  start: number;
  end: number;
}

/** 8:00 AM to 9:00 PM: the window US rules (and many others) use. */
export const DEFAULT_QUIET_HOURS: QuietHours = { start: 8 * 60, end: 21 * 60 };

/** What every flag sees of one change: the change, and for a campaign its exposure before and after. */
export interface Judged {
  change: ResourceChange;
  /** Campaigns only. Before: as state knows it (nothing for a create or a replacement: a new campaign). */
  before?: Exposure;
  after?: Exposure;
  /** Instants dialable after and not before. */
  newlyDialable: Interval[];
  /** ...of those, the ones at which it was not running at all before (starts), and the others (hours-widened). */
  newlyRunning: Interval[];
  newlyInWindows: Interval[];
}

export interface ReviewContext {
  quiet: QuietHours;
  horizon: Horizon;
  /** --policy given: the compliance rules to judge (review/compliance.ts) */
  compliance?: ComplianceContext;
}

interface FlagRule {
  id: string;
  /** What it means, in words, for the README and the comment's legend. */
  meaning: string;
  /** The explanation for one change, or undefined when the flag does not apply. */
  check(judged: Judged, context: ReviewContext): string | undefined;
}

const NOT_RUNNING: Running = { how: "never", why: "a new campaign", may: false };

/** A change judged: its exposure before and after, over `horizon`. */
export function judge(change: ResourceChange, horizon: Horizon): Judged {
  if (change.kind !== "campaign") return { change, newlyDialable: [], newlyRunning: [], newlyInWindows: [] };
  const [old, next] = [change.old?.facts, change.next?.facts];
  const { exposureOf } = channelReading(change.channel);
  const fresh = change.operation === "create" || change.operation === "replace";
  const before = exposureOf(fresh ? undefined : old, fresh || !old ? NOT_RUNNING : runningAsItStands(old), horizon);
  const running = runningAfterUp({ operation: change.operation, old, next, scheduleChanged: change.fields.some((f) => isSchedulePath(f.path)) });
  const after = exposureOf(next, running, horizon);
  const newlyDialable = subtractIntervals(after.dials, before.dials);
  return {
    change,
    before,
    after,
    newlyDialable,
    newlyRunning: subtractIntervals(newlyDialable, before.runs),
    newlyInWindows: intersectIntervals(newlyDialable, before.runs),
  };
}

const changed = (change: ResourceChange, prefix: string) => change.fields.some((f) => f.path === prefix || f.path.startsWith(`${prefix}.`) || f.path.startsWith(`${prefix}[`));
const isCampaign = (j: Judged) => j.change.kind === "campaign";
const isUpdate = (j: Judged) => j.change.operation === "update";
const wordsOf = (j: Judged) => channelReading(j.change.channel).words;
const strategyValue = (definition: Record<string, unknown> | undefined, key: string) => {
  const strategy = definition?.dialingStrategy;
  if (isUnresolved(strategy)) return strategy;
  return typeof strategy === "object" && strategy !== null ? (strategy as Record<string, unknown>)[key] : undefined;
};
const NOT_SHOWN = "not shown in the preview (unknown or secret)";

/** "first newly dialable: Mon 2026-12-07 6:00 PM Asia/Kolkata (Mon 2026-12-07 12:30 UTC)". */
const firstText = (intervals: Interval[], exposure: Exposure | undefined) => instantText(intervals[0].start, exposure?.hours.timezone);

/** A numeric setting that grows the effort: raised when it goes the `worse` way, "may" when the new value is not shown. */
function effortFlag(key: string, worse: (now: number, was: number) => boolean, words: (now: number, was: number) => string, unresolved: string) {
  return (j: Judged): string | undefined => {
    if (!isCampaign(j) || !isUpdate(j)) return undefined;
    const [was, now] = [strategyValue(j.change.old?.definition, key), strategyValue(j.change.next?.definition, key)];
    if (isUnresolved(now) && !isUnresolved(was)) return unresolved;
    return typeof was === "number" && typeof now === "number" && worse(now, was) ? words(now, was) : undefined;
  };
}

/** Per day, what the new windows add to the old ones (same zone), in words. */
function windowsAdded(j: Judged): string[] {
  const [was, now] = [j.before?.hours ?? callingHoursOf(j.change.old?.definition), j.after!.hours];
  const reasons: string[] = [];
  if (now.unresolved.length > 0) reasons.push(`${now.unresolved.join(", ")} ${NOT_SHOWN}: judged as the widest`);
  if (was.timezone !== now.timezone) reasons.push(`time zone ${was.timezone ?? "(not known)"} → ${now.timezone ?? "(not known)"}`);
  if (was.frequency !== now.frequency) reasons.push(`frequency ${was.frequency ?? "(none)"} → ${now.frequency ?? "(none)"}`);
  if (was.timezone === now.timezone) {
    DAY_CODES.forEach((day, d) => {
      const toMs = (list: readonly Interval[]) => list.map((i) => ({ start: i.start * 60_000, end: i.end * 60_000 }));
      const added = subtractIntervals(toMs(now.week[d]), toMs(was.week[d])).map((i) => `${clock(i.start / 60_000)} to ${clock(i.end / 60_000)}`);
      if (added.length === 0) return;
      reasons.push(was.week[d].length === 0 ? `${day} added (${added.join(", ")})` : `${day} gains ${added.join(", ")}`);
    });
  }
  return reasons;
}

/** The campaign's effective windows per day, as "MO 9:00 AM to 10:00 PM", those reaching outside `quiet`. */
function outsideQuiet(exposure: Exposure, quiet: QuietHours): string[] {
  return DAY_CODES.flatMap((day, d) => {
    const list = normalizeIntervals(exposure.hours.week[d].map((i) => ({ ...i })));
    if (list.length === 0) return [];
    const [start, end] = [list[0].start, list[list.length - 1].end];
    return start < quiet.start || end > quiet.end ? [`${day} ${clock(start)} to ${clock(end)}`] : [];
  });
}

export const FLAGS: readonly FlagRule[] = [
  {
    id: "starts",
    meaning:
      "starts dialing (an SMS campaign: starts texting): some instant (over the horizon) at which the campaign may dial after the change, while before it was not running then: `started` false → true, a create with `started` or a schedule, a schedule enabled, moved earlier or already in effect, the replacement of a running campaign, a pending or unresolved start",
    check: (j) => {
      if (!isCampaign(j) || j.newlyRunning.length === 0) return undefined;
      const why = j.after!.running.why;
      const words = wordsOf(j);
      return `${why}: ${j.after!.running.may ? words.mayStartFrom : words.startsFrom} ${firstText(j.newlyRunning, j.after)}`;
    },
  },
  {
    id: "stops",
    meaning: "stops dialing (or texting): `started` going from true to false, or a running campaign that no longer runs",
    check: (j) => {
      if (!isCampaign(j) || !isUpdate(j)) return undefined;
      if (j.change.old?.started && !j.change.next?.started && !isUnresolved(j.change.next?.facts?.started)) return `started goes from true to false: the campaign ${wordsOf(j).stops[0]}`;
      return j.before!.running.how !== "never" && j.after!.running.how === "never" ? `the campaign stops running (${j.after!.running.why})` : undefined;
    },
  },
  {
    id: "deletes-active",
    meaning: "deletes or replaces a campaign whose last known status is Active or Scheduled",
    check: ({ change: c }) => {
      if (c.kind !== "campaign" || (c.operation !== "delete" && c.operation !== "replace")) return undefined;
      const status = c.old?.status;
      return status === "Active" || status === "Scheduled" ? `${c.operation === "delete" ? "deletes" : "replaces"} a campaign that was ${status} at the last update or refresh` : undefined;
    },
  },
  {
    id: "contact-lists",
    meaning: "changes who is dialed: a campaign's contact lists change (or may: not shown in the preview), or a contact list is deleted or replaced",
    check: (j) => {
      const c = j.change;
      if (isCampaign(j)) {
        if (!isUpdate(j)) return undefined;
        const { reaches } = wordsOf(j);
        if (j.after!.contactLists === "unresolved" && j.before!.contactLists !== "unresolved") return `the contact lists it ${reaches} may change (${NOT_SHOWN})`;
        return changed(c, "contactLists") ? `the contact lists it ${reaches} change` : undefined;
      }
      if (c.operation === "delete") return "deletes a contact list, with its contacts";
      return c.operation === "replace" ? "replaces a contact list: it is deleted with its contacts and created again empty" : undefined;
    },
  },
  {
    id: "hours-widened",
    meaning: "widens calling hours: some instant (over the horizon) newly inside the windows of a campaign that runs: a gap filled, a day added, the zone moved, the frequency widened",
    check: (j) => {
      if (!isCampaign(j) || j.newlyInWindows.length === 0) return undefined;
      const reasons = windowsAdded(j);
      const verb = j.after!.hours.unresolved.length > 0 ? wordsOf(j).mayReach : wordsOf(j).reaches;
      return `calling hours widen${reasons.length > 0 ? `: ${reasons.join(", ")}` : ""}; ${verb} newly from ${firstText(j.newlyInWindows, j.after)}`;
    },
  },
  {
    id: "more-attempts",
    meaning: "more call attempts per contact (`maxAttemptsPerRecord` goes up)",
    check: effortFlag("maxAttemptsPerRecord", (now, was) => now > was, (now, was) => `each contact may be called up to ${now} times (was ${was})`, `each contact may be called more times (maxAttemptsPerRecord ${NOT_SHOWN})`),
  },
  {
    id: "shorter-retry",
    meaning: "contacts are called again sooner (`defaultRetryPeriod` goes down)",
    check: effortFlag("defaultRetryPeriod", (now, was) => now < was, (now, was) => `a contact is called again after ${now} minutes (was ${was})`, `a contact may be called again sooner (defaultRetryPeriod ${NOT_SHOWN})`),
  },
  {
    id: "mode-changed",
    meaning: "the dialing mode changes (Progressive, Preview, Agentless)",
    check: ({ change: c }) =>
      c.kind === "campaign" && c.operation === "update" && changed(c, "dialingMode") ? `dialing mode ${String(c.old?.definition.dialingMode)} → ${String(c.next?.definition.dialingMode)}` : undefined,
  },
  {
    id: "priority-raised",
    meaning: "the campaign's priority goes up (it takes agents and lines from other campaigns)",
    check: (j) => {
      if (!isCampaign(j) || !isUpdate(j)) return undefined;
      const [was, now] = [j.before!.effort.priority, j.after!.effort.priority];
      if (now === "unresolved" && was !== "unresolved") return `the priority may go up (${NOT_SHOWN})`;
      return was !== undefined && now !== undefined && was !== "unresolved" && Number(now) > Number(was) ? `priority ${was} → ${now}` : undefined;
    },
  },
  {
    id: "schedule-changed",
    meaning: "a schedule is added or changed: Kore starts the campaign on its dates",
    check: ({ change: c }) => {
      if (c.kind !== "campaign") return undefined;
      if (c.operation === "update") return changed(c, "schedule") ? "its schedule changes" : undefined;
      const schedule = c.next?.definition.schedule as Record<string, unknown> | undefined;
      const enabled = schedule?.enabled === true || schedule?.isSchedulingEnabled === true;
      return (c.operation === "create" || c.operation === "replace") && enabled ? "a new campaign with a schedule" : undefined;
    },
  },
  {
    id: "quiet-hours",
    meaning:
      "reminder: new or changed calling hours (a zone change included) reach outside the quiet-hours window (default 8:00 AM to 9:00 PM in the campaign's time zone); check the rules that apply to you (not legal advice)",
    check: (j, { quiet }) => {
      const c = j.change;
      if (!isCampaign(j) || !c.next || !j.after) return undefined;
      const relevant = c.operation === "create" || c.operation === "replace" || changed(c, "dialingStrategy.callingHours");
      if (!relevant) return undefined;
      const zone = j.after.hours.timezone;
      if (zone === undefined || j.after.hours.unresolved.length > 0) return `reminder: the calling hours or their time zone are ${NOT_SHOWN}: they may reach outside ${clock(quiet.start)} to ${clock(quiet.end)}`;
      const outside = outsideQuiet(j.after, quiet);
      return outside.length === 0 ? undefined : `reminder: calling hours reach outside ${clock(quiet.start)} to ${clock(quiet.end)} (${zone}): ${outside.join(", ")}`;
    },
  },
  {
    id: "compliance",
    meaning:
      "breaks a compliance rule it did not break before (with --policy: calling hours in the recipients' local time, banned days, holidays, calls per 24 hours, ring time; docs/compliance.md; an aid, not legal advice). Rules already broken before are listed apart",
    check: (j, { compliance }) => {
      const introduced = compliance ? complianceOf(j.change, compliance).introduced : [];
      return introduced.length === 0 ? undefined : introduced.map((f) => f.message).join("; ");
    },
  },
  {
    id: "code-changed",
    meaning: "the pull request changes files outside campaigns/, sms-campaigns/ and contact-lists/ (program, package.json, lock file, Pulumi.yaml, workflow): the preview ran the base branch's code, so a maintainer must review it (raised from --changed-files, code-changes.ts)",
    check: () => undefined,
  },
];

export const FLAG_IDS: readonly string[] = FLAGS.map((f) => f.id);

export interface RaisedFlag {
  id: string;
  resourceName: string;
  explanation: string;
}

export interface FlagOptions {
  quiet?: QuietHours;
  compliance?: ComplianceContext;
  /** Defaults to 8 weeks from now. */
  horizon?: Horizon;
}

/** Every flag each change raises, in the table's order. */
export function flagsOf(changes: readonly ResourceChange[], options: FlagOptions | QuietHours = {}): RaisedFlag[] {
  const opts: FlagOptions = "start" in options ? { quiet: options } : options;
  const context: ReviewContext = { quiet: opts.quiet ?? DEFAULT_QUIET_HOURS, horizon: opts.horizon ?? horizonFrom(Date.now()), ...(opts.compliance ? { compliance: opts.compliance } : {}) };
  return changes.flatMap((change) => {
    const judged = judge(change, context.horizon);
    return FLAGS.flatMap((flag) => {
      const explanation = flag.check(judged, context);
      return explanation === undefined ? [] : [{ id: flag.id, resourceName: change.resourceName, explanation }];
    });
  });
}

/** "8:00 AM-9:00 PM" / "08:00-21:00" -> a window; undefined when not two times with start before end. */
export function parseQuietHours(text: string): QuietHours | undefined {
  const parts = text.split(/\s*(?:-|to)\s*/i);
  if (parts.length !== 2) return undefined;
  const [start, end] = [timeToMinutes(parts[0]), timeToMinutes(parts[1], true)];
  return start !== undefined && end !== undefined && start < end ? { start, end } : undefined;
}
