/**
 * Definition files -> validated specs, or every problem at once.
 *
 * One YAML file per campaign (campaigns/) and one per contact list (contact-lists/, beside campaigns/); the
 * file name (without .yaml/.yml) is the Pulumi resource name. Each file is parsed with line numbers,
 * validated with its resource's own rules (validateCampaign, validateContactList) plus the file-only fields,
 * and the files are then checked against each other (names, resource names, renames, and the contact lists
 * campaigns name).
 *
 * `loadDefinitions` is the only function here doing I/O (listing and reading); the rest is pure. Nothing
 * here (nor anything it imports) loads @pulumi/pulumi, so the validate command runs without it.
 */
import * as fs from "fs";
import * as path from "path";
import type { Document, LineCounter, YAMLError } from "yaml";
import { quickListItemLine, quickMapping } from "./fast-yaml";
import { NameView } from "../shared/name-view";
import { closestKeys } from "../shared/suggest";
import { failuresFromIssues } from "../shared/schema-failures";
import { endedScheduleProblem, startPassedScheduleRule } from "../resources/campaign/schedule";
import { KNOWN_KEYS, formatPath, formatValue, validateCampaign, type CampaignSpec, type ValidationFailure } from "../resources/campaign/schema";
import { validateContactList, type ContactListSpec } from "../resources/contact-list/schema";
import {
  EXTERNAL_CONTACT_LIST_KEYS,
  EXTERNAL_RULE,
  RESOURCE_NAME_PATTERN,
  RESOURCE_NAME_RULE,
  contactListFileKnownKeysAt,
  externalContactListFileSchema,
  fileKnownKeysAt,
  hasDefinitionExtension,
  renamedFromSchema,
  stripDefinitionExtension,
} from "./file-schema";
import { isUnquotedNonString, locate, parsePath } from "./locate";

// `yaml` is loaded on first use (see fast-yaml.ts: a valid plain file is read without it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Y = (): typeof import("yaml") => require("yaml");
import { unknownKeyRule } from "./suggest";

/** A valid definition file. */
export interface CampaignDefinitionFile {
  /** The path as listed (the folder given, joined with the file name). */
  file: string;
  /** The file name without .yaml/.yml: the Pulumi resource name. */
  resourceName: string;
  /** The normalized spec, ready for `new VoiceCampaign(resourceName, spec)`. */
  spec: CampaignSpec;
  /** Earlier resource names (file names without extension), for Pulumi aliases. */
  renamedFrom: string[];
}

/** A valid contact-list file: a list the stack manages (`spec`) or one declared as existing outside it. */
export interface ContactListDefinitionFile {
  file: string;
  /** The file name without .yaml/.yml: the Pulumi resource name. */
  resourceName: string;
  /** The list's name in Kore.ai, trimmed: what campaigns write in contactLists. */
  name: string;
  /** `external: true`: the list exists outside the stack; the file only declares its name. */
  external: boolean;
  /** For a managed list, the normalized spec, ready for `new ContactList(resourceName, spec)`. */
  spec?: ContactListSpec;
  /** Earlier resource names, for Pulumi aliases. */
  renamedFrom: string[];
}

/** One thing wrong (or, with severity "warning", maybe wrong), where it is and what it is. */
export interface Problem {
  file: string;
  /** Absent: an error. "warning": maybe wrong (a list that may exist outside the stack, a schedule that has ended). */
  severity?: "warning";
  /** The kind of file; absent for a campaign file (or a path that is not a definition file). */
  kind?: "contactList";
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column; given for YAML syntax errors only. */
  column?: number;
  /** The field's property path ("dialingStrategy.callingHours.days[2].start"); absent for file-level problems. */
  path?: string;
  /** The rule broken, with the offending value: "must be an integer from 5 to 120 seconds (got 200)". */
  message: string;
  /**
   * A ValidationFailure code, or one of: read, not_found, not_yaml, not_plain_file, too_large, encoding, file_name,
   * yaml, empty, not_mapping, duplicate_name, duplicate_file, rename, reference_case, undeclared_reference,
   * schedule_ended, more (the count of problems not listed).
   */
  code?: string;
  /** With code "more": how many problems of the file are not listed. */
  omitted?: number;
}

export interface LoadResult {
  /** Every definition file found (valid or not), campaigns first, in the order listed. */
  files: string[];
  /** The valid campaign files; when `problems` is not empty, do not act on these. */
  definitions: CampaignDefinitionFile[];
  /** The valid contact-list files (managed and external). */
  contactLists: ContactListDefinitionFile[];
  /** Every error, ordered by file then line. */
  problems: Problem[];
  /** What may be wrong but cannot be known offline (severity "warning"); `--strict` treats them as errors. */
  warnings: Problem[];
}

