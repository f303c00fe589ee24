/**
 * provider/resources/sms-campaign/schema.ts: the SMS pages' sample bodies pass; every message, format and
 * flow rule refuses with its path, rule and value; the shared rules (name, lists, caller id, calling
 * hours, schedule, started) hold for SMS as they do for voice; unknown fields get the API-spelling hints.
 * Test data: the pages' sample request bodies (tests/fixtures/sms-samples.ts).
 */
import { validateSmsCampaign, type ValidationFailure } from "../../../provider/resources/sms-campaign/schema";
import { SMS_REQUEST_ADVANCED, SMS_REQUEST_SIMPLE, SMS_REQUEST_TEMPLATE, SMS_REQUEST_UPDATE, smsInputFromDocBody } from "../../fixtures/sms-samples";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const simple = () => smsInputFromDocBody(SMS_REQUEST_SIMPLE);
const template = () => smsInputFromDocBody(SMS_REQUEST_TEMPLATE);
const advanced = () => smsInputFromDocBody(SMS_REQUEST_ADVANCED);

function failuresOf(input: unknown, options?: { unknownValue?: unknown }): ValidationFailure[] {
  const result = validateSmsCampaign(input, options);
  if (result.ok) throw new Error(`expected failures, got ok: ${JSON.stringify(result.value)}`);
  return result.failures;
}
function valueOf(input: unknown) {
  const result = validateSmsCampaign(input);
  if (!result.ok) throw new Error(`expected ok, got: ${result.failures.map((f) => f.message).join("; ")}`);
  return result.value;
}
const messages = (input: unknown) => failuresOf(input).map((f) => f.message);

describe("the pages' samples", () => {
  test("the without-template sample is a simple campaign with its text, started false by default", () => {
    const value = valueOf(simple());
    expect(value.format).toBe("simple");
    expect(value.message).toEqual({ text: "Hi, This is just reminder for upcoming event" });
    expect(value.priority).toBe("5");
    expect(value.started).toBe(false);
    expect(value.schedule).toEqual({ enabled: false });
    expect(value.dialingStrategy.callingHours.days).toHaveLength(5);
  });

  test("the using-template sample is a template by name with its registered body", () => {
    expect(valueOf(template()).message).toEqual({
      template: { name: "Payment Reminder Template" },
      body: "This is a reminder that your payment is due soon. Please complete the payment on time to avoid any service interruption. Visit your account to pay now.",
    });
  });

  test("the advanced-format and update samples are advanced campaigns with a flow and no message", () => {
    for (const body of [SMS_REQUEST_ADVANCED, SMS_REQUEST_UPDATE]) {
      const value = valueOf(smsInputFromDocBody(body));
      expect(value.format).toBe("advanced");
      expect(value.experienceFlowName).toBe("SMS Support Flow");
      expect(value.message).toBeUndefined();
    }
  });

  test("format defaults to simple", () => {
    const { format: _f, ...rest } = simple();
    expect(valueOf(rest).format).toBe("simple");
  });
});

