/**
 * Generates schema/campaign.schema.json, schema/sms-campaign.schema.json and schema/contact-list.schema.json
 * (JSON Schema draft 2020-12) from campaignFileSchema, smsCampaignFileSchema and contactListFileSchema, the input side: what a definition file accepts, i.e. the
 * resource's spec schema (minus `connection`) plus the file-only fields. Editors use them for completion
 * and checks (`# yaml-language-server: $schema=../schema/campaign.schema.json`); the resources' validation
 * and the loader stay the authority (time zones, overlaps, names across files and such are checked there only).
 *
 *   npx tsc --outDir dist/schema-build --rootDir . --module commonjs --target ES2022 --esModuleInterop \
 *     --skipLibCheck --strict scripts/generate-schema.ts && node dist/schema-build/scripts/generate-schema.js
 *
 * or, without compiling: npm run schema (UPDATE_SCHEMA=1 jest tests/gitops/demo.test.ts -t "schema")
 * (the test compares the committed files with the generated text and rewrites them when UPDATE_SCHEMA=1).
 */
import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { DIALING_MODES, MODE_FIELDS } from "../provider/resources/campaign/vocabulary";
import { EXTERNAL_CONTACT_LIST_KEYS, campaignFileSchema, contactListFileSchema, smsCampaignFileSchema } from "../provider/gitops/file-schema";
import { CONTACT_LIST_KEYS } from "../provider/resources/contact-list/schema";

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

export const CONTACT_LIST_SCHEMA_ID = "urn:pulumi-kore-campaigns:schema:contact-list.schema.json";
export const CONTACT_LIST_SCHEMA_FILE = path.join("schema", "contact-list.schema.json");

/**
 * The contact-list file's JSON Schema. A managed list requires what the spec requires; a file with
 * `external: true` requires only its name and holds nothing that would be created.
 */
export function buildContactListJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(contactListFileSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  const { $schema, required, ...body } = generated;
  const managedOnly = CONTACT_LIST_KEYS.filter((key) => !EXTERNAL_CONTACT_LIST_KEYS.includes(key));
  return {
    $schema,
    $id: CONTACT_LIST_SCHEMA_ID,
    title: "Kore.ai contact list definition file",
    ...body,
    required: ["name"],
    allOf: [
      { if: { not: { required: ["external"] } }, then: { required } },
      { if: { required: ["external"] }, then: { properties: Object.fromEntries(managedOnly.map((key) => [key, false])) } },
    ],
  };
}

export function renderContactListJsonSchema(): string {
  return `${JSON.stringify(buildContactListJsonSchema(), null, 2)}\n`;
}

export const SMS_SCHEMA_ID = "urn:pulumi-kore-campaigns:schema:sms-campaign.schema.json";
export const SMS_SCHEMA_FILE = path.join("schema", "sms-campaign.schema.json");

/**
 * What each SMS format requires and refuses, as resources/sms-campaign/schema.ts checks it (checkFormatFields:
 * simple, the default, sends a message; advanced hands the contact to a flow). The schema has no table of its
 * own to read; tests/gitops/sms-campaigns.test.ts holds the two to the same answers.
 */
export const SMS_FORMAT_FIELDS = {
  simple: { required: ["message"], refused: ["experienceFlowName"] },
  advanced: { required: ["experienceFlowName"], refused: ["message"] },
} as const;

const formatRule = (format: keyof typeof SMS_FORMAT_FIELDS) => ({
  required: [...SMS_FORMAT_FIELDS[format].required],
  properties: Object.fromEntries(SMS_FORMAT_FIELDS[format].refused.map((field) => [field, false])),
});

/**
 * The SMS campaign file's JSON Schema: the format's fields (format absent is simple), and a message of
 * either text or a template with its body, the template named once (by name or by id).
 */
export function buildSmsJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(smsCampaignFileSchema, { io: "input", unrepresentable: "any", target: "draft-2020-12" }) as Record<string, unknown>;
  const { $schema, ...body } = generated;
  const message = {
    oneOf: [
      { required: ["text"], properties: { template: false, body: false } },
      {
        required: ["template", "body"],
        properties: { text: false, template: { oneOf: [{ required: ["name"], properties: { id: false } }, { required: ["id"], properties: { name: false } }] } },
      },
    ],
  };
  return {
    $schema,
    $id: SMS_SCHEMA_ID,
    title: "Kore.ai SMS campaign definition file",
    ...body,
    allOf: [
      { if: { properties: { format: { const: "advanced" } }, required: ["format"] }, then: formatRule("advanced"), else: formatRule("simple") },
      { properties: { message } },
    ],
  };
}

export function renderSmsJsonSchema(): string {
  return `${JSON.stringify(buildSmsJsonSchema(), null, 2)}\n`;
}

/** Every generated schema file and its text. */
export function schemaFiles(): Array<{ file: string; text: string }> {
  return [
    { file: SCHEMA_FILE, text: renderJsonSchema() },
    { file: SMS_SCHEMA_FILE, text: renderSmsJsonSchema() },
    { file: CONTACT_LIST_SCHEMA_FILE, text: renderContactListJsonSchema() },
  ];
}

/** The package root: the nearest folder above `from` whose package.json is this package's. */
export function packageRoot(from: string = __dirname): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-kore-campaigns") return dir;
    if (path.dirname(dir) === dir) throw new Error(`package root not found above ${from}`);
  }
}

/** Writes the schema files; returns their paths. */
export function writeJsonSchemas(root: string = packageRoot()): string[] {
  return schemaFiles().map(({ file, text }) => {
    const target = path.join(root, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    return target;
  });
}

if (require.main === module) {
  for (const file of writeJsonSchemas()) console.log(`wrote ${file}`);
}
