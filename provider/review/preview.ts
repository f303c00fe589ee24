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

export const previewSchema = z.looseObject({
  steps: z.array(step),
  changeSummary: z.record(z.string(), z.number()).optional(),
});

export type Preview = z.infer<typeof previewSchema>;
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
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at = issue.path.length > 0 ? issue.path.join(".") : "the top level";
    throw new PreviewError(`${source}: not a Pulumi preview (${at}: ${issue.message}); expected the output of \`pulumi preview --json\``);
  }
  return parsed.data;
}
