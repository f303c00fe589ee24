/**
 * Property path -> line in the YAML source: "dialingStrategy.callingHours.days[2].start" is found by walking
 * the parsed document. A mapping entry is located at its key (so an unknown key, or an object whose child is
 * missing, points at the line that names it); a list entry at the entry. When the path does not exist in
 * full (a missing field), the nearest existing parent is used. Pure.
 */
import type { Document, LineCounter, Node } from "yaml";

// `yaml` is loaded on first use: a valid file read by the quick path (fast-yaml.ts) never needs a position.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Y = (): typeof import("yaml") => require("yaml");
import { parsePath } from "../resources/campaign/schema";

export interface SourcePosition {
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  /** The node at the full path, when it exists. */
  node?: Node;
}

export { parsePath }; // the inverse of formatPath, kept beside it in schema.ts

const rangeStart = (node: unknown): number | undefined => (Y().isNode(node) ? node.range?.[0] : undefined);
const keyText = (key: unknown): string => String(Y().isScalar(key) ? key.value : key);

/** One step down: the child node and the offset to report for it, or undefined if there is no such child. */
function step(doc: Document, node: unknown, segment: string | number): { node: unknown; offset: number } | undefined {
  const here = Y().isAlias(node) ? node.resolve(doc) : node;
  if (Y().isMap(here)) {
    const pair = here.items.find((p) => keyText(p.key) === String(segment));
    const offset = rangeStart(pair?.key) ?? rangeStart(pair?.value);
    return pair && offset !== undefined ? { node: pair.value, offset } : undefined;
  }
  if (Y().isSeq(here) && typeof segment === "number") {
    const item = here.items[segment] as Node | undefined;
    return item?.range ? { node: item, offset: item.range[0] } : undefined;
  }
  return undefined;
}

/** Where `path` is (or would be) in the document; undefined when the document has no content. */
export function locate(doc: Document, lineCounter: LineCounter, path: string): SourcePosition | undefined {
  const root = doc.contents as Node | null;
  if (!root?.range) return undefined;
  let node: unknown = root;
  let offset = root.range[0];
  let complete = true;
  for (const segment of parsePath(path)) {
    const next = step(doc, node, segment);
    if (!next) {
      complete = false;
      break;
    }
    ({ node, offset } = next);
  }
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col, ...(complete && node ? { node: node as Node } : {}) };
}

/** Whether a node is a plain (unquoted) scalar that YAML read as a number or boolean, e.g. `phoneNumber: +1510...`. */
export function isUnquotedNonString(node: Node | undefined): boolean {
  return Y().isScalar(node) && node.type === "PLAIN" && (typeof node.value === "number" || typeof node.value === "boolean");
}
