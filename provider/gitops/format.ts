/**
 * Problems as text: `file:line: field: problem` (the shape compilers use, so editors and CI logs link to the
 * line), GitHub Actions annotations, and the summary line. Pure.
 */
import * as path from "path";
import { fileKind } from "./file-kinds";
import type { Problem } from "./problems";

export interface FormatOptions {
  /** Show file paths relative to this folder (e.g. process.cwd()); as given otherwise. */
  relativeTo?: string;
}

function displayPath(file: string, options: FormatOptions): string {
  if (options.relativeTo === undefined) return file;
  const relative = path.relative(options.relativeTo, path.resolve(options.relativeTo, file));
  return relative === "" || relative.startsWith("..") ? file : relative;
}

/**
 * One line of plain text, whatever a file name or a value holds: control characters (newlines among
 * them, which would start a line a CI runner reads as a command such as `::warning`) are written as
 * `\uXXXX`.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * `campaigns/a.yaml:12: dialingStrategy.maxRingTime: must be ... (got 200)`; the column follows the line when
 * known; a warning says so after the location (`campaigns/a.yaml:12: warning: contactLists[0]: ...`).
 */
export function formatProblem(problem: Problem, options: FormatOptions = {}): string {
  const location = [displayPath(problem.file, options), problem.line, problem.line === undefined ? undefined : problem.column]
    .filter((part) => part !== undefined)
    .join(":");
  const severity = problem.severity === "warning" ? "warning: " : "";
  return printable(`${location}: ${severity}${problem.path ? `${problem.path}: ` : ""}${problem.message}`);
}

const escapeData = (s: string) => printable(s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** A GitHub Actions workflow command, shown as an annotation on the file's line in the pull request. */
export function formatGithubAnnotation(problem: Problem, options: FormatOptions = {}): string {
  const title = `${fileKind(problem.kind).noun} definition`;
  const props = [
    `file=${escapeProperty(displayPath(problem.file, options))}`,
    ...(problem.line === undefined ? [] : [`line=${problem.line}`]),
    ...(problem.column === undefined || problem.line === undefined ? [] : [`col=${problem.column}`]),
    `title=${escapeProperty(problem.path ? `${title}: ${problem.path}` : title)}`,
  ];
  return `::${problem.severity === "warning" ? "warning" : "error"} ${props.join(",")}::${escapeData(problem.message)}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `3 files valid`, or `2 problems in 1 file`; warnings, if any, counted after it: `3 files valid, 1 warning`. */
export function summarize(fileCount: number, problems: readonly Problem[], warnings: readonly Problem[] = []): string {
  const warned = warnings.length > 0 ? `, ${plural(warnings.length, "warning")}` : "";
  if (problems.length === 0) return `${plural(fileCount, "file")} valid${warned}`;
  const files = new Set(problems.map((p) => p.file)).size;
  const count = problems.reduce((n, p) => n + (p.code === "more" ? (p.omitted ?? 0) : 1), 0);
  return `${plural(count, "problem")} in ${plural(files, "file")}${warned}`;
}
