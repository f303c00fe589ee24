/**
 * A campaign definition as the file a person would have written: the README's field order, the schema
 * header, flow-style calling windows, and comments only where the exporter has something to say. Pure,
 * deterministic (the same definition always gives the same bytes), and loadable by load.ts.
 */
import YAML from "yaml";
import type { CampaignSpec } from "../resources/campaign/schema";
import { RESOURCE_NAME_PATTERN } from "./file-schema";

export const SCHEMA_HEADER = "# yaml-language-server: $schema=../schema/campaign.schema.json";

/** The order of the README's examples. */
const TOP_LEVEL_ORDER = [
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
] as const;
const STRATEGY_ORDER = ["callerId", "callingHours", "dialingOrder", "maxAttemptsPerRecord", "defaultRetryPeriod", "maxRingTime"] as const;
const HOURS_ORDER = ["frequency", "timezone", "days"] as const;

export interface RenderNotes {
  /** lines for the header comment (why a value was chosen, what could not be read) */
  header: readonly string[];
  /** a comment after `started:` */
  started?: string;
  /** a comment on the `schedule:` key (what could not be read of it) */
  schedule?: string;
}

function ordered<T extends Record<string, unknown>>(value: T, order: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of order) if (value[key] !== undefined) out[key] = value[key];
  for (const key of Object.keys(value)) if (!(key in out) && value[key] !== undefined) out[key] = value[key];
  return out;
}

/** The file's text for `spec` (a normalized spec, `adoptExisting` included). */
export function renderDefinitionFile(spec: CampaignSpec, notes: RenderNotes): string {
  const strategy = spec.dialingStrategy;
  const value = ordered(
    {
      ...spec,
      dialingStrategy: ordered(
        { ...strategy, callingHours: ordered({ ...strategy.callingHours }, HOURS_ORDER) } as Record<string, unknown>,
        STRATEGY_ORDER,
      ),
    } as Record<string, unknown>,
    TOP_LEVEL_ORDER,
  );
  const doc = new YAML.Document(value);
  const days = doc.getIn(["dialingStrategy", "callingHours", "days"]) as YAML.YAMLSeq | undefined;
  for (const item of days?.items ?? []) (item as YAML.YAMLMap).flow = true;
  const started = doc.get("started", true) as YAML.Scalar | undefined;
  if (started && notes.started) started.comment = ` ${oneLine(notes.started)}`;
  const schedule = doc.contents && YAML.isMap(doc.contents) ? doc.contents.items.find((p) => YAML.isScalar(p.key) && p.key.value === "schedule") : undefined;
  if (schedule && notes.schedule && YAML.isScalar(schedule.key)) schedule.key.commentBefore = ` ${oneLine(notes.schedule)}`;
  const body = doc.toString({ lineWidth: 0, defaultStringType: "PLAIN", defaultKeyType: "PLAIN" });
  const header = [SCHEMA_HEADER, "#", ...notes.header.map((l) => `# ${oneLine(l)}`)];
  return `${header.join("\n")}\n\n${body}`;
}

/** Comments hold one line of plain text: no newline can end the comment early. */
function oneLine(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ").trim();
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
