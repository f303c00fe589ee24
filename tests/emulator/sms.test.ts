/**
 * SMS campaigns (issue 26, /work/wt/SMS-CONTRACT.md): create (simple: text, template by name, template by id;
 * advanced), get, update, delete, start/stop, list by type, the v2 schedule by name, one name namespace with voice
 * campaigns, and the choices the pages leave open (emulator/README.md "SMS campaigns").
 * Expected answers are copied from the SMS pages' samples in /work/shared/kore-api/.
 */
import { CAMPAIGN_ID_PATTERN, INSTANCE_ID_PATTERN } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, createCampaign, named, paths, SAMPLE_LIST, uniqueName, useEmulator, waitForStatus, type Body } from "./helpers";

/** The contact list every SMS page's sample names. */
const SMS_LIST = "Renewal Due - May/June 2025";

const DAYS = ["MO", "TU", "WE", "TH", "FR"].map((day) => ({ day, start: "9:00 AM", end: "6:00 PM" }));

/** create-sms-campaign-without-template.md's request body. */
const SAMPLE_SMS_TEXT: Body = {
  name: "Event Reminder SMS Campaign",
  description:
    "Sends a one-time message to remind users about an upcoming event. No template or personalization is used—just a plain, direct message.",
  contactLists: [SMS_LIST],
  campaignType: "sms",
  priority: "5",
  format: "simple",
  message: { templateId: "", message: "Hi, This is just reminder for upcoming event" },
  dialingStrategy: { callerId: { phoneNumber: "+919876543210" }, callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: DAYS } },
  schedule: { isSchedulingEnabled: false },
};

/** create-sms-campaign-using-template.md's Base64 + URL-encoded text (sent, but the provider does not send one). */
const TEMPLATE_TEXT =
  "VGhpcyBpcyBhIHJlbWluZGVyIHRoYXQgeW91ciBwYXltZW50IGlzIGR1ZSBzb29uLiBQbGVhc2UgY29tcGxldGUgdGhlIHBheW1lbnQgb24gdGltZSB0byBhdm9pZCBhbnkgc2VydmljZSBpbnRlcnJ1cHRpb24uIFZpc2l0IHlvdXIgYWNjb3VudCB0byBwYXkgbm93Lg%3D%3D";

/** create-sms-campaign-advanced-format.md's request body. */
const SAMPLE_SMS_ADVANCED: Body = {
  name: "Interactive Support SMS Campaign",
  description:
    "This campaign sends an SMS with a link or instructions to interact with a Kore.ai bot. Customers can check order status, raise tickets, or get help—all via chat-enabled SMS.",
  contactLists: [SMS_LIST],
  priority: "5",
  format: "advanced",
  campaignType: "sms",
  dialingStrategy: { callerId: { phoneNumber: "+919876543210" }, callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: DAYS } },
  schedule: { isSchedulingEnabled: false },
  experienceFlowName: "SMS Support Flow",
};

const CF_ID = /^cf-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

function smsPaths(appId: string) {
  const base = `/agentassist/api/v1/public/${appId}/campaign`;
  return {
    create: `${base}?campaignType=sms`,
    update: (id: string) => `${base}/${id}?campaignType=sms`,
    remove: (id: string) => `${base}/${id}?campaignType=sms`,
    play: (id: string) => `/campaign/api/v1/public/${appId}/campaign/${id}?campaignType=sms&trigger=play`,
    stop: (id: string) => `/campaign/api/v1/public/${appId}/campaign/${id}?campaignType=sms&trigger=stop`,
    schedule: (name: string, enable: boolean) =>
      `/campaign/api/v2/public/${appId}/campaign/schedule?enableSchedule=${enable}&campaignName=${encodeURIComponent(name)}`,
  };
}

const emulator = useEmulator({ contactLists: [SAMPLE_LIST, SMS_LIST] });
const api = () => paths(emulator().credentials.appId);
const sms = () => smsPaths(emulator().credentials.appId);

