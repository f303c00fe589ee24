/**
 * provider/resources/sms-campaign/wire.ts: a definition becomes exactly the pages' sample request bodies,
 * and the pages' sample answers read back into definitions that compare equal to what was sent. The
 * samples are copied from the pages (tests/fixtures/sms-samples.ts); decoded texts were decoded by hand.
 */
import { decodeMessageText, encodeTemplateBody, fromWireSmsCampaign, smsUnobservedPaths, toSmsWireBody } from "../../../provider/resources/sms-campaign/wire";
import { validateSmsCampaign, type SmsCampaignDefinition } from "../../../provider/resources/sms-campaign/schema";
import {
  SMS_REQUEST_ADVANCED,
  SMS_REQUEST_SIMPLE,
  SMS_REQUEST_TEMPLATE,
  SMS_REQUEST_UPDATE,
  SMS_RESPONSE_CREATE_ADVANCED,
  SMS_RESPONSE_CREATE_SIMPLE,
  SMS_RESPONSE_CREATE_TEMPLATE,
  SMS_RESPONSE_DELETE,
  SMS_RESPONSE_GET,
  SMS_RESPONSE_LIST,
  SMS_RESPONSE_UPDATE,
  smsInputFromDocBody,
} from "../../fixtures/sms-samples";

function definitionOf(body: Record<string, unknown>): SmsCampaignDefinition {
  const result = validateSmsCampaign(smsInputFromDocBody(body));
  if (!result.ok) throw new Error(result.failures.map((f) => f.message).join("; "));
  const { started: _s, adoptExisting: _a, restartedAt: _r, recipients: _p, ...definition } = result.value;
  return definition as SmsCampaignDefinition;
}

describe("toSmsWireBody: the samples, exactly", () => {
  test("plain text: message {templateId: '', message} sent as typed", () => {
    expect(toSmsWireBody(definitionOf(SMS_REQUEST_SIMPLE), "create")).toEqual(SMS_REQUEST_SIMPLE);
  });

  test("a template by name: template_name and the body Base64 then URL-encoded, as the using-template sample sends it", () => {
    expect(toSmsWireBody(definitionOf(SMS_REQUEST_TEMPLATE), "create")).toEqual(SMS_REQUEST_TEMPLATE);
  });

  test("a template by id takes template_name's place", () => {
    const def = { ...definitionOf(SMS_REQUEST_TEMPLATE), message: { template: { id: "cmt-152aa8a4-81a6-591e-aff3-d5645dafxxxx" }, body: "Hi" } };
    expect(toSmsWireBody(def, "create").message).toEqual({ templateId: "cmt-152aa8a4-81a6-591e-aff3-d5645dafxxxx", message: "SGk%3D" });
  });

  test("advanced: experienceFlowName and no message; the update sample is the same body", () => {
    expect(toSmsWireBody(definitionOf(SMS_REQUEST_ADVANCED), "create")).toEqual(SMS_REQUEST_ADVANCED);
    expect(toSmsWireBody(definitionOf(SMS_REQUEST_UPDATE), "update")).toEqual(SMS_REQUEST_UPDATE);
  });

  test("create always sends isSchedulingEnabled false (the schedule call follows); update sends the definition's", () => {
    const def = { ...definitionOf(SMS_REQUEST_SIMPLE), schedule: { enabled: true as const, start: "2027-01-04 09:00:00", end: "2027-02-04 09:00:00", repeat: { every: 1, unit: "day" as const } } };
    expect(toSmsWireBody(def, "create").schedule).toEqual({ isSchedulingEnabled: false });
    expect(toSmsWireBody(def, "update").schedule).toEqual({ isSchedulingEnabled: true });
  });

  test("a field of the other format is never sent", () => {
    const simple = { ...definitionOf(SMS_REQUEST_SIMPLE), experienceFlowName: "Flow" };
    expect(toSmsWireBody(simple, "create")).not.toHaveProperty("experienceFlowName");
    const advanced = { ...definitionOf(SMS_REQUEST_ADVANCED), message: { text: "Hi" } };
    expect(toSmsWireBody(advanced, "create")).not.toHaveProperty("message");
  });
});

