/**
 * The policy pack's reading of a stack (provider/policy/stack.ts): which resources are campaigns and lists
 * (dynamic and native types), whose recipients reach which campaign, and under which policy each of the
 * engine's findings is reported. Resources are shaped as @pulumi/policy hands them to a stack policy:
 * the engine's inputs in preview, Pulumi's unknown sentinels, the dynamic provider's `__provider` blob.
 */
import { campaignsOf, violationsOf, WARNINGS_POLICY, type StackResource } from "../../provider/policy/stack";

/** Monday 2026-12-07 00:00 UTC = Sunday 7:00 PM in New York (EST, UTC-5). */
const NOW = Date.parse("2026-12-07T00:00:00Z");
/** Pulumi's sentinel for a string not known in preview (the name of a list created by the same up). */
const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function campaignProps(end: string, contactLists: unknown[]): Record<string, unknown> {
  return {
    __provider: "exports.handler = __f0; // serialized dynamic provider",
    name: "Evening Renewals",
    description: "Renewal calls to customers in New York after work.",
    contactLists,
    priority: 3,
    dialingMode: "Progressive",
    queueName: "Default Queue",
    dialingStrategy: {
      callerId: { phoneNumber: "+12125550100" },
      callingHours: { frequency: "WEEKLY", timezone: "America/New_York", days: ["MO", "TU", "WE", "TH", "FR"].map((day) => ({ day, start: "9:00 AM", end })) },
      dialingOrder: "FIFO",
      maxAttemptsPerRecord: 3,
      defaultRetryPeriod: 10,
      maxRingTime: 30,
    },
    started: false,
  };
}

const urn = (type: string, name: string) => `urn:pulumi:dev::kore-campaigns::${type}::${name}`;

function list(type: string, name: string, props: Record<string, unknown>): StackResource {
  return { type, name, urn: urn(type, name), props };
}

function campaign(type: string, props: Record<string, unknown>, listDeps: StackResource[] = []): StackResource {
  return { type, name: "evening", urn: urn(type, "evening"), props, propertyDependencies: { contactLists: listDeps } };
}

const NY_LIST = { name: "New York Renewals", description: "Customers in New York.", recipients: { regions: ["US-NY"] } };

describe("dynamic resources (pulumi-nodejs:dynamic/kore:...)", () => {
  test("a list created in the same preview (name unknown) gives its recipients to the campaign that depends on it", () => {
    const l = list("pulumi-nodejs:dynamic/kore:ContactList", "new-york", { __provider: "...", ...NY_LIST });
    const c = campaign("pulumi-nodejs:dynamic/kore:VoiceCampaign", campaignProps("9:30 PM", [UNKNOWN_STRING]), [l]);
    const [judged] = campaignsOf([l, c]);
    expect(judged.subject.campaign).toBe("Evening Renewals");
    expect(judged.subject.lists).toEqual([{ list: "New York Renewals", recipients: { regions: ["US-NY"] } }]);
    expect(judged.subject.definition).not.toHaveProperty("__provider");

    const violations = violationsOf([l, c], NOW);
    expect(violations.map((v) => [v.policy, v.urn])).toEqual([["us-federal-hours", urn("pulumi-nodejs:dynamic/kore:VoiceCampaign", "evening")]]);
    // Monday's window reaches 9:30 PM; the rule ends at 9 p.m. New York time: Mon 9:00 PM EST = Tue 02:00 UTC
    expect(violations[0].message).toContain('campaign "Evening Renewals" dials at Mon 2026-12-07 9:00 PM America/New_York (Tue 2026-12-08 02:00 UTC)');
    expect(violations[0].message).toMatch(/47 CFR § 64\.1200\(c\)\(1\)/);
    expect(violations[0].message).toMatch(/\[dialingStrategy\.callingHours\.days\[0\]\]$/);
  });

  test("a list named by its known name (no dependency recorded) counts too; the same hours until 8:30 PM give nothing", () => {
    const l = list("pulumi-nodejs:dynamic/kore:ContactList", "new-york", NY_LIST);
    expect(violationsOf([l, campaign("pulumi-nodejs:dynamic/kore:VoiceCampaign", campaignProps("9:30 PM", ["New York Renewals"]))], NOW).map((v) => v.policy)).toEqual(["us-federal-hours"]);
    expect(violationsOf([l, campaign("pulumi-nodejs:dynamic/kore:VoiceCampaign", campaignProps("8:30 PM", ["New York Renewals"]))], NOW)).toEqual([]);
  });

  test("a list the stack does not hold: its people were not checked, an advisory warning, never a pass in silence", () => {
    const c = campaign("pulumi-nodejs:dynamic/kore:VoiceCampaign", campaignProps("9:30 PM", ["Bought Elsewhere"]));
    expect(campaignsOf([c])[0].subject.lists).toEqual([{ list: "Bought Elsewhere" }]);
    const violations = violationsOf([c], NOW);
    expect(violations.map((v) => v.policy)).toEqual([WARNINGS_POLICY]);
    expect(violations[0].message).toMatch(/^recipients unknown: campaign "Evening Renewals"/);
  });
});

