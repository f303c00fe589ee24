/**
 * The compliance engine against cases computed by hand (offsets, dates and weekdays worked out on paper,
 * from the zones' published rules: EST UTC-5, EDT UTC-4 from Sun 14 Mar 2027 07:00 UTC to Sun 7 Nov 2027
 * 06:00 UTC; CST UTC-6, CDT UTC-5; MST UTC-7; IST UTC+5:30, no daylight saving).
 */
import { checkCampaign, parsePolicies, type CampaignSubject, type Finding } from "../../provider/compliance";

/** Friday 4 Dec 2026, 13:00 UTC (6:30 PM in Kolkata, 8:00 AM in New York). */
const NOW = Date.parse("2026-12-04T13:00:00Z");

type Window = { day: string; start: string; end: string };

function campaign(timezone: string, days: Window[], strategy: Record<string, unknown> = {}, rest: Record<string, unknown> = {}) {
  return {
    name: "Reminders",
    description: "test",
    contactLists: ["Recent Buyers - Q2 2025"],
    priority: "5",
    dialingMode: "Agentless",
    experienceFlowName: "Flow",
    dialingStrategy: {
      callerId: { phoneNumber: "+12125550100" },
      callingHours: { frequency: "WEEKLY", timezone, days },
      dialingOrder: "FIFO",
      maxAttemptsPerRecord: 1,
      defaultRetryPeriod: 10,
      maxRingTime: 30,
      ...strategy,
    },
    schedule: { enabled: false },
    ...rest,
  };
}

function check(definition: unknown, recipients: CampaignSubject["recipients"], policies = ["us"], now = NOW, lists?: CampaignSubject["lists"]): Finding[] {
  return checkCampaign({ campaign: "Reminders", definition, ...(recipients ? { recipients } : {}), ...(lists ? { lists } : {}) }, { policies, now });
}

const brief = (f: Finding) => ({ severity: f.severity, ruleId: f.ruleId, zone: f.zone, atText: f.atText, path: f.path });