describe("fromWireSmsCampaign: the samples' answers", () => {
  test("the without-template answer (data._id) reads back as the definition sent", () => {
    const sent = definitionOf(SMS_REQUEST_SIMPLE);
    const { definition, observed } = fromWireSmsCampaign(SMS_RESPONSE_CREATE_SIMPLE, sent);
    expect(definition).toEqual(sent);
    expect(observed).toMatchObject({ id: "cd-b124b013-95bd-5ff2-ad90-01b8f4eexxxx", status: "Ready", lname: "event reminder sms campaign" });
  });

  test("the using-template answer shows the template's HTML and a templateId: the template and its body stand as sent", () => {
    const sent = definitionOf(SMS_REQUEST_TEMPLATE);
    const { definition, observed } = fromWireSmsCampaign(SMS_RESPONSE_CREATE_TEMPLATE, sent);
    expect(definition.message).toEqual(sent.message);
    expect(observed.templateId).toBe("cmt-152aa8a4-81a6-591e-aff3-d5645dafxxxx");
  });

  test("advanced: experienceFlow is the flow's cf- id, observed, never taken for its name", () => {
    const sent = definitionOf(SMS_REQUEST_ADVANCED);
    const { definition, observed } = fromWireSmsCampaign(SMS_RESPONSE_CREATE_ADVANCED, sent);
    expect(definition).toEqual(sent);
    expect(observed.experienceFlowId).toMatch(/^cf-/);
    expect(fromWireSmsCampaign(SMS_RESPONSE_GET).definition.experienceFlowName).toBeUndefined();
  });

  test("the get answer after the update sample shows its new description; the update answer's id is data._id", () => {
    const before = definitionOf(SMS_REQUEST_ADVANCED);
    const { definition, observed } = fromWireSmsCampaign(SMS_RESPONSE_GET, before);
    expect(definition).toEqual({ ...before, description: SMS_REQUEST_UPDATE.description });
    expect(observed.id).toBe("cd-3aefda80-f98e-5f4f-ad41-92803abbxxxx");
    expect(fromWireSmsCampaign(SMS_RESPONSE_UPDATE).observed.id).toBe("cd-3aefda80-f98e-5f4f-ad41-92803abbxxxx");
    expect(fromWireSmsCampaign(SMS_RESPONSE_DELETE).observed).toMatchObject({ id: "cd-3aefda80-f98e-5f4f-ad41-92803abbxxxx", status: "Stopped" });
  });

  test("list records carry id, and their Base64 + URL-encoded text reads as the text", () => {
    const records = SMS_RESPONSE_LIST.data.results as unknown as Array<Record<string, unknown>>;
    const plain = records.find((r) => r.name === "SMS From API - With No Template - 1")!;
    const { definition, observed } = fromWireSmsCampaign(plain);
    expect(definition.message).toEqual({ text: "Message for your targeted customer" });
    expect(observed.id).toBe("cd-5a830c4d-c8a4-5ee3-8e98-c219ea86xxxx");
    // the page redacted the end of this one ("...Lg%3xxxx"): not Base64, so it is kept as sent (a drift, not a guess)
    const redacted = records.find((r) => r.name === "SMS From API - With a Message Template - 1")!;
    expect(fromWireSmsCampaign(redacted).definition.message).toEqual({ text: (redacted.message as { message: string }).message });
  });

  test("the text last sent matches in each encoding a page shows; a different text is a drift", () => {
    const sent = definitionOf(SMS_REQUEST_SIMPLE);
    const text = "Hi, This is just reminder for upcoming event";
    for (const raw of [text, Buffer.from(text).toString("base64"), encodeURIComponent(Buffer.from(text).toString("base64"))]) {
      expect(fromWireSmsCampaign({ ...SMS_RESPONSE_CREATE_SIMPLE.data, message: { message: raw } }, sent).definition.message).toEqual({ text });
    }
    expect(fromWireSmsCampaign({ ...SMS_RESPONSE_CREATE_SIMPLE.data, message: { message: "Changed in the console" } }, sent).definition.message).toEqual({ text: "Changed in the console" });
  });

  test("format basic (the delete page) reads as simple", () => {
    expect(fromWireSmsCampaign({ ...SMS_RESPONSE_CREATE_SIMPLE.data, format: "basic" }).definition.format).toBe("simple");
  });
});

describe("decodeMessageText", () => {
  test("plain words that happen to be Base64-shaped are not decoded", () => {
    expect(decodeMessageText("Test")).toBeUndefined();
    expect(decodeMessageText("Hello there")).toBeUndefined();
    expect(decodeMessageText("SGk=")).toBe("Hi");
    expect(decodeMessageText("SGk%3D")).toBe("Hi");
    expect(encodeTemplateBody("Hi")).toBe("SGk%3D");
  });
});

describe("smsUnobservedPaths", () => {
  test("a simple campaign's every field is shown by the get answer", () => {
    expect(smsUnobservedPaths([SMS_RESPONSE_CREATE_SIMPLE], definitionOf(SMS_REQUEST_SIMPLE))).toEqual([]);
  });

  test("the flow's name and a template's body are never shown", () => {
    expect(smsUnobservedPaths([SMS_RESPONSE_GET], definitionOf(SMS_REQUEST_ADVANCED))).toEqual(["experienceFlowName"]);
    expect(smsUnobservedPaths([SMS_RESPONSE_CREATE_TEMPLATE], definitionOf(SMS_REQUEST_TEMPLATE))).toEqual(["message.body"]);
  });

  test("a list record shows no caller id or calling hours", () => {
    const record = (SMS_RESPONSE_LIST.data.results as unknown as Array<Record<string, unknown>>).find((r) => r.name === "SMS From API - With No Template - 1")!;
    expect(smsUnobservedPaths([record], definitionOf(SMS_REQUEST_SIMPLE))).toEqual(["dialingStrategy"]);
  });
});
