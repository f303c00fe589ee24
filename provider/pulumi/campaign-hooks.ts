/**
 * The VoiceCampaign dynamic-provider hooks: the campaign hook table (campaign-hook-table.ts) bound to the voice
 * channel. Loaded by the serialized provider with `require("pulumi-kore-campaigns/internal/hooks")` (the module
 * name is part of every stored state, so it never changes: package.json maps it to this file).
 */
import { diffCampaign } from "../resources/campaign/diff";
import { createCampaign, deleteCampaign, readCampaign, updateCampaign } from "../resources/campaign/lifecycle";
import { validateCampaign, type CampaignDefinition, type CampaignSpec } from "../resources/campaign/schema";
import { UNKNOWN } from "../shared/properties";
import { campaignHooks } from "./campaign-hook-table";

export { resetSessions } from "./session";

export type { CampaignDiffResult } from "./campaign-hook-table";

export const { configure, check, diff, create, read, update, remove } = campaignHooks<CampaignDefinition, CampaignSpec>({
  noun: "campaign",
  validate: (spec) => validateCampaign(spec, { unknownValue: UNKNOWN }),
  diff: (old, next) => diffCampaign(old, next), // read at call time (a test counts the diffs per Diff)
  create: createCampaign,
  read: readCampaign,
  update: updateCampaign,
  remove: deleteCampaign,
});
