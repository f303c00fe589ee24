/**
 * Old vs new campaign -> what changed, and whether the change needs a new campaign. Pure.
 *
 * - Definitions are compared after normalization (each side goes through campaignDefinitionSchema when it
 *   parses; a side that does not parse, e.g. one holding Pulumi's unknown marker, is compared as is).
 *   Objects are compared key by key (a missing key equals an undefined one), arrays by position; changed
 *   paths are the deepest differing ones: "dialingStrategy.maxRingTime", "contactLists[1]",
 *   "dialingStrategy.callingHours.days[2].start".
 * - A different target app (host, appId or accountId) replaces the campaign: replaceKeys is ["connection"].
 *   Hosts compare as origins (case, a trailing slash and the default port ignored). A side without a
 *   target (not known yet, or state written before targets were recorded) never causes a replace.
 * - Everything else is updated in place. `adoptExisting` never counts as a change. A change of `schedule`
 *   is its own kind (scheduleChanged): it is applied by the schedule call, not by the PUT.
 */
import { campaignDefinitionSchema, DEFINITION_FIELD_SCHEMAS, type CampaignDefinition } from "./schema";
import { sameTarget, type KoreTarget } from "../../kore-api/target";
import { isRecord } from "../../util/values";

export interface CampaignState {
  definition: CampaignDefinition;
  started: boolean;
  target?: KoreTarget;
  /** Accepted so callers can pass whole specs; never compared. */
  adoptExisting?: boolean;
}

export interface CampaignDiff {
  /** Paths of in-place changes (definition paths and "started"); a target change is in replaceKeys only. */
  changed: string[];
  /** ["connection"] when the target app changed, else []. */
  replaceKeys: string[];
  /** a change the campaign body carries (one PUT); the schedule is not one of them */
  definitionChanged: boolean;
  /** a change of `schedule` (its own call: one enable or disable) */
  scheduleChanged: boolean;
  startedChanged: boolean;
}

/** Whether a changed path is the schedule or under it. */
export const isSchedulePath = (path: string): boolean => path === "schedule" || path.startsWith("schedule.") || path.startsWith("schedule[");

/** The property that names the target app in the resource's inputs. */
export const REPLACE_KEY = "connection";

export function diffCampaign(old: CampaignState, next: CampaignState): CampaignDiff {
  const definitionPaths: string[] = [];
  // Equal sides normalize alike: the schema (the costly part of a diff) runs only when something differs.
  if (!sameValue(old.definition, next.definition)) {
    collectChanges(normalizedDefinition(old.definition), normalizedDefinition(next.definition), "", definitionPaths, 0);
  }
  const startedChanged = Boolean(old.started) !== Boolean(next.started);
  const targetChanged = old.target !== undefined && next.target !== undefined && !sameTarget(old.target, next.target);
  return {
    changed: [...definitionPaths, ...(startedChanged ? ["started"] : [])],
    replaceKeys: targetChanged ? [REPLACE_KEY] : [],
    definitionChanged: definitionPaths.some((p) => !isSchedulePath(p)),
    scheduleChanged: definitionPaths.some(isSchedulePath),
    startedChanged,
  };
}

export { sameTarget };

// ---------------------------------------------------------------------------------------------------

/**
 * The definition as the schema normalizes it. One that does not parse as a whole (unknowns, old state, a
 * value the provider would refuse) is normalized field by field, each field that parses on its own in its
 * normal form, so one bad field does not make every other field look changed.
 */
export function normalizedDefinition(definition: unknown): unknown {
  try {
    let candidate = definition;
    if (isRecord(definition) && "adoptExisting" in definition) {
      const { adoptExisting: _ignored, ...rest } = definition;
      candidate = rest;
    }
    const parsed = campaignDefinitionSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    return isRecord(candidate) ? normalizedFields(candidate) : definition;
  } catch {
    return definition;
  }
}

function normalizedFields(candidate: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(DEFINITION_FIELD_SCHEMAS), ...Object.keys(candidate)])) {
    const schema = DEFINITION_FIELD_SCHEMAS[key];
    const parsed = schema?.safeParse(candidate[key]);
    const value = parsed?.success ? parsed.data : candidate[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
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
