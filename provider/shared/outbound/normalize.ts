/**
 * Normalization of loose input: times, day codes, priorities, exact choices, text, time zones and the
 * order of calling windows. Shared by the schema's transforms and by fromWireCampaign, so a value read
 * back from Kore compares equal to what was sent. Each returns undefined for a value it cannot normalize.
 * (The readings of the docs behind each one are listed in schema.ts.)
 */
import { DAY_CODES, PRIORITIES, type DayCode, type Priority } from "./vocabulary";

const TIME_12H = /^\s*(0?[1-9]|1[0-2])(?::([0-5]\d))?\s*([AaPp])\.?\s*[Mm]\.?\s*$/;
const TIME_24H = /^\s*([01]?\d|2[0-3]):([0-5]\d)\s*$/;
/** Every accepted time spelling in one pattern (the union of the two above; the JSON Schema shows it). */
export const TIME_PATTERN =
  /^\s*(?:(?:0?[1-9]|1[0-2])(?::[0-5]\d)?\s*[AaPp]\.?\s*[Mm]\.?|(?:[01]?\d|2[0-3]):[0-5]\d)\s*$/;
const NORMALIZED_TIME = /^(1[0-2]|[1-9]):([0-5]\d) (AM|PM)$/;

/** "09:00 am", "9am", "18:00" -> "9:00 AM" / "6:00 PM"; undefined if not a time. */
export function normalizeTime(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const m12 = TIME_12H.exec(value);
  if (m12) return `${Number(m12[1])}:${m12[2] ?? "00"} ${m12[3].toUpperCase() === "A" ? "AM" : "PM"}`;
  const m24 = TIME_24H.exec(value);
  return m24 ? minutesToTime(Number(m24[1]) * 60 + Number(m24[2])) : undefined;
}

/** Minutes after midnight -> "9:00 AM" / "6:00 PM" (1440, the end of a day, is "12:00 AM"). */
export function minutesToTime(minutes: number): string {
  const hours = Math.floor(minutes / 60) % 24;
  return `${hours % 12 === 0 ? 12 : hours % 12}:${String(minutes % 60).padStart(2, "0")} ${hours < 12 ? "AM" : "PM"}`;
}

/**
 * Minutes since midnight of a time (any accepted spelling). With `asEnd`, midnight ("12:00 AM") is the end
 * of the day (1440), so a window may run until midnight.
 */
export function timeToMinutes(value: unknown, asEnd = false): number | undefined {
  const normalized = normalizeTime(value);
  const m = normalized === undefined ? null : NORMALIZED_TIME.exec(normalized);
  if (!m) return undefined;
  const minutes = (Number(m[1]) % 12) * 60 + Number(m[2]) + (m[3] === "PM" ? 720 : 0);
  return asEnd && minutes === 0 ? 1440 : minutes;
}

/** A day code in any case ("mo", "Mo", "MO"). */
export const DAY_PATTERN = /^(?:[Mm][Oo]|[Tt][Uu]|[Ww][Ee]|[Tt][Hh]|[Ff][Rr]|[Ss][Aa]|[Ss][Uu])$/;

/** "mo" -> "MO"; undefined if not a day code. */
export function normalizeDay(value: unknown): DayCode | undefined {
  return typeof value === "string" && DAY_PATTERN.test(value) ? (value.toUpperCase() as DayCode) : undefined;
}

/** 5 or "5" -> "5"; undefined otherwise. */
export function normalizePriority(value: unknown): Priority | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= 5) return String(value) as Priority;
  if (typeof value === "string" && (PRIORITIES as readonly string[]).includes(value)) return value as Priority;
  return undefined;
}

