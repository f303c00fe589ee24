/** pulumi-kore-campaigns: Kore.ai outbound voice campaigns as code. */
export { VoiceCampaign } from "./pulumi/voice-campaign";
export type { VoiceCampaignArgs } from "./pulumi/voice-campaign";
export {
  campaignDefinitionSchema,
  campaignSpecSchema,
  validateCampaign,
} from "./resources/campaign/schema";
export type { CampaignDefinition, CampaignSpec, CampaignSpecInput, ValidationFailure } from "./resources/campaign/schema";
export type { ConnectionInput } from "./pulumi/connection";
export { KoreApiError } from "./kore-api/errors";
export { STARTED_TABLE } from "./resources/campaign/status";
export {
  loadDefinitions,
  campaignFileSchema,
  formatProblem,
  summarize,
} from "./gitops";
export type { CampaignDefinitionFile, CampaignFileInput, LoadResult, Problem as DefinitionProblem } from "./gitops";