/** One file after parsing and validation, before the cross-file checks. */
export interface ParsedFile {
  file: string;
  /** What the file defines; "campaign" when absent. */
  kind?: DefinitionKind;
  resourceName: string;
  definition?: CampaignDefinitionFile;
  contactList?: ContactListDefinitionFile;
  /** The campaign's or list's name as written (trimmed), when it is text; checked across files even if other fields fail. */
  koreName?: string;
  /** A campaign's contactLists entries that are text (trimmed), with their index; checked against the declared lists. */
  contactListRefs?: Array<{ index: number; name: string }>;
  /** The valid `renamedFrom` entries (even if other fields fail). */
  renamedFrom?: string[];
  problems: Problem[];
  /** The line of a property path (or of its nearest existing parent). */
  lineOf(propertyPath: string): number | undefined;
}

// ---------------------------------------------------------------------------------------------------
// I/O: listing and reading
// ---------------------------------------------------------------------------------------------------

/** Warnings counted as errors (`validate --strict`, the program's `strictReferences`): the same problems, no warning label. */
export function asErrors(warnings: readonly Problem[]): Problem[] {
  return warnings.map(({ severity: _severity, ...problem }) => problem);
}

/** The folder of contact-list files, beside the campaigns folder. */
export const CONTACT_LISTS_FOLDER = "contact-lists";

export interface LoadOptions {
  /**
   * Where the contact-list files are (folders or files). Absent: every given path inside (or named) a
   * `contact-lists` folder holds lists, and each given campaigns folder's sibling `contact-lists/` is read
   * when it exists.
   */
  contactLists?: string | readonly string[];
  /** The clock a schedule's end is judged by (default Date.now). */
  now?: () => number;
}

/**
 * Loads a set of definitions: folders (their *.yaml / *.yml files, not recursive, hidden files skipped)
 * and files. The set is checked as one stack's definitions (names unique across it, references, and so on).
 */
export function loadDefinitions(paths: string | readonly string[], options: LoadOptions = {}): LoadResult {
  const { campaignPaths, contactListPaths } = splitPaths(typeof paths === "string" ? [paths] : paths, options);
  const campaignFiles = listDefinitionFiles(campaignPaths);
  const listFiles = listDefinitionFiles(contactListPaths, "contact list");
  const listOnly = new Set(listFiles.files.filter((f) => !campaignFiles.files.includes(f)));
  const kindOf = (file: string): DefinitionKind => (listOnly.has(file) ? "contactList" : "campaign");
  const files = [...campaignFiles.files, ...listOnly];
  const parsed = files.map((file) => {
    const kind = kindOf(file);
    const text = readText(file, FILE_KINDS[kind]);
    return typeof text === "string" ? parseDefinitionFile(file, text, kind) : { file, kind, resourceName: "", problems: [text], lineOf: () => undefined };
  });
  const all = [
    ...campaignFiles.problems,
    ...listFiles.problems,
    ...parsed.flatMap((p) => p.problems),
    ...crossFileProblems(parsed),
    ...endedSchedules(parsed, (options.now ?? Date.now)()),
    ...startPassedSchedules(parsed, (options.now ?? Date.now)()),
  ].map((p) =>
    kindOf(p.file) === "contactList" ? { ...p, kind: "contactList" as const } : p,
  );
  return {
    files,
    definitions: parsed.flatMap((p) => (p.definition ? [p.definition] : [])),
    contactLists: parsed.flatMap((p) => (p.contactList ? [p.contactList] : [])),
    problems: capPerFile(sortProblems(all.filter((p) => p.severity !== "warning"), files)),
    warnings: sortProblems(all.filter((p) => p.severity === "warning"), files),
  };
}

/** Which given paths hold campaigns and which contact lists (LoadOptions.contactLists). */
function splitPaths(paths: readonly string[], options: LoadOptions): { campaignPaths: string[]; contactListPaths: string[] } {
  if (options.contactLists !== undefined) {
    return { campaignPaths: [...paths], contactListPaths: typeof options.contactLists === "string" ? [options.contactLists] : [...options.contactLists] };
  }
  const isListPath = (p: string) => {
    const folder = statOf(p)?.isDirectory() ? p : path.dirname(p);
    return path.basename(path.resolve(folder)) === CONTACT_LISTS_FOLDER;
  };
  const campaignPaths = paths.filter((p) => !isListPath(p));
  const siblings = campaignPaths
    .filter((p) => statOf(p)?.isDirectory())
    .map((folder) => path.join(folder, "..", CONTACT_LISTS_FOLDER))
    .filter((folder) => statOf(folder)?.isDirectory());
  return { campaignPaths, contactListPaths: [...paths.filter(isListPath), ...siblings] };
}

/** At most this many problems are reported per file; one more line counts the rest. */
export const MAX_PROBLEMS_PER_FILE = 20;

