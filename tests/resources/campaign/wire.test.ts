/**
 * provider/resources/campaign/wire.ts: definition -> the documented request body, exactly; every documented answer shape ->
 * definition + observed facts; round trips. Test data: the docs' samples (tests/fixtures/).
 */
import { validateCampaign, type CampaignDefinition } from "../../../provider/resources/campaign/schema";
import { fromWireCampaign, toWireBody } from "../../../provider/resources/campaign/wire";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE, SAMPLE_UPDATE } from "../../fixtures/sample-bodies";
import {
  RESPONSE_CREATE_AGENTLESS,
  RESPONSE_CREATE_PREVIEW,
  RESPONSE_CREATE_PROGRESSIVE,
  RESPONSE_GET,
  RESPONSE_LIST,
  RESPONSE_UPDATE,
  inputFromDocBody,
} from "../../fixtures/doc-samples";

/** The definition a documented body validates to (started/adoptExisting split off). */
function definitionOf(input: unknown): CampaignDefinition {
  const result = validateCampaign(input);
  if (!result.ok) throw new Error(result.failures.map((f) => f.message).join("; "));
  const { started: _started, adoptExisting: _adopt, ...definition } = result.value;
  return definition;
}

const clone = <T>(v: T): T => structuredClone(v) as T;
const listRecord = (id: string) => clone(RESPONSE_LIST.data.results.find((r) => r._id === id)!) as Record<string, unknown>;

describe("toWireBody", () => {
  test.each([
    ["progressive", SAMPLE_PROGRESSIVE],
    ["preview", SAMPLE_PREVIEW],
    ["agentless", SAMPLE_AGENTLESS],
    ["update (preview)", SAMPLE_UPDATE],
  ])("the %s sample, validated, maps back to the documented body exactly (keys, values, key order)", (_name, body) => {
    const wire = toWireBody(definitionOf(inputFromDocBody(body)), "create");
    expect(wire).toEqual(body);
    expect(JSON.stringify(wire)).toBe(JSON.stringify(body));
  });

  test("loose input goes out in Kore's spellings and order", () => {
    const input = inputFromDocBody(SAMPLE_PROGRESSIVE);
    input.priority = 3;
    input.dialingStrategy.callingHours.timezone = "asia/kolkata";
    input.dialingStrategy.callingHours.days = [
      { day: "fr", start: "09:00 am", end: "18:00" },
      { day: "mo", start: "9am", end: "6 pm" },
    ];
    const wire = toWireBody(definitionOf(input), "create");
    expect(wire.priority).toBe("3");
    expect(wire.dialingStrategy.callingHours).toEqual({
      frequency: "WEEKLY",
      timezone: "Asia/Kolkata",
      days: [
        { day: "MO", start: "9:00 AM", end: "6:00 PM" },
        { day: "FR", start: "9:00 AM", end: "6:00 PM" },
      ],
    });
  });

  test("queueName is sent as queue_name; a field of another mode is never sent; no undefined keys", () => {
    const definition = { ...definitionOf(inputFromDocBody(SAMPLE_AGENTLESS)), queueName: "Stray", maxSkips: 2 };
    const wire = toWireBody(definition, "create");
    expect(Object.keys(wire)).not.toContain("queue_name");
    expect(Object.keys(wire)).not.toContain("maxSkips");
    expect(Object.keys(wire)).not.toContain("queueName");
    expect(Object.values(wire).includes(undefined as never)).toBe(false);
    expect(wire.experienceFlowName).toBe("Voice Survey Entry Flow");
  });

  test("the body shares no arrays or objects with the definition", () => {
    const definition = definitionOf(inputFromDocBody(SAMPLE_PROGRESSIVE));
    const wire = toWireBody(definition, "create");
    wire.contactLists.push("X");
    wire.dialingStrategy.callingHours.days[0].start = "1:00 AM";
    expect(definition.contactLists).toEqual(["Recent Buyers - Q2 2025"]);
    expect(definition.dialingStrategy.callingHours.days[0].start).toBe("9:00 AM");
  });
});

