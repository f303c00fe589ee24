/**
 * Definition files -> validated specs, or every problem at once: the loader's entry point.
 *
 * One YAML file per voice campaign (campaigns/), one per SMS campaign (sms-campaigns/, beside campaigns/) and
 * one per contact list (contact-lists/, beside them); the file name (without .yaml/.yml) is the Pulumi resource name. Each file is read (read.ts), parsed and
 * validated with its kind's rules (parse.ts, file-kinds.ts), and the files are then checked against each
 * other (cross-file.ts) and against the clock (schedule-warnings.ts); problems.ts orders and caps what is
 * reported. Nothing here (nor anything it imports) loads @pulumi/pulumi, so the validate command runs
 * without it.
 */
import { crossFileProblems } from "./cross-file";
import { DEFINITION_KINDS, FILE_KINDS, type CampaignDefinitionFile, type ContactListDefinitionFile, type DefinitionKind, type SmsCampaignDefinitionFile } from "./file-kinds";
import { parseDefinitionFile } from "./parse";
import { capPerFile, sortProblems, type Problem } from "./problems";
import { listDefinitionFiles, pathsByKind, readText } from "./read";
import { scheduleWarnings } from "./schedule-warnings";

export interface LoadResult {
  /** Every definition file found (valid or not): voice campaigns, then SMS campaigns, then contact lists, each in the order listed. */
  files: string[];
  /** The valid voice campaign files; when `problems` is not empty, do not act on these. */
  definitions: CampaignDefinitionFile[];
  /** The valid SMS campaign files (sms-campaigns/); when `problems` is not empty, do not act on these. */
  smsDefinitions: SmsCampaignDefinitionFile[];
  /** The valid contact-list files (managed and external). */
  contactLists: ContactListDefinitionFile[];
  /** Every error, ordered by file then line. */
  problems: Problem[];
  /** What may be wrong but cannot be known offline (severity "warning"); `--strict` treats them as errors. */
  warnings: Problem[];
}

export interface LoadOptions {
  /**
   * Where the contact-list files are (folders or files). Absent: every given path inside (or named) a
   * `contact-lists` folder holds lists, and each given campaigns folder's sibling `contact-lists/` is read
   * when it exists.
   */
  contactLists?: string | readonly string[];
  /**
   * Where the SMS campaign files are (folders or files). Absent: every given path inside (or named) an
   * `sms-campaigns` folder holds SMS campaigns, and each given (voice) campaigns folder's sibling
   * `sms-campaigns/` is read when it exists.
   */
  smsCampaigns?: string | readonly string[];
  /** The clock a schedule's end is judged by (default Date.now). */
  now?: () => number;
}

/**
 * Loads a set of definitions: folders (their *.yaml / *.yml files, not recursive, hidden files skipped)
 * and files. The set is checked as one stack's definitions (names unique across it, references, and so on).
 */
export function loadDefinitions(paths: string | readonly string[], options: LoadOptions = {}): LoadResult {
  const given = pathsByKind(typeof paths === "string" ? [paths] : paths, options.contactLists, options.smsCampaigns);
  const listed = DEFINITION_KINDS.map((kind) => listDefinitionFiles(given[kind], FILE_KINDS[kind].noun));
  // a file listed under two kinds is read as the first kind's (table order: voice campaigns first)
  const kindOfFile = new Map<string, DefinitionKind>();
  DEFINITION_KINDS.forEach((kind, i) => listed[i].files.forEach((file) => kindOfFile.has(file) || kindOfFile.set(file, kind)));
  const kindOf = (file: string): DefinitionKind => kindOfFile.get(file) ?? "campaign";
  const files = [...kindOfFile.keys()];
  const parsed = files.map((file) => {
    const kind = kindOf(file);
    const text = readText(file, FILE_KINDS[kind].noun);
    return typeof text === "string" ? parseDefinitionFile(file, text, kind) : { file, kind, resourceName: "", problems: [text], lineOf: () => undefined };
  });
  const all = [
    ...listed.flatMap((l) => l.problems),
    ...parsed.flatMap((p) => p.problems),
    ...crossFileProblems(parsed),
    ...scheduleWarnings(parsed, (options.now ?? Date.now)()),
  ].map((p) => {
    const kind = kindOf(p.file);
    return kind === "campaign" ? p : { ...p, kind };
  });
  return {
    files,
    definitions: parsed.flatMap((p) => (p.definition ? [p.definition] : [])),
    smsDefinitions: parsed.flatMap((p) => (p.smsDefinition ? [p.smsDefinition] : [])),
    contactLists: parsed.flatMap((p) => (p.contactList ? [p.contactList] : [])),
    problems: capPerFile(sortProblems(all.filter((p) => p.severity !== "warning"), files)),
    warnings: sortProblems(all.filter((p) => p.severity === "warning"), files),
  };
}
