/**
 * Campaign definition files -> validated specs, or every problem at once.
 *
 * One YAML file per campaign; the file name (without .yaml/.yml) is the Pulumi resource name. Each file is
 * parsed with line numbers, validated with the resource's own rules (validateCampaign) plus the file-only
 * `renamedFrom`, and the files are then checked against each other (campaign names, resource names, renames).
 *
 * `loadDefinitions` is the only function here doing I/O (listing and reading); the rest is pure. Nothing
 * here (nor anything it imports) loads @pulumi/pulumi, so the validate command runs without it.
 */
import * as fs from "fs";
import * as path from "path";
import { LineCounter, parseDocument, visit, type Document, type YAMLError } from "yaml";
import { NameView } from "../shared/name-view";
import { formatPath, formatValue, validateCampaign, type CampaignSpec, type ValidationFailure } from "../resources/campaign/schema";
import {
  RESOURCE_NAME_PATTERN,
  RESOURCE_NAME_RULE,
  fileKnownKeysAt,
  hasDefinitionExtension,
  renamedFromSchema,
  stripDefinitionExtension,
} from "./file-schema";
import { isUnquotedNonString, locate, parsePath } from "./locate";
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

/** One thing wrong, where it is and what it is. */
export interface Problem {
  file: string;
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
   * yaml, empty, not_mapping, duplicate_name, duplicate_file, rename, more (the count of problems not listed).
   */
  code?: string;
  /** With code "more": how many problems of the file are not listed. */
  omitted?: number;
}

export interface LoadResult {
  /** Every definition file found (valid or not), in the order listed. */
  files: string[];
  /** The valid ones; when `problems` is not empty, do not act on these. */
  definitions: CampaignDefinitionFile[];
  /** Every problem, ordered by file then line. */
  problems: Problem[];
}

/** One file after parsing and validation, before the cross-file checks. */
export interface ParsedFile {
  file: string;
  resourceName: string;
  definition?: CampaignDefinitionFile;
  /** The campaign name as written (trimmed), when it is text; checked across files even if other fields fail. */
  campaignName?: string;
  /** The valid `renamedFrom` entries (even if other fields fail). */
  renamedFrom?: string[];
  problems: Problem[];
  /** The line of a property path (or of its nearest existing parent). */
  lineOf(propertyPath: string): number | undefined;
}

// ---------------------------------------------------------------------------------------------------
// I/O: listing and reading
// ---------------------------------------------------------------------------------------------------

/**
 * Loads a set of definitions: folders (their *.yaml / *.yml files, not recursive, hidden files skipped)
 * and files. The set is checked as one stack's definitions (campaign names unique across it, and so on).
 */
export function loadDefinitions(paths: string | readonly string[]): LoadResult {
  const listed = listDefinitionFiles(typeof paths === "string" ? [paths] : paths);
  const parsed = listed.files.map((file) => {
    const text = readText(file);
    return typeof text === "string" ? parseDefinitionFile(file, text) : { file, resourceName: "", problems: [text], lineOf: () => undefined };
  });
  const problems = [...listed.problems, ...parsed.flatMap((p) => p.problems), ...crossFileProblems(parsed)];
  return {
    files: listed.files,
    definitions: parsed.flatMap((p) => (p.definition ? [p.definition] : [])),
    problems: capPerFile(sortProblems(problems, listed.files)),
  };
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
export function listDefinitionFiles(paths: readonly string[]): { files: string[]; problems: Problem[] } {
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
    else problems.push({ file: given, message: "is not a campaign definition (a .yaml or .yml file) or a folder", code: "not_yaml" });
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

/**
 * The text of a definition file, or the problem with it. Never quotes the content of anything that is
 * not a plain file of the folder, and reads at most MAX_DEFINITION_FILE_BYTES + 1 bytes of one that is.
 */
function readText(file: string): string | Problem {
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
    return refuse(`is ${entry.size} bytes; a campaign definition file holds at most ${MAX_DEFINITION_FILE_BYTES} bytes`, "too_large");
  }
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // O_NOFOLLOW: a file swapped for a link after the check above is refused too
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0));
    const buffer = Buffer.alloc(MAX_DEFINITION_FILE_BYTES + 1);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    if (read > MAX_DEFINITION_FILE_BYTES) return refuse(`is larger than ${MAX_DEFINITION_FILE_BYTES} bytes, the most a campaign definition file holds`, "too_large");
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

