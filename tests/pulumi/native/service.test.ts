/**
 * provider/pulumi/native/: the package schema (committed, checked current), secrets in and out, and the
 * detailed diff the engine prints (nested paths, additions, replacements).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CAMPAIGN_TYPE, CONTACT_LIST_TYPE, packageSchema } from "../../../provider/pulumi/native/package-schema";
import { detailedDiffOf, unwrapSecrets, wrapSecrets, SECRET_SIG } from "../../../provider/pulumi/native/service";
import { SAMPLE_PROGRESSIVE } from "../../fixtures/sample-bodies";
import { ProviderHost } from "../../support/provider-host";

const SCHEMA_FILE = path.resolve(__dirname, "../../../schema/pulumi-package.json");
const VERSION = (JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../../package.json"), "utf8")) as { version: string }).version;
const secret = (value: unknown) => ({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

test("schema/pulumi-package.json is the generated schema (UPDATE_SCHEMA=1 rewrites it)", () => {
  const text = `${JSON.stringify(packageSchema(VERSION), null, 2)}\n`;
  if (process.env.UPDATE_SCHEMA === "1") fs.writeFileSync(SCHEMA_FILE, text);
  expect(fs.readFileSync(SCHEMA_FILE, "utf8")).toBe(text);
});

describe("the package schema", () => {
  const schema = packageSchema("1.2.3") as any;
  test("both resources, their inputs from the zod rules (required ones, nested types by reference)", () => {
    expect(Object.keys(schema.resources)).toEqual([CAMPAIGN_TYPE, CONTACT_LIST_TYPE]);
    const campaign = schema.resources[CAMPAIGN_TYPE];
    expect(campaign.requiredInputs).toEqual(expect.arrayContaining(["name", "description", "contactLists", "priority", "dialingMode", "dialingStrategy"]));
    expect(campaign.inputProperties.dialingStrategy.$ref).toBe("#/types/kore:index:VoiceCampaignDialingStrategy");
    expect(schema.types["kore:index:VoiceCampaignDialingStrategy"].properties.maxRingTime).toMatchObject({ type: "integer" });
    expect(campaign.inputProperties.priority.oneOf).toEqual([{ type: "integer" }, { type: "string" }]);
    expect(campaign.properties.status).toMatchObject({ type: "string" });
    expect(schema.resources[CONTACT_LIST_TYPE].inputProperties.allowReplacement).toMatchObject({ type: "boolean" });
  });
  test("the provider's configuration: the connection settings, the secret ones marked secret", () => {
    expect(schema.config.variables.clientSecret).toMatchObject({ type: "string", secret: true });
    expect(schema.config.variables.jwt).toMatchObject({ secret: true });
    expect(schema.config.variables.host.secret).toBeUndefined();
    expect(schema.provider.inputProperties).toEqual(schema.config.variables);
    expect(Object.keys(schema.config.variables)).toEqual(expect.arrayContaining(["host", "appId", "accountId", "clientId", "connections", "maxRequestsPerSecond"]));
  });
  test("connections holds secrets: marked secret; it documents only the fields Configure accepts (no clientIdEnv/clientSecretEnv)", () => {
    expect(schema.config.variables.connections).toMatchObject({ secret: true });
    expect(schema.config.variables.connections.description).not.toMatch(/clientIdEnv|clientSecretEnv/);
    expect(schema.config.variables.connections.description).toMatch(/clientId, clientSecret/);
  });
});

describe("secrets", () => {
  test("unwrapped at any depth, the top-level keys that held one remembered, wrapped again on the way out", () => {
    const { plain, secretKeys } = unwrapSecrets({ description: secret("quiet"), dialingStrategy: { callerId: { phoneNumber: secret("+15550100") } }, name: "n" });
    expect(plain).toEqual({ description: "quiet", dialingStrategy: { callerId: { phoneNumber: "+15550100" } }, name: "n" });
    expect([...secretKeys].sort()).toEqual(["description", "dialingStrategy"]);
    expect(wrapSecrets({ description: "quiet", name: "n", status: "Ready" }, secretKeys)).toEqual({ description: secret("quiet"), name: "n", status: "Ready" });
  });
});

describe("detailed diff", () => {
  const { queue_name, campaignType: _t, ...rest } = SAMPLE_PROGRESSIVE as Record<string, any>;
  const base = (): Record<string, any> => structuredClone({ ...rest, queueName: queue_name, started: false });
  test("one nested field: exactly its path, as an update", () => {
    const next = base();
    next.dialingStrategy.maxRingTime = 45;
    expect(detailedDiffOf("campaign", base(), next, [])).toEqual({ "dialingStrategy.maxRingTime": 4 });
  });
  test("spelling is not a change; an added field is an addition; started is its own path; a replace key replaces", () => {
    const loose = base();
    loose.dialingStrategy.callingHours.days[0].start = "09:00 am";
    expect(detailedDiffOf("campaign", base(), loose, [])).toEqual({});
    const scheduled = { ...base(), schedule: { enabled: true, start: "2027-01-04 09:00:00", end: "2027-01-29 18:00:00", repeat: { every: 1, unit: "day" } } };
    expect(detailedDiffOf("campaign", base(), scheduled, [])).toMatchObject({ "schedule.start": 0, "schedule.enabled": 4 });
    expect(detailedDiffOf("campaign", base(), { ...base(), started: true }, ["connection"])).toEqual({ started: 4, connection: 5 });
  });
});

describe("CheckConfig (the native plugin, as the engine calls it)", () => {
  let host: ProviderHost;
  beforeAll(async () => {
    host = await ProviderHost.startNative({ env: {} });
  });
  afterAll(async () => host?.stop());

  test("a clientSecret or jwt set with --plaintext comes back secret (so the provider's state never holds it in clear); connections too", async () => {
    const connections = { emea: { host: "https://platform.kore.ai", appId: "st-1", accountId: "a-1", clientId: "cs-1", clientSecret: "plain-emea" } };
    const { inputs, failures } = await host.checkConfig({ host: "https://platform.kore.ai", clientId: "cs-1", clientSecret: "plain-secret", jwt: "plain.jwt.x", connections });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({
      host: "https://platform.kore.ai",
      clientId: "cs-1",
      clientSecret: secret("plain-secret"),
      jwt: secret("plain.jwt.x"),
      connections: secret(connections),
    });
  });

  test("a value already secret stays one secret (not wrapped twice); absent ones stay absent", async () => {
    const { inputs } = await host.checkConfig({ clientSecret: secret("s") });
    expect(inputs).toEqual({ clientSecret: secret("s") });
  });
});

describe("Diff (in process, as the engine calls it)", () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const provproto = require("@pulumi/pulumi/proto/provider_pb");
  const structproto = require("google-protobuf/google/protobuf/struct_pb");
  const { queue_name, campaignType: _t, ...rest } = SAMPLE_PROGRESSIVE as Record<string, any>;

  test("one diffCampaign per Diff: the detailed diff uses the paths the hook's diff found", async () => {
    const diffModule = require("../../../provider/resources/campaign/diff");
    const { KoreProviderService } = require("../../../provider/pulumi/native/service");
    const olds: Record<string, any> = { ...structuredClone(rest), queueName: queue_name, started: false };
    const news = structuredClone(olds);
    news.dialingStrategy.maxRingTime = 45;
    const request = new provproto.DiffRequest();
    request.setUrn("urn:pulumi:test::kore::kore:index:VoiceCampaign::billing");
    request.setId("cd-1");
    request.setOlds(structproto.Struct.fromJavaScript(olds));
    request.setNews(structproto.Struct.fromJavaScript(news));
    const spy = jest.spyOn(diffModule, "diffCampaign");
    try {
      const resp = await new Promise<any>((resolve, reject) => new KoreProviderService("0.0.0").diff({ request }, (err: unknown, r: unknown) => (err ? reject(err) : resolve(r))));
      expect(resp.toObject().detaileddiffMap).toEqual([["dialingStrategy.maxRingTime", { kind: 4, inputdiff: true }]]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
