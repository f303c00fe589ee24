/**
 * Generates schema/campaign.schema.json (JSON Schema draft 2020-12) from campaignFileSchema, the input side:
 * what a campaign definition file accepts, i.e. the VoiceCampaign resource's campaignSpecSchema (minus
 * `connection`) plus the file-only `renamedFrom`. Editors use it for completion and checks
 * (`# yaml-language-server: $schema=../schema/campaign.schema.json`); validateCampaign and the loader stay
 * the authority (time zones, overlaps, names across files and such are checked there only).
 *
 *   npx tsc --outDir dist/schema-build --rootDir . --module commonjs --target ES2022 --esModuleInterop \
 *     --skipLibCheck --strict scripts/generate-schema.ts && node dist/schema-build/scripts/generate-schema.js
 *
 * or, without compiling: npm run schema (UPDATE_SCHEMA=1 jest tests/provider/schema.test.ts -t "JSON Schema")
 * (the test compares the committed file with buildJsonSchema() and rewrites it when UPDATE_SCHEMA=1).
 */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { DIALING_MODES, MODE_FIELDS } from "../provider/resources/campaign/schema";
import { campaignFileSchema } from "../provider/gitops/file-schema";

export const SCHEMA_ID = "urn:pulumi-kore-campaigns:schema:campaign.schema.json";
export const SCHEMA_FILE = path.join("schema", "campaign.schema.json");

/** The JSON Schema object. */
export function buildJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(campaignFileSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  const { $schema, ...body } = generated;
  return {
    $schema,
    $id: SCHEMA_ID,
    title: "Kore.ai voice campaign definition file",
    ...body,
    // Mode-specific fields (MODE_FIELDS): required for their modes, not allowed for the others.
    allOf: DIALING_MODES.map((mode) => ({
      if: { properties: { dialingMode: { const: mode } }, required: ["dialingMode"] },
      then: {
        required: [...MODE_FIELDS[mode].required],
        properties: Object.fromEntries(MODE_FIELDS[mode].refused.map((field) => [field, false])),
      },
    })),
  };
}

/** The file's exact text (two-space JSON and a final newline). */
export function renderJsonSchema(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}

/** The package root: the nearest folder above `from` whose package.json is this package's. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-kore-campaigns") return dir;
    if (path.dirname(dir) === dir) throw new Error(`package root not found above ${from}`);
  }
}

/** Writes schema/campaign.schema.json; returns its path. */
export function writeJsonSchema(root: string = packageRoot()): string {
  const file = path.join(root, SCHEMA_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, renderJsonSchema());
  return file;
}

if (require.main === module) {
  console.log(`wrote ${writeJsonSchema()}`);
}