describe("fromWireCampaign: each documented answer", () => {
  const progressive = definitionOf(inputFromDocBody(SAMPLE_PROGRESSIVE));
  const preview = definitionOf(inputFromDocBody(SAMPLE_PREVIEW));
  const agentless = definitionOf(inputFromDocBody(SAMPLE_AGENTLESS));
  const updated = definitionOf(inputFromDocBody(SAMPLE_UPDATE));

  test("create (Progressive) data: the server's fields, queue_name and schedule from previous (not echoed)", () => {
    const { definition, observed } = fromWireCampaign(clone(RESPONSE_CREATE_PROGRESSIVE.data), progressive);
    expect(definition).toEqual(progressive);
    expect(observed).toEqual({
      id: "cd-26d3ec6-e1ec-4abd-a21c-3109795exxxx",
      status: "Preparing",
      lname: "service renewal outreach campaign",
      createdAt: "2025-06-26T10:44:10.322Z",
      updatedAt: "2025-06-26T10:44:10.322Z",
    });
  });

  test("create (Progressive) data without previous: only what the server says, no undefined keys", () => {
    const { definition } = fromWireCampaign(clone(RESPONSE_CREATE_PROGRESSIVE.data));
    expect(definition).not.toHaveProperty("queueName");
    expect(definition).not.toHaveProperty("schedule");
    expect(definition.dialingStrategy).toEqual(progressive.dialingStrategy);
    expect(JSON.stringify(definition)).not.toContain("undefined");
    expect(Object.values(definition).includes(undefined as never)).toBe(false);
  });

  test("create (Agentless) data: experienceFlow is the flow's id, the name comes from previous", () => {
    const { definition, observed } = fromWireCampaign(clone(RESPONSE_CREATE_AGENTLESS.data), agentless);
    expect(observed.experienceFlowId).toBe("cf-ecfa3927-eabc-52c4-8373-8a0b75d57955");
    expect(observed.id).toBe("cd-34696b5-94e3-4e6e-a40a-505ca005xxxx");
    expect(definition.experienceFlowName).toBe("Voice Survey Entry Flow");
    expect(definition).not.toHaveProperty("queueName");
    // the doc's answer shows another caller ID than its request: the definition reports what the server says
    expect(definition.dialingStrategy.callerId.phoneNumber).toBe("+15123456789");
    expect({ ...definition, dialingStrategy: { ...definition.dialingStrategy, callerId: agentless.dialingStrategy.callerId } }).toEqual(agentless);
  });

  test("create (Preview) answer, only an id: the envelope is unwrapped, its status is not the campaign's", () => {
    const { definition, observed } = fromWireCampaign(clone(RESPONSE_CREATE_PREVIEW) as Record<string, unknown>, preview);
    expect(observed).toEqual({ id: "cd-c806ae6-8e00-4131-ba20-bc072038xxxx" });
    expect(definition).toEqual(preview);
  });

  test("update data: maxSkips from the server, the schedule and queue_name from previous (the record's schedule flags are not read)", () => {
    const { definition, observed } = fromWireCampaign(clone(RESPONSE_UPDATE.data), updated);
    expect(observed).toEqual({
      id: "cd-dcebc67-d981-4469-b220-5a4ea567xxxx",
      status: "Ready",
      lname: "billing reminder voice campaign",
      createdAt: "2025-06-26T11:04:17.130Z",
      updatedAt: "2025-06-26T11:08:55.828Z",
    });
    expect(definition.schedule).toBe(updated.schedule);
    expect(definition.maxSkips).toBe(1);
    expect(definition.queueName).toBe("Default Queue");
    // the doc's answer shows +1123456789 where the request sent +18123456789
    expect(definition.dialingStrategy.callerId.phoneNumber).toBe("+1123456789");
  });

  test("the whole update answer (top-level id and data.id) reads the same as its data", () => {
    expect(fromWireCampaign(clone(RESPONSE_UPDATE) as Record<string, unknown>, updated)).toEqual(fromWireCampaign(clone(RESPONSE_UPDATE.data), updated));
  });

  test("get data: `_id`, and fields the answer lacks (dialingMode, dialingOrder, ...) from previous", () => {
    const { definition, observed } = fromWireCampaign(clone(RESPONSE_GET.data), agentless);
    expect(observed).toEqual({
      id: "cd-3aefda80-f98e-5f4f-ad41-92803abbxxxx",
      status: "Ready",
      lname: "interactive support sms campaign",
      experienceFlowId: "cf-67447605-115e-5dd2-a676-e158cf3bxxxx",
      createdAt: "2025-06-27T09:25:53.320Z",
      updatedAt: "2025-06-27T09:31:56.940Z",
    });
    expect(definition.name).toBe("Interactive Support SMS Campaign");
    expect(definition.contactLists).toEqual(["Renewal Due - May/June 2025"]);
    expect(definition.dialingMode).toBe("Agentless");
    expect(definition.dialingStrategy.callerId.phoneNumber).toBe("+919876543210");
    expect(definition.dialingStrategy.dialingOrder).toBe("FIFO");
    expect(definition.dialingStrategy.maxRingTime).toBe(30);
    expect(definition.experienceFlowName).toBe("Voice Survey Entry Flow");
  });

  test("list record (Preview): `_id`, `connection` is the queue name, campaignInstanceId observed", () => {
    const { definition, observed } = fromWireCampaign(listRecord("cd-0e0475b-a418-400d-9164-21eb7e89xxxx"), preview);
    expect(observed).toEqual({
      id: "cd-0e0475b-a418-400d-9164-21eb7e89xxxx",
      status: "Stopped",
      campaignInstanceId: "cid-7469a7a-d009-438c-94a1-d8620197xxxx",
      createdAt: "2025-06-26T06:05:50.301Z",
      updatedAt: "2025-06-26T16:05:24.326Z",
    });
    expect(definition.queueName).toBe("Default Queue");
    expect(definition.contactLists).toEqual(["APIContctList"]);
    expect(definition.dialingStrategy).toEqual(preview.dialingStrategy); // list records carry none
    expect(definition.maxSkips).toBe(1);
  });

  test("list record (Agentless): `connection` is the flow name, experienceFlow its id", () => {
    const { definition, observed } = fromWireCampaign(listRecord("cd-02099ba-dc11-4bb0-a7ea-253863c8xxxx"), agentless);
    expect(definition.experienceFlowName).toBe("Voice Flow 2");
    expect(definition).not.toHaveProperty("queueName");
    expect(observed.experienceFlowId).toBe("cf-95a7c0ef-a752-554f-8497-c1f61464xxxx");
  });

  test("list record (Progressive) without previous: queueName from connection", () => {
    const { definition } = fromWireCampaign(listRecord("cd-ece75d7-3261-4c1c-85b8-1ca2ae68xxxx"));
    expect(definition).toEqual({
      name: "Voice From API-With Progressive Dailing Mode- 2",
      description: "Voice From API - With Progressive Dailing Mode and Queue- 2",
      contactLists: ["APIContctList"],
      priority: "5",
      dialingMode: "Progressive",
      queueName: "Default Queue",
    }); // the record's schedule flags are not read: no schedule without a previous one
  });

  test("queue_name wins over connection", () => {
    const record = { ...listRecord("cd-ece75d7-3261-4c1c-85b8-1ca2ae68xxxx"), queue_name: "Sales Queue" };
    expect(fromWireCampaign(record).definition.queueName).toBe("Sales Queue");
  });

  test("a mode changed on the server drops the previous mode's fields", () => {
    const { definition } = fromWireCampaign(listRecord("cd-02099ba-dc11-4bb0-a7ea-253863c8xxxx"), progressive);
    expect(definition.dialingMode).toBe("Agentless");
    expect(definition).not.toHaveProperty("queueName");
    expect(definition.experienceFlowName).toBe("Voice Flow 2");
  });
});

