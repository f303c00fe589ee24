/**
 * Reading a campaign record from Kore, for every channel: the small readers each field goes through, and
 * which definition paths no record shows. Pure. A reader returns undefined for a value that says nothing,
 * so the field falls back to the previous definition.
 */
import type { DayCode } from "./vocabulary";
import { normalizeDay, normalizeText, normalizeTime, sortCallingWindows, type CallingWindow } from "./normalize";
import { asRecord } from "../../util/values";

export function rawString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** Trimmed, non-empty text (an empty name or connection says nothing). */
export function nonEmptyText(value: unknown): string | undefined {
  const t = normalizeText(value);
  return t === undefined || t === "" ? undefined : t;
}

export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return undefined;
  return value.map((v: string) => v.trim());
}

/** Calling windows, normalized and sorted like the schemas'; undefined if the value is not a list of windows. */
export function callingWindows(value: unknown): CallingWindow[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: CallingWindow[] = [];
  for (const item of value) {
    const w = asRecord(item);
    if (!w || typeof w.day !== "string" || typeof w.start !== "string" || typeof w.end !== "string") return undefined;
    out.push({ day: normalizeDay(w.day) ?? (w.day as DayCode), start: normalizeTime(w.start) ?? w.start, end: normalizeTime(w.end) ?? w.end });
  }
  return sortCallingWindows(out);
}

/** Drops undefined values; an object left empty becomes undefined. */
export function compact<T extends Record<string, unknown>>(obj: T): Partial<T> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length > 0 ? (out as Partial<T>) : undefined;
}

/**
 * The paths `definition` sets that none of `seen` (definitions read from the server's records, without a
 * previous one) shows: nothing confirms them, so they are written rather than assumed to match. `schedule`
 * is never read back (its own call applies it) and is left out.
 */
export function unobservedPathsIn(seen: readonly unknown[], definition: Record<string, unknown>): string[] {
  const shown = (path: string[]) => seen.some((d) => path.reduce<unknown>((v, k) => asRecord(v)?.[k], d) !== undefined);
  const out: string[] = [];
  const walk = (value: unknown, path: string[]) => {
    if (value === undefined) return;
    const nested = asRecord(value);
    if (nested && !shown(path)) out.push(path.join("."));
    else if (nested) for (const [k, v] of Object.entries(nested)) walk(v, [...path, k]);
    else if (!shown(path)) out.push(path.join("."));
  };
  for (const [key, value] of Object.entries(definition)) if (key !== "schedule") walk(value, [key]);
  return out;
}
