/**
 * Zod issues -> the failures a person reads, for every resource's schema (campaigns, contact lists, the
 * definition files' own fields): each failure names the path, the rule and the value; an unknown key says
 * what the object accepts; a missing value says it is required. Values Pulumi does not know yet during a
 * preview pass through `unknownTolerant` nodes, whose marker branch the mapping skips; a failure at or under
 * such a value is dropped (`failureUnderUnknown`), and `unknownPathsIn` lists where they are.
 * What a resource words its own way (its noun, its unknown-key rule) comes in as `IssueReading`.
 */
import { z } from "zod";
import { isRecord, messageOf } from "../util/values";
import { closestKey } from "./suggest";
import { formatPath, formatValue, parsePath, valueAt, type ValidationFailure } from "./validation";

/** Message of the marker branch of an unknown-tolerant union (so failures can skip that branch). */
const UNKNOWN_BRANCH = "__kore_unknown_value__";

/**
 * A wrapper that lets `unknownValue` (Pulumi's marker for a value not known until apply) through at a node;
 * the identity when there is no marker. The type stays T: a caller checks for the marker itself.
 */
export function unknownTolerant(unknownValue: unknown): <T extends z.ZodType>(schema: T) => T {
  return <T extends z.ZodType>(schema: T): T =>
    unknownValue === undefined ? schema : (z.union([z.custom((v) => v === unknownValue, { message: UNKNOWN_BRANCH }), schema]) as unknown as T);
}

/** Whether a failure sits at or under a value that is the unknown marker. Unknown-key failures are kept: the key itself is known to be wrong. */
export function failureUnderUnknown(input: unknown, failure: ValidationFailure, unknownValue: unknown): boolean {
  if (failure.code === "unknown_field") return false;
  const segments = parsePath(failure.path);
  for (let i = 0; i <= segments.length; i++) {
    if (valueAt(input, segments.slice(0, i)) === unknownValue) return true;
  }
  return false;
}

/** The paths of `value` holding the unknown marker ("" when the whole value is unknown); none without a marker. */
export function unknownPathsIn(value: unknown, unknownValue: unknown, segments: PropertyKey[] = [], out: string[] = []): string[] {
  if (unknownValue === undefined || segments.length > 8) return out;
  // one path stack, pushed and popped (this runs on every check: no array per visited value)
  if (value === unknownValue) out.push(formatPath([...segments]));
  else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      segments.push(i);
      unknownPathsIn(value[i], unknownValue, segments, out);
      segments.pop();
    }
  } else if (isRecord(value)) {
    for (const k in value) {
      if (!Object.prototype.hasOwnProperty.call(value, k)) continue;
      segments.push(k);
      unknownPathsIn(value[k], unknownValue, segments, out);
      segments.pop();
    }
  }
  return out;
}

/** The shape of a zod issue as read here (finalized issues, nested union branches, and hand-made cross-field issues). */
export interface RawIssue {
  code?: string;
  path?: PropertyKey[];
  message?: string;
  origin?: string;
  keys?: string[];
  errors?: RawIssue[][];
  params?: { code?: string; showValue?: boolean };
}

/** How a resource words its failures. */
export interface IssueReading {
  /** Names the whole object in messages ("campaign", "contact list"). */
  noun: string;
  /**
   * The keys each object accepts, by object path ("" is the top level; array elements are written "[]", as in
   * "dialingStrategy.callingHours.days[]"); a plain list is a flat object's keys.
   */
  knownKeys: readonly string[] | Readonly<Record<string, readonly string[]>>;
  /** The rule for an unknown key (default: the closest known key, if one is close, and the known keys). */
  unknownKeyRule?: (key: string, knownKeys: readonly string[] | undefined) => string;
}

/** The default unknown-key rule: `is not a known field (did you mean "description"? known fields: ...)`. */
export function didYouMeanRule(key: string, knownKeys: readonly string[] | undefined): string {
  const known = knownKeys ?? [];
  const close = closestKey(key, known);
  return `is not a known field (${close ? `did you mean "${close}"? ` : ""}known fields: ${known.join(", ")})`;
}

/** zod issue code (or code:origin) -> ValidationFailure.code. */
const ISSUE_CODES: Readonly<Record<string, string>> = {
  invalid_type: "type",
  "too_small:number": "range",
  "too_big:number": "range",
  "too_small:array": "size",
  "too_big:array": "size",
  too_small: "length",
  too_big: "length",
  invalid_format: "format",
  invalid_value: "enum",
};

/**
 * Failures from zod issues of `input`, every one at once, each path and message once. A custom issue carries its
 * failure code in `params.code` (and `params.showValue: false` when the value says nothing more).
 */
