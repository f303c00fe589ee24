/**
 * Warnings that depend on the time of the check (pure, the clock given), one row each: a schedule that has
 * ended, a schedule whose start has passed. Only for valid campaign files, voice and SMS (one schedule shape).
 */
import { endedScheduleProblem, startPassedScheduleRule } from "../resources/campaign/schedule";
import type { CampaignSpec } from "../resources/campaign/schema";
import type { ParsedFile } from "./parse";
import type { Problem } from "./problems";

const SCHEDULE_WARNINGS: ReadonlyArray<{ at: string; code: string; rule(schedule: CampaignSpec["schedule"], nowMs: number): string | undefined; after: string }> = [
  // `up` refuses to send it (schedule.ts), but a schedule that has already run and ended is a true record of
  // what happened, and needs no call while it is unchanged
  { at: "schedule.end", code: "schedule_ended", rule: endedScheduleProblem, after: "up refuses to send a new or changed schedule like this; an unchanged one makes no call" },
  // its end ahead: `up` sends it and Kore dials at once, `started: false` or not
  { at: "schedule.start", code: "schedule_started", rule: startPassedScheduleRule, after: "only a new or changed schedule is sent; an unchanged one makes no call" },
];

/** Each valid campaign's schedule warnings at `nowMs`, row by row. */
export function scheduleWarnings(parsed: readonly ParsedFile[], nowMs: number): Problem[] {
  return SCHEDULE_WARNINGS.flatMap(({ at, code, rule, after }) =>
    parsed.flatMap((p) => {
      const spec = p.definition?.spec ?? p.smsDefinition?.spec;
      const message = spec ? rule(spec.schedule, nowMs) : undefined;
      if (!spec || !message) return [];
      return [{ file: p.file, line: p.lineOf(at), path: at, severity: "warning" as const, message: `${message} (${after})`, code }];
    }),
  );
}