describe("message checks, before any call", () => {
  test.each([
    ["an empty message", { message: {} }, ["message.text: is required (or a template): an empty message is refused"]],
    ["text of only spaces", { message: { text: "   " } }, ['message.text: must be text of 1 to 1600 characters (UTF-16 units) (got "   ")']],
    ["text beside a template", { message: { text: "Hi", template: { name: "T" }, body: "B" } }, ['message.template: is not allowed beside text: send either your own text or a pre-approved template (got {"name":"T"})']],
    ["a template without its body", { message: { template: { name: "T" } } }, ["message.body: is required with a template: the API requires the template's registered body beside it"]],
    ["a body without a template", { message: { text: "Hi", body: "B" } }, ['message.body: is only allowed with a template (write your own message as text) (got "B")']],
    ["a template by name and id", { message: { template: { name: "T", id: "cmt-1" }, body: "B" } }, ['message.template.id: is not allowed beside name: name the template once (got "cmt-1")']],
    ["a template naming nothing", { message: { template: {}, body: "B" } }, ["message.template.name: is required (or id)"]],
    ["a simple campaign without a message", { message: undefined }, ["message: is required when format is simple"]],
    ["a simple campaign with a flow", { experienceFlowName: "Flow" }, ['experienceFlowName: is only allowed when format is advanced (got "Flow")']],
  ])("%s is refused", (_label, change, expected) => {
    expect(messages({ ...simple(), ...change })).toEqual(expected);
  });

  test("a text longer than 1600 characters is refused, quoting only a short excerpt of it", () => {
    const [failure] = failuresOf({ ...simple(), message: { text: "a".repeat(1601) } });
    expect(failure.message.startsWith('message.text: must be text of 1 to 1600 characters (UTF-16 units) (got "aaaa')).toBe(true);
    expect(failure.message.length).toBeLessThan(200);
  });

  test.each([["{{first_name}}"], ["{name}"], ["{ customer.name }"], ["${amount}"]])("a placeholder such as %s is refused, naming the token, not echoing the text", (token) => {
    const [failure] = failuresOf({ ...simple(), message: { text: `Dear ${token}, your bill is due` } });
    expect(failure.path).toBe("message.text");
    expect(failure.code).toBe("placeholder");
    expect(failure.message).toContain(`(found "${token}")`);
    expect(failure.message).not.toContain("your bill is due");
  });

  test("braces that are not a placeholder pass: a lone brace, a JSON-ish {1}, a template body with dynamic fields", () => {
    expect(valueOf({ ...simple(), message: { text: "Use code {1} or }{ at checkout" } }).message).toEqual({ text: "Use code {1} or }{ at checkout" });
    expect(valueOf({ ...simple(), message: { template: { id: "cmt-1" }, body: "Dear {{name}}" } }).message).toEqual({ template: { id: "cmt-1" }, body: "Dear {{name}}" });
  });

  test("advanced: the flow is required and a message refused", () => {
    const { experienceFlowName: _f, ...noFlow } = advanced();
    expect(messages(noFlow)).toEqual(["experienceFlowName: is required when format is advanced"]);
    expect(messages({ ...advanced(), message: { text: "Hi" } })).toEqual(['message: is only allowed when format is simple (got {"text":"Hi"})']);
  });

  test("format must be simple or advanced (the delete page's basic is not a format one writes)", () => {
    expect(messages({ ...simple(), format: "basic" })).toEqual(['format: must be one of simple, advanced (got "basic")']);
  });
});

describe("the rules SMS shares with voice", () => {
  test("every failure at once: name, lists, caller id, calling window order", () => {
    const input = simple();
    input.name = "x".repeat(49);
    input.contactLists = [];
    input.dialingStrategy.callerId.phoneNumber = "+91 98765 43210";
    input.dialingStrategy.callingHours.days[0] = { day: "MO", start: "6:00 PM", end: "9:00 AM" };
    expect(failuresOf(input).map((f) => f.path)).toEqual(
      expect.arrayContaining(["name", "contactLists", "dialingStrategy.callerId.phoneNumber", "dialingStrategy.callingHours.days[0].end"]),
    );
    expect(failuresOf(input)).toHaveLength(4);
  });

  test("voice-only dialing fields are unknown here, with the known keys named", () => {
    const input = simple();
    input.dialingStrategy.maxRingTime = 30;
    const [failure] = failuresOf(input);
    expect(failure).toMatchObject({ path: "dialingStrategy.maxRingTime", code: "unknown_field", knownKeys: ["callerId", "callingHours"] });
  });

  test("the API's spellings get a hint", () => {
    expect(messages({ ...simple(), campaignType: "sms" })).toEqual(['campaignType: is not a known field (leave it out (campaignType is always "sms" and is added for you))']);
    expect(messages({ ...simple(), message: { template_name: "T" } })[0]).toContain("write template: { name }");
  });

  test("started: true beside an enabled schedule is refused, as for voice", () => {
    const input = { ...simple(), started: true, schedule: { enabled: true, start: "2027-01-04 09:00:00", end: "2027-02-04 09:00:00", repeat: { every: 1, unit: "day" } } };
    expect(failuresOf(input).map((f) => f.path)).toEqual(["started"]);
  });
});

describe("preview values and hostile input", () => {
  test("a message not known yet passes, and its cross-field rules are skipped", () => {
    const result = validateSmsCampaign({ ...simple(), message: UNKNOWN }, { unknownValue: UNKNOWN });
    expect(result).toMatchObject({ ok: true, unknownPaths: ["message"] });
    expect(validateSmsCampaign({ ...simple(), message: { text: UNKNOWN } }, { unknownValue: UNKNOWN })).toMatchObject({ ok: true, unknownPaths: ["message.text"] });
  });

  test.each([[null], [42], ["x"], [[]], [{ __proto__: { name: "x" } }]])("never throws on %p", (input) => {
    expect(validateSmsCampaign(input).ok).toBe(false);
  });
});