describe("calling hours in the recipients' local time", () => {
  test("a US campaign dialing 9 AM-6 PM from Asia/Kolkata reaches New York between 10:30 PM and 7:30 AM", () => {
    const weekdays = ["MO", "TU", "WE", "TH", "FR"].map((day) => ({ day, start: "09:00 AM", end: "06:00 PM" }));
    const findings = check(campaign("Asia/Kolkata", weekdays), { regions: ["US-NY"] });
    // Mon 7 Dec 09:00 IST = Mon 03:30 UTC = Sun 6 Dec 22:30 EST
    expect(findings.map(brief)).toEqual([{ severity: "error", ruleId: "us-federal-hours", zone: "America/New_York", atText: "Sun 2026-12-06 10:30 PM America/New_York (Mon 2026-12-07 03:30 UTC)", path: "dialingStrategy.callingHours.days[0]" }]);
    expect(findings[0].message).toContain("47 CFR § 64.1200(c)(1)");
    expect(findings[0].message).toContain('campaign "Reminders"');
  });

  test("the same windows are legal for recipients in India (9 AM-9 PM IST)", () => {
    const weekdays = ["MO", "TU", "WE", "TH", "FR"].map((day) => ({ day, start: "09:00 AM", end: "06:00 PM" }));
    expect(check(campaign("Asia/Kolkata", weekdays), { regions: ["IN"] }, ["in"])).toEqual([]);
  });

  test("6-7 PM Los Angeles time is legal in Los Angeles and not in New York (9-10 PM there)", () => {
    const findings = check(campaign("America/Los_Angeles", [{ day: "MO", start: "06:00 PM", end: "07:00 PM" }]), { regions: ["US-CA", "US-NY"] });
    // Mon 7 Dec 18:00 PST = Tue 02:00 UTC = Mon 21:00 EST
    expect(findings.map(brief)).toEqual([{ severity: "error", ruleId: "us-federal-hours", zone: "America/New_York", atText: "Mon 2026-12-07 9:00 PM America/New_York (Tue 2026-12-08 02:00 UTC)", path: "dialingStrategy.callingHours.days[0]" }]);
  });

  test("March: 01:30-02:00 UTC is 8:30 PM EST (legal) until the clocks go forward, then 9:30 PM EDT", () => {
    const everyDay = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].map((day) => ({ day, start: "01:30 AM", end: "02:00 AM" }));
    const findings = check(campaign("Africa/Abidjan", everyDay), { regions: ["US-NY"] });
    // Mon 15 Mar 2027 01:30 UTC = Sun 14 Mar 21:30 EDT (the day before, 01:30 UTC = Sat 13 Mar 20:30 EST)
    expect(findings.map(brief)).toEqual([{ severity: "error", ruleId: "us-federal-hours", zone: "America/New_York", atText: "Sun 2027-03-14 9:30 PM America/New_York (Mon 2027-03-15 01:30 UTC)", path: "dialingStrategy.callingHours.days[0]" }]);
  });

  test("November: 12:30-13:00 UTC is 8:30 AM EDT (legal) until the clocks go back, then 7:30 AM EST", () => {
    const everyDay = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"].map((day) => ({ day, start: "12:30 PM", end: "01:00 PM" }));
    const findings = check(campaign("Africa/Abidjan", everyDay), { regions: ["US-NY"] }, ["us"], Date.parse("2027-06-01T00:00:00Z"));
    // Sun 7 Nov 2027 12:30 UTC = 07:30 EST (the clocks went back at 06:00 UTC that morning)
    expect(findings.map(brief)).toEqual([{ severity: "error", ruleId: "us-federal-hours", zone: "America/New_York", atText: "Sun 2027-11-07 7:30 AM America/New_York (Sun 2027-11-07 12:30 UTC)", path: "dialingStrategy.callingHours.days[6]" }]);
  });

  test("Florida's 8 PM end judged in both of its zones: 7:30-8:30 PM New York time breaks it in New York only", () => {
    const findings = check(campaign("America/New_York", [{ day: "TU", start: "07:30 PM", end: "08:30 PM" }]), { regions: ["US-FL"] });
    // Tue 8 Dec 20:00 EST = Wed 01:00 UTC; in Chicago the window is 6:30-7:30 PM
    expect(findings.map(brief)).toEqual([{ severity: "error", ruleId: "us-fl-hours", zone: "America/New_York", atText: "Tue 2026-12-08 8:00 PM America/New_York (Wed 2026-12-09 01:00 UTC)", path: "dialingStrategy.callingHours.days[0]" }]);
  });

  test('Mississippi\'s "Central Standard Time": 8:00 AM CDT is 7:00 AM CST, refused from the first Monday of daylight saving', () => {
    const findings = check(campaign("America/Chicago", [{ day: "MO", start: "08:00 AM", end: "08:30 AM" }]), { regions: ["US-MS"] });
    // Mon 15 Mar 2027 08:00 CDT = 13:00 UTC
    expect(findings.map(brief)).toEqual([{ severity: "error", ruleId: "us-ms-hours", zone: "America/Chicago", atText: "Mon 2027-03-15 8:00 AM America/Chicago (Mon 2027-03-15 13:00 UTC)", path: "dialingStrategy.callingHours.days[0]" }]);
  });
});

