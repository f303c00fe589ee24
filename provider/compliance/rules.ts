/**
 * The compliance rules as data: one entry per rule, with its jurisdiction, what it limits, its numbers, its
 * source and whether the figures were confirmed against the rule's own text. Compiled from
 * docs/research/compliance-rules.yaml (sources and what each said: docs/research/compliance-notes.md);
 * docs/compliance.md shows this table. An aid, not legal advice. The engine (engine.ts) reads only this.
 *
 * Clocks: "recipient-local" judges the hours in the called person's zone; `alsoFixedZone` judges them in a
 * fixed zone too (both must hold: Mississippi's statute says "Central Standard Time", and the cautious
 * reading is that both Central clock and standard time apply, 09:00-20:00 CDT in summer).
 */
import type { DayCode } from "../shared/outbound/vocabulary";

export interface RuleSource {
  citation: string;
  urls: readonly string[];
}

interface RuleBase {
  id: string;
  /** ISO 3166: "US" (federal), "US-FL", "GB", "IN". */
  jurisdiction: string;
  /** What the rule limits, in words. */
  summary: string;
  appliesTo: ReadonlyArray<"calls" | "texts">;
  scope?: string;
  source: RuleSource;
  effective?: string;
  /** true: the rule's own text was read and says this; false: secondary sources only (see note). */
  confirmed: boolean;
  note: string;
}

export interface HoursRule extends RuleBase {
  limits: "hours";
  /** Legal hours per day ("HH:MM", end excluded); a day not listed is not judged by this rule (days rules ban days). */
  hours: Partial<Record<DayCode, { earliest: string; latest: string }>>;
  /** Also judged in this zone (see the header). */
  alsoFixedZone?: string;
}

export interface DaysRule extends RuleBase {
  limits: "days";
  banned: readonly DayCode[];
}

export interface HolidaysRule extends RuleBase {
  limits: "holidays";
  /** The last day the dates cover (YYYY-MM-DD): after it, holidays are not checked (a warning says so). */
  coversThrough: string;
  dates: ReadonlyArray<{ date: string; name: string; confirmed?: boolean }>;
}

export interface CallsPer24hRule extends RuleBase {
  limits: "calls-per-24h";
  maxCalls: number;
}

export interface RingTimeRule extends RuleBase {
  limits: "ring-time-min";
  minSeconds: number;
}

export interface RepeatAfterAbandonRule extends RuleBase {
  limits: "repeat-after-abandon";
  minHours: number;
}

/** Rules listed for completeness that nothing in a definition can show (the abandon rate; emergencies). */
export interface UncheckedRule extends RuleBase {
  limits: "not-checkable";
  why: string;
}

export type ComplianceRule = HoursRule | DaysRule | HolidaysRule | CallsPer24hRule | RingTimeRule | RepeatAfterAbandonRule | UncheckedRule;

const EVERY_DAY = (earliest: string, latest: string): HoursRule["hours"] => ({
  MO: { earliest, latest },
  TU: { earliest, latest },
  WE: { earliest, latest },
  TH: { earliest, latest },
  FR: { earliest, latest },
  SA: { earliest, latest },
  SU: { earliest, latest },
});

/** Which zones a region's recipients live in. Multi-zone states list every zone (judged in each). */
export const REGION_ZONES: Readonly<Record<string, readonly string[]>> = {
  "US-AL": ["America/Chicago"],
  "US-CA": ["America/Los_Angeles"],
  "US-CT": ["America/New_York"],
  "US-FL": ["America/New_York", "America/Chicago"],
  "US-LA": ["America/Chicago"],
  "US-MD": ["America/New_York"],
  "US-MS": ["America/Chicago"],
  "US-NY": ["America/New_York"],
  "US-OK": ["America/Chicago"],
  "US-PA": ["America/New_York"],
  "US-RI": ["America/New_York"],
  "US-TX": ["America/Chicago", "America/Denver"],
  "US-UT": ["America/Denver"],
  "US-WA": ["America/Los_Angeles"],
  IN: ["Asia/Kolkata"],
  GB: ["Europe/London"],
};

/** `--policy` names -> jurisdictions they select (a jurisdiction selects its subdivisions too). */
export const POLICIES: Readonly<Record<string, string>> = { us: "US", uk: "GB", gb: "GB", in: "IN" };

