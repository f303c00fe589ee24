/** get, list (paging), update, delete and status, shaped like the docs' samples. */
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE, SAMPLE_UPDATE } from "../fixtures/sample-bodies";
import { call, createCampaign, mintToken, named, paths, uniqueName, useEmulator, waitForStatus, type Body } from "./helpers";

const emulator = useEmulator({ readyDelayMs: 50 });
const api = () => paths(emulator().credentials.appId);

describe("get", () => {
  test("answers {status, message, data:{_id, ...full campaign}} with connection = the queue", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PREVIEW, "Get Preview"));
    const reply = await call(emulator(), "GET", api().get(id));
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe("success");
    expect(reply.body.message).toBe("Campaign Get Preview retrieved successfully");
    const data = reply.body.data;
    expect(data).toMatchObject({
      _id: id,
      name: "Get Preview",
      lname: "get preview",
      description: SAMPLE_PREVIEW.description,
      priority: "5",
      dialingMode: "Preview",
      maxSkips: 1,
      connection: "Default Queue",
      schedule: { isSchedulingEnabled: false },
      contactLists: ["Recent Buyers - Q2 2025"],
      enableMachineDetect: false,
    });
    expect(data.dialingStrategy.maxRingTime).toBe(30);
    expect(data.dialingStrategy.callingHours.days).toHaveLength(5);
    expect(data.createdAt).toEqual(expect.any(String));
    expect(data.updatedAt).toEqual(expect.any(String));
    expect(["Preparing", "Ready"]).toContain(data.status);
    expect(data).not.toHaveProperty("experienceFlow");
    expect(data).not.toHaveProperty("campaignInstanceId");
  });

  test("an agentless campaign has experienceFlow and connection = the flow name", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_AGENTLESS, "Get Agentless"));
    const { body } = await call(emulator(), "GET", api().get(id));
    expect(body.data.experienceFlow).toMatch(/^cf-/);
    expect(body.data.connection).toBe("Voice Survey Entry Flow");
    expect(body.data).not.toHaveProperty("maxSkips");
  });

  test("campaignInstanceId appears once the campaign has been started", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Get Started"));
    await waitForStatus(emulator(), id, "Ready");
    const started = await call(emulator(), "POST", api().play(id));
    const { body } = await call(emulator(), "GET", api().get(id));
    expect(body.data.status).toBe("Active");
    expect(body.data.campaignInstanceId).toBe(started.body.campaignInstanceId);
  });

  test("an unknown id answers 404 in the error shape", async () => {
    const reply = await call(emulator(), "GET", api().get("cd-0000000-0000-4000-8000-000000000000"));
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ errors: [{ msg: expect.stringContaining("cd-0000000-0000-4000-8000-000000000000"), code: 404 }] });
  });
});

describe("list", () => {
  const listed = (body: Body) => call(emulator(), "POST", api().list, { body });

  test("pages through every campaign, newest first, with records shaped like the sample", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, uniqueName("Paged"))));
    const total = emulator().campaigns().length;
    const first = await listed({ limit: 2, skip: 0, page: 1, type: "voice" });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe("success");
    expect(first.body.message).toBe("Campaign  retrieved successfully");
    expect(first.body.data).toMatchObject({ skip: 0, limit: 2, hasMore: true, totalPages: Math.ceil(total / 2), totalResults: total });
    expect(first.body.data.results.map((r: Body) => r._id)).toEqual([ids[4], ids[3]]);

    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const { body } = await listed({ limit: 2, skip: (page - 1) * 2, page, type: "voice" });
      seen.push(...body.data.results.map((r: Body) => r._id));
      if (!body.data.hasMore) break;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  test("a record carries _id, connection and the summary fields, not the dialing strategy", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_AGENTLESS, uniqueName("Listed Agentless")));
    const { body } = await listed({ limit: 1, skip: 0, page: 1, type: "voice" });
    const record = body.data.results[0];
    expect(record).toEqual({
      _id: id,
      name: expect.stringContaining("Listed Agentless"),
      description: SAMPLE_AGENTLESS.description,
      priority: "5",
      dialingMode: "Agentless",
      experienceFlow: expect.stringMatching(/^cf-/),
      status: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      schedule: { isSchedulingEnabled: false },
      campaignInstanceUpdatedAt: expect.any(String),
      connection: "Voice Survey Entry Flow",
      contactLists: ["Recent Buyers - Q2 2025"],
    });
  });

  test("page alone (no skip) selects the page; skip wins when both are given", async () => {
    const all = (await listed({ limit: 100, type: "voice" })).body.data.results.map((r: Body) => r._id);
    const page2 = await listed({ limit: 2, page: 2, type: "voice" });
    expect(page2.body.data.skip).toBe(2);
    expect(page2.body.data.results.map((r: Body) => r._id)).toEqual(all.slice(2, 4));
    const skip1 = await listed({ limit: 2, skip: 1, page: 3, type: "voice" });
    expect(skip1.body.data.results.map((r: Body) => r._id)).toEqual(all.slice(1, 3));
  });

  test("accepts the accountId as a query parameter with no iid/accountId headers, as the list page's curl does", async () => {
    const auth = await mintToken(emulator().credentials);
    const reply = await call(emulator(), "POST", `${api().list}?accountId=${emulator().credentials.accountId}`, {
      headers: null,
      body: { limit: 10, skip: 0, page: 1, type: "voice" },
    });
    expect(reply.status).toBe(401);
    const withAuth = await call(emulator(), "POST", `${api().list}?accountId=${emulator().credentials.accountId}`, {
      headers: { iid: undefined, accountId: undefined, auth },
      body: { limit: 10, skip: 0, page: 1, type: "voice" },
    });
    expect(withAuth.status).toBe(200);
    expect(withAuth.body.data.results.length).toBeGreaterThan(0);
  });

  test("type sms lists none of the voice campaigns; bad paging values are refused with the field named", async () => {
    const sms = await listed({ limit: 10, skip: 0, page: 1, type: "sms" });
    expect(sms.body.data).toMatchObject({ results: [], totalResults: 0, hasMore: false });
    for (const [body, field] of [
      [{ limit: 0 }, "limit"],
      [{ limit: 101 }, "limit"],
      [{ limit: 10, skip: -1 }, "skip"],
      [{ limit: 10, page: 0 }, "page"],
      [{ limit: 10, type: "email" }, "type"],
    ] as const) {
      const reply = await listed(body);
      expect(reply.status).toBe(400);
      expect(reply.body.errors[0].msg).toMatch(new RegExp(`^${field} `));
    }
  });
});