describe("banned days and holidays", () => {
  test("Sunday under Mississippi's rule: a Sunday window is refused, the same window on Saturday is not", () => {
    const sunday = check(campaign("America/Chicago", [{ day: "SU", start: "10:00 AM", end: "12:00 PM" }]), { regions: ["US-MS"] });
    expect(sunday.map(brief)).toEqual([{ severity: "error", ruleId: "us-ms-days", zone: "America/Chicago", atText: "Sun 2026-12-06 10:00 AM America/Chicago (Sun 2026-12-06 16:00 UTC)", path: "dialingStrategy.callingHours.days[0]" }]);
    expect(check(campaign("America/Chicago", [{ day: "SA", start: "10:00 AM", end: "12:00 PM" }]), { regions: ["US-MS"] })).toEqual([]);
  });

  test("a Monday window from Kolkata dials on Sunday evening in Mississippi", () => {
    const findings = check(campaign("Asia/Kolkata", [{ day: "MO", start: "09:00 AM", end: "10:00 AM" }]), { regions: ["US-MS"] }).filter((f) => f.ruleId === "us-ms-days");
    // Mon 7 Dec 09:00 IST = 03:30 UTC = Sun 6 Dec 21:30 CST: a Monday window dials on Sunday in Mississippi
    expect(findings.map(brief)).toEqual([{ severity: "error", ruleId: "us-ms-days", zone: "America/Chicago", atText: "Sun 2026-12-06 9:30 PM America/Chicago (Mon 2026-12-07 03:30 UTC)", path: "dialingStrategy.callingHours.days[0]" }]);
  });

  test("a schedule whose dates hold no Sunday is not refused for its Sunday window", () => {
    const scheduled = campaign("America/Chicago", [{ day: "SU", start: "10:00 AM", end: "12:00 PM" }], {}, { schedule: { enabled: true, start: "2026-12-07 00:00:00", end: "2026-12-12 00:00:00" } });
    expect(check(scheduled, { regions: ["US-MS"] })).toEqual([]);
  });

  test("Utah: Christmas Day (Friday 25 Dec 2026) is refused", () => {
    const findings = check(campaign("America/Denver", [{ day: "FR", start: "10:00 AM", end: "12:00 PM" }]), { regions: ["US-UT"] });
    expect(findings.map(brief)).toEqual([{ severity: "error", ruleId: "us-ut-holidays", zone: "America/Denver", atText: "Fri 2026-12-25 10:00 AM America/Denver (Fri 2026-12-25 17:00 UTC)", path: "dialingStrategy.callingHours.days[0]" }]);
    expect(findings[0].message).toContain("Christmas");
  });
});

describe("calls per 24 hours and ring time", () => {
  const day = [{ day: "MO", start: "09:00 AM", end: "05:00 PM" }];
  const attempts = (maxAttemptsPerRecord: number, defaultRetryPeriod: number) => check(campaign("America/New_York", day, { maxAttemptsPerRecord, defaultRetryPeriod }), { regions: ["US-FL"] }).map((f) => f.ruleId);

  test("Florida's 3 calls in 24 hours: 5 attempts 6 hours apart is 5 calls (0, 6, 12, 18, 24 h); 12 hours apart is 3", () => {
    expect(attempts(5, 360)).toEqual(["us-fl-frequency"]);
    expect(attempts(5, 480)).toEqual(["us-fl-frequency"]); // 0, 8, 16, 24 h: 4
    expect(attempts(5, 720)).toEqual([]); // 0, 12, 24 h: 3
    expect(attempts(3, 10)).toEqual([]); // never more than 3 attempts
    expect(attempts(4, 10)).toEqual(["us-fl-frequency"]);
    const [finding] = check(campaign("America/New_York", day, { maxAttemptsPerRecord: 5, defaultRetryPeriod: 360 }), { regions: ["US-FL"] });
    expect(finding).toMatchObject({ severity: "error", path: "dialingStrategy.maxAttemptsPerRecord" });
    expect(finding.message).toContain("5 times within 24 hours");
    expect(finding.message).toContain("Fla. Stat. § 501.616(6)(b)");
  });

  test("the UK's 15-second ring time: 10 s refused, 15 s accepted; a retrying Progressive campaign gets the 72-hour warning", () => {
    const london = [{ day: "MO", start: "10:00 AM", end: "12:00 PM" }];
    expect(check(campaign("Europe/London", london, { maxRingTime: 10 }), { regions: ["GB"] }, ["uk"]).map(brief)).toEqual([{ severity: "error", ruleId: "uk-ofcom-ring-time", zone: undefined, atText: undefined, path: "dialingStrategy.maxRingTime" }]);
    expect(check(campaign("Europe/London", london, { maxRingTime: 15 }), { regions: ["GB"] }, ["uk"])).toEqual([]);
    const retrying = check(campaign("Europe/London", london, { maxAttemptsPerRecord: 2 }, { dialingMode: "Progressive" }), { regions: ["GB"] }, ["uk"]);
    expect(retrying.map((f) => [f.severity, f.ruleId])).toEqual([["warning", "uk-ofcom-repeat-after-abandon"]]);
  });
});

