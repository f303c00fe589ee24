/**
 * The SmsCampaign dynamic-provider hooks: the campaign hook table (campaign-hook-table.ts) bound to the SMS
 * channel. Loaded by the serialized provider with `require("pulumi-kore-campaigns/internal/sms-campaign-hooks")`
 * (the module name is part of every stored state, so it never changes: package.json maps it to this file).
 */
import { diffSmsCampaign } from "../resources/sms-campaign/diff";
import { createSmsCampaign, deleteSmsCampaign, readSmsCampaign, updateSmsCampaign } from "../resources/sms-campaign/lifecycle";
import { validateSmsCampaign, type SmsCampaignDefinition, type SmsCampaignSpec } from "../resources/sms-campaign/schema";
import { UNKNOWN } from "../shared/properties";
import { campaignHooks } from "./campaign-hook-table";

export { resetSessions } from "./session";

export const { configure, check, diff, create, read, update, remove } = campaignHooks<SmsCampaignDefinition, SmsCampaignSpec>({
  noun: "SMS campaign",
  validate: (spec) => validateSmsCampaign(spec, { unknownValue: UNKNOWN }),
  diff: diffSmsCampaign,
  create: createSmsCampaign,
  read: readSmsCampaign,
  update: updateSmsCampaign,
  remove: deleteSmsCampaign,
});
