/**
 * provider/pulumi/native/: the package schema (committed, checked current), secrets in and out, and the
 * detailed diff the engine prints (nested paths, additions, replacements).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { CAMPAIGN_TYPE, CONTACT_LIST_TYPE, packageSchema, SMS_CAMPAIGN_TYPE } from "../../../provider/pulumi/native/package-schema";
import { detailedDiffOf, unwrapSecrets, wrapSecrets, SECRET_SIG } from "../../../provider/pulumi/native/service";
import { SAMPLE_PROGRESSIVE } from "../../fixtures/sample-bodies";
import { SMS_REQUEST_SIMPLE, smsInputFromDocBody } from "../../fixtures/sms-samples";
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
  test("the three resources, their inputs from the zod rules (required ones, nested types by reference)", () => {
    expect(Object.keys(schema.resources)).toEqual(["kore:index:VoiceCampaign", "kore:index:SmsCampaign", "kore:index:ContactList"]);
    expect([CAMPAIGN_TYPE, SMS_CAMPAIGN_TYPE, CONTACT_LIST_TYPE]).toEqual(Object.keys(schema.resources));
    const campaign = schema.resources[CAMPAIGN_TYPE];
    expect(campaign.requiredInputs).toEqual(expect.arrayContaining(["name", "description", "contactLists", "priority", "dialingMode", "dialingStrategy"]));
    expect(campaign.inputProperties.dialingStrategy.$ref).toBe("#/types/kore:index:VoiceCampaignDialingStrategy");
    expect(schema.types["kore:index:VoiceCampaignDialingStrategy"].properties.maxRingTime).toMatchObject({ type: "integer" });
    expect(campaign.inputProperties.priority.oneOf).toEqual([{ type: "integer" }, { type: "string" }]);
    expect(campaign.properties.status).toMatchObject({ type: "string" });
    expect(schema.resources[CONTACT_LIST_TYPE].inputProperties.allowReplacement).toMatchObject({ type: "boolean" });
  });
  test("the SMS campaign: its inputs from the SMS zod rules, its message and sender as types of its own, its outputs with the template id", () => {
    const sms = schema.resources[SMS_CAMPAIGN_TYPE];
    expect(sms.description).toBe("A Kore.ai outbound SMS campaign.");
    expect(sms.requiredInputs).toEqual(["name", "description", "contactLists", "priority", "dialingStrategy"]);
    expect(Object.keys(sms.inputProperties)).toEqual([
      "name", "description", "contactLists", "priority", "format", "message", "experienceFlowName", "dialingStrategy", "schedule",
      "started", "adoptExisting", "restartedAt", "recipients", "connection",
    ]);
    expect(sms.inputProperties.dialingMode).toBeUndefined(); // a voice field
    expect(sms.inputProperties.format).toMatchObject({ type: "string" });
    expect(sms.inputProperties.message.$ref).toBe("#/types/kore:index:SmsCampaignMessage");
    expect(Object.keys(schema.types["kore:index:SmsCampaignMessage"].properties)).toEqual(["text", "template", "body"]);
    expect(schema.types["kore:index:SmsCampaignMessage"].properties.template.$ref).toBe("#/types/kore:index:SmsCampaignMessageTemplate");
    expect(Object.keys(schema.types["kore:index:SmsCampaignMessageTemplate"].properties)).toEqual(["name", "id"]);
    expect(sms.inputProperties.dialingStrategy.$ref).toBe("#/types/kore:index:SmsCampaignDialingStrategy");
    expect(schema.types["kore:index:SmsCampaignDialingStrategy"].required).toEqual(["callerId", "callingHours"]);
    expect(schema.types["kore:index:SmsCampaignDialingStrategy"].properties.maxRingTime).toBeUndefined(); // voice only
    for (const output of ["target", "status", "lname", "campaignInstanceId", "experienceFlowId", "templateId", "createdAt", "updatedAt", "pendingChanges", "stoppedOutsideGit"]) {
      expect(sms.properties[output]).toBeDefined();
    }
    expect(sms.properties.templateId).toMatchObject({ type: "string" });
    expect(sms.required).toEqual(["name", "description", "contactLists", "priority", "dialingStrategy", "target"]);
    expect(schema.resources[CAMPAIGN_TYPE].properties.templateId).toBeUndefined();
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

describe("detailed diff of an SMS campaign (its own diff, when the hook has not run it)", () => {
  const base = (): Record<string, any> => ({ ...smsInputFromDocBody(SMS_REQUEST_SIMPLE), started: false });
  test("a text edit: message.text; a template instead of a text: the text deleted, the template and its body added", () => {
    expect(detailedDiffOf("smsCampaign", base(), { ...base(), message: { text: "Your event starts at 6 PM today" } }, [])).toEqual({ "message.text": 4 });
    const templated = { ...base(), message: { template: { name: "Payment Reminder Template" }, body: "Your payment is due soon." } };
    expect(detailedDiffOf("smsCampaign", base(), templated, [])).toEqual({ "message.text": 2, "message.template": 0, "message.body": 0 });
  });
  test("the sender's number is a nested path; a priority given as a number or the default format left out is no change; a replace key replaces", () => {
    const next = base();
    next.dialingStrategy.callerId.phoneNumber = "+15550100";
    expect(detailedDiffOf("smsCampaign", base(), next, [])).toEqual({ "dialingStrategy.callerId.phoneNumber": 4 });
    expect(detailedDiffOf("smsCampaign", base(), { ...base(), priority: 5 }, [])).toEqual({});
    const { format: _f, ...formatLeftOut } = base(); // simple is the SMS schema's default
    expect(detailedDiffOf("smsCampaign", base(), formatLeftOut, [])).toEqual({});
    expect(detailedDiffOf("smsCampaign", base(), { ...base(), started: true }, ["connection"])).toEqual({ started: 4, connection: 5 });
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

describe("the SDK (native.SmsCampaign)", () => {
  test("registers kore:index:SmsCampaign with the program's inputs, as given", async () => {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const pulumi = require("@pulumi/pulumi") as typeof import("@pulumi/pulumi");
    const registered: Array<{ type: string; inputs: Record<string, unknown> }> = [];
    pulumi.runtime.setMocks(
      {
        newResource: (args: any) => {
          registered.push({ type: args.type, inputs: args.inputs });
          return { id: "cd-1", state: args.inputs };
        },
        call: () => ({}),
      },
      "kore",
      "test",
      false,
    );
    const { native } = require("pulumi-kore-campaigns") as typeof import("pulumi-kore-campaigns");
    // copied in this realm: structuredClone's arrays are the outer realm's, which the SDK's serializer does not take for arrays
    const args = JSON.parse(JSON.stringify(smsInputFromDocBody(SMS_REQUEST_SIMPLE)));
    const made = new native.SmsCampaign("reminder", args as never);
    await new Promise<void>((resolve) => made.urn.apply(() => resolve()));
    expect(registered.map((r) => r.type)).toEqual(["kore:index:SmsCampaign"]);
    expect(registered[0].inputs).toEqual({
      name: "Event Reminder SMS Campaign",
      description: SMS_REQUEST_SIMPLE.description,
      contactLists: ["Renewal Due - May/June 2025"],
      priority: "5",
      format: "simple",
      message: { text: "Hi, This is just reminder for upcoming event" },
      dialingStrategy: SMS_REQUEST_SIMPLE.dialingStrategy,
      schedule: { isSchedulingEnabled: false },
    });
    expect(await new Promise((resolve) => made.urn.apply(resolve))).toBe("urn:pulumi:test::kore::kore:index:SmsCampaign::reminder");
  });
});