describe("recipients", () => {
  const late = campaign("America/New_York", [{ day: "MO", start: "08:00 PM", end: "10:00 PM" }]);

  test("none declared: a warning 'recipients unknown', never a silent pass", () => {
    const findings = check(late, undefined);
    expect(findings.map((f) => [f.severity, f.ruleId, f.path])).toEqual([["warning", "recipients-unknown", "recipients"]]);
    expect(findings[0].message).toMatch(/^recipients unknown: /);
  });

  test("time zones without regions: which law applies is not known, a warning", () => {
    expect(check(late, { timeZones: ["America/New_York"] }).map((f) => [f.severity, f.ruleId])).toEqual([["warning", "recipients-unknown"]]);
  });

  test("from the contact lists when the campaign declares none; a list without recipients is a warning", () => {
    const findings = check(late, undefined, ["us"], NOW, [
      { list: "A", recipients: { regions: ["US-NY"] } },
      { list: "B" },
    ]);
    expect(findings.map((f) => [f.severity, f.ruleId])).toEqual([["warning", "recipients-unknown"], ["error", "us-federal-hours"]]);
    expect(findings[0].message).toContain('contact list "B"');
  });

  test("the campaign's own recipients win over its lists'", () => {
    expect(check(late, { regions: ["IN"] }, ["us"], NOW, [{ list: "A", recipients: { regions: ["US-NY"] } }])).toEqual([]);
  });

  test("a zone no region implies is judged under the declared regions' rules", () => {
    // US-NY with recipients also in Los Angeles: 8-10 PM New York is 5-7 PM there (legal); only New York is refused
    expect(check(late, { regions: ["US-NY"], timeZones: ["America/Los_Angeles"] }).map((f) => f.zone)).toEqual(["America/New_York"]);
  });

  test("a policy that does not cover the recipients' region checks nothing", () => {
    expect(check(late, { regions: ["US-NY"] }, ["uk"])).toEqual([]);
  });
});

test("parsePolicies: names and regions, in any case; an unknown word is named", () => {
  expect(parsePolicies("us, UK,in")).toEqual({ policies: ["US", "GB", "IN"] });
  expect(parsePolicies("us-fl")).toEqual({ policies: ["US-FL"] });
  expect(parsePolicies("us,mars")).toEqual({ error: expect.stringContaining('unknown policy "mars"') });
  expect(parsePolicies(" , ")).toEqual({ error: expect.stringContaining("at least one policy") });
});