function capPerFile(problems: readonly Problem[]): Problem[] {
  const seen = new Map<string, number>();
  const out: Problem[] = [];
  for (const p of problems) {
    const n = (seen.get(p.file) ?? 0) + 1;
    seen.set(p.file, n);
    if (n <= MAX_PROBLEMS_PER_FILE) out.push(p);
  }
  for (const [file, n] of seen) {
    if (n <= MAX_PROBLEMS_PER_FILE) continue;
    const last = out.map((p) => p.file).lastIndexOf(file);
    const omitted = n - MAX_PROBLEMS_PER_FILE;
    out.splice(last + 1, 0, { file, message: `and ${omitted} more problems in this file (only the first ${MAX_PROBLEMS_PER_FILE} are listed)`, code: "more", omitted });
  }
  return out;
}

/** The definition files under `paths`, and a problem for each path that is missing or not a definition file. */
export function listDefinitionFiles(paths: readonly string[], noun = "campaign"): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (!seen.has(path.resolve(file))) files.push(file);
    seen.add(path.resolve(file));
  };
  for (const given of paths) {
    const stat = statOf(given);
    if (stat === undefined) problems.push({ file: given, message: "no such file or folder", code: "not_found" });
    else if (stat.isDirectory()) folderEntries(given).forEach(add);
    else if (hasDefinitionExtension(path.basename(given))) add(given);
    else problems.push({ file: given, message: `is not a ${noun} definition (a .yaml or .yml file) or a folder`, code: "not_yaml" });
  }
  return { files, problems };
}

/**
 * The definition files of a folder: every entry whose name ends in .yaml/.yml (any case), hidden ones
 * skipped. Only plain files are read: a symbolic link (even one pointing inside the folder), a folder, a
 * FIFO or a device named like a definition is a problem, never followed and never skipped silently (a
 * skipped file would delete its campaign on the next up).
 */
