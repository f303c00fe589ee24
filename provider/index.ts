/** pulumi-kore-campaigns: Kore.ai outbound voice campaigns as code. */
export { VoiceCampaign } from "./resource";
export type { VoiceCampaignArgs } from "./resource";
export {
  campaignDefinitionSchema,
  campaignSpecSchema,
  validateCampaign,
} from "./schema";
export type { CampaignDefinition, CampaignSpec, CampaignSpecInput, ValidationFailure } from "./schema";
export type { ConnectionInput } from "./connection";
export { KoreApiError } from "./errors";
export { STARTED_TABLE } from "./status";
export {
  loadDefinitions,
  campaignFileSchema,
  formatProblem,
  summarize,
} from "./gitops";
export type { CampaignDefinitionFile, CampaignFileInput, LoadResult, Problem as DefinitionProblem } from "./gitops";
