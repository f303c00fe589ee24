/**
 * A campaign definition (voice or SMS) as the file a person would have written: the README's field order,
 * the schema header, flow-style calling windows, and comments only where the exporter has something to
 * say. Pure, deterministic (the same definition always gives the same bytes), and loadable by load.ts.
 */
import YAML from "yaml";
import type { CampaignSpec } from "../resources/campaign/schema";
import { RESOURCE_NAME_PATTERN } from "./file-schema";
import { printable } from "./format";

export const SCHEMA_HEADER = "# yaml-language-server: $schema=../schema/campaign.schema.json";
export const SMS_SCHEMA_HEADER = "# yaml-language-server: $schema=../schema/sms-campaign.schema.json";

/** A kind of file: its schema header and the key order of each object (by path; other keys follow in their order). */
interface FileLayout {
  schemaHeader: string;
  order: Readonly<Record<string, readonly string[]>>;
}

const HOURS_ORDER = ["frequency", "timezone", "days"] as const;

/** The order of the README's examples. */
const VOICE_LAYOUT: FileLayout = {
  schemaHeader: SCHEMA_HEADER,
  order: {
    "": [
      "name",
      "description",
      "contactLists",
      "priority",
      "dialingMode",
      "queueName",
      "maxSkips",
      "experienceFlowName",
      "dialingStrategy",
      "schedule",
      "enableMachineDetect",
      "started",
      "adoptExisting",
    ],
    dialingStrategy: ["callerId", "callingHours", "dialingOrder", "maxAttemptsPerRecord", "defaultRetryPeriod", "maxRingTime"],
    "dialingStrategy.callingHours": HOURS_ORDER,
  },
};

/** The order of docs/gitops.md's SMS example (sms-campaigns/event-reminder.yaml). */
const SMS_LAYOUT: FileLayout = {
  schemaHeader: SMS_SCHEMA_HEADER,
  order: {
    "": ["name", "description", "contactLists", "priority", "format", "message", "experienceFlowName", "dialingStrategy", "schedule", "started", "adoptExisting"],
    message: ["text", "template", "body"],
    dialingStrategy: ["callerId", "callingHours"],
    "dialingStrategy.callingHours": HOURS_ORDER,
  },
};

export interface RenderNotes {
  /** lines for the header comment (why a value was chosen, what could not be read) */
  header: readonly string[];
  /** a comment after `started:` */
  started?: string;
  /** a comment on the line before a top-level key (what could not be read of it, or of a field left out before it) */
  before?: Readonly<Record<string, string>>;
  /** a comment at the end of a top-level object (what could not be read of a field left out of it) */
  inside?: Readonly<Record<string, string>>;
}

/** Plain objects in the layout's order, recursively; undefined values dropped; arrays kept as they are. */
function ordered(value: unknown, order: FileLayout["order"], at = ""): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of [...(order[at] ?? []), ...Object.keys(record)]) {
    if (!(key in out) && record[key] !== undefined) out[key] = ordered(record[key], order, at === "" ? key : `${at}.${key}`);
  }
  return out;
}

function render(layout: FileLayout, spec: Record<string, unknown>, notes: RenderNotes): string {
  const doc = new YAML.Document(ordered(spec, layout.order));
  const days = doc.getIn(["dialingStrategy", "callingHours", "days"]) as YAML.YAMLSeq | undefined;
  for (const item of days?.items ?? []) (item as YAML.YAMLMap).flow = true;
  const started = doc.get("started", true) as YAML.Scalar | undefined;
  if (started && notes.started) started.comment = ` ${oneLine(notes.started)}`;
  const pairs = doc.contents && YAML.isMap(doc.contents) ? doc.contents.items : [];
  for (const [key, note] of Object.entries(notes.before ?? {})) {
    const pair = pairs.find((p) => YAML.isScalar(p.key) && p.key.value === key);
    if (pair && YAML.isScalar(pair.key)) pair.key.commentBefore = ` ${oneLine(note)}`;
  }
  for (const [key, note] of Object.entries(notes.inside ?? {})) {
    const node = doc.get(key, true);
    if (YAML.isMap(node)) node.comment = ` ${oneLine(note)}`;
  }
  const body = doc.toString({ lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
  const header = [layout.schemaHeader, "#", ...notes.header.map((l) => `# ${oneLine(l)}`)];
  return `${header.join("\n")}\n\n${body}`;
}

/** The file's text for a voice campaign `spec` (a normalized spec, `adoptExisting` included). */
export function renderDefinitionFile(spec: CampaignSpec, notes: RenderNotes): string {
  return render(VOICE_LAYOUT, spec as unknown as Record<string, unknown>, notes);
}

/**
 * The file's text for an SMS campaign (a normalized spec, `adoptExisting` included; a field that could not
 * be read may be left out, with a note saying so).
 */
export function renderSmsDefinitionFile(spec: Record<string, unknown>, notes: RenderNotes): string {
  return render(SMS_LAYOUT, spec, notes);
}

/** Comments hold one line of plain text: no newline can end the comment early, no control character (server text) is written. */
function oneLine(text: string): string {
  return printable(text.replace(/[\r\n\u2028\u2029]+/g, " ").trim());
}

/** A campaign name as a file name stem: lower case, `[a-z0-9-]`, no leading/trailing dash, at most 80 characters. */
export function fileStemFor(name: string): string {
  const stem = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");
  return stem === "" ? "campaign" : stem;
}

/**
 * Unique, stable file stems for campaigns: in the order given (callers sort by name, then id), the first
 * of a stem keeps it and later ones get `-2`, `-3`... So the same app exports to the same file names.
 */
export function uniqueFileStems(names: readonly string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = fileStemFor(name);
    let stem = base;
    for (let n = 2; taken.has(stem) || !RESOURCE_NAME_PATTERN.test(stem); n++) stem = `${base}-${n}`;
    taken.add(stem);
    return stem;
  });
}