describe("update", () => {
  test("answers {status, message, id, data:{...campaign, schedule with isRecurrenceEnabled, maxSkips, id}}", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PREVIEW, "To Update"));
    const before = emulator().campaign(id)!;
    const reply = await call(emulator(), "PUT", api().update(id), { body: SAMPLE_UPDATE });
    expect(reply.status).toBe(200);
    expect(reply.body.status).toBe("success");
    expect(reply.body.message).toBe(`Campaign ${SAMPLE_UPDATE.name} details updated successfully`);
    expect(reply.body.id).toBe(id);
    expect(reply.body.data).toMatchObject({
      name: SAMPLE_UPDATE.name,
      lname: SAMPLE_UPDATE.name.toLowerCase(),
      description: SAMPLE_UPDATE.description,
      dialingMode: "Preview",
      maxSkips: 1,
      schedule: { isSchedulingEnabled: false, isRecurrenceEnabled: false },
      id,
      createdAt: before.createdAt,
      contactLists: ["Recent Buyers - Q2 2025"],
      enableMachineDetect: false,
    });
    expect(reply.body.data.dialingStrategy.callerId.phoneNumber).toBe("+18123456789");
    expect(reply.body.data).not.toHaveProperty("queue_name");
    expect(Date.parse(reply.body.data.updatedAt)).toBeGreaterThanOrEqual(Date.parse(before.updatedAt));
  });

  test("changes what GET answers, and keeps the status", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Update Me"));
    await waitForStatus(emulator(), id, "Ready");
    const body = named(SAMPLE_PROGRESSIVE, "Update Me");
    (body.dialingStrategy as Body).maxRingTime = 45;
    body.queue_name = "Billing Queue";
    const reply = await call(emulator(), "PUT", api().update(id), { body });
    expect(reply.status).toBe(200);
    const { body: got } = await call(emulator(), "GET", api().get(id));
    expect(got.data.dialingStrategy.maxRingTime).toBe(45);
    expect(got.data.connection).toBe("Billing Queue");
    expect(got.data.status).toBe("Ready");
  });

  test("renaming onto another campaign's name is refused with 409", async () => {
    await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Taken Name"));
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Free Name"));
    const reply = await call(emulator(), "PUT", api().update(id), { body: named(SAMPLE_PROGRESSIVE, "taken name") });
    expect(reply.status).toBe(409);
    expect(emulator().campaign(id)!.name).toBe("Free Name");
  });

  test("an unknown id answers 404", async () => {
    const reply = await call(emulator(), "PUT", api().update("cd-0000000-0000-4000-8000-000000000000"), { body: SAMPLE_UPDATE });
    expect(reply.status).toBe(404);
  });
});

describe("delete", () => {
  test("answers {status, message, data:{_id, ...the deleted campaign}} and the campaign is gone", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PREVIEW, "Delete Me"));
    const reply = await call(emulator(), "DELETE", api().remove(id));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      status: "success",
      message: "Campaign Delete Me deleted successfully",
      data: { _id: id, name: "Delete Me", lname: "delete me", dialingMode: "Preview", maxSkips: 1, enableMachineDetect: false },
    });
    expect(reply.body.data.dialingStrategy.maxAttemptsPerRecord).toBe(3);
    expect((await call(emulator(), "GET", api().get(id))).status).toBe(404);
    expect(emulator().campaign(id)).toBeUndefined();
    expect((await call(emulator(), "DELETE", api().remove(id))).status).toBe(404);
  });

  test("the name is free again after delete", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Reusable"));
    await call(emulator(), "DELETE", api().remove(id));
    const again = await call(emulator(), "POST", api().create, { body: named(SAMPLE_PROGRESSIVE, "Reusable") });
    expect(again.status).toBe(200);
  });
});

describe("status", () => {
  test("answers {status:success, data:{id, status, name}}", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Status Check"));
    const reply = await call(emulator(), "POST", api().status(id));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: "success", data: { id, status: expect.stringMatching(/^(Preparing|Ready)$/), name: "Status Check" } });
  });

  test("an unknown id answers 404; a view other than status 400", async () => {
    expect((await call(emulator(), "POST", api().status("cd-0000000-0000-4000-8000-000000000000"))).status).toBe(404);
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Status View"));
    const appId = emulator().credentials.appId;
    const reply = await call(emulator(), "POST", `/agentassist/api/v1/public/${appId}/campaign/${id}/status?view=full`);
    expect(reply.status).toBe(400);
  });
});