describe("an SMS campaign (channel sms): its calling hours judged as calls", () => {
  /** An SMS definition as the SMS schema holds it: no dialing mode, attempts, retry period or ring time. */
  const sms = (timezone: string, days: Window[]) => ({
    name: "Reminders",
    description: "test",
    contactLists: ["Recent Buyers - Q2 2025"],
    priority: "5",
    format: "simple",
    message: { text: "Your bill is ready." },
    dialingStrategy: { callerId: { phoneNumber: "+12125550100" }, callingHours: { frequency: "WEEKLY", timezone, days } },
    schedule: { enabled: false },
  });
  const checkSms = (definition: unknown, recipients: CampaignSubject["recipients"], policies: string[]) => checkCampaign({ campaign: "Reminders", definition, recipients, channel: "sms" }, { policies, now: NOW });
  const weekdays = ["MO", "TU", "WE", "TH", "FR"].map((day) => ({ day, start: "09:00 AM", end: "06:00 PM" }));

  test("9 AM-6 PM from Kolkata reaches Florida at 9:30 PM (Chicago) and 10:30 PM (New York): the federal and Florida hours, worded as texts", () => {
    const findings = checkSms(sms("Asia/Kolkata", weekdays), { regions: ["US-FL"] }, ["us"]);
    // Mon 7 Dec 09:00 IST = 03:30 UTC = Sun 6 Dec 21:30 CST = 22:30 EST (Friday's window ended at 12:30 UTC, before NOW)
    const chicago = "Sun 2026-12-06 9:30 PM America/Chicago (Mon 2026-12-07 03:30 UTC)";
    const newYork = "Sun 2026-12-06 10:30 PM America/New_York (Mon 2026-12-07 03:30 UTC)";
    const path = "dialingStrategy.callingHours.days[0]";
    expect(findings.map(brief)).toEqual([
      { severity: "error", ruleId: "us-federal-hours", zone: "America/Chicago", atText: chicago, path },
      { severity: "error", ruleId: "us-federal-hours", zone: "America/New_York", atText: newYork, path },
      { severity: "error", ruleId: "us-fl-hours", zone: "America/Chicago", atText: chicago, path },
      { severity: "error", ruleId: "us-fl-hours", zone: "America/New_York", atText: newYork, path },
    ]);
    expect(findings[0].message).toMatch(/^campaign "Reminders" texts at Sun 2026-12-06 9:30 PM America\/Chicago/);
    // the federal rule names texts; Florida's names calls only: applied to the text, and said so
    expect(findings[0].message).not.toContain("the rule names calls");
    expect(findings[2].message).toContain("; the rule names calls: a text is judged as a call, as US rules treat it)");
  });

  test("the same definition as a voice campaign is worded as dialing, with no word about texts", () => {
    const findings = checkCampaign({ campaign: "Reminders", definition: sms("Asia/Kolkata", weekdays), recipients: { regions: ["US-FL"] } }, { policies: ["us"], now: NOW });
    expect(findings[0].message).toMatch(/^campaign "Reminders" dials at /);
    expect(findings.some((f) => f.message.includes("the rule names calls"))).toBe(false);
  });

  test("Sunday in Mississippi: a banned day for texts too", () => {
    const findings = checkSms(sms("America/Chicago", [{ day: "SU", start: "10:00 AM", end: "12:00 PM" }]), { regions: ["US-MS"] }, ["us"]);
    expect(findings.map(brief)).toEqual([{ severity: "error", ruleId: "us-ms-days", zone: "America/Chicago", atText: "Sun 2026-12-06 10:00 AM America/Chicago (Sun 2026-12-06 16:00 UTC)", path: "dialingStrategy.callingHours.days[0]" }]);
  });

  test("calls per 24 hours: Florida's and Maryland's cap of 3 is above the 2 texts an SMS campaign may send one person in 24 hours; no warning about attempts it has not got", () => {
    const day = [{ day: "MO", start: "09:00 AM", end: "05:00 PM" }];
    expect(checkSms(sms("America/New_York", day), { regions: ["US-FL", "US-MD"] }, ["us"])).toEqual([]);
    // the voice reading of the same definition has no maxAttemptsPerRecord: a warning per rule
    const voice = checkCampaign({ campaign: "Reminders", definition: sms("America/New_York", day), recipients: { regions: ["US-FL", "US-MD"] } }, { policies: ["us"], now: NOW });
    expect(voice.map((f) => [f.severity, f.ruleId])).toEqual([["warning", "us-fl-frequency"], ["warning", "us-md-frequency"]]);
  });

  test("the UK's ring time and repeat-after-abandon are about calls that ring: not judged for a text", () => {
    const london = [{ day: "MO", start: "10:00 AM", end: "12:00 PM" }];
    expect(checkSms(sms("Europe/London", london), { regions: ["GB"] }, ["uk"])).toEqual([]);
    const voice = checkCampaign({ campaign: "Reminders", definition: sms("Europe/London", london), recipients: { regions: ["GB"] } }, { policies: ["uk"], now: NOW });
    expect(voice.map((f) => [f.severity, f.ruleId])).toEqual([["warning", "uk-ofcom-ring-time"], ["warning", "uk-ofcom-repeat-after-abandon"]]);
  });

  test("9 PM-10 PM IST for recipients in India breaks TRAI's hours (which name texts)", () => {
    const findings = checkSms(sms("Asia/Kolkata", [{ day: "MO", start: "09:00 PM", end: "10:00 PM" }]), { regions: ["IN"] }, ["in"]);
    // Mon 7 Dec 21:00 IST = 15:30 UTC
    expect(findings.map(brief)).toEqual([{ severity: "error", ruleId: "in-trai-hours", zone: "Asia/Kolkata", atText: "Mon 2026-12-07 9:00 PM Asia/Kolkata (Mon 2026-12-07 15:30 UTC)", path: "dialingStrategy.callingHours.days[0]" }]);
    expect(findings[0].message).not.toContain("the rule names calls");
  });
});
