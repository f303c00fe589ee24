/**
 * One definition file's text -> its definition, or its problems (pure). Two readings give the same result:
 * the quick one (fast-yaml.ts, js-yaml with the `yaml` package's core schema) for a plain mapping that passes
 * every rule, and the full one (the `yaml` package's document, with positions) for everything else and for
 * every problem reported. tests/gitops/parse.test.ts checks under fuzzing that wherever the quick reading
 * answers, the full one answers the same.
 */
import * as path from "path";
import type { Document, LineCounter } from "yaml";
import { formatValue } from "../resources/campaign/schema";
import { quickListItemLine, quickMapping } from "./fast-yaml";
import { FILE_KINDS, withArticle, type Accepted, type CampaignDefinitionFile, type ContactListDefinitionFile, type DefinitionKind, type FileKind, type SmsCampaignDefinitionFile } from "./file-kinds";
import { RESOURCE_NAME_PATTERN, RESOURCE_NAME_RULE, renamedFromSchema, stripDefinitionExtension } from "./file-schema";
import { locate } from "./locate";
import { problemFromFailure, renameProblem, yamlProblem, type Problem } from "./problems";

// `yaml` is loaded on first use (see fast-yaml.ts: a valid plain file is read without it).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Y = (): typeof import("yaml") => require("yaml");

/** One file after parsing and validation, before the cross-file checks. */
export interface ParsedFile {
  file: string;
  /** What the file defines; "campaign" when absent. */
  kind?: DefinitionKind;
  resourceName: string;
  definition?: CampaignDefinitionFile;
  smsDefinition?: SmsCampaignDefinitionFile;
  contactList?: ContactListDefinitionFile;
  /** The campaign's or list's name as written (trimmed), when it is text; checked across files even if other fields fail. */
  koreName?: string;
  /** A (voice or SMS) campaign's contactLists entries that are text (trimmed), with their index; checked against the declared lists. */
  contactListRefs?: Array<{ index: number; name: string }>;
  /** The valid `renamedFrom` entries (even if other fields fail). */
  renamedFrom?: string[];
  problems: Problem[];
  /** The line of a property path (or of its nearest existing parent). */
  lineOf(propertyPath: string): number | undefined;
}

/** Parses and validates one definition file's text (a campaign's unless `kind` says otherwise). */
export function parseDefinitionFile(file: string, text: string, kindName: DefinitionKind = "campaign"): ParsedFile {
  return readQuickly(file, text, kindName) ?? readFully(file, text, kindName);
}

/**
 * The quick reading (fast-yaml.ts): a plain mapping that passes every rule, read without the `yaml` package,
 * whose document is made only if a line is asked for (a cross-file problem or warning). Anything else (a file
 * name that is no resource name, no quick reading, or any problem at all) returns undefined: the full reading
 * then reports it.
 */
export function readQuickly(file: string, text: string, kindName: DefinitionKind): ParsedFile | undefined {
  const resourceName = stripDefinitionExtension(path.basename(file));
  if (!RESOURCE_NAME_PATTERN.test(resourceName)) return undefined;
  const source = text.replace(/^\uFEFF/, "");
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
    positions ??= yamlDocument(source);
    return locate(positions.doc, positions.lineCounter, propertyPath)?.line;
  };
  const base = { file, kind: kindName, resourceName, lineOf };
  return { ...base, ...namesWritten(input, kind), renamedFrom: renames.data ?? [], problems: [], ...accepted(base, renames.data, spec.value, kind) };
}

/**
 * A CR not followed by LF: some readers take it for a line break (js-yaml did: `name: X\rstarted: true` loaded
 * with `started: true`), while git diff, grep and the `yaml` package do not. Refused in every file, whichever
 * reader would read it, so what a reviewer sees is what loads.
 */
const BARE_CR = /\r(?!\n)/;
const BARE_CR_RULE = "a carriage return (CR) not followed by a line feed; save the file with LF or CRLF line endings";

/** The full reading, with the `yaml` package's document: every problem, each at its line. */
export function readFully(file: string, text: string, kindName: DefinitionKind): ParsedFile {
  const kind = FILE_KINDS[kindName];
  const resourceName = stripDefinitionExtension(path.basename(file));
  const nameProblems: Problem[] = RESOURCE_NAME_PATTERN.test(resourceName)
    ? []
    : [{ file, message: `the file name ${JSON.stringify(resourceName)} is not a valid resource name: it ${RESOURCE_NAME_RULE}`, code: "file_name" }];
  const source = text.replace(/^\uFEFF/, "");
  const unread = { file, kind: kindName, resourceName, lineOf: () => undefined };
  const bareCr = BARE_CR.exec(source);
  if (bareCr) {
    const line = source.slice(0, bareCr.index).split("\n").length;
    return { ...unread, problems: [...nameProblems, { file, line, message: `invalid YAML: ${BARE_CR_RULE}`, code: "yaml" }] };
  }
  let doc: Document;
  let lineCounter: LineCounter;
  try {
    ({ doc, lineCounter } = yamlDocument(source));
  } catch (err) {
    // the parser recurses: thousands of nested levels exhaust the stack
    const message = err instanceof RangeError ? `is nested too deeply to be ${withArticle(kind.noun)} definition` : "could not be parsed as YAML";
    return { ...unread, problems: [...nameProblems, { file, line: 1, message: `invalid YAML: ${message}`, code: "yaml" }] };
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
  const parsed = { ...base, ...namesWritten(input, kind), ...(renames.success ? { renamedFrom: renames.data ?? [] } : {}) };
  const problems = [
    ...nameProblems,
    ...(spec.ok ? [] : spec.failures.map((f) => problemFromFailure(file, f, doc, lineCounter, input, kind))),
    ...(renames.success ? [] : renames.error.issues.map((i) => renameProblem(file, i, renamedFrom, lineOf))),
  ];
  if (problems.length > 0 || !spec.ok || !renames.success) return { ...parsed, problems };
  return { ...parsed, problems, ...accepted(base, renames.data, spec.value, kind) };
}

function yamlDocument(source: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new (Y().LineCounter)();
  return { doc: Y().parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true }), lineCounter };
}

/** A valid file's definition, under its kind's field. */
function accepted(base: { file: string; resourceName: string }, renamedFrom: string[] | undefined, value: unknown, kind: FileKind): Accepted {
  return kind.accept({ file: base.file, resourceName: base.resourceName, renamedFrom: renamedFrom ?? [] }, value);
}

/** The names a file writes that the cross-file checks compare, as far as they are text: its own, and the lists it names. */
function namesWritten(input: Record<string, unknown>, kind: FileKind): Pick<ParsedFile, "koreName" | "contactListRefs"> {
  const written = typeof input.name === "string" && input.name.trim() !== "" ? { koreName: input.name.trim() } : {};
  const refs = kind.namesContactLists && Array.isArray(input.contactLists) ? { contactListRefs: textEntries(input.contactLists) } : {};
  return { ...written, ...refs };
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
    if (err instanceof RangeError) return { problem: { file, line: 1, message: `invalid YAML: is nested too deeply to be ${withArticle(kind.noun)} definition`, code: "yaml" } };
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
