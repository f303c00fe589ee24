/**
 * Problems: what is wrong with a definition file, where and why. The Problem shape, and the mapping of what
 * the readers and rules report (YAML errors, validation failures, bad renames) to problems at their lines,
 * with the hints a person needs (a close field name, quotes around a value YAML read as a number); the
 * ordering and the per-file cap of a set's problems. Pure.
 */
import type { Document, LineCounter, YAMLError } from "yaml";
import { formatPath, formatValue, type ValidationFailure } from "../resources/campaign/schema";
import { withArticle, type DefinitionKind, type FileKind } from "./file-kinds";
import { isUnquotedNonString, locate, parsePath } from "./locate";
import { unknownKeyRule } from "./suggest";

/** One thing wrong (or, with severity "warning", maybe wrong), where it is and what it is. */
export interface Problem {
  file: string;
  /** Absent: an error. "warning": maybe wrong (a list that may exist outside the stack, a schedule that has ended). */
  severity?: "warning";
  /** The kind of file; absent for a campaign file (or a path that is not a definition file). */
  kind?: Exclude<DefinitionKind, "campaign">;
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

/** Warnings counted as errors (`validate --strict`, the program's `strictReferences`): the same problems, no warning label. */
export function asErrors(warnings: readonly Problem[]): Problem[] {
  return warnings.map(({ severity: _severity, ...problem }) => problem);
}

/** At most this many problems are reported per file; one more line counts the rest. */
export const MAX_PROBLEMS_PER_FILE = 20;

export function capPerFile(problems: readonly Problem[]): Problem[] {
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

/** By file (in listing order; paths that are not listed files first), then by line; stable otherwise. */
export function sortProblems(problems: readonly Problem[], files: readonly string[]): Problem[] {
  const order = new Map(files.map((f, i) => [f, i]));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (order.get(a.p.file) ?? -1) - (order.get(b.p.file) ?? -1) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}

/** A YAML syntax error: its first line, without the " at line L, column C" the problem carries already. */
export function yamlProblem(file: string, err: YAMLError, text: string, kind: FileKind): Problem {
  const where = err.linePos?.[0];
  if (err.code === "MULTIPLE_DOCS") {
    return { file, ...(where ? { line: where.line } : {}), message: `invalid YAML: holds more than one document (a line "---" starts another); a definition file holds one ${kind.noun}`, code: "yaml" };
  }
  if (/call stack/i.test(err.message)) return { file, line: 1, message: `invalid YAML: is nested too deeply to be ${withArticle(kind.noun)} definition`, code: "yaml" };
  let message = err.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  if (err.code === "DUPLICATE_KEY") {
    const key = /^\s*(?:-\s+)?("(?:[^"\\]|\\.)*"|'[^']*'|[^:#]+?)\s*:/.exec(text.slice(err.pos[0]))?.[1];
    const shown = key === undefined || /^["']/.test(key) ? key : JSON.stringify(key);
    message = shown ? `the field ${shown} appears twice in the same mapping` : "a field appears twice in the same mapping";
  }
  return { file, ...(where ? { line: where.line, column: where.col } : {}), message: `invalid YAML: ${message}`, code: "yaml" };
}

/** A ValidationFailure -> a Problem at the failure's line, with a suggestion for unknown fields and a hint for unquoted values. */
export function problemFromFailure(file: string, failure: ValidationFailure, doc: Document, lineCounter: LineCounter, input: Record<string, unknown>, kind: FileKind): Problem {
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
  // the resource's own rule over the file's keys: its API-spelling hint is kept, renamedFrom listed
  if (kind.unknownKeyRule && known.length > 0) return kind.unknownKeyRule(key, known);
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

export function renameProblem(file: string, issue: { path: PropertyKey[]; message: string }, value: unknown, lineOf: (p: string) => number | undefined): Problem {
  const at = formatPath(["renamedFrom", ...issue.path]);
  const got = parsePath(at).slice(1).reduce<unknown>((node, s) => (node as Record<string | number, unknown>)?.[s], value);
  return { file, line: lineOf(at), path: at, message: `${issue.message}${got === undefined ? "" : ` (got ${formatValue(got)})`}`, code: "rename" };
}
