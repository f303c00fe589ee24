/**
 * Old vs new SMS campaign -> what changed, and whether the change needs a new campaign. Pure. The same
 * rules as the voice campaign's diff (resources/campaign/diff.ts): definitions compared after
 * normalization, the deepest differing paths, a different target app replaces (replaceKeys
 * ["connection"]), a change of `schedule` is its own call, `adoptExisting` never counts. A change of
 * `format` is an update like any other: update-sms-campaign.md takes the whole body, format included.
 */
import { sameTarget, type KoreTarget } from "../../kore-api/target";
import { changedDefinitionPaths, isSchedulePath, normalizedWith } from "../../shared/outbound/changes";
import { smsCampaignDefinitionSchema, SMS_DEFINITION_FIELD_SCHEMAS, type SmsCampaignDefinition } from "./schema";

export interface SmsCampaignState {
  definition: SmsCampaignDefinition;
  started: boolean;
  target?: KoreTarget;
  adoptExisting?: boolean;
}

export interface SmsCampaignDiff {
  changed: string[];
  replaceKeys: string[];
  definitionChanged: boolean;
  scheduleChanged: boolean;
  startedChanged: boolean;
}

export function normalizedSmsDefinition(definition: unknown): unknown {
  return normalizedWith(smsCampaignDefinitionSchema, SMS_DEFINITION_FIELD_SCHEMAS, definition);
}

export function diffSmsCampaign(old: SmsCampaignState, next: SmsCampaignState): SmsCampaignDiff {
  const definitionPaths = changedDefinitionPaths(old.definition, next.definition, normalizedSmsDefinition);
  const startedChanged = Boolean(old.started) !== Boolean(next.started);
  const targetChanged = old.target !== undefined && next.target !== undefined && !sameTarget(old.target, next.target);
  return {
    changed: [...definitionPaths, ...(startedChanged ? ["started"] : [])],
    replaceKeys: targetChanged ? ["connection"] : [],
    definitionChanged: definitionPaths.some((p) => !isSchedulePath(p)),
    scheduleChanged: definitionPaths.some(isSchedulePath),
    startedChanged,
  };
}