const FL_BILL = "https://flsenate.gov/Session/Bill/2021/1120/BillText/Filed/HTML";
const MS_723 = "https://getpocketlaw.com/law/state_mississippi/section-77-3-723-rules-for-authorized-calls_57b73fa7ff73";
const LA_811 = "https://lawserver.com/?p=30183792";
const AL_RULE =
  "https://d1tvxue8o4w0fl.cloudfront.net/regulation/alabama-administrative-code/title-770-alabama-public-service-commission/chapter-770-x-5-telephone-rules/section-770-x-5-17-live-and-automated-solicitations-and-announcements";
const UT_103 = "https://codes.findlaw.com/ut/title-13-commerce-and-trade/ut-code-sect-13-25a-103/";
const RI_2 = "https://instalawyer.io/laws/rhode-island-general-laws/section-5-61-2-definitions";
const OFCOM = "https://www.ofcom.org.uk/consultations-and-statements/category-1/review-of-how-we-use-persistent-misuse-powers";
const OFCOM_CHECKS = "https://www.didcomms.co.uk/call-centres-16-checks-to-ensure-youre-ofcom-compliant/";

const dates = (list: string, confirmed?: boolean) =>
  list
    .trim()
    .split("\n")
    .map((line) => {
      const [date, ...name] = line.trim().split(" ");
      const unconfirmed = name[name.length - 1] === "?";
      return { date, name: name.filter((w) => w !== "?").join(" "), ...(confirmed !== undefined ? { confirmed: confirmed && !unconfirmed } : {}) };
    });

