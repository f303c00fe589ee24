/**
 * The rules table (provider/compliance/rules.ts) against the research it was compiled from
 * (docs/research/compliance-rules.yaml: ids, jurisdictions, figures, confirmed status) and against the
 * page that shows it (docs/compliance.md). A rule edited in one place and not the others fails here.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { REGION_ZONES, RULES, rulesTableMarkdown } from "../../provider/compliance";
import { knownZone } from "../../provider/shared/instants";

const ROOT = path.resolve(__dirname, "../..");
const research = parse(fs.readFileSync(path.join(ROOT, "docs/research/compliance-rules.yaml"), "utf8"));
const researched: Array<Record<string, any>> = [...research.rules, ...research.holiday_calendars, ...research.international];
const byId = new Map(RULES.map((r) => [r.id, r]));

test("every researched rule is in the table with its jurisdiction and confirmed status (Mississippi's repealed holidays aside)", () => {
  const missing = researched.filter((r) => !byId.has(r.id)).map((r) => r.id);
  expect(missing).toEqual(["us-ms-holidays"]); // no holiday ban any more: nothing to enforce
  for (const r of researched.filter((x) => byId.has(x.id))) {
    expect([r.id, byId.get(r.id)!.jurisdiction, byId.get(r.id)!.confirmed]).toEqual([r.id, r.jurisdiction, r.confirmed]);
  }
  expect(RULES.length).toBe(researched.length - 1);
  expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
});

test("the figures match the research: hours, caps, ring time, banned days, holiday dates", () => {
  for (const r of researched.filter((x) => byId.has(x.id))) {
    const rule = byId.get(r.id)!;
    if (rule.limits === "hours") {
      const expected = r.hours_by_day ?? Object.fromEntries(["MO", "TU", "WE", "TH", "FR", "SA", "SU"].map((d) => [d, { earliest: r.hours.earliest, latest: r.hours.latest }]));
      expect([r.id, rule.hours]).toEqual([r.id, expected]);
    }
    if (rule.limits === "calls-per-24h") expect([r.id, rule.maxCalls]).toEqual([r.id, r.max_calls]);
    if (rule.limits === "ring-time-min") expect(rule.minSeconds).toBe(r.min_seconds);
    if (rule.limits === "days") expect([r.id, rule.banned]).toEqual([r.id, r.days_banned]);
    if (rule.limits === "holidays") expect([r.id, rule.dates.map((d) => d.date)]).toEqual([r.id, r.dates.map((d: { date: string }) => d.date)]);
  }
});

test("holiday dates are real dates within the years the table covers; the region zones are zones Intl knows", () => {
  for (const rule of RULES) {
    if (rule.limits !== "holidays") continue;
    for (const { date } of rule.dates) {
      expect(new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(date);
      expect(date <= rule.coversThrough).toBe(true);
    }
  }
  // a few weekdays by hand: Christmas 2026 is a Friday, Utah's Juneteenth 2026 moves to Monday 15 June
  expect(new Date("2026-12-25T00:00:00Z").getUTCDay()).toBe(5);
  expect(new Date("2026-06-15T00:00:00Z").getUTCDay()).toBe(1);
  for (const zones of Object.values(REGION_ZONES)) for (const zone of zones) expect(knownZone(zone)).toBe(zone);
  expect(REGION_ZONES["US-FL"]).toEqual(["America/New_York", "America/Chicago"]);
});

test("every rule names its source; docs/compliance.md shows the table as the code holds it", () => {
  for (const rule of RULES) {
    expect(rule.source.citation.length).toBeGreaterThan(5);
    expect(rule.source.urls.length).toBeGreaterThan(0);
  }
  const page = fs.readFileSync(path.join(ROOT, "docs/compliance.md"), "utf8");
  expect(page).toContain(`${rulesTableMarkdown()}\n<!-- end of rules table -->`);
  expect(page).toContain("not legal advice");
});
