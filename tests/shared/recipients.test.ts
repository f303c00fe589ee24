/**
 * recipients: {regions, timeZones} on a campaign and a contact list: one shape (shared/recipients.ts), its
 * failures naming the field, the rule and the value before any API call.
 */
import { validateCampaign } from "../../provider/resources/campaign/schema";
import { toWireBody } from "../../provider/resources/campaign/wire";
import { validateContactList } from "../../provider/resources/contact-list/schema";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

const { queue_name, campaignType: _t, ...sample } = SAMPLE_PROGRESSIVE as Record<string, unknown>;
const campaign = (recipients: unknown) => ({ ...sample, queueName: queue_name, recipients });

test("a campaign keeps valid recipients as given", () => {
  const result = validateCampaign(campaign({ regions: ["US-FL", "GB"], timeZones: ["America/New_York"] }));
  expect(result.ok && result.value.recipients).toEqual({ regions: ["US-FL", "GB"], timeZones: ["America/New_York"] });
});

test("a lower-case region, an unknown zone and an unknown key are refused, each with its path, rule and value", () => {
  const result = validateCampaign(campaign({ regions: ["us-fl"], timeZones: ["Mars/Olympus"], zones: [] }));
  expect(result.ok).toBe(false);
  const messages = result.ok ? [] : result.failures.map((f) => f.message);
  expect(messages).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^recipients\.regions\[0\]: must be an ISO 3166 region code: two capital letters \(GB, IN\), optionally a subdivision \(US-FL\) \(got "us-fl"\)/),
      expect.stringMatching(/^recipients\.timeZones\[0\]: must be an IANA time zone name this system knows, such as America\/New_York \(got "Mars\/Olympus"\)/),
      expect.stringMatching(/^recipients\.zones: is not a known field/),
    ]),
  );
});

test("a contact list, managed or external, takes the same shape", () => {
  const managed = validateContactList({ name: "L", description: "d", recipients: { regions: ["IN"] } });
  expect(managed.ok && managed.value.recipients).toEqual({ regions: ["IN"] });
  const external = validateContactList({ name: "L", external: true, recipients: { regions: ["IN"] } });
  expect(external.ok && external.value.recipients).toEqual({ regions: ["IN"] });
  const bad = validateContactList({ name: "L", description: "d", recipients: { regions: [] } });
  expect(bad.ok ? [] : bad.failures.map((f) => f.message)).toEqual([expect.stringMatching(/^recipients\.regions: must be a list of 1 to 100 region codes/)]);
});

test("the create and update bodies are built from the documented fields: recipients never reach Kore.ai, even if a definition carries them", () => {
  const result = validateCampaign(campaign({ regions: ["US-FL"] }));
  if (!result.ok) throw new Error("the sample must validate");
  for (const mode of ["create", "update"] as const) {
    const body = toWireBody(result.value, mode) as unknown as Record<string, unknown>;
    expect(body).not.toHaveProperty("recipients");
    expect(JSON.stringify(body)).not.toContain("US-FL");
    expect(body.name).toBe(sample.name);
  }
});