describe("fromWireCampaign: the server's spellings are normalized like the schema's", () => {
  const sent = definitionOf(inputFromDocBody(SAMPLE_PROGRESSIVE));

  test("09:00 AM, lowercase days, another order, priority as a number: equal to what was sent", () => {
    const record: Record<string, any> = { ...clone(RESPONSE_CREATE_PROGRESSIVE.data), priority: 5 };
    record.dialingStrategy.callingHours.days = [
      { start: "09:00 AM", end: "06:00 PM", day: "fr" },
      { start: "09:00 am", end: "18:00", day: "TH" },
      { start: "9:00 AM", end: "6:00 PM", day: "WE" },
      { start: "09:00 AM", end: "06:00 PM", day: "tu" },
      { start: "9:00AM", end: "6:00PM", day: "MO" },
    ];
    record.dialingStrategy.callingHours.timezone = "asia/kolkata";
    expect(fromWireCampaign(record, sent).definition).toEqual(sent);
  });

  test("an undocumented value of the right kind is kept (so a drift shows), a wrong kind falls back", () => {
    const record: Record<string, any> = clone(RESPONSE_CREATE_PROGRESSIVE.data);
    record.dialingStrategy.dialingOrder = "RANDOM";
    record.dialingStrategy.maxRingTime = "forty";
    record.dialingStrategy.callingHours.days[0].start = "25 o'clock";
    const { definition } = fromWireCampaign(record, sent);
    expect(definition.dialingStrategy.dialingOrder).toBe("RANDOM");
    expect(definition.dialingStrategy.maxRingTime).toBe(30);
    expect(definition.dialingStrategy.callingHours.days.map((d) => d.start)).toContain("25 o'clock");
  });

  test.each<[string, unknown]>([
    ["an empty record", {}],
    ["null data", { data: null }],
    ["wrong types everywhere", { name: 1, contactLists: "x", priority: {}, dialingStrategy: [], schedule: "on", enableMachineDetect: "yes", id: 7 }],
    ["a list of non-windows", { dialingStrategy: { callingHours: { days: [1, null, "MO"] } } }],
  ])("%s: never throws, falls back to previous", (_name, record) => {
    const result = fromWireCampaign(record as Record<string, unknown>, sent);
    expect(result.definition).toEqual(sent);
    expect(typeof result.observed.id).toBe("string");
  });
});

describe("round trips", () => {
  test.each([
    ["progressive", SAMPLE_PROGRESSIVE],
    ["preview", SAMPLE_PREVIEW],
    ["agentless", SAMPLE_AGENTLESS],
    ["update (preview)", SAMPLE_UPDATE],
  ])("%s: fromWire(toWire(definition)) equals the definition, with no previous", (_name, body) => {
    const definition = definitionOf(inputFromDocBody(body));
    const wire = toWireBody(definition, "create") as unknown as Record<string, unknown>;
    const back = fromWireCampaign(wire).definition;
    const { schedule: _notReadBack, ...rest } = definition; // no documented call reads a schedule back (wire.ts)
    expect(back).toEqual(rest);
    expect(back).not.toHaveProperty("schedule");
    expect(toWireBody({ ...back, schedule: definition.schedule } as CampaignDefinition, "create")).toEqual(wire);
  });

  test("a definition read back validates to itself", () => {
    const definition = definitionOf(inputFromDocBody(SAMPLE_PREVIEW));
    const back = fromWireCampaign(clone(RESPONSE_UPDATE.data), definition).definition;
    expect(definitionOf(back)).toEqual(back);
  });
});
