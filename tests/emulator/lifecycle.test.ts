/** Preparing -> Ready -> Active <-> Stopped, and the transitions the docs leave open (see emulator/README.md). */
import { INSTANCE_ID_PATTERN } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, createCampaign, named, paths, uniqueName, useEmulator, waitForStatus, type Body } from "./helpers";

describe("with a short ready delay", () => {
  const emulator = useEmulator({ readyDelayMs: 50 });
  const api = () => paths(emulator().credentials.appId);
  const ready = async (sample: Body = SAMPLE_PROGRESSIVE) => {
    const id = await createCampaign(emulator(), named(sample, uniqueName("Life")));
    await waitForStatus(emulator(), id, "Ready");
    return id;
  };

  test("a new campaign becomes Ready on its own, without changing updatedAt", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PREVIEW, "Gets Ready"));
    const created = emulator().campaign(id)!;
    await waitForStatus(emulator(), id, "Ready");
    const { body } = await call(emulator(), "GET", api().get(id));
    expect(body.data.status).toBe("Ready");
    expect(body.data.updatedAt).toBe(created.updatedAt);
  });

  test("play on Ready answers the start sample and makes it Active with a cid- instance", async () => {
    const id = await ready();
    const reply = await call(emulator(), "POST", api().play(id), { body: {} });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      status: "Active",
      message: "Campaign Started",
      totalCallsCompleted: 0,
      updatedAt: expect.any(String),
      campaignInstanceId: expect.stringMatching(INSTANCE_ID_PATTERN),
    });
    expect(emulator().campaign(id)).toMatchObject({ status: "Active", campaignInstanceId: reply.body.campaignInstanceId });
    expect((await call(emulator(), "POST", api().status(id))).body.data.status).toBe("Active");
  });

  test("stop on Active answers the stop sample, keeps the instance id; play again gives a new one", async () => {
    const id = await ready(SAMPLE_AGENTLESS);
    const started = await call(emulator(), "POST", api().play(id));
    const stopped = await call(emulator(), "POST", api().stop(id), { body: {} });
    expect(stopped.status).toBe(200);
    expect(stopped.body).toEqual({
      status: "Stopped",
      message: "Campaign Stopped",
      updatedAt: expect.any(String),
      campaignInstanceId: started.body.campaignInstanceId,
    });
    expect(emulator().campaign(id)!.status).toBe("Stopped");
    const restarted = await call(emulator(), "POST", api().play(id));
    expect(restarted.status).toBe(200);
    expect(restarted.body.campaignInstanceId).toMatch(INSTANCE_ID_PATTERN);
    expect(restarted.body.campaignInstanceId).not.toBe(started.body.campaignInstanceId);
  });

  test("play while Active -> 409", async () => {
    const id = await ready();
    await call(emulator(), "POST", api().play(id));
    const reply = await call(emulator(), "POST", api().play(id));
    expect(reply.status).toBe(409);
    expect(reply.body.errors[0]).toEqual({ msg: expect.stringContaining("already Active"), code: 409 });
  });

  test.each(["Ready", "Stopped", "Completed"])("stop while %s -> 409", async (status) => {
    const id = await ready();
    if (status !== "Ready") emulator().setStatus(id, status);
    const reply = await call(emulator(), "POST", api().stop(id));
    expect(reply.status).toBe(409);
    expect(reply.body.errors[0].msg).toContain("not Active");
    expect(emulator().campaign(id)!.status).toBe(status);
  });

  test("DELETE of an Active campaign -> 409 'stop it first'; after stop it deletes", async () => {
    const id = await ready();
    await call(emulator(), "POST", api().play(id));
    const refused = await call(emulator(), "DELETE", api().remove(id));
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].msg).toContain("stop it first");
    expect(emulator().campaign(id)).toBeDefined();
    await call(emulator(), "POST", api().stop(id));
    const deleted = await call(emulator(), "DELETE", api().remove(id));
    expect(deleted.status).toBe(200);
    expect(deleted.body.data).toMatchObject({ _id: id, status: "Stopped", campaignInstanceId: expect.stringMatching(INSTANCE_ID_PATTERN) });
  });

  test("PUT while Active keeps it Active and keeps the instance id", async () => {
    const id = await ready();
    const started = await call(emulator(), "POST", api().play(id));
    const body = { ...named(SAMPLE_PROGRESSIVE, emulator().campaign(id)!.name), description: "edited while running" };
    const reply = await call(emulator(), "PUT", api().update(id), { body });
    expect(reply.status).toBe(200);
    expect(reply.body.data.status).toBe("Active");
    expect(emulator().campaign(id)).toMatchObject({ status: "Active", description: "edited while running", campaignInstanceId: started.body.campaignInstanceId });
  });

  test("Completed is reachable only out of band (setStatus); play then -> 409, delete is allowed", async () => {
    const id = await ready();
    emulator().setStatus(id, "Completed");
    expect((await call(emulator(), "POST", api().status(id))).body.data.status).toBe("Completed");
    expect((await call(emulator(), "POST", api().play(id))).status).toBe(409);
    expect((await call(emulator(), "DELETE", api().remove(id))).status).toBe(200);
  });

  test("a trigger other than play/stop, or a missing campaignType, is refused with 400", async () => {
    const id = await ready();
    const appId = emulator().credentials.appId;
    const pause = await call(emulator(), "POST", `/campaign/api/v1/public/${appId}/campaign/${id}?campaignType=voice&trigger=pause`);
    expect(pause.status).toBe(400);
    expect(pause.body.errors[0].msg).toContain("trigger");
    const noType = await call(emulator(), "POST", `/campaign/api/v1/public/${appId}/campaign/${id}?trigger=play`);
    expect(noType.status).toBe(400);
    expect(emulator().campaign(id)!.status).toBe("Ready");
  });

  test("start/stop of an unknown campaign -> 404", async () => {
    expect((await call(emulator(), "POST", api().play("cd-0000000-0000-4000-8000-000000000000"))).status).toBe(404);
  });
});

describe("while Preparing (long ready delay)", () => {
  const emulator = useEmulator({ readyDelayMs: 60_000 });
  const api = () => paths(emulator().credentials.appId);

  test("play -> 409 'not ready'; the campaign stays Preparing", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Too Early"));
    const reply = await call(emulator(), "POST", api().play(id));
    expect(reply.status).toBe(409);
    expect(reply.body.errors[0].msg).toContain("not ready");
    expect(emulator().campaign(id)!.status).toBe("Preparing");
  });

  test("PUT keeps Preparing; DELETE is allowed", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PREVIEW, "Early Edit"));
    const put = await call(emulator(), "PUT", api().update(id), { body: { ...named(SAMPLE_PREVIEW, "Early Edit"), maxSkips: 3 } });
    expect(put.body.data).toMatchObject({ status: "Preparing", maxSkips: 3 });
    expect((await call(emulator(), "DELETE", api().remove(id))).status).toBe(200);
  });

  test("setStatus('Ready') releases it early", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Released"));
    emulator().setStatus(id, "Ready");
    expect((await call(emulator(), "POST", api().play(id))).status).toBe(200);
  });
});