function folderEntries(folder: string): string[] {
  return fs
    .readdirSync(folder)
    .filter((name) => !name.startsWith(".") && hasDefinitionExtension(name))
    .sort()
    .map((name) => path.join(folder, name));
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** The most a definition file may hold (a real one is about 2 KB). */
export const MAX_DEFINITION_FILE_BYTES = 256 * 1024;

const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** The read buffer readText reuses (made on first use). */
let readBuffer: Buffer | undefined;

/**
 * The text of a definition file, or the problem with it. Never quotes the content of anything that is
 * not a plain file of the folder, and reads at most MAX_DEFINITION_FILE_BYTES + 1 bytes of one that is.
 */
function readText(file: string, kind: FileKind = FILE_KINDS.campaign): string | Problem {
  const refuse = (message: string, code = "read"): Problem => ({ file, message, code });
  let entry: fs.Stats;
  try {
    entry = fs.lstatSync(file);
  } catch (err) {
    return refuse(`could not be read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (entry.isSymbolicLink()) return refuse("is a symbolic link; definition files must be plain files (links are never followed)", "not_plain_file");
  if (!entry.isFile()) return refuse(`is ${kindOf(entry)}, not a plain file`, "not_plain_file");
  if (entry.size > MAX_DEFINITION_FILE_BYTES) {
    return refuse(`is ${entry.size} bytes; a ${kind.noun} definition file holds at most ${MAX_DEFINITION_FILE_BYTES} bytes`, "too_large");
  }
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // O_NOFOLLOW: a file swapped for a link after the check above is refused too
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
    // one buffer for every file (reads are synchronous and the text is decoded into a string before the next):
    // a zero-filled 256 KiB allocation per file was most of the reading time of a large set
    const buffer = (readBuffer ??= Buffer.allocUnsafe(MAX_DEFINITION_FILE_BYTES + 1));
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    if (read > MAX_DEFINITION_FILE_BYTES) return refuse(`is larger than ${MAX_DEFINITION_FILE_BYTES} bytes, the most a ${kind.noun} definition file holds`, "too_large");
    bytes = buffer.subarray(0, read);
  } catch (err) {
    return refuse(`could not be read (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
  return decodeText(file, bytes);
}

function kindOf(entry: fs.Stats): string {
  if (entry.isDirectory()) return "a folder";
  if (entry.isFIFO()) return "a named pipe (FIFO)";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "a device";
  if (entry.isSocket()) return "a socket";
  return "not a plain file";
}

/** UTF-8 text without control characters (tab, newline and carriage return aside), or what is wrong and where. */
export function decodeText(file: string, bytes: Uint8Array): string | Problem {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { file, line: 1, message: "is UTF-16 text; save it as UTF-8", code: "encoding" };
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = 1 + bytes.subarray(0, at).filter((b) => b === 0x0a).length;
    return { file, line, message: `is not valid UTF-8 (byte ${at + 1}); save it as UTF-8`, code: "encoding" };
  }
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/.exec(text);
  if (control) {
    const line = 1 + (text.slice(0, control.index).match(/\n/g)?.length ?? 0);
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return { file, line, message: `contains the control character U+${code}; definition files hold printable text only`, code: "encoding" };
  }
  return text;
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let end = 1; end <= bytes.length; end++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
    } catch {
      return end - 1;
    }
  }
  return bytes.length - 1;
}

// ---------------------------------------------------------------------------------------------------
// One file (pure)
// ---------------------------------------------------------------------------------------------------

export type DefinitionKind = "campaign" | "contactList";

type Validation = { ok: true; value: unknown } | { ok: false; failures: ValidationFailure[] };

/** What differs between a campaign file and a contact-list file; the reading and reporting are shared. */
interface FileKind {
  /** "campaign definition file holds at most ..." */
  noun: string;
  /** For an empty file: the fields a definition needs. */
  requiredFields: string;
  /** For a file that is not a mapping: an example of its fields. */
  example: string;
  /** The resource's rules, with the file-only fields removed first. */
  validate(input: Record<string, unknown>): Validation;
  /** Known keys of the object at a path of this file's content, file-only keys included. */
  knownKeysAt(objectPath: string, content: Record<string, unknown>): readonly string[] | undefined;
  /** Every object path's known keys, for "it belongs in ..." hints. */
  knownKeysByPath: Readonly<Record<string, readonly string[]>>;
}

/** A file declaring an external list: `name`, `external: true`, an optional `description`. */
function validateExternalList(input: Record<string, unknown>): Validation {
  const result = externalContactListFileSchema.safeParse({ ...input, external: true });
  return result.success ? { ok: true, value: result.data } : { ok: false, failures: failuresFromIssues(result.error.issues, input, { noun: "contact list", knownKeys: EXTERNAL_CONTACT_LIST_KEYS }) };
}

/** A managed list (the ContactList rules), or with `external: true` a declared one. */
function validateContactListFile(input: Record<string, unknown>): Validation {
  if (input.external === true) return validateExternalList(input);
  const { external, ...spec } = input;
  const result = validateContactList(spec);
  if (external === undefined) return result;
  const failure = { path: "external", rule: EXTERNAL_RULE, value: external, message: `external: ${EXTERNAL_RULE} (got ${formatValue(external)})`, code: "invalid" };
  return { ok: false, failures: [...(result.ok ? [] : result.failures), failure] };
}

const FILE_KINDS: Readonly<Record<DefinitionKind, FileKind>> = {
  campaign: {
    noun: "campaign",
    requiredFields: "a campaign definition needs name, description, contactLists, priority, dialingMode and dialingStrategy",
    example: "name: ..., dialingMode: ...",
    validate: (input) => validateCampaign(input),
    knownKeysAt: (objectPath) => fileKnownKeysAt(objectPath),
    knownKeysByPath: KNOWN_KEYS,
  },
  contactList: {
    noun: "contact list",
    requiredFields: "a contact list definition needs name and description (or name and external: true)",
    example: "name: ..., description: ...",
    validate: validateContactListFile,
    knownKeysAt: (objectPath, content) =>
      content.external === true ? (objectPath === "" ? [...EXTERNAL_CONTACT_LIST_KEYS, "renamedFrom"] : undefined) : contactListFileKnownKeysAt(objectPath),
    knownKeysByPath: { "": contactListFileKnownKeysAt("") ?? [] },
  },
};

/**
 * The quick path (fast-yaml.ts): a plain mapping that passes every rule gives the same result as the full
 * reading below, whose `yaml` document is made only if a line is asked for (a cross-file problem or warning).
 * Anything else (no quick reading, or any problem at all) returns undefined: the full reading then reports it.
 */
function quickFile(file: string, source: string, kindName: DefinitionKind, resourceName: string): ParsedFile | undefined {
  const content = quickMapping(source);
  if (!content) return undefined;
  const kind = FILE_KINDS[kindName];
  const { renamedFrom, ...input } = content;
  const spec = kind.validate(input);
  const renames = renamedFromSchema.optional().safeParse(renamedFrom);
  if (!spec.ok || !renames.success) return undefined;
  let positions: { doc: Document; lineCounter: LineCounter } | undefined;
  const lineOf = (propertyPath: string) => {
    const item = /^contactLists\[(\d+)\]$/.exec(propertyPath); // an undeclared list's warning: no document needed
    const quickLine = item && Array.isArray(input.contactLists) ? quickListItemLine(source, "contactLists", Number(item[1]), input.contactLists) : undefined;
    if (quickLine !== undefined) return quickLine;
    if (!positions) {
      const lineCounter = new (Y().LineCounter)();
      positions = { doc: Y().parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true }), lineCounter };
    }
    return locate(positions.doc, positions.lineCounter, propertyPath)?.line;
  };
  const written = typeof input.name === "string" && input.name.trim() !== "" ? { koreName: input.name.trim() } : {};
  const refs = kindName === "campaign" && Array.isArray(input.contactLists) ? { contactListRefs: textEntries(input.contactLists) } : {};
  const parsed = { file, kind: kindName, resourceName, lineOf, ...written, ...refs, renamedFrom: renames.data ?? [] };
  const common = { file, resourceName, renamedFrom: renames.data ?? [] };
  if (kindName === "campaign") return { ...parsed, problems: [], definition: { ...common, spec: spec.value as CampaignSpec } };
  const list = spec.value as ContactListSpec & { external?: true };
  const contactList: ContactListDefinitionFile = list.external
    ? { ...common, name: list.name, external: true }
    : { ...common, name: list.name, external: false, spec: list };
  return { ...parsed, problems: [], contactList };
}

