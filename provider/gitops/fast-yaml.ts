/**
 * The quick reading of a definition file: js-yaml (about 10 times faster than the `yaml` package on these
 * files), with a schema that resolves plain scalars exactly as the `yaml` package's YAML 1.2 core schema does
 * (the same null, bool, int and float patterns, copied from yaml/dist/schema/core and common/null), so both
 * give the same values. It is only a fast path: parse.ts takes its result only for a file that is a plain
 * mapping without anchors, aliases or tags, and otherwise (and for every line number it reports) reads the
 * file with the `yaml` package, whose documents carry positions and whose errors are the ones reported.
 */

/** The part of js-yaml's API used here (the package ships no types). */
interface JsYamlType {
  readonly tag: string;
}
interface JsYamlSchema {
  extend(types: { implicit: JsYamlType[] }): JsYamlSchema;
}
interface JsYaml {
  Type: new (
    tag: string,
    options: { kind: "scalar"; resolve: (data: string | null) => boolean; construct: (data: string | null) => unknown },
  ) => JsYamlType;
  FAILSAFE_SCHEMA: JsYamlSchema;
  load(text: string, options: { schema: JsYamlSchema; json?: boolean }): unknown;
}

/** `yaml`'s core schema (YAML 1.2): tag, test, value, in its order (null, bool, int, float; within a tag as there). */
const CORE_SCALARS: Array<{ tag: string; first: RegExp; test: RegExp; value: (s: string) => unknown }> = [
  { tag: "tag:yaml.org,2002:null", first: /^(?:$|[~nN])/, test: /^(?:~|[Nn]ull|NULL)?$/, value: () => null },
  { tag: "tag:yaml.org,2002:bool", first: /^[tTfF]/, test: /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, value: (s) => s[0] === "t" || s[0] === "T" },
  { tag: "tag:yaml.org,2002:int", first: /^[-+0-9]/, test: /^0o[0-7]+$/, value: (s) => parseInt(s.slice(2), 8) },
  { tag: "tag:yaml.org,2002:int", first: /^[-+0-9]/, test: /^[-+]?[0-9]+$/, value: (s) => parseInt(s, 10) },
  { tag: "tag:yaml.org,2002:int", first: /^[-+0-9]/, test: /^0x[0-9a-fA-F]+$/, value: (s) => parseInt(s.slice(2), 16) },
  {
    tag: "tag:yaml.org,2002:float",
    first: /^[-+.]/,
    test: /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
    value: (s) => (s.slice(-3).toLowerCase() === "nan" ? NaN : s[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY),
  },
  { tag: "tag:yaml.org,2002:float", first: /^[-+.0-9]/, test: /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, value: (s) => parseFloat(s) },
  { tag: "tag:yaml.org,2002:float", first: /^[-+.0-9]/, test: /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, value: (s) => parseFloat(s) },
];

let loaded: { yaml: JsYaml; schema: JsYamlSchema } | undefined;

function jsYaml(): { yaml: JsYaml; schema: JsYamlSchema } {
  if (!loaded) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const yaml = require("js-yaml") as JsYaml;
    // js-yaml keeps one type per tag (a later one replaces an earlier one), so each tag's patterns go in one
    // type that tries them in the `yaml` package's order.
    const tags = [...new Set(CORE_SCALARS.map((c) => c.tag))];
    const implicit = tags.map((tag) => {
      const forms = CORE_SCALARS.filter((c) => c.tag === tag);
      // most scalars are text: the first character rules them out of every pattern of the tag at once
      const first = new RegExp(forms.map((f) => f.first.source.slice(1)).map((f) => `(?:${f})`).join("|").replace(/^/, "^(?:") + ")");
      const form = (data: string) => (first.test(data) ? forms.find((f) => f.test.test(data)) : undefined);
      return new yaml.Type(tag, { kind: "scalar", resolve: (data) => form(data ?? "") !== undefined, construct: (data) => form(data ?? "")!.value(data ?? "") });
    });
    loaded = { yaml, schema: yaml.FAILSAFE_SCHEMA.extend({ implicit }) };
  }
  return loaded;
}

