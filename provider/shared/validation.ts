/**
 * What every resource's validation reports, and the small pure helpers its messages are made of:
 * property paths ("dialingStrategy.callingHours.days[2].start") and short, safe renderings of values.
 */

export interface ValidationFailure {
  /** Property path: "dialingStrategy.maxRingTime", "dialingStrategy.callingHours.days[2].start"; "" is the whole resource. */
  path: string;
  /** The rule, for a contact-center admin: "must be an integer from 5 to 120 seconds". */
  rule: string;
  /** The offending value, or undefined when missing. */
  value: unknown;
  /** `${path}: ${rule} (got ${value})`; without "(got ...)" when the value is missing or says nothing more. */
  message: string;
  /** "unknown_field" | "required" | "type" | "range" | "length" | "size" | "format" | "enum" | "not_allowed" | "duplicate" | "overlap" | "window_order" | "internal" */
  code?: string;
  /** For code "unknown_field": the key that is not known. */
  unknownKey?: string;
  /** For code "unknown_field": the keys this object accepts (for "did you mean" suggestions). */
  knownKeys?: readonly string[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** ["dialingStrategy", "callingHours", "days", 2, "start"] -> "dialingStrategy.callingHours.days[2].start". */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else {
      const key = String(segment);
      out += IDENTIFIER.test(key) ? `${out ? "." : ""}${key}` : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** Inverse of formatPath: "a.b[2].c" / 'a["odd key"]' -> ["a", "b", 2, "c"]. */
export function parsePath(path: string): Array<string | number> {
  const segments: Array<string | number> = [];
  const re = /([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (let m = re.exec(path); m; m = re.exec(path)) {
    if (m[1] !== undefined) segments.push(m[1]);
    else if (m[2] !== undefined) segments.push(Number(m[2]));
    else segments.push(JSON.parse(m[3]) as string);
  }
  return segments;
}

/** A short, safe rendering of any value for a message (never throws). */
export function formatValue(value: unknown): string {
  try {
    switch (typeof value) {
      case "string":
        // an excerpt, never something that looks like a credential (a token, a key) put in the wrong field
        // (a token has digits: a long plain name of letters, such as a campaign's, is shown)
        if (/eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+/.test(value) || (/^[A-Za-z0-9+/=_-]{32,}$/.test(value.trim()) && /\d/.test(value))) return "(a value that looks like a credential, not shown)";
        return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
      case "number":
      case "boolean":
        return String(value);
      case "bigint":
        return `${value}n`;
      case "symbol":
        return value.toString();
      case "function":
        return "a function";
      case "undefined":
        return "undefined";
      default: {
        if (value === null) return "null";
        if (Array.isArray(value) && value.length > 8) return `a list of ${value.length}`; // never serialize a huge list to show it
        const json = JSON.stringify(value);
        if (json === undefined) return Array.isArray(value) ? "an array" : "an object";
        return json.length > 100 ? `${json.slice(0, 97)}...` : json;
      }
    }
  } catch {
    return "a value that cannot be shown";
  }
}

/** The value at a path of the raw input (own properties only); undefined when absent. */
export function valueAt(root: unknown, segments: readonly PropertyKey[]): unknown {
  let current = root;
  for (const segment of segments) {
    if (typeof current !== "object" || current === null) return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}
