/**
 * The demo definitions in campaigns/ (one per dialing mode, from the docs' sample request bodies), in
 * sms-campaigns/ (the without-template SMS page's sample) and the committed JSON Schemas editors use for them.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { campaignFileSchema, contactListFileSchema, loadDefinitions, smsCampaignFileSchema } from "../../provider/gitops";
import { validateCampaign } from "../../provider/resources/campaign/schema";
import { validateSmsCampaign } from "../../provider/resources/sms-campaign/schema";
import { CONTACT_LIST_SCHEMA_FILE, SCHEMA_FILE, SMS_SCHEMA_FILE, buildContactListJsonSchema, buildJsonSchema, buildSmsJsonSchema, renderJsonSchema, schemaFiles } from "../../scripts/generate-schema";
import { agentless, preview, progressive, smsSimple } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");
const DEMO = path.join(ROOT, "campaigns");

describe("campaigns/", () => {
  const result = loadDefinitions(DEMO);
  const campaignFiles = result.definitions.map((d) => d.file);

  test("every demo definition validates, and the list the campaigns dial is declared beside them (no warning)", () => {
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.definitions.map((d) => d.resourceName)).toEqual(["billing-reminders", "product-feedback", "service-renewals"]);
    expect(result.contactLists.map((l) => [path.relative(ROOT, l.file), l.name, l.external])).toEqual([
      ["contact-lists/recent-buyers-q2-2025.yaml", "Recent Buyers - Q2 2025", false],
    ]);
    expect(result.definitions.every((d) => d.spec.contactLists.join() === "Recent Buyers - Q2 2025")).toBe(true);
  });

  test.each([
    { resourceName: "service-renewals", sample: progressive, started: true },
    { resourceName: "billing-reminders", sample: preview, started: false },
    { resourceName: "product-feedback", sample: agentless, started: false },
  ])("$resourceName is the docs' sample body for its mode (started: $started)", ({ resourceName, sample, started }) => {
    const expected = validateCampaign({ ...sample(), started });
    const definition = result.definitions.find((d) => d.resourceName === resourceName);
    expect(expected.ok).toBe(true);
    expect(definition?.spec).toEqual(expected.ok ? expected.value : undefined);
  });

  test("each file points editors at the committed schema", () => {
    for (const file of campaignFiles) {
      expect(fs.readFileSync(file, "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/campaign.schema.json");
      expect(fs.existsSync(path.resolve(path.dirname(file), "../schema/campaign.schema.json"))).toBe(true);
    }
  });

  test("the file schema (zod) accepts them too", () => {
    for (const file of campaignFiles) {
      expect(campaignFileSchema.safeParse(parse(fs.readFileSync(file, "utf8"))).success).toBe(true);
    }
  });

  test("the contact-list files point editors at theirs, and its zod schema accepts them", () => {
    for (const { file } of result.contactLists) {
      const text = fs.readFileSync(file, "utf8");
      expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/contact-list.schema.json");
      expect(contactListFileSchema.safeParse(parse(text)).success).toBe(true);
    }
  });
});

describe("sms-campaigns/", () => {
  const result = loadDefinitions(DEMO);

  test("read beside campaigns/: the without-template page's sample, dialing the demo's list (the page names another)", () => {
    expect(result.smsDefinitions.map((d) => [path.relative(ROOT, d.file), d.resourceName])).toEqual([["sms-campaigns/event-reminder.yaml", "event-reminder"]]);
    const expected = validateSmsCampaign({ ...smsSimple(), contactLists: ["Recent Buyers - Q2 2025"], started: false });
    expect(expected.ok).toBe(true);
    expect(result.smsDefinitions[0].spec).toEqual(expected.ok ? expected.value : undefined);
  });

  test("the file points editors at the committed SMS schema, and the file schema (zod) accepts it", () => {
    const text = fs.readFileSync(path.join(ROOT, "sms-campaigns", "event-reminder.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/sms-campaign.schema.json");
    expect(fs.existsSync(path.join(ROOT, SMS_SCHEMA_FILE))).toBe(true);
    expect(smsCampaignFileSchema.safeParse(parse(text)).success).toBe(true);
  });
});

describe("the committed JSON Schemas", () => {
  test.each(schemaFiles())("$file is current (npm run schema rewrites it)", ({ file, text }) => {
    const target = path.join(ROOT, file);
    if (process.env.UPDATE_SCHEMA === "1") fs.writeFileSync(target, text);
    expect(fs.readFileSync(target, "utf8")).toBe(text);
  });

  test(`${CONTACT_LIST_SCHEMA_FILE}: a managed list needs a description; an external one its name only and nothing that would be created`, () => {
    const schema = buildContactListJsonSchema() as any;
    expect(schema.required).toEqual(["name"]);
    expect(schema.allOf).toEqual([
      { if: { not: { required: ["external"] } }, then: { required: ["name", "description"] } },
      { if: { required: ["external"] }, then: { properties: { allowDuplicates: false, adoptExisting: false, allowReplacement: false } } },
    ]);
    expect(schema.properties.external).toMatchObject({ const: true });
    expect(schema.additionalProperties).toBe(false);
  });

  test(`${SMS_SCHEMA_FILE} describes SMS files: renamedFrom, no unknown key, the SMS fields`, () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, SMS_SCHEMA_FILE), "utf8"));
    expect(schema).toEqual(buildSmsJsonSchema());
    expect(schema.$id).toBe("urn:pulumi-kore-campaigns:schema:sms-campaign.schema.json");
    expect(schema.properties.renamedFrom).toMatchObject({ type: "array", items: { type: "string" } });
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.format).toMatchObject({ enum: ["simple", "advanced"], default: "simple" });
    expect(Object.keys(schema.properties.message.properties)).toEqual(["text", "template", "body"]);
    expect(Object.keys(schema.properties.dialingStrategy.properties)).toEqual(["callerId", "callingHours"]);
    expect(schema.properties.dialingMode).toBeUndefined();
  });

  test(`${SCHEMA_FILE} is current and describes files (renamedFrom included)`, () => {
    const committed = fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8");
    expect(committed).toBe(renderJsonSchema());
    const schema = JSON.parse(committed);
    expect(schema.properties.renamedFrom).toMatchObject({ type: "array", items: { type: "string" } });
    expect(schema.additionalProperties).toBe(false);
    expect(buildJsonSchema()).toEqual(schema);
  });
});