export function failuresFromIssues(issues: readonly RawIssue[], input: unknown, reading: IssueReading): ValidationFailure[] {
  const out: ValidationFailure[] = [];
  collect(issues, [], input, reading, out);
  const seen = new Set<string>();
  return out.filter((f) => {
    const key = `${f.path}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function isKeyList(keys: IssueReading["knownKeys"]): keys is readonly string[] {
  return Array.isArray(keys);
}

function knownKeysAt(reading: IssueReading, path: readonly PropertyKey[]): readonly string[] | undefined {
  const byPath: Readonly<Record<string, readonly string[]>> = isKeyList(reading.knownKeys) ? { "": reading.knownKeys } : reading.knownKeys;
  return byPath[formatPath(path).replace(/\[\d+\]/g, "[]")];
}

function collect(issues: readonly RawIssue[], prefix: PropertyKey[], input: unknown, reading: IssueReading, out: ValidationFailure[]): void {
  const { noun } = reading;
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path ?? [])];
    const rule = issue.message ?? "is not valid";
    switch (issue.code) {
      case "invalid_union": {
        // An unknown-tolerant node: [marker branch, real branch]; the real branch says what is wrong.
        const real = (issue.errors ?? []).filter((branch) => !branch.some((i) => i.message === UNKNOWN_BRANCH));
        if (real.length === 1 && (issue.errors ?? []).length === 2) collect(real[0], path, input, reading, out);
        else out.push(failureAt(noun, path, rule, valueAt(input, path), "type"));
        break;
      }
      case "unrecognized_keys": {
        const objectKeys = knownKeysAt(reading, path);
        for (const key of issue.keys ?? []) {
          const keyRule = (reading.unknownKeyRule ?? didYouMeanRule)(key, objectKeys);
          const failure = failureAt(noun, [...path, key], keyRule, valueAt(input, [...path, key]), "unknown_field", false);
          out.push({ ...failure, unknownKey: key, ...(objectKeys ? { knownKeys: objectKeys } : {}) });
        }
        break;
      }
      case "custom":
        out.push(failureAt(noun, path, rule, valueAt(input, path), issue.params?.code ?? "invalid", issue.params?.showValue !== false));
        break;
      default: {
        const value = valueAt(input, path);
        if (value === undefined) out.push(failureAt(noun, path, `is required and ${rule}`, undefined, "required"));
        else out.push(failureAt(noun, path, rule, value, ISSUE_CODES[`${issue.code}:${issue.origin}`] ?? ISSUE_CODES[issue.code ?? ""] ?? issue.code ?? "invalid"));
      }
    }
  }
}

/** One failure: `${path}: ${rule} (got ${value})`, the whole object named by `noun` when the path is empty. */
function failureAt(noun: string, segments: readonly PropertyKey[], rule: string, value: unknown, code: string, showValue = true): ValidationFailure {
  const path = formatPath(segments);
  const got = showValue && value !== undefined ? ` (got ${formatValue(value)})` : "";
  return { path, rule, value, message: `${path || noun}: ${rule}${got}`, code };
}

/** The failure for an error inside validation itself (which never throws): the error's message, cut short. */
export function internalFailure(noun: string, err: unknown): ValidationFailure {
  let detail = "unexpected error";
  try {
    detail = messageOf(err);
  } catch {
    /* keep the default */
  }
  const rule = `could not be read (${detail.slice(0, 200)})`;
  return { path: "", rule, value: undefined, message: `${noun}: ${rule}`, code: "internal" };
}

/** A channel's schemas for one preview marker, as its `buildSchemas` returns them. */
export interface SpecSchemas {
  spec: { safeParse(input: unknown): { success: true; data: unknown } | { success: false; error: { issues: readonly unknown[] } } };
  knownKeys: Readonly<Record<string, readonly string[]>>;
  isUnknown: (value: unknown) => boolean;
}

/**
 * Validates a spec with a channel's schemas (voice, SMS). Never throws. The cross-field rules also run on the raw
 * input: zod skips refinements once a nested check aborts (e.g. a non-integer number), and every failure must be
 * reported at once (duplicates are merged). Failures at or under Pulumi's preview marker are dropped.
 */
export function validateSpec<T>(
  input: unknown,
  unknownValue: unknown,
  schemas: SpecSchemas,
  crossFieldIssues: (input: unknown, isUnknown: (value: unknown) => boolean) => RawIssue[],
  reading: IssueReading,
): { ok: true; value: T; unknownPaths: string[] } | { ok: false; failures: ValidationFailure[] } {
  try {
    const result = schemas.spec.safeParse(input);
    const issues = result.success ? [] : [...(result.error.issues as unknown as RawIssue[]), ...crossFieldIssues(input, schemas.isUnknown)];
    let failures = failuresFromIssues(issues, input, reading);
    if (unknownValue !== undefined) failures = failures.filter((f) => !failureUnderUnknown(input, f, unknownValue));
    if (failures.length > 0) return { ok: false, failures };
    if (result.success) return { ok: true, value: result.data as T, unknownPaths: unknownPathsIn(result.data, unknownValue) };
    // Unreachable in practice (the unknown-tolerant schema lets markers through and its cross-field rules skip
    // them); should a dropped failure leave no parsed value, the input itself is the best answer there is.
    return { ok: true, value: input as T, unknownPaths: unknownPathsIn(input, unknownValue) };
  } catch (err) {
    return { ok: false, failures: [internalFailure(reading.noun, err)] };
  }
}