export const RULES: readonly ComplianceRule[] = [
  {
    id: "us-federal-hours",
    jurisdiction: "US",
    summary: "no telephone solicitation before 8 a.m. or after 9 p.m., the called party's local time",
    limits: "hours",
    hours: EVERY_DAY("08:00", "21:00"),
    appliesTo: ["calls", "texts"],
    scope: "telephone solicitation to a residential subscriber (excludes prior express invitation or permission, an established business relationship, tax-exempt nonprofits)",
    source: { citation: "47 CFR § 64.1200(c)(1); definition at § 64.1200(f)(15)", urls: ["https://www.nwdebtresolution.com/post/telephone-consumer-protection-act-call-time-restrictions", "http://hallikainen.com/FccRules/2021/64/1200"] },
    confirmed: true,
    note: "Read as quoted; the CFR copies read in part. Whether the hours reach texts through FCC 23-107 (2024) was not read in the rule's text.",
  },
  {
    id: "us-fl-hours",
    jurisdiction: "US-FL",
    summary: "commercial telephone solicitation calls only 8 a.m.-8 p.m. at the called person's location",
    limits: "hours",
    hours: EVERY_DAY("08:00", "20:00"),
    appliesTo: ["calls"],
    source: { citation: "Fla. Stat. § 501.616(6)(a), as amended by CS/SB 1120 (2021)", urls: [FL_BILL, "https://www.nolo.com/legal-encyclopedia/florida-restrictions-telemarketers.html"] },
    effective: "2021-07-01",
    confirmed: true,
    note: "The bill text moves the end from 9 p.m. to 8 p.m. Whether it reaches texts was not confirmed.",
  },
  {
    id: "us-fl-frequency",
    jurisdiction: "US-FL",
    summary: "at most 3 commercial telephone solicitation calls to a person within 24 hours on the same subject",
    limits: "calls-per-24h",
    maxCalls: 3,
    appliesTo: ["calls"],
    scope: "same subject matter, whatever number the calls come from",
    source: { citation: "Fla. Stat. § 501.616(6)(b)", urls: [FL_BILL] },
    effective: "2021-07-01",
    confirmed: true,
    note: "A rolling 24 hours. One campaign is taken as one subject; several campaigns calling the same person are not added up.",
  },
  {
    id: "us-ok-hours",
    jurisdiction: "US-OK",
    summary: "commercial telephonic sales calls only 8 a.m.-8 p.m.",
    limits: "hours",
    hours: EVERY_DAY("08:00", "20:00"),
    appliesTo: ["calls"],
    source: { citation: "Okla. Stat. tit. 15, § 775C.4 (Telephone Solicitation Act of 2022, HB 3168), as reported", urls: ["https://app.legiplex.com/ok/legislature/2022/2022-r/bills/hb3168/drafts-latest", "https://dnc.dreamhosters.com/?p=1309"] },
    effective: "2022-11-01",
    confirmed: false,
    note: "The section holding the figures was not read; they come from the Senate's release and DNC.com.",
  },
  {
    id: "us-ok-frequency",
    jurisdiction: "US-OK",
    summary: "at most 3 commercial telephonic sales calls within 24 hours on the same subject",
    limits: "calls-per-24h",
    maxCalls: 3,
    appliesTo: ["calls"],
    source: { citation: "Okla. Stat. tit. 15, § 775C.4 (reported)", urls: ["http://bartlesvilleradio.com/pages/news/339422022/senate-votes-to-hang-up-on-annoying-solicitation-callssends-bill-to-governor"] },
    effective: "2022-11-01",
    confirmed: false,
    note: "Secondary sources; DNC.com words it as three calls to any number, without the same-subject condition.",
  },
  {
    id: "us-md-hours",
    jurisdiction: "US-MD",
    summary: "telephone solicitation only 8 a.m.-8 p.m. in the called party's time zone",
    limits: "hours",
    hours: EVERY_DAY("08:00", "20:00"),
    appliesTo: ["calls", "texts"],
    source: { citation: "Stop the Spam Calls Act of 2023 (SB 90, ch. 413), Md. Code, Com. Law § 14-4501 et seq.", urls: ["https://mgaleg.maryland.gov/mgawebsite/Legislation/Details/SB0090?ys=2023RS", "https://www.wmar2news.com/local/law-to-prevent-spam-calls-takes-effect-first-of-the-year"] },
    effective: "2024-01-01",
    confirmed: false,
    note: "Effective 1 Jan 2024 per the General Assembly's page. The hours come from DNC.com, WMAR and WBAL; the statute's subsection was not read.",
  },
  {
    id: "us-md-frequency",
    jurisdiction: "US-MD",
    summary: "at most 3 calls or texts within 24 hours to the same party on the same subject",
    limits: "calls-per-24h",
    maxCalls: 3,
    appliesTo: ["calls", "texts"],
    source: { citation: "Md. Code, Com. Law § 14-4501 et seq. (as reported)", urls: ["https://www.dnc.com/index.php/news/maryland-governor-signs-stop-spam-calls-act-2023-law"] },
    effective: "2024-01-01",
    confirmed: false,
    note: "Secondary sources; the statute text was not read.",
  },
  {
    id: "us-ms-hours",
    jurisdiction: "US-MS",
    summary: 'authorized telephone solicitations only 8 a.m.-8 p.m. "Central Standard Time"',
    limits: "hours",
    hours: EVERY_DAY("08:00", "20:00"),
    alsoFixedZone: "Etc/GMT+6",
    appliesTo: ["calls", "texts"],
    source: { citation: "Miss. Code Ann. § 77-3-723(1)", urls: [MS_723] },
    confirmed: true,
    note: "The statute says Central Standard Time; whether that follows daylight saving is not addressed. Judged both ways (the cautious reading: 09:00-20:00 CDT in summer).",
  },
  {
    id: "us-ms-days",
    jurisdiction: "US-MS",
    summary: "no telephone solicitation on a Sunday",
    limits: "days",
    banned: ["SU"],
    appliesTo: ["calls", "texts"],
    source: { citation: "Miss. Code Ann. § 77-3-723(1); see also § 77-3-603(a)", urls: [MS_723] },
    confirmed: true,
    note: "Holidays are no longer banned: the PSC rule was repealed after 2023 HB 1225 (DNC.com, June 2024).",
  },
  {
    id: "us-la-hours",
    jurisdiction: "US-LA",
    summary: "no consumer sales or polling calls 8 p.m.-8 a.m.",
    limits: "hours",
    hours: EVERY_DAY("08:00", "20:00"),
    appliesTo: ["calls"],
    source: { citation: "La. R.S. 45:811(2); LPSC General Order R-29617 § V(A)(2)", urls: [LA_811, "https://dnc.com/holiday-alerts?year=2023"] },
    confirmed: true,
    note: "ADAD equipment or a live operator. The order itself was not read (DNC.com's summary); it applies even to callers the order otherwise exempts.",
  },
  {
    id: "us-la-days",
    jurisdiction: "US-LA",
    summary: "no consumer sales or polling calls on a Sunday",
    limits: "days",
    banned: ["SU"],
    appliesTo: ["calls"],
    source: { citation: "La. R.S. 45:811(3); LPSC General Order R-29617 § V(A)(2)", urls: [LA_811] },
    confirmed: true,
    note: "Holidays: us-la-holidays.",
  },
  {
    id: "us-la-holidays",
    jurisdiction: "US-LA",
    summary: "no consumer sales or polling calls on a legal holiday",
    limits: "holidays",
    coversThrough: "2027-12-31",
    appliesTo: ["calls"],
    source: { citation: 'La. R.S. 45:811(3); LPSC General Order R-29617 § V(A)(2); the days of La. R.S. 1:55(A)(1)', urls: [LA_811, "https://legis.la.gov/legis/Law.aspx?d=74097"] },
    confirmed: false,
    note: "Which holidays the LPSC enforces was not found: every statutory day is blocked (cautious). Governor-proclaimed days are not in the table.",
    dates: dates(`
      2026-01-01 New Year's Day
      2026-01-08 Battle of New Orleans
      2026-01-19 Dr. Martin Luther King, Jr.'s Birthday
      2026-02-16 Washington's Birthday
      2026-02-17 Mardi Gras
      2026-04-03 Good Friday
      2026-05-25 National Memorial Day
      2026-07-04 Independence Day
      2026-08-30 Huey P. Long Day
      2026-09-07 Labor Day
      2026-10-12 Christopher Columbus Day
      2026-11-01 All Saints' Day
      2026-11-03 General election day
      2026-11-11 Veterans' Day
      2026-11-26 Thanksgiving Day
      2026-12-25 Christmas Day
      2027-01-01 New Year's Day
      2027-01-08 Battle of New Orleans
      2027-01-18 Dr. Martin Luther King, Jr.'s Birthday
      2027-02-09 Mardi Gras
      2027-02-15 Washington's Birthday
      2027-03-26 Good Friday
      2027-05-31 National Memorial Day
      2027-07-04 Independence Day
      2027-08-30 Huey P. Long Day
      2027-09-06 Labor Day
      2027-10-11 Christopher Columbus Day
      2027-11-01 All Saints' Day
      2027-11-11 Veterans' Day
      2027-11-25 Thanksgiving Day
      2027-12-25 Christmas Day`),
  },
  {
    id: "us-la-emergency",
    jurisdiction: "US-LA",
    summary: "no telephonic solicitation during a declared state of emergency",
    limits: "not-checkable",
    why: "the days come from LPSC notices at the time; no definition shows them",
    appliesTo: ["calls", "texts"],
    source: { citation: "La. R.S. 45:844.31; LPSC General Order R-29617", urls: ["https://lpsc.louisiana.gov/DNC_Emergency"] },
    confirmed: true,
    note: "Not checked: watch the LPSC's notices.",
  },
  {
    id: "us-al-hours",
    jurisdiction: "US-AL",
    summary: "automated solicitation calls only 8 a.m.-8 p.m.",
    limits: "hours",
    hours: EVERY_DAY("08:00", "20:00"),
    appliesTo: ["calls"],
    scope: "automated solicitation calls only",
    source: { citation: "Ala. Admin. Code r. 770-X-5-.17(1)(b)", urls: [AL_RULE] },
    confirmed: true,
    note: "Whether the PSC rule binds telemarketers that are not telephone utilities is disputed (DNC.com): applied as the cautious reading.",
  },
  {
    id: "us-al-days",
    jurisdiction: "US-AL",
    summary: "no automated solicitation calls on a Sunday",
    limits: "days",
    banned: ["SU"],
    appliesTo: ["calls"],
    scope: "automated solicitation calls only",
    source: { citation: "Ala. Admin. Code r. 770-X-5-.17(1)(b)", urls: [AL_RULE] },
    confirmed: true,
    note: "Holidays: us-al-holidays.",
  },
  {
    id: "us-al-holidays",
    jurisdiction: "US-AL",
    summary: "no automated solicitation calls on a holiday",
    limits: "holidays",
    coversThrough: "2027-12-31",
    appliesTo: ["calls"],
    scope: "automated solicitation calls only",
    source: { citation: "Ala. Admin. Code r. 770-X-5-.17(1)(b); the holidays of Ala. Code § 1-3-8 (not read)", urls: [AL_RULE, "https://www.al.com/news/2019/06/jefferson-davis-holiday-2019-how-many-confederate-holidays-does-alabama-have.html"] },
    confirmed: false,
    note: "The list comes from secondary sources; Mardi Gras (Baldwin and Mobile counties only) is blocked for the whole state (cautious).",
    dates: dates(`
      2026-01-01 New Year's Day
      2026-01-19 Robert E. Lee / Martin Luther King Jr. Birthday
      2026-02-16 George Washington / Thomas Jefferson Birthday
      2026-02-17 Mardi Gras (Baldwin and Mobile counties)
      2026-04-27 Confederate Memorial Day
      2026-05-25 National Memorial Day
      2026-06-01 Jefferson Davis' Birthday
      2026-07-03 Independence Day observed
      2026-07-04 Independence Day
      2026-09-07 Labor Day
      2026-10-12 Columbus Day / American Indian Heritage Day
      2026-11-11 Veterans Day
      2026-11-26 Thanksgiving Day
      2026-12-01 Rosa L. Parks Day
      2026-12-25 Christmas Day
      2027-01-01 New Year's Day
      2027-01-18 Robert E. Lee / Martin Luther King Jr. Birthday
      2027-02-09 Mardi Gras (Baldwin and Mobile counties)
      2027-02-15 George Washington / Thomas Jefferson Birthday
      2027-04-26 Confederate Memorial Day
      2027-05-31 National Memorial Day
      2027-06-07 Jefferson Davis' Birthday
      2027-07-05 Independence Day observed
      2027-09-06 Labor Day
      2027-10-11 Columbus Day / American Indian Heritage Day
      2027-11-11 Veterans Day
      2027-11-25 Thanksgiving Day
      2027-12-01 Rosa L. Parks Day
      2027-12-24 Christmas observed
      2027-12-25 Christmas Day
      2027-12-31 New Year's Day 2028 observed`),
  },
  {
    id: "us-ut-hours",
    jurisdiction: "US-UT",
    summary: "no solicitation between 9 p.m. and 8 a.m. local time without prior express consent",
    limits: "hours",
    hours: EVERY_DAY("08:00", "21:00"),
    appliesTo: ["calls"],
    source: { citation: "Utah Code § 13-25a-103(3)(a)", urls: [UT_103] },
    confirmed: true,
    note: "Consent lifts this bar and the Sunday and holiday bars.",
  },
  {
    id: "us-ut-days",
    jurisdiction: "US-UT",
    summary: "no solicitation on a Sunday without prior express consent",
    limits: "days",
    banned: ["SU"],
    appliesTo: ["calls"],
    source: { citation: "Utah Code § 13-25a-103(3)(b)", urls: [UT_103] },
    confirmed: true,
    note: "Holidays: us-ut-holidays.",
  },
  {
    id: "us-ut-holidays",
    jurisdiction: "US-UT",
    summary: "no solicitation on a legal holiday without prior express consent",
    limits: "holidays",
    coversThrough: "2027-12-31",
    appliesTo: ["calls"],
    source: { citation: "Utah Code § 13-25a-103(3)(c); the holidays of § 63G-1-301 (2025 and 2026 versions)", urls: [UT_103, "https://self-law.org/code/ut/title-63g/chapter-1/1"] },
    confirmed: true,
    note: "2026 dates read in § 63G-1-301; the version in force from 2027 was not read, so 2027 dates (marked unconfirmed) are derived from the 2026 list. Calendar and observed dates are both blocked.",
    dates: dates(
      `
      2026-01-01 New Year's Day
      2026-01-19 Dr. Martin Luther King, Jr. Day
      2026-02-16 Washington and Lincoln Day
      2026-05-25 Memorial Day
      2026-06-15 Juneteenth (observed)
      2026-06-19 Juneteenth ?
      2026-07-03 Independence Day (observed)
      2026-07-04 Independence Day ?
      2026-07-24 Pioneer Day
      2026-09-07 Labor Day
      2026-10-12 Columbus Day
      2026-11-11 Veterans Day
      2026-11-26 Thanksgiving Day
      2026-12-25 Christmas
      2027-01-01 New Year's Day ?
      2027-01-18 Dr. Martin Luther King, Jr. Day ?
      2027-02-15 Presidents' Day ?
      2027-03-26 Good Friday ?
      2027-05-31 Memorial Day ?
      2027-06-21 Juneteenth (observed) ?
      2027-07-05 Independence Day (observed) ?
      2027-07-23 Pioneer Day (observed) ?
      2027-07-24 Pioneer Day ?
      2027-09-06 Labor Day ?
      2027-10-11 Columbus Day ?
      2027-11-11 Veterans Day ?
      2027-11-25 Thanksgiving Day ?
      2027-12-24 Christmas (observed) ?
      2027-12-25 Christmas ?
      2027-12-31 New Year's Day 2028 (observed) ?`,
      true,
    ),
  },
  {
    id: "us-ri-hours",
    jurisdiction: "US-RI",
    summary: "unsolicited telephonic sales calls only Monday-Friday 9 a.m.-6 p.m. and Saturday 10 a.m.-5 p.m.",
    limits: "hours",
    hours: {
      MO: { earliest: "09:00", latest: "18:00" },
      TU: { earliest: "09:00", latest: "18:00" },
      WE: { earliest: "09:00", latest: "18:00" },
      TH: { earliest: "09:00", latest: "18:00" },
      FR: { earliest: "09:00", latest: "18:00" },
      SA: { earliest: "10:00", latest: "17:00" },
    },
    appliesTo: ["calls"],
    scope: 'a "telephonic seller" (narrowly defined: premiums or prizes)',
    source: { citation: 'R.I. Gen. Laws § 5-61-3.6 with "hours of operation" in § 5-61-2', urls: ["http://webserver.rilin.state.ri.us/Statutes/TITLE5/5-61/5-61-3.6.HTM", RI_2] },
    confirmed: true,
    note: "§ 5-61-3.6 cites § 5-61-2(9), a stale number. Sunday: us-ri-days.",
  },
  {
    id: "us-ri-days",
    jurisdiction: "US-RI",
    summary: "no unsolicited telephonic sales calls on a Sunday",
    limits: "days",
    banned: ["SU"],
    appliesTo: ["calls"],
    source: { citation: "R.I. Gen. Laws §§ 5-61-2, 5-61-3.6", urls: [RI_2] },
    confirmed: true,
    note: "Sunday has no hours of operation.",
  },
  {
    id: "us-ri-holidays",
    jurisdiction: "US-RI",
    summary: "no unsolicited telephonic sales calls on a weekday state or federal holiday",
    limits: "holidays",
    coversThrough: "2027-12-31",
    appliesTo: ["calls"],
    source: { citation: "R.I. Gen. Laws § 5-61-2; state holidays § 25-1-1; federal holidays 5 U.S.C. § 6103 (not read)", urls: [RI_2, "https://unicourt.github.io/cic-code-ri/transforms/ri/ocri/r71/gov.ri.code.title.25.html"] },
    confirmed: true,
    note: "The state list was read; federal-only days (marked unconfirmed) come from general knowledge of 5 U.S.C. § 6103.",
    dates: dates(
      `
      2026-01-01 New Year's Day
      2026-01-19 Dr. Martin Luther King, Jr.'s Birthday
      2026-02-16 Washington's Birthday
      2026-05-04 Rhode Island Independence Day
      2026-05-25 Memorial Day
      2026-06-19 Juneteenth ?
      2026-07-03 Independence Day observed (federal) ?
      2026-07-06 Independence Day observed (state)
      2026-08-10 Victory Day
      2026-09-07 Labor Day
      2026-10-12 Columbus Day
      2026-11-03 Election day
      2026-11-11 Veterans' Day
      2026-11-26 Thanksgiving Day ?
      2026-12-25 Christmas Day
      2027-01-01 New Year's Day
      2027-01-18 Dr. Martin Luther King, Jr.'s Birthday
      2027-02-15 Washington's Birthday
      2027-05-04 Rhode Island Independence Day
      2027-05-31 Memorial Day
      2027-06-18 Juneteenth observed (federal) ?
      2027-07-05 Independence Day observed
      2027-08-09 Victory Day
      2027-09-06 Labor Day
      2027-10-11 Columbus Day
      2027-11-11 Veterans' Day
      2027-11-25 Thanksgiving Day ?
      2027-12-24 Christmas observed (federal) ?
      2027-12-27 Christmas observed (state)
      2027-12-31 New Year's Day 2028 observed (federal) ?`,
      true,
    ),
  },
  {
    id: "us-pa-hours",
    jurisdiction: "US-PA",
    summary: "no telemarketing after 9 p.m. or before 8 a.m.",
    limits: "hours",
    hours: EVERY_DAY("08:00", "21:00"),
    appliesTo: ["calls"],
    source: {
      citation: "73 P.S. § 2245(a)(1) (Telemarketer Registration Act)",
      urls: ["https://govt.westlaw.com/pac/Document/NE4CC77F0E9F711E9BEFE89A994168F89?viewType=FullText", "https://www.attorneygeneral.gov/protect-yourself/consumer-advisories/telemarketing-information-you-need-to-know/"],
    },
    effective: "2019-12-03",
    confirmed: true,
    note: "Pennsylvania is all Eastern time.",
  },
  {
    id: "us-pa-holidays",
    jurisdiction: "US-PA",
    summary: "no telephone solicitation on a legal holiday",
    limits: "holidays",
    coversThrough: "2027-12-31",
    appliesTo: ["calls"],
    source: { citation: "73 P.S. § 2245(a)(10) (Act 73 of 2019); the holidays of 44 P.S. § 11 (not read)", urls: ["https://www.jenkinslaw.org/blog/2019/12/03/amendments-pennsylvanias-telemarketer-registration-act-effective-today"] },
    effective: "2019-12-03",
    confirmed: false,
    note: "The ban is well attested but its subsection was not read; the dates are a cautious candidate set.",
    dates: dates(`
      2026-01-01 New Year's Day
      2026-01-19 Dr. Martin Luther King, Jr. Day
      2026-02-16 Presidents' Day
      2026-04-03 Good Friday
      2026-05-25 Memorial Day
      2026-06-14 Flag Day
      2026-07-04 Independence Day
      2026-09-07 Labor Day
      2026-10-12 Columbus Day
      2026-11-03 Election Day
      2026-11-11 Veterans' Day
      2026-11-26 Thanksgiving Day
      2026-12-25 Christmas Day
      2027-01-01 New Year's Day
      2027-01-18 Dr. Martin Luther King, Jr. Day
      2027-02-15 Presidents' Day
      2027-03-26 Good Friday
      2027-05-31 Memorial Day
      2027-06-14 Flag Day
      2027-07-04 Independence Day
      2027-09-06 Labor Day
      2027-10-11 Columbus Day
      2027-11-02 Election Day
      2027-11-11 Veterans' Day
      2027-11-25 Thanksgiving Day
      2027-12-25 Christmas Day`),
  },
  {
    id: "us-wa-hours",
    jurisdiction: "US-WA",
    summary: "a commercial telephone solicitor's calls received only 8 a.m.-8 p.m. at the recipient's local time",
    limits: "hours",
    hours: EVERY_DAY("08:00", "20:00"),
    appliesTo: ["calls"],
    source: { citation: "RCW 19.158.040(2)", urls: ["https://app.leg.wa.gov/RCW/default.aspx?cite=19.158.040"] },
    confirmed: true,
    note: "RCW 80.36.390 was read only in part.",
  },
  {
    id: "us-ct-hours",
    jurisdiction: "US-CT",
    summary: "telephonic sales calls only 9 a.m.-8 p.m. local time",
    limits: "hours",
    hours: EVERY_DAY("09:00", "20:00"),
    appliesTo: ["calls", "texts"],
    source: { citation: "Conn. Gen. Stat. § 42-288a (Public Act 23-98)", urls: ["https://mondaq.co.uk/unitedstates/advertising-marketing--branding/1340464/revised-connecticut-telemarketing-law-signed-into-law"] },
    effective: "2023-10-01",
    confirmed: false,
    note: "Quoted by Klein Moynihan Turco and DNC.com; the statute's hours clause was not read.",
  },
  {
    id: "us-tx-hours",
    jurisdiction: "US-TX",
    summary: "telephone solicitation only 9 a.m.-9 p.m. Monday-Saturday and noon-9 p.m. Sunday",
    limits: "hours",
    hours: { ...EVERY_DAY("09:00", "21:00"), SU: { earliest: "12:00", latest: "21:00" } },
    appliesTo: ["calls"],
    source: { citation: "Tex. Bus. & Com. Code § 301.051", urls: ["https://tcpaguide.org/states/texas/cold-calling"] },
    confirmed: false,
    note: "Only tcpaguide.org gives the Sunday hours; others give a flat 9 a.m.-9 p.m. The statute text was not read.",
  },
  {
    id: "in-trai-hours",
    jurisdiction: "IN",
    summary: "no promotional commercial communication 9 p.m.-9 a.m. IST",
    limits: "hours",
    hours: EVERY_DAY("09:00", "21:00"),
    alsoFixedZone: "Asia/Kolkata",
    appliesTo: ["calls", "texts"],
    scope: "promotional (not transactional or service) communication",
    source: { citation: "TRAI TCCCPR 2010 (the 21:00-09:00 ban); TCCCPR 2018, clause not identified", urls: ["https://indianexpress.com/article/india/latest-news/no-pesky-calls-between-9-pm-and-9-am-trai/", "https://trai.gov.in/tcccpr"] },
    confirmed: false,
    note: "Press and vendor sources; the regulation's clause was not found. Customer time-band preferences may narrow the window further.",
  },
  {
    id: "uk-ofcom-ring-time",
    jurisdiction: "GB",
    summary: "let an unanswered call ring for at least 15 seconds",
    limits: "ring-time-min",
    minSeconds: 15,
    appliesTo: ["calls"],
    source: { citation: "Ofcom persistent-misuse statement (20 Dec 2016, from 1 Mar 2017), Communications Act 2003 ss.128-131", urls: [OFCOM, OFCOM_CHECKS] },
    effective: "2017-03-01",
    confirmed: false,
    note: "From industry checklists; the statement's text was not read.",
  },
  {
    id: "uk-ofcom-repeat-after-abandon",
    jurisdiction: "GB",
    summary: "no repeat call within 72 hours to a number whose call was abandoned, unless a live agent is guaranteed",
    limits: "repeat-after-abandon",
    minHours: 72,
    appliesTo: ["calls"],
    source: { citation: "Ofcom persistent-misuse statement (2016; 2010 statement on abandoned and silent calls)", urls: [OFCOM_CHECKS, "https://docplayer.net/4009965-Tackling-abandoned-and-silent-calls-statement.html"] },
    effective: "2017-03-01",
    confirmed: false,
    note: "A warning, not an error: the definition cannot show whether a retry follows an abandoned call. Preview mode (an agent first) guarantees an agent.",
  },
  {
    id: "uk-ofcom-abandon-rate",
    jurisdiction: "GB",
    summary: "abandoned calls at most 3% of live calls per campaign per 24 hours (advisory)",
    limits: "not-checkable",
    why: "the abandon rate is measured while dialing; no definition shows it",
    appliesTo: ["calls"],
    source: { citation: "Ofcom persistent-misuse statements 2006-2010 (3% safe harbour); replaced by the 2016 statement", urls: ["http://callcentresoftware.co.uk/blog/2017/february/life-after-ofcoms-3-rule/"] },
    confirmed: false,
    note: "Since March 2017 the 3% is reported to be no safe harbour: any abandoned call can be misuse. Not checked.",
  },
];