/** Parses and validates one definition file's text. */
export function parseDefinitionFile(file: string, text: string): ParsedFile {
  const resourceName = stripDefinitionExtension(path.basename(file));
  const nameProblems: Problem[] = RESOURCE_NAME_PATTERN.test(resourceName)
    ? []
    : [{ file, message: `the file name ${JSON.stringify(resourceName)} is not a valid resource name: it ${RESOURCE_NAME_RULE}`, code: "file_name" }];
  const source = text.replace(/^\uFEFF/, "");
  const lineCounter = new LineCounter();
  let doc: Document;
  try {
    doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  } catch (err) {
    // the parser recurses: thousands of nested levels exhaust the stack
    const message = err instanceof RangeError ? "is nested too deeply to be a campaign definition" : "could not be parsed as YAML";
    return { file, resourceName, lineOf: () => undefined, problems: [...nameProblems, { file, line: 1, message: `invalid YAML: ${message}`, code: "yaml" }] };
  }
  const lineOf = (propertyPath: string) => locate(doc, lineCounter, propertyPath)?.line;
  const base = { file, resourceName, lineOf };

  const syntax = doc.errors.map((err) => yamlProblem(file, err, source));
  if (syntax.length > 0) return { ...base, problems: [...nameProblems, ...syntax] };
  const content = readContent(file, doc, lineCounter, lineOf);
  if ("problem" in content) return { ...base, problems: [...nameProblems, content.problem] };

  const { renamedFrom, ...input } = content.value;
  const spec = validateCampaign(input);
  const renames = renamedFromSchema.optional().safeParse(renamedFrom);
  const written = typeof input.name === "string" && input.name.trim() !== "" ? { campaignName: input.name.trim() } : {};
  const parsed = { ...base, ...written, ...(renames.success ? { renamedFrom: renames.data ?? [] } : {}) };
  const problems = [
    ...nameProblems,
    ...(spec.ok ? [] : spec.failures.map((f) => problemFromFailure(file, f, doc, lineCounter, input))),
    ...(renames.success ? [] : renames.error.issues.map((i) => renameProblem(file, i, renamedFrom, lineOf))),
  ];
  if (problems.length > 0 || !spec.ok || !renames.success) return { ...parsed, problems };
  return { ...parsed, problems, definition: { file, resourceName, spec: spec.value, renamedFrom: renames.data ?? [] } };
}

