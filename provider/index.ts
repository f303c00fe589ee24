/** pulumi-kore-campaigns: Kore.ai outbound voice and SMS campaigns and their contact lists as code. */
export { VoiceCampaign } from "./pulumi/voice-campaign";
export type { VoiceCampaignArgs } from "./pulumi/voice-campaign";
export { SmsCampaign } from "./pulumi/sms-campaign";
export type { SmsCampaignArgs } from "./pulumi/sms-campaign";
export { ContactList } from "./pulumi/contact-list";
export type { ContactListArgs } from "./pulumi/contact-list";
export { validateContactList } from "./resources/contact-list/schema";
export type { ContactListSpec, ContactListSpecInput } from "./resources/contact-list/schema";
export {
  campaignDefinitionSchema,
  campaignSpecSchema,
  validateCampaign,
} from "./resources/campaign/schema";
export type { CampaignDefinition, CampaignSpec, CampaignSpecInput, ValidationFailure } from "./resources/campaign/schema";
export { smsCampaignSpecSchema, validateSmsCampaign } from "./resources/sms-campaign/schema";
export type { SmsCampaignDefinition, SmsCampaignSpec, SmsCampaignSpecInput } from "./resources/sms-campaign/schema";
export { smsSegments } from "./resources/sms-campaign/segments";
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
/** The native plugin's resources (`kore:index:VoiceCampaign`, `kore:index:ContactList`) and its explicit Provider. */
export * as native from "./pulumi/native/sdk";