/**
 * A CR not followed by LF: some readers take it for a line break (js-yaml did: `name: X\rstarted: true` loaded
 * with `started: true`), while git diff, grep and the `yaml` package do not. Refused in every file, whichever
 * reader would read it, so what a reviewer sees is what loads.
 */
const BARE_CR = /\r(?!\n)/;
const BARE_CR_RULE = "a carriage return (CR) not followed by a line feed; save the file with LF or CRLF line endings";

/** Parses and validates one definition file's text (a campaign's unless `kind` says otherwise). */
export function parseDefinitionFile(file: string, text: string, kindName: DefinitionKind = "campaign"): ParsedFile {
  const kind = FILE_KINDS[kindName];
  const resourceName = stripDefinitionExtension(path.basename(file));
  const nameProblems: Problem[] = RESOURCE_NAME_PATTERN.test(resourceName)
    ? []
    : [{ file, message: `the file name ${JSON.stringify(resourceName)} is not a valid resource name: it ${RESOURCE_NAME_RULE}`, code: "file_name" }];
  const source = text.replace(/^\uFEFF/, "");
  const bareCr = BARE_CR.exec(source);
  if (bareCr) {
    const line = source.slice(0, bareCr.index).split("\n").length;
    return { file, kind: kindName, resourceName, lineOf: () => undefined, problems: [...nameProblems, { file, line, message: `invalid YAML: ${BARE_CR_RULE}`, code: "yaml" }] };
  }
  const quick = nameProblems.length === 0 ? quickFile(file, source, kindName, resourceName) : undefined;
  if (quick) return quick;
  const lineCounter = new (Y().LineCounter)();
  let doc: Document;
  try {
    doc = Y().parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    // the parser recurses: thousands of nested levels exhaust the stack
    const message = err instanceof RangeError ? `is nested too deeply to be a ${kind.noun} definition` : "could not be parsed as YAML";
    return { file, kind: kindName, resourceName, lineOf: () => undefined, problems: [...nameProblems, { file, line: 1, message: `invalid YAML: ${message}`, code: "yaml" }] };
  }
  const lineOf = (propertyPath: string) => locate(doc, lineCounter, propertyPath)?.line;
  const base = { file, kind: kindName, resourceName, lineOf };

  const syntax = doc.errors.map((err) => yamlProblem(file, err, source, kind));
  if (syntax.length > 0) return { ...base, problems: [...nameProblems, ...syntax] };
  const content = readContent(file, doc, lineCounter, lineOf, kind);
  if ("problem" in content) return { ...base, problems: [...nameProblems, content.problem] };

  const { renamedFrom, ...input } = content.value;
  const spec = kind.validate(input);
  const renames = renamedFromSchema.optional().safeParse(renamedFrom);
  const written = typeof input.name === "string" && input.name.trim() !== "" ? { koreName: input.name.trim() } : {};
  const refs = kindName === "campaign" && Array.isArray(input.contactLists) ? { contactListRefs: textEntries(input.contactLists) } : {};
  const parsed = { ...base, ...written, ...refs, ...(renames.success ? { renamedFrom: renames.data ?? [] } : {}) };
  const problems = [
    ...nameProblems,
    ...(spec.ok ? [] : spec.failures.map((f) => problemFromFailure(file, f, doc, lineCounter, input, kind))),
    ...(renames.success ? [] : renames.error.issues.map((i) => renameProblem(file, i, renamedFrom, lineOf))),
  ];
  if (problems.length > 0 || !spec.ok || !renames.success) return { ...parsed, problems };
  const common = { file, resourceName, renamedFrom: renames.data ?? [] };
  if (kindName === "campaign") return { ...parsed, problems, definition: { ...common, spec: spec.value as CampaignSpec } };
  const list = spec.value as ContactListSpec & { external?: true };
  const contactList: ContactListDefinitionFile = list.external
    ? { ...common, name: list.name, external: true }
    : { ...common, name: list.name, external: false, spec: list };
  return { ...parsed, problems, contactList };
}

