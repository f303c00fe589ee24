/**
 * The JSON `pulumi preview --json` writes, as far as the review reads it: `steps[]` with `op`, `urn`,
 * `oldState` / `newState` (`type`, `inputs`, `outputs`). Everything else is kept but not read, so a field
 * the CLI adds tomorrow does not break the review. Pure.
 */
import { z } from "zod";

const state = z.looseObject({
  type: z.string().optional(),
  inputs: z.record(z.string(), z.unknown()).optional(),
  outputs: z.record(z.string(), z.unknown()).optional(),
});

const step = z.looseObject({
  op: z.string(),
  urn: z.string(),
  oldState: state.nullish(),
  newState: state.nullish(),
});

const diagnostic = z.looseObject({ severity: z.unknown().optional(), urn: z.unknown().optional() });

export const previewSchema = z.looseObject({
  steps: z.array(step).optional(),
  changeSummary: z.record(z.string(), z.number()).optional(),
  diagnostics: z.array(diagnostic).optional(),
});

export type Preview = z.infer<typeof previewSchema> & { steps: PreviewStep[] };
export type PreviewStep = z.infer<typeof step>;

export class PreviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PreviewError";
  }
}

/** At most this many characters of a file are quoted in an error, with control characters escaped. */
const EXCERPT = 40;

function excerpt(text: string): string {
  const head = text.trimStart().slice(0, EXCERPT).replace(/[\u0000-\u001f\u007f-\u009f]/g, " ");
  return JSON.stringify(head + (text.trimStart().length > EXCERPT ? "..." : ""));
}

/** The preview in `text` (from `source`, for messages), or a PreviewError saying what was expected. */
export function parsePreview(text: string, source: string): Preview {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PreviewError(`${source}: not JSON (starts with ${excerpt(text)}); expected the output of \`pulumi preview --json\``);
  }
  const parsed = previewSchema.safeParse(value);
  const looksLikeOne = typeof value === "object" && value !== null && ("steps" in value || "diagnostics" in value);
  if (!parsed.success || !looksLikeOne) {
    if (parsed.success) throw new PreviewError(`${source}: not a Pulumi preview (steps: missing); expected the output of \`pulumi preview --json\``);
    const issue = parsed.error.issues[0];
    const at = issue.path.length > 0 ? issue.path.join(".") : "the top level";
    throw new PreviewError(`${source}: not a Pulumi preview (${at}: ${issue.message}); expected the output of \`pulumi preview --json\``);
  }
  return { ...parsed.data, steps: parsed.data.steps ?? [], ...(parsed.data.steps === undefined ? { incomplete: true } : {}) } as Preview;
}

/**
 * Why the preview cannot be judged (an error diagnostic, or no list of steps: the engine stopped before
 * it had one), or undefined when it completed. Only counts and resource names are quoted, never messages.
 */
export function previewFailure(preview: Preview): string | undefined {
  const errors = (preview.diagnostics ?? []).filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const names = [...new Set(errors.map((d) => (typeof d.urn === "string" ? d.urn.split("::").slice(3).join("::") : "")).filter((n) => n !== ""))];
    return `${errors.length} error diagnostic${errors.length === 1 ? "" : "s"}${names.length > 0 ? ` (${names.slice(0, 5).map((n) => n.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").slice(0, 60)).join(", ")})` : ""}`;
  }
  if ((preview as { incomplete?: boolean }).incomplete) return "no list of steps";
  return undefined;
}