const createSms = (body: Body) => call(emulator(), "POST", sms().create, { body });

async function smsCampaign(sample: Body = SAMPLE_SMS_TEXT, name = uniqueName("Sms")): Promise<{ id: string; name: string }> {
  const reply = await createSms(named(sample, name));
  if (reply.status !== 200) throw new Error(`SMS create failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return { id: reply.body.data._id as string, name };
}

describe("create", () => {
  test("without a template: answers the without-template sample (data._id, Ready, message as sent without the empty templateId)", async () => {
    const reply = await createSms(SAMPLE_SMS_TEXT);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: "success",
      message: "Campaign Event Reminder SMS Campaign creation in progress",
      data: {
        _id: expect.stringMatching(CAMPAIGN_ID_PATTERN),
        name: "Event Reminder SMS Campaign",
        lname: "event reminder sms campaign",
        description:
          "Sends a one-time message to remind users about an upcoming event. No template or personalization is used—just a plain, direct message.",
        status: "Ready",
        priority: "5",
        dialingStrategy: {
          callerId: { phoneNumber: "+919876543210" },
          callingHours: {
            frequency: "WEEKLY",
            timezone: "Asia/Kolkata",
            days: [
              { day: "MO", start: "9:00 AM", end: "6:00 PM" },
              { day: "TU", start: "9:00 AM", end: "6:00 PM" },
              { day: "WE", start: "9:00 AM", end: "6:00 PM" },
              { day: "TH", start: "9:00 AM", end: "6:00 PM" },
              { day: "FR", start: "9:00 AM", end: "6:00 PM" },
            ],
          },
        },
        message: { message: "Hi, This is just reminder for upcoming event" },
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
        schedule: { isSchedulingEnabled: false },
        contactLists: ["Renewal Due - May/June 2025"],
        enableMachineDetect: false,
        format: "simple",
      },
    });
    const stored = emulator().campaign(reply.body.data._id)!;
    expect(stored).toMatchObject({ campaignType: "sms", format: "simple", status: "Ready" });
    expect(stored).not.toHaveProperty("dialingMode");
  });

  test("with a template by name: template_name and the (Base64, URL-encoded) text come back exactly as sent", async () => {
    const body = { ...named(SAMPLE_SMS_TEXT, uniqueName("Template Name")), message: { template_name: "Payment Reminder Template", message: TEMPLATE_TEXT } };
    const reply = await createSms(body);
    expect(reply.status).toBe(200);
    expect(reply.body.data.message).toEqual({ template_name: "Payment Reminder Template", message: TEMPLATE_TEXT });
  });

  test("with a template by name alone (what the provider sends), and with a template id alone", async () => {
    const byName = await createSms({ ...named(SAMPLE_SMS_TEXT, uniqueName("By Name")), message: { template_name: "Payment Reminder Template" } });
    expect(byName.status).toBe(200);
    expect(byName.body.data.message).toEqual({ template_name: "Payment Reminder Template" });
    const byId = await createSms({ ...named(SAMPLE_SMS_TEXT, uniqueName("By Id")), message: { templateId: "cmt-152aa8a4-81a6-591e-aff3-d5645daf0000" } });
    expect(byId.status).toBe(200);
    expect(byId.body.data.message).toEqual({ templateId: "cmt-152aa8a4-81a6-591e-aff3-d5645daf0000" });
  });

  test("advanced: answers the advanced-format sample, experienceFlowName as a cf- id and no message", async () => {
    const reply = await createSms(SAMPLE_SMS_ADVANCED);
    expect(reply.status).toBe(200);
    expect(reply.body.message).toBe("Campaign Interactive Support SMS Campaign creation in progress");
    expect(reply.body.data).toEqual({
      _id: expect.stringMatching(CAMPAIGN_ID_PATTERN),
      name: "Interactive Support SMS Campaign",
      lname: "interactive support sms campaign",
      description:
        "This campaign sends an SMS with a link or instructions to interact with a Kore.ai bot. Customers can check order status, raise tickets, or get help—all via chat-enabled SMS.",
      status: "Ready",
      priority: "5",
      dialingStrategy: {
        callerId: { phoneNumber: "+919876543210" },
        callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: DAYS },
      },
      experienceFlow: expect.stringMatching(CF_ID),
      createdAt: expect.stringMatching(ISO),
      updatedAt: expect.stringMatching(ISO),
      schedule: { isSchedulingEnabled: false },
      contactLists: ["Renewal Due - May/June 2025"],
      enableMachineDetect: false,
      format: "advanced",
    });
    // one flow name, one id
    const again = await smsCampaign(SAMPLE_SMS_ADVANCED);
    expect(emulator().campaign(again.id)!.experienceFlow).toBe(reply.body.data.experienceFlow);
  });

  test("voice-only fields and experienceFlowName on a simple campaign are ignored and not stored", async () => {
    const body = {
      ...named(SAMPLE_SMS_TEXT, uniqueName("Extras")),
      dialingMode: "Progressive",
      queue_name: "Default Queue",
      enableMachineDetect: true,
      experienceFlowName: "SMS Support Flow",
      dialingStrategy: { ...(SAMPLE_SMS_TEXT.dialingStrategy as Body), dialingOrder: "FIFO", maxRingTime: 30 },
    };
    const reply = await createSms(body);
    expect(reply.status).toBe(200);
    const stored = emulator().campaign(reply.body.data._id)!;
    for (const key of ["dialingMode", "queue_name", "experienceFlowName", "experienceFlow"]) expect(stored).not.toHaveProperty(key);
    expect(stored.enableMachineDetect).toBe(false);
    expect(Object.keys(stored.dialingStrategy).sort()).toEqual(["callerId", "callingHours"]);
  });

  type Case = [string, Body, (b: any) => void, string];
  const cases: Case[] = [
    ["name of 49 characters", SAMPLE_SMS_TEXT, (b) => (b.name = "x".repeat(49)), "name must be between 1 and 48 characters (got 49)"],
    ["empty description", SAMPLE_SMS_TEXT, (b) => (b.description = ""), "description must not be empty"],
    ["description of 257 characters", SAMPLE_SMS_TEXT, (b) => (b.description = "d".repeat(257)), "description must be between 1 and 256 characters (got 257)"],
    ["no contact lists", SAMPLE_SMS_TEXT, (b) => (b.contactLists = []), "contactLists must be a non-empty array of contact list names (got [])"],
    ["priority as a number", SAMPLE_SMS_TEXT, (b) => (b.priority = 5), "priority must be one of 1, 2, 3, 4, 5 (got 5)"],
    ["priority 6", SAMPLE_SMS_TEXT, (b) => (b.priority = "6"), 'priority must be one of 1, 2, 3, 4, 5 (got "6")'],
    ["format basic (delete-sms-campaign's table)", SAMPLE_SMS_TEXT, (b) => (b.format = "basic"), 'format must be one of simple, advanced (got "basic")'],
    ["no format", SAMPLE_SMS_TEXT, (b) => delete b.format, "format is required"],
    ["simple without message", SAMPLE_SMS_TEXT, (b) => delete b.message, "message is required"],
    [
      "simple with only an empty templateId",
      SAMPLE_SMS_TEXT,
      (b) => (b.message = { templateId: "" }),
      'message must have a text (message.message), a template_name or a templateId when format is simple (got {"templateId":""})',
    ],
    ["a text that is not a string", SAMPLE_SMS_TEXT, (b) => (b.message = { message: 42 }), "message.message must be a string (got 42)"],
    ["advanced without experienceFlowName", SAMPLE_SMS_ADVANCED, (b) => delete b.experienceFlowName, "experienceFlowName is required when format is advanced"],
    [
      "advanced with a message",
      SAMPLE_SMS_ADVANCED,
      (b) => (b.message = { message: "hello" }),
      "message must not be sent when format is advanced (the experience flow is the content)",
    ],
    [
      "callerId without the plus",
      SAMPLE_SMS_TEXT,
      (b) => (b.dialingStrategy.callerId.phoneNumber = "919876543210"),
      'dialingStrategy.callerId.phoneNumber must be an E.164 number like "+919876543210" (got "919876543210")',
    ],
    [
      "callerId starting with +0",
      SAMPLE_SMS_TEXT,
      (b) => (b.dialingStrategy.callerId.phoneNumber = "+0123456"),
      'dialingStrategy.callerId.phoneNumber must be an E.164 number like "+919876543210" (got "+0123456")',
    ],
    [
      "callerId of 16 digits",
      SAMPLE_SMS_TEXT,
      (b) => (b.dialingStrategy.callerId.phoneNumber = "+1234567890123456"),
      'dialingStrategy.callerId.phoneNumber must be an E.164 number like "+919876543210" (got "+1234567890123456")',
    ],
    [
      "a day MON",
      SAMPLE_SMS_TEXT,
      (b) => (b.dialingStrategy.callingHours.days[0].day = "MON"),
      'dialingStrategy.callingHours.days[0].day must be one of MO, TU, WE, TH, FR, SA, SU (got "MON")',
    ],
    [
      "a time 09:00 AM",
      SAMPLE_SMS_TEXT,
      (b) => (b.dialingStrategy.callingHours.days[1].start = "09:00 AM"),
      'dialingStrategy.callingHours.days[1].start must be a time like "9:00 AM" (h:mm AM/PM, hour 1-12 without a leading zero) (got "09:00 AM")',
    ],
    [
      "frequency MONTHLY",
      SAMPLE_SMS_TEXT,
      (b) => (b.dialingStrategy.callingHours.frequency = "MONTHLY"),
      'dialingStrategy.callingHours.frequency must be one of WEEKLY, DAILY, CUSTOM (got "MONTHLY")',
    ],
    ["no timezone", SAMPLE_SMS_TEXT, (b) => delete b.dialingStrategy.callingHours.timezone, "dialingStrategy.callingHours.timezone is required"],
    ["body campaignType voice", SAMPLE_SMS_TEXT, (b) => (b.campaignType = "voice"), 'campaignType must be one of sms (got "voice")'],
    ["schedule flag as a string", SAMPLE_SMS_TEXT, (b) => (b.schedule = { isSchedulingEnabled: "no" }), 'schedule.isSchedulingEnabled must be a boolean, true or false (got "no")'],
  ];

  test.each(cases)("%s -> 400 naming the field; nothing is stored", async (_label, sample, change, msg) => {
    const body = named(sample, uniqueName("Bad Sms"));
    change(body);
    const before = emulator().campaigns().length;
    const reply = await createSms(body);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ errors: [{ msg, code: 400 }] });
    expect(emulator().campaigns()).toHaveLength(before);
  });

  test("the delete page's caller id (+91987654321, a digit short) is still E.164 and accepted", async () => {
    const body = named(SAMPLE_SMS_TEXT, uniqueName("Short Caller"));
    (body.dialingStrategy as any).callerId.phoneNumber = "+91987654321";
    expect((await createSms(body)).status).toBe(200);
  });

  test("a contact list the app does not have is refused 400, as for voice", async () => {
    const reply = await createSms({ ...named(SAMPLE_SMS_TEXT, uniqueName("No List")), contactLists: [SMS_LIST, "APIContctList"] });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ errors: [{ msg: 'contactLists[1] "APIContctList" is not a contact list in this app', code: 400 }] });
  });
});

describe("get", () => {
  test("answers the get-sms-campaign-by-id sample's shape (after an update: both schedule flags)", async () => {
    const { id, name } = await smsCampaign(SAMPLE_SMS_ADVANCED);
    const put = await call(emulator(), "PUT", sms().update(id), { body: { ...named(SAMPLE_SMS_ADVANCED, name), description: "Updated: it changed" } });
    expect(put.status).toBe(200);
    const reply = await call(emulator(), "GET", api().get(id));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: "success",
      message: `Campaign ${name} retrieved successfully`,
      data: {
        _id: id,
        name,
        lname: name.toLowerCase(),
        description: "Updated: it changed",
        status: "Ready",
        priority: "5",
        dialingStrategy: { callerId: { phoneNumber: "+919876543210" }, callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: DAYS } },
        experienceFlow: expect.stringMatching(CF_ID),
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
        schedule: { isSchedulingEnabled: false, isRecurrenceEnabled: false },
        contactLists: ["Renewal Due - May/June 2025"],
        enableMachineDetect: false,
        format: "advanced",
      },
    });
  });

  test("a simple campaign comes back with its message; campaignInstanceId once started", async () => {
    const { id } = await smsCampaign();
    const before = (await call(emulator(), "GET", api().get(id))).body.data;
    expect(before.message).toEqual({ message: "Hi, This is just reminder for upcoming event" });
    expect(before).not.toHaveProperty("campaignInstanceId");
    expect(before).not.toHaveProperty("experienceFlow");
    await call(emulator(), "POST", sms().play(id), { body: {} });
    const after = (await call(emulator(), "GET", api().get(id))).body.data;
    expect(after.status).toBe("Active");
    expect(after.campaignInstanceId).toMatch(INSTANCE_ID_PATTERN);
  });

  test("the status call works for an SMS campaign", async () => {
    const { id, name } = await smsCampaign();
    expect((await call(emulator(), "POST", api().status(id))).body).toEqual({ status: "success", data: { id, status: "Ready", name } });
  });
});

describe("update", () => {
  test("answers {status, message, data:{..., _id}} with no top-level id (update-sms-campaign.md)", async () => {
    const { id, name } = await smsCampaign(SAMPLE_SMS_ADVANCED);
    const body = { ...named(SAMPLE_SMS_ADVANCED, name), priority: "3", experienceFlowName: "Another Flow" };
    const reply = await call(emulator(), "PUT", sms().update(id), { body });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(["data", "message", "status"]);
    expect(reply.body.status).toBe("success");
    expect(reply.body.message).toBe(`Campaign ${name} details updated successfully`);
    expect(reply.body.data).toMatchObject({ _id: id, name, priority: "3", format: "advanced", schedule: { isSchedulingEnabled: false, isRecurrenceEnabled: false } });
    expect(reply.body.data).not.toHaveProperty("id");
    expect(reply.body.data.experienceFlow).toMatch(CF_ID);
    expect(emulator().campaign(id)).toMatchObject({ experienceFlowName: "Another Flow", priority: "3", campaignType: "sms" });
  });

  test("a change of format drops the other format's fields and keeps the status and instance", async () => {
    const { id, name } = await smsCampaign(SAMPLE_SMS_ADVANCED);
    const started = await call(emulator(), "POST", sms().play(id), { body: {} });
    expect(started.status).toBe(200);
    const instance = emulator().campaign(id)!.campaignInstanceId;
    const reply = await call(emulator(), "PUT", sms().update(id), { body: named(SAMPLE_SMS_TEXT, name) });
    expect(reply.status).toBe(200);
    expect(reply.body.data).toMatchObject({ format: "simple", message: { message: "Hi, This is just reminder for upcoming event" }, status: "Active" });
    expect(reply.body.data.campaignInstanceId).toBe(instance);
    const stored = emulator().campaign(id)!;
    expect(stored).not.toHaveProperty("experienceFlow");
    expect(stored).not.toHaveProperty("experienceFlowName");
  });

  test("the SMS body rules apply to a PUT; nothing changes on a refusal", async () => {
    const { id, name } = await smsCampaign();
    const reply = await call(emulator(), "PUT", sms().update(id), { body: { ...named(SAMPLE_SMS_TEXT, name), format: "advanced" } });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { msg: string }) => e.msg)).toEqual([
      "message must not be sent when format is advanced (the experience flow is the content)",
      "experienceFlowName is required when format is advanced",
    ]);
    expect(emulator().campaign(id)!.format).toBe("simple");
  });
});

describe("delete", () => {
  test("answers the delete sample's shape (format, campaignInstanceId, no enableMachineDetect) and the campaign is gone", async () => {
    const { id, name } = await smsCampaign(SAMPLE_SMS_ADVANCED);
    await call(emulator(), "POST", sms().play(id), { body: {} });
    await call(emulator(), "POST", sms().stop(id), { body: {} });
    const instance = emulator().campaign(id)!.campaignInstanceId;
    const reply = await call(emulator(), "DELETE", sms().remove(id));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: "success",
      message: `Campaign ${name} deleted successfully`,
      data: {
        _id: id,
        name,
        lname: name.toLowerCase(),
        description: SAMPLE_SMS_ADVANCED.description,
        priority: "5",
        format: "advanced",
        dialingStrategy: { callerId: { phoneNumber: "+919876543210" }, callingHours: { frequency: "WEEKLY", timezone: "Asia/Kolkata", days: DAYS } },
        experienceFlow: expect.stringMatching(CF_ID),
        status: "Stopped",
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
        schedule: { isSchedulingEnabled: false, isRecurrenceEnabled: false },
        campaignInstanceId: instance,
        contactLists: ["Renewal Due - May/June 2025"],
      },
    });
    expect((await call(emulator(), "GET", api().get(id))).status).toBe(404);
  });

  test("an Active SMS campaign is refused 409 'stop it first', as a voice one", async () => {
    const { id } = await smsCampaign();
    await call(emulator(), "POST", sms().play(id), { body: {} });
    const reply = await call(emulator(), "DELETE", sms().remove(id));
    expect(reply.status).toBe(409);
    expect(reply.body.errors[0].msg).toContain("stop it first");
  });
});

describe("start and stop", () => {
  test("start answers the start-sms sample (no campaignInstanceId); stop the stop-sms sample (campaignExecutionType)", async () => {
    const { id } = await smsCampaign();
    const started = await call(emulator(), "POST", sms().play(id), { body: {} });
    expect(started.status).toBe(200);
    expect(started.body).toEqual({ status: "Active", message: "Campaign Started", updatedAt: expect.stringMatching(ISO) });
    expect(emulator().campaign(id)!.campaignInstanceId).toMatch(INSTANCE_ID_PATTERN);
    const stopped = await call(emulator(), "POST", sms().stop(id), { body: {} });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toEqual({ status: "Stopped", message: "Campaign Stopped", updatedAt: expect.stringMatching(ISO), campaignExecutionType: "NORMAL" });
    expect(emulator().campaign(id)!.status).toBe("Stopped");
  });

  test("the lifecycle rules are the voice ones: play while Active 409, stop while Ready 409", async () => {
    const { id } = await smsCampaign();
    expect((await call(emulator(), "POST", sms().stop(id))).status).toBe(409);
    await call(emulator(), "POST", sms().play(id));
    const again = await call(emulator(), "POST", sms().play(id));
    expect(again.status).toBe(409);
    expect(again.body.errors[0].msg).toContain("already Active");
  });
});

describe("a campaignType that is not the campaign's own", () => {
  test.each(["PUT", "DELETE", "play", "stop"] as const)("%s with campaignType=voice on an SMS campaign -> 400, nothing changed", async (op) => {
    const { id, name } = await smsCampaign();
    if (op === "stop") await call(emulator(), "POST", sms().play(id));
    const before = emulator().campaign(id)!;
    const reply =
      op === "PUT"
        ? await call(emulator(), "PUT", api().update(id), { body: named(SAMPLE_PROGRESSIVE, name) })
        : op === "DELETE"
          ? await call(emulator(), "DELETE", api().remove(id))
          : await call(emulator(), "POST", op === "play" ? api().play(id) : api().stop(id));
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      errors: [{ msg: `campaignType query parameter is "voice", but campaign ${id} is an SMS campaign (send campaignType=sms)`, code: 400 }],
    });
    expect(emulator().campaign(id)).toEqual(before);
  });

  test("campaignType=sms on a voice campaign -> 400 naming the voice type", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, uniqueName("Voice Mismatch")));
    await waitForStatus(emulator(), id, "Ready");
    for (const reply of [
      await call(emulator(), "POST", sms().play(id)),
      await call(emulator(), "DELETE", sms().remove(id)),
      await call(emulator(), "PUT", sms().update(id), { body: named(SAMPLE_SMS_TEXT, "Voice Mismatch Renamed") }),
    ]) {
      expect(reply.status).toBe(400);
      expect(reply.body.errors[0].msg).toBe(`campaignType query parameter is "sms", but campaign ${id} is a voice campaign (send campaignType=voice)`);
    }
    expect(emulator().campaign(id)).toMatchObject({ status: "Ready", campaignType: "voice" });
  });
});

describe("one name namespace for voice and SMS campaigns", () => {
  test("an SMS create with a voice campaign's name (other case) is refused 409, and the other way round", async () => {
    const voiceName = uniqueName("Shared Name");
    const voiceId = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, voiceName));
    const smsReply = await createSms(named(SAMPLE_SMS_TEXT, voiceName.toUpperCase()));
    expect(smsReply.status).toBe(409);
    expect(smsReply.body.errors[0].msg).toBe(`A campaign named "${voiceName}" already exists (id ${voiceId})`);
    const { id: smsId, name: smsName } = await smsCampaign();
    const voiceReply = await call(emulator(), "POST", api().create, { body: named(SAMPLE_PROGRESSIVE, smsName.toLowerCase()) });
    expect(voiceReply.status).toBe(409);
    expect(voiceReply.body.errors[0].msg).toBe(`A campaign named "${smsName}" already exists (id ${smsId})`);
  });

  test("renaming an SMS campaign onto a voice campaign's name by PUT is refused 409", async () => {
    const voiceName = uniqueName("Taken By Voice");
    await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, voiceName));
    const { id } = await smsCampaign();
    const reply = await call(emulator(), "PUT", sms().update(id), { body: named(SAMPLE_SMS_TEXT, voiceName) });
    expect(reply.status).toBe(409);
  });
});

describe("the v2 schedule by campaignName", () => {
  afterEach(() => emulator().clock.set(Date.now()));

  test("enables and disables an SMS campaign's schedule, with the answers voice gets", async () => {
    const { id, name } = await smsCampaign();
    const body = {
      startDateTime: "2027-01-04 09:00:00",
      endDateTime: "2027-01-29 18:00:00",
      recurrenceObject: { recurType: "Daily", dailyDetails: { onceEveryNdays: 1 } },
    };
    const enabled = await call(emulator(), "POST", sms().schedule(name, true), { body });
    expect(enabled.status).toBe(200);
    expect(enabled.body).toEqual({ status: "success", message: `Campaign ${name} scheduled successfully`, id });
    expect(emulator().campaign(id)).toMatchObject({ status: "Scheduled", schedule: { isSchedulingEnabled: true, isRecurrenceEnabled: true } });
    const disabled = await call(emulator(), "POST", sms().schedule(name, false), { body: {} });
    expect(disabled.body).toEqual({ status: "success", message: `Campaign ${name} schedule has been disabled successfully`, id });
    expect(emulator().campaign(id)).toMatchObject({ status: "Ready", schedule: { isSchedulingEnabled: false, isRecurrenceEnabled: false } });
    // enabled again, the clock starts it
    expect((await call(emulator(), "POST", sms().schedule(name.toUpperCase(), true), { body })).status).toBe(200);
    emulator().clock.set(Date.UTC(2027, 0, 4, 9, 0, 0));
    expect(emulator().campaign(id)!.status).toBe("Active");
  });
});

describe("contact lists and test hooks", () => {
  test("an SMS campaign counts as using its contact lists (a delete of the list is refused 409)", async () => {
    const { id } = await smsCampaign();
    const list = emulator().contactLists().find((l) => l.name === SMS_LIST)!;
    expect(list.campaignInUse).toContain(id);
    const reply = await call(emulator(), "DELETE", api().contactList(list.id));
    expect(reply.status).toBe(409);
  });

  test("insert() takes an SMS body by the SMS rules", () => {
    const inserted = emulator().insert(named(SAMPLE_SMS_ADVANCED, uniqueName("Inserted Sms")));
    expect(inserted).toMatchObject({ campaignType: "sms", format: "advanced", experienceFlowName: "SMS Support Flow", status: "Ready" });
    expect(() => emulator().insert({ ...named(SAMPLE_SMS_TEXT, uniqueName("Inserted Bad")), format: "basic" })).toThrow(/format must be one of simple, advanced/);
  });
});

describe("list by type (an emulator of its own, for exact counts)", () => {
  const own = useEmulator({ contactLists: [SAMPLE_LIST, SMS_LIST] });
  const listed = (body: Body) => call(own(), "POST", paths(own().credentials.appId).list, { body });
  const ids: { voice: string[]; sms: string[] } = { voice: [], sms: [] };

  beforeAll(async () => {
    const p = smsPaths(own().credentials.appId);
    for (const [i, sample] of [SAMPLE_SMS_TEXT, SAMPLE_SMS_ADVANCED].entries()) {
      const reply = await call(own(), "POST", p.create, { body: named(sample, `Listed Sms ${i}`) });
      ids.sms.push(reply.body.data._id);
    }
    ids.voice.push(await createCampaign(own(), named(SAMPLE_PROGRESSIVE, "Listed Voice")));
  });

  test("type sms: only the SMS campaigns, newest first, shaped like get-all-sms-campaigns (records carry id)", async () => {
    const reply = await listed({ limit: 100, skip: 0, page: 1, type: "sms" });
    expect(reply.status).toBe(200);
    expect(reply.body.message).toBe("Campaign  retrieved successfully");
    const { results, ...paging } = reply.body.data;
    expect(paging).toEqual({ skip: 0, limit: 100, hasMore: false, totalPages: 1, totalResults: 2 });
    expect(results.map((r: Body) => r.id)).toEqual([ids.sms[1], ids.sms[0]]);
    const stored = own().campaign(ids.sms[1])!;
    expect(results[0]).toEqual({
      name: "Listed Sms 1",
      description: SAMPLE_SMS_ADVANCED.description,
      status: "Ready",
      priority: "5",
      experienceFlow: expect.stringMatching(CF_ID),
      createdAt: stored.createdAt,
      updatedAt: stored.updatedAt,
      schedule: { isSchedulingEnabled: false },
      id: ids.sms[1],
      totalMessagesSent: 0,
      campaignInstanceUpdatedAt: stored.createdAt,
      campaignExecutionType: "NORMAL",
      contactLists: ["Renewal Due - May/June 2025"],
      format: "advanced",
    });
    expect(results[1]).toMatchObject({ id: ids.sms[0], message: { message: "Hi, This is just reminder for upcoming event" }, format: "simple" });
    expect(results[1]).not.toHaveProperty("_id");
  });

  test("type voice, and type absent, list only the voice campaign, with _id as before", async () => {
    for (const body of [{ limit: 100, type: "voice" }, { limit: 100 }]) {
      const reply = await listed(body);
      expect(reply.body.data.totalResults).toBe(1);
      expect(reply.body.data.results.map((r: Body) => r._id)).toEqual(ids.voice);
      expect(reply.body.data.results[0]).not.toHaveProperty("id");
    }
  });

  test("paging counts SMS campaigns only", async () => {
    const first = await listed({ limit: 1, page: 1, type: "sms" });
    expect(first.body.data).toMatchObject({ skip: 0, limit: 1, hasMore: true, totalPages: 2, totalResults: 2 });
    expect(first.body.data.results.map((r: Body) => r.id)).toEqual([ids.sms[1]]);
  });
});