/** Anything that could be an anchor (&), an alias (*) or a tag (!) where a node starts: left to the `yaml` package. */
const NODE_PROPERTY = /(?:^|[\s[{,:?-])[&*!]/;

/**
 * What js-yaml reads otherwise than the `yaml` package (found by the fuzz test in tests/gitops/fast-yaml.test.ts):
 * a bare CR (js-yaml: a line break; `yaml`: none), a directive (`%YAML 1.1` makes `yaml` read `yes` as true),
 * and the characters YAML 1.1 counted as line breaks (NEL, LS, PS).
 */
const NOT_READ_ALIKE = /\r(?!\n)|^%|[\u0085\u2028\u2029]/m;

/**
 * Keys the two readers turn into different strings: an empty, `~` or `null` key (js-yaml: "null"; `yaml`: ""),
 * a complex key after `?`, and a flow collection as a key (js-yaml joins `[a]` to "a"). No definition has such a
 * key, so a file that may have one is left to the `yaml` package (a false alarm only costs the full reading).
 */
/**
 * A document marker (js-yaml takes `---x` for a marker, `yaml` for text), a flow collection at a line's start,
 * or a tab in a line's indentation (an error for `yaml`, not always for js-yaml).
 */
const STRUCTURE_READ_OTHERWISE = /^(?:---|\.\.\.)|^\s*[[{]|^ *\t/m;

const KEYS_READ_OTHERWISE = /(?:^|[{,]|-\s)\s*(?:~|null|Null|NULL)?\s*:(?:\s|$)|(?:^|[\s[{,])\?(?:\s|$)|[\]}]\s*:(?:\s|$)/m;

/**
 * Whether a quoted scalar or a flow collection ([...], {...}) is left open at a line's end. Its next lines are
 * then read by different indentation rules: js-yaml takes them at any indentation, the `yaml` package (as YAML
 * 1.2 asks) only more indented than the block they are in (found by tests/gitops/parse.test.ts). A rough reading
 * of each line that errs towards "open": a false alarm only costs the full reading.
 */
function leftOpen(source: string): boolean {
  return /["'[{]/.test(source) && source.split("\n").some((line) => lineLeftOpen(line.endsWith("\r") ? line.slice(0, -1) : line));
}

function lineLeftOpen(line: string): boolean {
  let depth = 0; // flow collections open
  let nodeStart = true; // the next character that is not a space starts a node
  for (let i = 0; i < line.length; ) {
    const c = line[i];
    const spaceOrEnd = (at: number) => at >= line.length || line[at] === " " || line[at] === "\t";
    if (c === " " || c === "\t") i++;
    else if (c === "#" && (i === 0 || spaceOrEnd(i - 1))) return depth > 0; // a comment
    else if (nodeStart && (c === '"' || c === "'")) {
      i = quotedEnd(line, i);
      if (i < 0) return true;
      nodeStart = false;
    } else if (c === "[" || c === "{") {
      if (depth === 0 && !nodeStart) return true; // text after a closed node: not read here
      depth++;
      i++;
      nodeStart = true;
    } else if (depth > 0) {
      if (c === "]" || c === "}") depth--;
      nodeStart = c === "," || c === ":";
      i++;
    } else if (!nodeStart) {
      // after a quoted scalar or a flow collection closed on this line, only ": " (it was a key) is read here
      if (c !== ":" || !spaceOrEnd(i + 1)) return true;
      i++;
      nodeStart = true;
    } else if ((c === "-" || c === "?") && spaceOrEnd(i + 1)) i++;
    else if (c === "|" || c === ">") return false; // a block scalar's header
    else {
      // a plain scalar in a block: literal up to ": " (a key) or " #" (a comment)
      let j = i;
      while (j < line.length && !(line[j] === ":" && spaceOrEnd(j + 1)) && !(line[j] === "#" && spaceOrEnd(j - 1))) j++;
      if (j >= line.length || line[j] === "#") return false;
      i = j + 1;
    }
  }
  return depth > 0;
}

/** The index after the quoted scalar starting at `start` when it closes on its line, else -1. */
function quotedEnd(line: string, start: number): number {
  const quote = line[start];
  for (let j = start + 1; j < line.length; j++) {
    if (quote === '"' && line[j] === "\\") j++;
    else if (line[j] === quote && quote === "'" && line[j + 1] === "'") j++;
    else if (line[j] === quote) return j + 1;
  }
  return -1;
}

/**
 * The file's content when it is a plain YAML mapping the quick reader can take as is; undefined for anything
 * else (a syntax error, duplicate keys, several documents, anchors, aliases, tags, a non-mapping), which the
 * caller then reads with the `yaml` package to report it.
 */
export function quickMapping(source: string): Record<string, unknown> | undefined {
  if (NODE_PROPERTY.test(source) || NOT_READ_ALIKE.test(source) || KEYS_READ_OTHERWISE.test(source) || STRUCTURE_READ_OTHERWISE.test(source) || leftOpen(source)) return undefined;
  const { yaml, schema } = jsYaml();
  let value: unknown;
  try {
    value = yaml.load(source, { schema });
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
  return value as Record<string, unknown>;
}

/**
 * The line of `contactLists[i]` in a file the quick reading took (a plain top-level mapping), found without the
 * `yaml` package's document: a warning for each undeclared list needs only that line, and a full `yaml` reading
 * per file made `validate` several times slower when lists are declared nowhere. It returns a line only for the
 * simple layouts (`contactLists:` at column 0 with a block sequence of one-line scalars, or a one-line flow
 * sequence) and only when the items it sees, read as plain or simply quoted text, are exactly the `values` the
 * quick reading gave; anything else returns undefined and the caller asks the `yaml` document, as before.
 * The line is where the `yaml` package's node starts (1-based): the item's first character.
 */
export function quickListItemLine(source: string, key: string, index: number, values: readonly unknown[]): number | undefined {
  if (!values.every((v) => typeof v === "string") || index < 0 || index >= values.length) return undefined;
  const lines = source.split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  const heads = lines.flatMap((l, i) => (l.startsWith(`${key}:`) ? [i] : []));
  if (heads.length !== 1 || lines.some((l) => l.includes("\t"))) return undefined;
  const head = heads[0];
  const rest = lines[head].slice(key.length + 1);
  const items: Array<{ line: number; text: string }> = [];
  if (/^\s*\[/.test(rest)) {
    const flow = rest.trim().replace(/\s+#[^"']*$/, "");
    if (!flow.endsWith("]") || /[[\]{}]/.test(flow.slice(1, -1))) return undefined;
    for (const text of flow.slice(1, -1).split(",")) items.push({ line: head + 1, text });
    if (items.length > 0 && items[items.length - 1].text.trim() === "" && items.length === values.length + 1) items.pop(); // a trailing comma
  } else if (/^\s*(#.*)?$/.test(rest)) {
    let indent: string | undefined;
    for (let i = head + 1; i < lines.length; i++) {
      const line = lines[i];
      if (/^\s*(#.*)?$/.test(line)) continue; // blank or comment
      const item = /^( *)- (.*)$/.exec(line);
      if (item && (indent === undefined || item[1] === indent)) {
        indent = item[1];
        items.push({ line: i + 1, text: item[2].replace(/\s+#[^"']*$/, "") });
        continue;
      }
      if (indent !== undefined && line.length - line.trimStart().length <= indent.length && !line.trimStart().startsWith("-")) break; // the next key
      return undefined; // a continued item, a nested one, or a sequence this does not read
    }
  } else {
    return undefined;
  }
  if (items.length !== values.length) return undefined;
  for (let i = 0; i < items.length; i++) {
    if (scalarText(items[i].text.trim()) !== values[i]) return undefined;
  }
  return items[index].line;
}

/** A one-line scalar's value when it is plain text or simply quoted (no escapes), else undefined. */
function scalarText(text: string): string | undefined {
  if (/^"[^"\\]*"$/.test(text) || /^'[^']*'$/.test(text)) return text.slice(1, -1);
  if (text === "" || /^[-?:,[\]{}#&*!|>'"%@`]/.test(text) || /:\s|\s#/.test(text)) return undefined;
  return text;
}
