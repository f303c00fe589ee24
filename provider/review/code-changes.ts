/**
 * The `code-changed` flag: a pull request that changes anything besides the definition folders (the
 * program, package.json, the lock file, Pulumi.yaml, the workflow, its scripts). The pull-request job
 * runs the base branch's code and takes only the definition folders from the pull request, so the
 * preview never shows what such a change would do: a maintainer must read it. Pure.
 */
import type { RaisedFlag } from "./flags";

export const CODE_CHANGED = "code-changed";

/** At most this many paths are named one by one; the rest are counted in one more flag. */
const NAMED_PATHS = 20;

/**
 * The paths in the output of `git diff --name-only --no-renames` (one per line, or NUL-separated with
 * `-z`). Blank lines are dropped; nothing else is changed, so an odd path stays odd (and is flagged).
 */
export function parseChangedFiles(text: string): string[] {
  return text
    .split(text.includes("\0") ? "\0" : /\r?\n/)
    .map((p) => p.replace(/\r$/, ""))
    .filter((p) => p.trim() !== "");
}

/**
 * Data, not code: a plain relative path inside one of `folders`. Anything else counts as code: a path
 * git quoted (`"campaigns/\303\251.yaml"`, it starts with a quote), one with `..`, `.` or empty
 * segments, a backslash, an absolute path, or the folder itself.
 */
export function isDefinitionPath(file: string, folders: readonly string[]): boolean {
  if (file.startsWith("/") || file.includes("\\")) return false;
  const segments = file.split("/");
  if (segments.length < 2 || segments.some((s) => s === "" || s === "." || s === "..")) return false;
  return folders.includes(segments[0]);
}

/** One `code-changed` flag per changed path outside `folders` (the first 20, then one that counts the rest). */
export function codeChangedFlags(files: readonly string[], folders: readonly string[]): RaisedFlag[] {
  const code = [...new Set(files)].filter((f) => !isDefinitionPath(f, folders));
  const named = code.slice(0, NAMED_PATHS).map((file) => ({
    id: CODE_CHANGED,
    resourceName: file,
    explanation: `changes a file outside ${listed(folders.map((f) => `${f}/`))}: the preview ran the base branch's code, so this change is not in it; a maintainer must review the code`,
  }));
  const rest = code.length - named.length;
  return rest > 0 ? [...named, { id: CODE_CHANGED, resourceName: `${rest} more files`, explanation: `and ${rest} more changed files outside the definition folders` }] : named;
}

/** "a/", "a/ and b/", "a/, b/ and c/". */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
