/**
 * The demo definitions in campaigns/ (one per dialing mode, from the docs' sample request bodies) and the
 * committed JSON Schema editors use for them.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { campaignFileSchema, loadDefinitions } from "../../provider/gitops";
import { validateCampaign } from "../../provider/resources/campaign/schema";
import { SCHEMA_FILE, buildJsonSchema, renderJsonSchema } from "../../scripts/generate-schema";
import { agentless, preview, progressive } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");
const DEMO = path.join(ROOT, "campaigns");

describe("campaigns/", () => {
  const result = loadDefinitions(DEMO);

  test("every demo definition validates", () => {
    expect(result.problems).toEqual([]);
    expect(result.definitions.map((d) => d.resourceName)).toEqual(["billing-reminders", "product-feedback", "service-renewals"]);
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
    for (const file of result.files) {
      expect(fs.readFileSync(file, "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/campaign.schema.json");
      expect(fs.existsSync(path.resolve(path.dirname(file), "../schema/campaign.schema.json"))).toBe(true);
    }
  });

  test("the file schema (zod) accepts them too", () => {
    for (const file of result.files) {
      expect(campaignFileSchema.safeParse(parse(fs.readFileSync(file, "utf8"))).success).toBe(true);
    }
  });
});

describe("the committed JSON Schema", () => {
  test(`${SCHEMA_FILE} is current and describes files (renamedFrom included)`, () => {
    const committed = fs.readFileSync(path.join(ROOT, SCHEMA_FILE), "utf8");
    expect(committed).toBe(renderJsonSchema());
    const schema = JSON.parse(committed);
    expect(schema.properties.renamedFrom).toMatchObject({ type: "array", items: { type: "string" } });
    expect(schema.additionalProperties).toBe(false);
    expect(buildJsonSchema()).toEqual(schema);
  });
});
