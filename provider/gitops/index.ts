/**
 * Campaigns as files: load, validate and report YAML campaign definitions (one file per campaign).
 * Free of @pulumi/pulumi: the validate command and tests use it without Pulumi; program/index.ts declares
 * the resources.
 */
export { loadDefinitions, listDefinitionFiles, parseDefinitionFile, crossFileProblems, MAX_DEFINITION_FILE_BYTES, MAX_PROBLEMS_PER_FILE } from "./load";
export type { CampaignDefinitionFile, LoadResult, ParsedFile, Problem } from "./load";
export {
  campaignFileSchema,
  renamedFromSchema,
  fileKnownKeysAt,
  stripDefinitionExtension,
  hasDefinitionExtension,
  DEFINITION_EXTENSIONS,
  FILE_ONLY_KEYS,
  RESOURCE_NAME_PATTERN,
} from "./file-schema";
export type { CampaignFileInput } from "./file-schema";
export { locate, parsePath } from "./locate";
export type { SourcePosition } from "./locate";
export { closestKey, editDistance, unknownKeyRule } from "./suggest";
export { formatProblem, formatGithubAnnotation, printable, summarize } from "./format";
export type { FormatOptions } from "./format";