/** The document as a plain object, or the problem with it (empty, not a mapping, unresolvable aliases). */
function readContent(
  file: string,
  doc: Document,
  lineCounter: LineCounter,
  lineOf: (p: string) => number | undefined,
): { value: Record<string, unknown> } | { problem: Problem } {
  if (doc.contents === null) {
    return { problem: { file, line: 1, message: "is empty: a campaign definition needs name, description, contactLists, priority, dialingMode and dialingStrategy", code: "empty" } };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (err) {
    if (err instanceof RangeError) return { problem: { file, line: 1, message: "invalid YAML: is nested too deeply to be a campaign definition", code: "yaml" } };
    const alias = firstAlias(doc, lineCounter);
    const message = `uses aliases${alias ? ` (*${alias.name})` : ""} that expand to too much (over ${MAX_ALIAS_EXPANSIONS} copies); write the values out`;
    return { problem: { file, line: alias?.line ?? lineOf(""), message: `invalid YAML: ${message}`, code: "yaml" } };
  }
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return { value: value as Record<string, unknown> };
  const got = Array.isArray(value) ? "a list" : `a single value (${formatValue(value)})`;
  return { problem: { file, line: lineOf(""), message: `must be a mapping of campaign fields (name: ..., dialingMode: ...), not ${got}`, code: "not_mapping" } };
}

/** How many alias expansions a file may use (YAML's "billion laughs" guard). */
const MAX_ALIAS_EXPANSIONS = 100;

/** The first alias (`*name`) of a document and its line. */
function firstAlias(doc: Document, lineCounter: LineCounter): { name: string; line?: number } | undefined {
  let found: { name: string; line?: number } | undefined;
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
function yamlProblem(file: string, err: YAMLError, text: string): Problem {
  const where = err.linePos?.[0];
  if (err.code === "MULTIPLE_DOCS") {
    return { file, ...(where ? { line: where.line } : {}), message: "invalid YAML: holds more than one document (a line \"---\" starts another); a definition file holds one campaign", code: "yaml" };
  }
  if (/call stack/i.test(err.message)) return { file, line: 1, message: "invalid YAML: is nested too deeply to be a campaign definition", code: "yaml" };
  let message = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (err.code === "DUPLICATE_KEY") {
    const key = /^\s*(?:-\s+)?("(?:[^"\\]|\\.)*"|'[^']*'|[^:#]+?)\s*:/.exec(text.slice(err.pos[0]))?.[1];
    const shown = key === undefined || /^["']/.test(key) ? key : JSON.stringify(key);
    message = shown ? `the field ${shown} appears twice in the same mapping` : "a field appears twice in the same mapping";
  }
  return { file, ...(where ? { line: where.line, column: where.col } : {}), message: `invalid YAML: ${message}`, code: "yaml" };
}

/** A ValidationFailure -> a Problem at the failure's line, with a suggestion for unknown fields and a hint for unquoted values. */
function problemFromFailure(file: string, failure: ValidationFailure, doc: Document, lineCounter: LineCounter, input: unknown): Problem {
  const position = locate(doc, lineCounter, failure.path);
  const prefix = `${failure.path || "campaign"}: `;
  let message = failure.message.startsWith(prefix) ? failure.message.slice(prefix.length) : failure.rule;
  if (failure.code === "unknown_field") message = unknownFieldRule(failure);
  else if (failure.code === "type" && isUnquotedNonString(position?.node)) {
    const source = (position?.node as { source?: string }).source ?? String(failure.value);
    if (quotedWouldPass(input, failure.path, source)) message += `; YAML reads the unquoted ${source} as a ${typeof failure.value}: write it in quotes, "${source}"`;
  }
  return { file, ...(position ? { line: position.line } : {}), ...(failure.path ? { path: failure.path } : {}), message, ...(failure.code ? { code: failure.code } : {}) };
}

function unknownFieldRule(failure: ValidationFailure): string {
  const key = failure.unknownKey ?? "";
  const objectPath = formatPath(parsePath(failure.path).slice(0, -1));
  const known = fileKnownKeysAt(objectPath) ?? failure.knownKeys ?? [];
  const generic = `is not a known field; known fields here: ${(failure.knownKeys ?? []).join(", ")}`;
  const suggestion = unknownKeyRule(key, objectPath, known);
  if (suggestion !== undefined) return suggestion;
  // The schema's own wording, unless it is the generic list (which lacks the file-only keys at the top level).
  return failure.rule === generic && known.length > 0 ? `is not a known field; known fields here: ${known.join(", ")}` : failure.rule;
}

/** Whether the value would pass as the string the user typed (so quoting it is the fix). */
function quotedWouldPass(input: unknown, propertyPath: string, source: string): boolean {
  const segments = parsePath(propertyPath);
  if (segments.length === 0) return false;
  const copy = structuredClone(input) as Record<string | number, unknown>;
  const parent = segments.slice(0, -1).reduce<unknown>((node, s) => (node as Record<string | number, unknown>)?.[s], copy);
  if (typeof parent !== "object" || parent === null) return false;
  (parent as Record<string | number, unknown>)[segments[segments.length - 1]] = source;
  const result = validateCampaign(copy);
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

/** Problems between files: the same resource name, the same campaign name, and conflicting renames. */
export function crossFileProblems(parsed: readonly ParsedFile[]): Problem[] {
  return [...duplicateResourceNames(parsed), ...duplicateCampaignNames(parsed), ...renameConflicts(parsed)];
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

function duplicateCampaignNames(parsed: readonly ParsedFile[]): Problem[] {
  const first = new Map<string, ParsedFile>();
  const problems: Problem[] = [];
  for (const p of parsed) {
    if (p.campaignName === undefined) continue;
    const key = NameView.key(p.campaignName);
    const earlier = first.get(key);
    if (!earlier) first.set(key, p);
    else {
      const message = `${JSON.stringify(p.campaignName)} is also the name of the campaign in ${where(earlier, "name")} (Kore.ai campaign names are unique, ignoring case)`;
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
      else if (claim) message = `${JSON.stringify(old)} is also listed at ${where(claim.file, claim.at)}; only one file can take over a campaign`;
      else claimedBy.set(key, { file: p, at });
      if (message) problems.push({ file: p.file, line: p.lineOf(at), path: at, message, code: "rename" });
    });
  }
  return problems;
}

/** By file (in listing order; paths that are not listed files first), then by line; stable otherwise. */
function sortProblems(problems: readonly Problem[], files: readonly string[]): Problem[] {
  const order = new Map(files.map((f, i) => [f, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (order.get(a.p.file) ?? -1) - (order.get(b.p.file) ?? -1) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}