describe("native resources (kore:index:...)", () => {
  test("the campaign's own recipients win; a list of another campaign does not reach it", () => {
    const other = list("kore:index:ContactList", "london", { name: "London", recipients: { regions: ["GB"] } });
    const c = campaign("kore:index:VoiceCampaign", { ...campaignProps("9:30 PM", ["Bought Elsewhere"]), recipients: { regions: ["US-NY"] } });
    const [judged] = campaignsOf([other, c]);
    expect(judged.subject.recipients).toEqual({ regions: ["US-NY"] });
    expect(judged.subject.lists).toEqual([{ list: "Bought Elsewhere" }]);
    expect(violationsOf([other, c], NOW).map((v) => v.policy)).toEqual(["us-federal-hours"]);
  });

  test("resources of other packages are not judged", () => {
    const bucket = { type: "aws:s3/bucket:Bucket", name: "b", urn: urn("aws:s3/bucket:Bucket", "b"), props: { recipients: { regions: ["US-NY"] } } };
    expect(campaignsOf([bucket])).toEqual([]);
  });

  test("a kore type the pack does not know is an error, not silence", () => {
    const unknownType = { type: "kore:index:WhatsAppCampaign", name: "s", urn: urn("kore:index:WhatsAppCampaign", "s"), props: {} };
    expect(() => campaignsOf([unknownType])).toThrow(/kore:index:WhatsAppCampaign.*belongs to the kore package/);
  });
});

describe("SMS campaigns (pulumi-nodejs:dynamic/kore:SmsCampaign, kore:index:SmsCampaign)", () => {
  /** An SMS campaign's inputs: the SMS spec (no dialing mode, attempts or ring time), texting New York until `end`. */
  const smsProps = (end: string): Record<string, unknown> => ({
    __provider: "exports.handler = __f0; // serialized dynamic provider",
    name: "Evening Texts",
    description: "Renewal texts to customers in New York after work.",
    contactLists: ["New York Renewals"],
    priority: "3",
    format: "simple",
    message: { text: "Your plan renews soon." },
    dialingStrategy: { callerId: { phoneNumber: "+12125550100" }, callingHours: { frequency: "WEEKLY", timezone: "America/New_York", days: ["MO", "TU", "WE", "TH", "FR"].map((day) => ({ day, start: "9:00 AM", end })) } },
    started: false,
  });

  test.each(["pulumi-nodejs:dynamic/kore:SmsCampaign", "kore:index:SmsCampaign"])("%s is judged as an SMS campaign: texting until 9:30 PM breaks the federal hours, worded as texts", (type) => {
    const l = list("pulumi-nodejs:dynamic/kore:ContactList", "new-york", NY_LIST);
    const c = campaign(type, smsProps("9:30 PM"));
    expect(campaignsOf([l, c])[0].subject.channel).toBe("sms");
    const violations = violationsOf([l, c], NOW);
    expect(violations.map((v) => v.policy)).toEqual(["us-federal-hours"]);
    expect(violations[0].message).toContain('campaign "Evening Texts" texts at Mon 2026-12-07 9:00 PM America/New_York (Tue 2026-12-08 02:00 UTC)');
    expect(violationsOf([l, campaign(type, smsProps("8:30 PM"))], NOW)).toEqual([]);
  });

  test("a voice campaign's subject carries no channel (voice, as before)", () => {
    expect(campaignsOf([campaign("kore:index:VoiceCampaign", campaignProps("9:30 PM", ["Bought Elsewhere"]))])[0].subject).not.toHaveProperty("channel");
  });
});