/** The value if it is one of `choices` (exact spelling), else undefined. */
export function normalizeChoice<T extends string>(choices: readonly T[], value: unknown): T | undefined {
  return typeof value === "string" && (choices as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Trimmed text; undefined for a non-string. */
export function normalizeText(value: unknown): string | undefined {
  return typeof value === "string" ? value.trim() : undefined;
}

/**
 * Names Intl accepts but does not list in `Intl.supportedValuesOf("timeZone")` (it lists ICU's canonical IDs
 * only): UTC aliases, current IANA names whose ICU ID is an older spelling, and common backward links.
 * Used only to fix the case of what a user typed; any name Intl accepts is valid.
 */
const EXTRA_TIME_ZONE_NAMES = [
  "UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu",
  ...Array.from({ length: 12 }, (_, i) => `Etc/GMT+${i + 1}`),
  ...Array.from({ length: 14 }, (_, i) => `Etc/GMT-${i + 1}`),
  "Asia/Kolkata", "Asia/Kathmandu", "Asia/Ho_Chi_Minh", "Asia/Yangon", "Europe/Kyiv", "America/Nuuk",
  "Atlantic/Faroe", "Africa/Asmara", "Pacific/Chuuk", "Pacific/Pohnpei", "Pacific/Kanton",
  "America/Argentina/Buenos_Aires", "America/Argentina/Catamarca", "America/Argentina/Cordoba",
  "America/Argentina/Jujuy", "America/Argentina/Mendoza", "America/Indiana/Indianapolis",
  "America/Kentucky/Louisville", "America/Atikokan", "Europe/Uzhgorod", "Europe/Zaporozhye",
  "US/Eastern", "US/Central", "US/Mountain", "US/Pacific", "US/Alaska", "US/Hawaii", "US/Arizona",
  "US/East-Indiana", "US/Michigan", "Canada/Eastern", "Canada/Central", "Canada/Mountain", "Canada/Pacific",
  "Canada/Atlantic", "Canada/Newfoundland", "Australia/ACT", "Australia/NSW", "Brazil/East", "Mexico/General",
  // The rest of the IANA `backward` links and the old POSIX-style zones Intl accepts ("nz-chat" -> "NZ-CHAT", "cet" -> "CET")
  ...(
    "Africa/Timbuktu America/Argentina/ComodRivadavia America/Atka America/Ensenada America/Fort_Wayne " +
    "America/Knox_IN America/Montreal America/Nipigon America/Pangnirtung America/Porto_Acre " +
    "America/Rainy_River America/Rosario America/Santa_Isabel America/Shiprock America/Thunder_Bay " +
    "America/Virgin America/Yellowknife Antarctica/South_Pole Asia/Ashkhabad Asia/Choibalsan " +
    "Asia/Chongqing Asia/Chungking Asia/Dacca Asia/Harbin Asia/Istanbul Asia/Kashgar Asia/Macao " +
    "Asia/Tel_Aviv Asia/Thimbu Asia/Ujung_Pandang Asia/Ulan_Bator Atlantic/Jan_Mayen Australia/Canberra " +
    "Australia/Currie Australia/LHI Australia/North Australia/Queensland Australia/South " +
    "Australia/Tasmania Australia/Victoria Australia/West Australia/Yancowinna Brazil/Acre " +
    "Brazil/DeNoronha Brazil/West CET CST6CDT Canada/Saskatchewan Canada/Yukon Chile/Continental " +
    "Chile/EasterIsland Cuba EET EST EST5EDT Egypt Eire Etc/GMT+0 Etc/GMT-0 Etc/GMT0 Etc/Greenwich " +
    "Etc/UCT Europe/Belfast Europe/Nicosia Europe/Tiraspol GB GB-Eire GMT+0 GMT-0 GMT0 Greenwich HST " +
    "Hongkong Iceland Iran Israel Jamaica Japan Kwajalein Libya MET MST MST7MDT Mexico/BajaNorte " +
    "Mexico/BajaSur NZ NZ-CHAT Navajo PRC PST8PDT Pacific/Johnston Pacific/Samoa Pacific/Yap Poland " +
    "Portugal ROC ROK Singapore Turkey UCT US/Aleutian US/Indiana-Starke US/Samoa W-SU WET"
  ).split(" "),
];

/** Shape of a zone name (refuses offsets like "+05:30" before asking Intl). */
export const TIME_ZONE_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/;
let zoneSpellings: Map<string, string> | undefined;
const zoneCache = new Map<string, string | null>();

function zoneSpelling(lowercase: string): string | undefined {
  if (!zoneSpellings) {
    let listed: string[] = [];
    try {
      listed = Intl.supportedValuesOf("timeZone");
    } catch {
      listed = []; // very old runtimes: case is then kept as typed
    }
    zoneSpellings = new Map([...listed, ...EXTRA_TIME_ZONE_NAMES].map((name) => [name.toLowerCase(), name]));
  }
  return zoneSpellings.get(lowercase);
}

/** A time zone name Intl accepts, in its canonical case; undefined if not a zone. */
export function normalizeTimezone(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 64 || !TIME_ZONE_SHAPE.test(value)) return undefined;
  const cached = zoneCache.get(value);
  if (cached !== undefined) return cached ?? undefined;
  let result: string | null;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    result = zoneSpelling(value.toLowerCase()) ?? value;
  } catch {
    result = null;
  }
  if (zoneCache.size < 2000) zoneCache.set(value, result);
  return result ?? undefined;
}

/** A calling window as normalized: day code and "h:mm AM" times. */
export interface CallingWindow {
  day: DayCode;
  start: string;
  end: string;
}

/** Order of normalized calling windows: day MO..SU, then start, then end (unparseable values last). */
export function compareCallingWindows(a: { day: unknown; start: unknown; end: unknown }, b: { day: unknown; start: unknown; end: unknown }): number {
  const dayIndex = (d: unknown) => {
    const code = normalizeDay(d);
    return code === undefined ? DAY_CODES.length : DAY_CODES.indexOf(code);
  };
  const minutes = (t: unknown, asEnd: boolean) => timeToMinutes(t, asEnd) ?? Number.MAX_SAFE_INTEGER;
  return dayIndex(a.day) - dayIndex(b.day) || minutes(a.start, false) - minutes(b.start, false) || minutes(a.end, true) - minutes(b.end, true);
}

/** A sorted copy (stable): see compareCallingWindows. */
export function sortCallingWindows<T extends { day: unknown; start: unknown; end: unknown }>(windows: readonly T[]): T[] {
  return [...windows].sort(compareCallingWindows);
}
