/**
 * Comparing two campaign definitions of any channel, pure: each side normalized by its schema (field by
 * field when the whole does not parse), then the deepest differing paths ("dialingStrategy.callerId.phoneNumber",
 * "contactLists[1]"). Objects are compared key by key (a missing key equals an undefined one), arrays by
 * position; `adoptExisting` at the top never counts.
 */
import type { z } from "zod";
import { isRecord } from "../../util/values";

/** Whether a changed path is the schedule or under it. */
export const isSchedulePath = (path: string): boolean => path === "schedule" || path.startsWith("schedule.") || path.startsWith("schedule[");

/**
 * The definition as `schema` normalizes it. One that does not parse as a whole (unknowns, old state, a
 * value the provider would refuse) is normalized field by field, each field that parses on its own in its
 * normal form, so one bad field does not make every other field look changed.
 */
export function normalizedWith(schema: z.ZodType, fieldSchemas: Readonly<Record<string, z.ZodType>>, definition: unknown): unknown {
  try {
    let candidate = definition;
    if (isRecord(definition) && "adoptExisting" in definition) {
      const { adoptExisting: _ignored, ...rest } = definition;
      candidate = rest;
    }
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    return isRecord(candidate) ? normalizedFields(candidate, fieldSchemas) : definition;
  } catch {
    return definition;
  }
}

function normalizedFields(candidate: Record<string, unknown>, fieldSchemas: Readonly<Record<string, z.ZodType>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(fieldSchemas), ...Object.keys(candidate)])) {
    const schema = fieldSchemas[key];
    const parsed = schema?.safeParse(candidate[key]);
    const value = parsed?.success ? parsed.data : candidate[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The changed paths between two definitions, each normalized by `normalize` (which runs only when they differ). */
export function changedDefinitionPaths(old: unknown, next: unknown, normalize: (definition: unknown) => unknown): string[] {
  const paths: string[] = [];
  // Equal sides normalize alike: the schema (the costly part of a diff) runs only when something differs.
  if (!sameValue(old, next)) collectChanges(normalize(old), normalize(next), "", paths, 0);
  return paths;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const MAX_DEPTH = 16;

function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (!IDENTIFIER.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent ? `${parent}.${key}` : key;
}

/** Deep equality as collectChanges sees it (a missing key equals an undefined one; `adoptExisting` ignored). */
function sameValue(a: unknown, b: unknown): boolean {
  const paths: string[] = [];
  collectChanges(a, b, "", paths, 0);
  return paths.length === 0;
}

function collectChanges(a: unknown, b: unknown, path: string, out: string[], depth: number): void {
  if (Object.is(a, b)) return;
  if (depth < MAX_DEPTH && Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) collectChanges(a[i], b[i], childPath(path, i), out, depth + 1);
    return;
  }
  if (depth < MAX_DEPTH && isRecord(a) && isRecord(b)) {
    const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !Object.prototype.hasOwnProperty.call(b, k))];
    for (const key of keys) {
      if (depth === 0 && key === "adoptExisting") continue;
      collectChanges(a[key], b[key], childPath(path, key), out, depth + 1);
    }
    return;
  }
  out.push(path || "definition");
}