const NUMBERS: { [K in ComplianceRule["limits"]]: (rule: Extract<ComplianceRule, { limits: K }>) => string } = {
  hours: (r) => {
    const spans = new Map<string, string[]>();
    for (const [day, h] of Object.entries(r.hours)) spans.set(`${h!.earliest}-${h!.latest}`, [...(spans.get(`${h!.earliest}-${h!.latest}`) ?? []), day]);
    const text = [...spans].map(([span, days]) => (days.length === 7 ? span : `${span} ${days.join(",")}`)).join("; ");
    return `${text} recipient-local${r.alsoFixedZone ? ` and ${r.alsoFixedZone}` : ""}`;
  },
  days: (r) => `banned: ${r.banned.join(", ")}`,
  holidays: (r) => `${r.dates.length} dates through ${r.coversThrough}`,
  "calls-per-24h": (r) => `at most ${r.maxCalls} per 24 h`,
  "ring-time-min": (r) => `at least ${r.minSeconds} s`,
  "repeat-after-abandon": (r) => `${r.minHours} h (warning)`,
  "not-checkable": () => "not checked",
};

/** The rules as the Markdown table docs/compliance.md shows (a test keeps the page equal to it). */
export function rulesTableMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows = RULES.map((r) => {
    const numbers = (NUMBERS[r.limits] as (rule: ComplianceRule) => string)(r);
    return `| \`${r.id}\` | ${r.jurisdiction} | ${cell(r.summary)} | ${cell(numbers)} | ${cell(r.source.citation)} | ${r.confirmed ? "confirmed" : "not confirmed"} |`;
  });
  return ["| id | jurisdiction | limits | numbers | source | status |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