/** The entries of a list that are non-empty text, trimmed, with their index. */
function textEntries(values: readonly unknown[]): Array<{ index: number; name: string }> {
  return values.flatMap((value, index) => (typeof value === "string" && value.trim() !== "" ? [{ index, name: value.trim() }] : []));
}

/** The document as a plain object, or the problem with it (empty, not a mapping, unresolvable aliases). */
function readContent(
  file: string,
  doc: Document,
  lineCounter: LineCounter,
  lineOf: (p: string) => number | undefined,
  kind: FileKind,
): { value: Record<string, unknown> } | { problem: Problem } {
  if (doc.contents === null) return { problem: { file, line: 1, message: `is empty: ${kind.requiredFields}`, code: "empty" } };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (err) {
    if (err instanceof RangeError) return { problem: { file, line: 1, message: `invalid YAML: is nested too deeply to be a ${kind.noun} definition`, code: "yaml" } };
    const alias = firstAlias(doc, lineCounter);
    const message = `uses aliases${alias ? ` (*${alias.name})` : ""} that expand to too much (over ${MAX_ALIAS_EXPANSIONS} copies); write the values out`;
    return { problem: { file, line: alias?.line ?? lineOf(""), message: `invalid YAML: ${message}`, code: "yaml" } };
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return { value: value as Record<string, unknown> };
  const got = Array.isArray(value) ? "a list" : `a single value (${formatValue(value)})`;
  return { problem: { file, line: lineOf(""), message: `must be a mapping of ${kind.noun} fields (${kind.example}), not ${got}`, code: "not_mapping" } };
}

/** How many alias expansions a file may use (YAML's "billion laughs" guard). */
const MAX_ALIAS_EXPANSIONS = 100;

/** The first alias (`*name`) of a document and its line. */
function firstAlias(doc: Document, lineCounter: LineCounter): { name: string; line?: number } | undefined {
  let found: { name: string; line?: number } | undefined;
  const { visit } = Y();
  visit(doc, {
    Alias(_key, node) {
      const offset = node.range?.[0];
      found = { name: node.source, line: offset === undefined ? undefined : lineCounter.linePos(offset).line };
      return visit.BREAK;
    },
  });
  return found;
}

/** A YAML syntax error: its first line, without the " at line L, column C" the problem carries already. */
function yamlProblem(file: string, err: YAMLError, text: string, kind: FileKind): Problem {
  const where = err.linePos?.[0];
  if (err.code === "MULTIPLE_DOCS") {
    return { file, ...(where ? { line: where.line } : {}), message: `invalid YAML: holds more than one document (a line "---" starts another); a definition file holds one ${kind.noun}`, code: "yaml" };
  }
  if (/call stack/i.test(err.message)) return { file, line: 1, message: `invalid YAML: is nested too deeply to be a ${kind.noun} definition`, code: "yaml" };
  let message = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (err.code === "DUPLICATE_KEY") {
    const key = /^\s*(?:-\s+)?("(?:[^"\\]|\\.)*"|'[^']*'|[^:#]+?)\s*:/.exec(text.slice(err.pos[0]))?.[1];
    const shown = key === undefined || /^["']/.test(key) ? key : JSON.stringify(key);
    message = shown ? `the field ${shown} appears twice in the same mapping` : "a field appears twice in the same mapping";
  }
  return { file, ...(where ? { line: where.line, column: where.col } : {}), message: `invalid YAML: ${message}`, code: "yaml" };
}

/** A ValidationFailure -> a Problem at the failure's line, with a suggestion for unknown fields and a hint for unquoted values. */
function problemFromFailure(file: string, failure: ValidationFailure, doc: Document, lineCounter: LineCounter, input: Record<string, unknown>, kind: FileKind): Problem {
  const position = locate(doc, lineCounter, failure.path);
  const prefix = `${failure.path || kind.noun}: `;
  let message = failure.message.startsWith(prefix) ? failure.message.slice(prefix.length) : failure.rule;
  if (failure.code === "unknown_field") message = unknownFieldRule(failure, kind, input);
  else if (isUnquotedNonString(position?.node) && (failure.code === "type" || failure.code === "invalid")) {
    const source = (position?.node as { source?: string }).source ?? String(failure.value);
    if (typeof failure.value !== "string" && quotedWouldPass(input, failure.path, source, kind)) {
      message += `; YAML reads the unquoted ${source} as a ${typeof failure.value}: write it in quotes, "${source}"`;
    }
  }
  return { file, ...(position ? { line: position.line } : {}), ...(failure.path ? { path: failure.path } : {}), message, ...(failure.code ? { code: failure.code } : {}) };
}

function unknownFieldRule(failure: ValidationFailure, kind: FileKind, content: Record<string, unknown>): string {
  const key = failure.unknownKey ?? "";
  const objectPath = formatPath(parsePath(failure.path).slice(0, -1));
  const known = kind.knownKeysAt(objectPath, content) ?? failure.knownKeys ?? [];
  const generic = `is not a known field; known fields here: ${(failure.knownKeys ?? []).join(", ")}`;
  const suggestion = unknownKeyRule(key, objectPath, known, kind.knownKeysByPath);
  if (suggestion !== undefined) return suggestion;
  // The schema's own wording, unless it is the generic list or the file knows more keys (the file-only ones).
  const fileAddsKeys = known.length > (failure.knownKeys?.length ?? 0);
  return (failure.rule === generic || fileAddsKeys) && known.length > 0 ? `is not a known field; known fields here: ${known.join(", ")}` : failure.rule;
}

/** Whether the value would pass as the string the user typed (so quoting it is the fix). */
function quotedWouldPass(input: Record<string, unknown>, propertyPath: string, source: string, kind: FileKind): boolean {
  const segments = parsePath(propertyPath);
  if (segments.length === 0) return false;
  const copy = structuredClone(input) as Record<string | number, unknown>;
  const parent = segments.slice(0, -1).reduce<unknown>((node, s) => (node as Record<string | number, unknown>)?.[s], copy);
  if (typeof parent !== "object" || parent === null) return false;
  (parent as Record<string | number, unknown>)[segments[segments.length - 1]] = source;
  const result = kind.validate(copy);
  return result.ok || !result.failures.some((f) => f.path === propertyPath);
}

function renameProblem(file: string, issue: { path: PropertyKey[]; message: string }, value: unknown, lineOf: (p: string) => number | undefined): Problem {
  const at = formatPath(["renamedFrom", ...issue.path]);
  const got = parsePath(at).slice(1).reduce<unknown>((node, s) => (node as Record<string | number, unknown>)?.[s], value);
  return { file, line: lineOf(at), path: at, message: `${issue.message}${got === undefined ? "" : ` (got ${formatValue(got)})`}`, code: "rename" };
}

// ---------------------------------------------------------------------------------------------------
// Across files (pure)
// ---------------------------------------------------------------------------------------------------

const where = (p: { file: string; lineOf(path: string): number | undefined }, propertyPath: string) => {
  const line = p.lineOf(propertyPath);
  return line === undefined ? p.file : `${p.file}:${line}`;
};

/**
 * Problems between files: the same resource name, the same name in Kore.ai, conflicting renames (each
 * among the files of one kind: a campaign and a list are different resource types), and campaigns'
 * contact lists that no file declares (warnings: they may exist outside the stack).
 */
export function crossFileProblems(parsed: readonly ParsedFile[]): Problem[] {
  const campaigns = parsed.filter((p) => (p.kind ?? "campaign") === "campaign");
  const lists = parsed.filter((p) => p.kind === "contactList");
  return [
    ...[campaigns, lists].flatMap((files) => [...duplicateResourceNames(files), ...duplicateNames(files), ...renameConflicts(files)]),
    ...contactListReferences(campaigns, lists),
  ];
}

function duplicateResourceNames(parsed: readonly ParsedFile[]): Problem[] {
  const first = new Map<string, ParsedFile>();
  const problems: Problem[] = [];
  for (const p of parsed.filter((f) => f.resourceName !== "")) {
    const key = p.resourceName.toLowerCase();
    const earlier = first.get(key);
    if (!earlier) first.set(key, p);
    else {
      const message = `the resource name ${JSON.stringify(p.resourceName)} is also the name of ${earlier.file} (file names must differ by more than case or .yaml/.yml)`;
      problems.push({ file: p.file, message, code: "duplicate_file" });
    }
  }
  return problems;
}

function duplicateNames(parsed: readonly ParsedFile[]): Problem[] {
  const first = new Map<string, ParsedFile>();
  const problems: Problem[] = [];
  for (const p of parsed) {
    if (p.koreName === undefined) continue;
    const key = NameView.key(p.koreName);
    const earlier = first.get(key);
    if (!earlier) first.set(key, p);
    else {
      const noun = FILE_KINDS[p.kind ?? "campaign"].noun;
      const message = `${JSON.stringify(p.koreName)} is also the name of the ${noun} in ${where(earlier, "name")} (Kore.ai ${noun} names are unique, ignoring case)`;
      problems.push({ file: p.file, line: p.lineOf("name"), path: "name", message, code: "duplicate_name" });
    }
  }
  return problems;
}

function renameConflicts(parsed: readonly ParsedFile[]): Problem[] {
  const current = new Map(parsed.map((p) => [p.resourceName.toLowerCase(), p]));
  const claimedBy = new Map<string, { file: ParsedFile; at: string }>();
  const problems: Problem[] = [];
  for (const p of parsed) {
    p.renamedFrom?.forEach((old, index) => {
      const at = `renamedFrom[${index}]`;
      const key = old.toLowerCase();
      const holder = current.get(key);
      const claim = claimedBy.get(key);
      let message: string | undefined;
      if (holder === p) message = `${JSON.stringify(old)} is this file's own name`;
      else if (holder) message = `${JSON.stringify(old)} is still the name of ${holder.file}; list an old name only once that file is renamed or removed`;
      else if (claim) message = `${JSON.stringify(old)} is also listed at ${where(claim.file, claim.at)}; only one file can take over a ${FILE_KINDS[p.kind ?? "campaign"].noun}`;
      else claimedBy.set(key, { file: p, at });
      if (message) problems.push({ file: p.file, line: p.lineOf(at), path: at, message, code: "rename" });
    });
  }
  return problems;
}

/**
 * Each campaign's contactLists entry must be a list some file declares (managed, or `external: true`).
 * Exactly, case included, as the provider checks before the POST: a name that differs only in case from
 * a declared list is an error (it would fail at apply). A name no file declares is a warning: the list
 * may exist in Kore.ai outside the stack, which only the provider can see (it checks the app before the
 * POST); `validate --strict` and the program's `strictReferences` make it an error.
 */
function contactListReferences(campaigns: readonly ParsedFile[], lists: readonly ParsedFile[]): Problem[] {
  const declared = new Map<string, ParsedFile>();
  const byKey = new Map<string, ParsedFile>();
  for (const list of lists) {
    if (list.koreName === undefined) continue;
    if (!declared.has(list.koreName)) declared.set(list.koreName, list);
    if (!byKey.has(NameView.key(list.koreName))) byKey.set(NameView.key(list.koreName), list);
  }
  const names = [...declared.keys()];
  const problems: Problem[] = [];
  for (const campaign of campaigns) {
    const reported = new Set<string>(); // a name listed twice is reported once (the repeat is an error of its own)
    for (const { index, name } of campaign.contactListRefs ?? []) {
      if (declared.has(name) || reported.has(name)) continue;
      reported.add(name);
      const at = `contactLists[${index}]`;
      const base = { file: campaign.file, line: campaign.lineOf(at), path: at };
      const sameButCase = byKey.get(NameView.key(name));
      if (sameButCase) {
        const message = `${JSON.stringify(name)} differs only in case from the contact list ${JSON.stringify(sameButCase.koreName)} declared in ${where(sameButCase, "name")}; Kore.ai matches list names exactly: write ${JSON.stringify(sameButCase.koreName)}`;
        problems.push({ ...base, message, code: "reference_case" });
        continue;
      }
      const close = closestKeys(name, names);
      const hint = close.length > 0 ? ` (did you mean ${close.map((c) => JSON.stringify(c)).join(" or ")}?)` : "";
      const message =
        `names the contact list ${JSON.stringify(name)}, which no file in ${CONTACT_LISTS_FOLDER}/ declares${hint}. ` +
        `If it exists in Kore.ai outside this stack, declare it there in a file with its name and external: true`;
      problems.push({ ...base, severity: "warning", message, code: "undeclared_reference" });
    }
  }
  return problems;
}

/**
 * A schedule whose end has passed is a warning: `up` refuses to send it (schedule.ts), but a schedule that
 * has already run and ended is a true record of what happened, and needs no call while it is unchanged.
 */
function endedSchedules(parsed: readonly ParsedFile[], nowMs: number): Problem[] {
  return parsed.flatMap((p) => {
    const rule = p.definition ? endedScheduleProblem(p.definition.spec.schedule, nowMs) : undefined;
    if (!p.definition || !rule) return [];
    const at = "schedule.end";
    return [{ file: p.file, line: p.lineOf(at), path: at, severity: "warning" as const, message: `${rule} (up refuses to send a new or changed schedule like this; an unchanged one makes no call)`, code: "schedule_ended" }];
  });
}

/** A schedule whose start has passed (its end ahead) is a warning: `up` sends it and Kore dials at once, `started: false` or not. */
function startPassedSchedules(parsed: readonly ParsedFile[], nowMs: number): Problem[] {
  return parsed.flatMap((p) => {
    const rule = p.definition ? startPassedScheduleRule(p.definition.spec.schedule, nowMs) : undefined;
    if (!p.definition || !rule) return [];
    const at = "schedule.start";
    return [{ file: p.file, line: p.lineOf(at), path: at, severity: "warning" as const, message: `${rule} (only a new or changed schedule is sent; an unchanged one makes no call)`, code: "schedule_started" }];
  });
}

/** By file (in listing order; paths that are not listed files first), then by line; stable otherwise. */
function sortProblems(problems: readonly Problem[], files: readonly string[]): Problem[] {
  const order = new Map(files.map((f, i) => [f, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (order.get(a.p.file) ?? -1) - (order.get(b.p.file) ?? -1) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}
