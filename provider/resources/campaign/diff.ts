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
import { changedDefinitionPaths, isSchedulePath, normalizedWith } from "../../shared/outbound/changes";

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

export { isSchedulePath };

/** The property that names the target app in the resource's inputs. */
export const REPLACE_KEY = "connection";

export function diffCampaign(old: CampaignState, next: CampaignState): CampaignDiff {
  const definitionPaths = changedDefinitionPaths(old.definition, next.definition, normalizedDefinition);
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

/** The definition as the schema normalizes it (field by field when the whole does not parse). */
export function normalizedDefinition(definition: unknown): unknown {
  return normalizedWith(campaignDefinitionSchema, DEFINITION_FIELD_SCHEMAS, definition);
}
