/** Every fault kind is observable from the client and in the request log; seeded faults repeat. */
import { startEmulator, type Emulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, createCampaign, named, paths, uniqueName, useEmulator, waitForStatus } from "./helpers";

const emulator = useEmulator({ readyDelayMs: 50 });
const api = () => paths(emulator().credentials.appId);
const list = () => call(emulator(), "POST", api().list, { body: { limit: 1 } });

beforeEach(() => {
  emulator().setFaults({});
  emulator().clearRequests();
});

describe("probabilistic faults (setFaults)", () => {
  test("latencyMs delays answers", async () => {
    emulator().setFaults({ latencyMs: 300 });
    const t0 = Date.now();
    expect((await list()).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  test("errorRate 1 answers 500/502/503 in the error shape, logged with their status", async () => {
    emulator().setFaults({ errorRate: 1 });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const reply = await list();
      statuses.push(reply.status);
      expect(reply.body.errors[0].code).toBe(reply.status);
    }
    expect(statuses.every((s) => [500, 502, 503].includes(s))).toBe(true);
    expect(new Set(statuses).size).toBeGreaterThan(1);
    expect(emulator().requests.map((r) => r.status)).toEqual(statuses);
    expect(emulator().requests.every((r) => r.fault === "error")).toBe(true);
  });

  test("rateLimit429Rate 1 answers 429 with Retry-After", async () => {
    emulator().setFaults({ rateLimit429Rate: 1, retryAfterSeconds: 7 });
    const reply = await list();
    expect(reply.status).toBe(429);
    expect(reply.headers["retry-after"]).toBe("7");
    expect(reply.body.errors[0]).toEqual({ msg: expect.stringContaining("rate limit"), code: 429 });
  });

  test("dropRate 1 destroys the connection without an answer; the log shows status 0", async () => {
    emulator().setFaults({ dropRate: 1 });
    await expect(list()).rejects.toThrow();
    expect(emulator().requests).toHaveLength(1);
    expect(emulator().requests[0]).toMatchObject({ status: 0, fault: "drop", method: "POST" });
  });

  test("maxRequestsPerSecond is a real token bucket: a burst beyond it gets 429 + Retry-After", async () => {
    emulator().setFaults({ maxRequestsPerSecond: 1 });
    const replies = await Promise.all(Array.from({ length: 6 }, () => list()));
    const ok = replies.filter((r) => r.status === 200);
    const limited = replies.filter((r) => r.status === 429);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    for (const r of limited) expect(Number(r.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(emulator().requests.filter((r) => r.fault === "throttle")).toHaveLength(limited.length);
  });

  test("ambiguousCreateRate 1: the create happens on the server but the client gets no answer", async () => {
    emulator().setFaults({ ambiguousCreateRate: 1 });
    const name = uniqueName("Ambiguous");
    await expect(call(emulator(), "POST", api().create, { body: named(SAMPLE_PROGRESSIVE, name) })).rejects.toThrow();
    expect(emulator().campaigns().filter((c) => c.name === name)).toHaveLength(1);
    expect(emulator().requests[0]).toMatchObject({ status: 0, fault: "ambiguous" });
    // only creates are affected
    expect((await list()).status).toBe(200);
  });

  test("the same seed gives the same faults for the same requests", async () => {
    const run = async (seed: number) => {
      emulator().setFaults({ errorRate: 0.3, rateLimit429Rate: 0.3, seed });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await list()).status);
      return statuses;
    };
    const a = await run(1234);
    const b = await run(1234);
    expect(a).toEqual(b);
    expect(a).toContain(200);
    expect(a.some((s) => s !== 200)).toBe(true);
  });

  test("shares outside 0..1 are refused", () => {
    expect(() => emulator().setFaults({ errorRate: 1.5 })).toThrow(/errorRate/);
  });
});

describe("scripted faults (failNext)", () => {
  test("status with count: the next N matching requests get it, then normal answers", async () => {
    emulator().failNext({ method: "POST", pathIncludes: "getAllCampaignDetails", status: 503, count: 2 });
    expect((await list()).status).toBe(503);
    expect((await list()).status).toBe(503);
    expect((await list()).status).toBe(200);
    expect(emulator().requests.map((r) => r.status)).toEqual([503, 503, 200]);
  });

  test("only matching requests are affected (method and pathIncludes, which sees the query string)", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, uniqueName("Scripted")));
    await waitForStatus(emulator(), id, "Ready");
    emulator().failNext({ method: "POST", pathIncludes: "trigger=play", status: 500 });
    expect((await list()).status).toBe(200);
    expect((await call(emulator(), "GET", api().get(id))).status).toBe(200);
    expect((await call(emulator(), "POST", api().play(id))).status).toBe(500);
    expect(emulator().campaign(id)!.status).toBe("Ready");
    expect((await call(emulator(), "POST", api().play(id))).status).toBe(200);
  });

  test("429 carries Retry-After (retryAfterSeconds or 1)", async () => {
    emulator().failNext({ status: 429, retryAfterSeconds: 3 });
    emulator().failNext({ status: 429 });
    expect((await list()).headers["retry-after"]).toBe("3");
    expect((await list()).headers["retry-after"]).toBe("1");
  });

  test("drop: no answer and the request is not performed", async () => {
    emulator().failNext({ method: "POST", pathIncludes: "campaignType=voice", drop: true });
    const name = uniqueName("Dropped");
    await expect(call(emulator(), "POST", api().create, { body: named(SAMPLE_PROGRESSIVE, name) })).rejects.toThrow();
    expect(emulator().campaigns().some((c) => c.name === name)).toBe(false);
    expect(emulator().requests[0]).toMatchObject({ status: 0, fault: "drop" });
  });

  test("ambiguous: the update is performed, then the connection is destroyed", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PREVIEW, uniqueName("Ambiguous Update")));
    const name = emulator().campaign(id)!.name;
    emulator().failNext({ method: "PUT", ambiguous: true });
    await expect(call(emulator(), "PUT", api().update(id), { body: { ...named(SAMPLE_PREVIEW, name), maxSkips: 9 } })).rejects.toThrow();
    expect(emulator().campaign(id)!.maxSkips).toBe(9);
    expect(emulator().requests.at(-1)).toMatchObject({ method: "PUT", status: 0, fault: "ambiguous" });
  });

  test("delayMs alone delays an otherwise normal answer", async () => {
    emulator().failNext({ delayMs: 300 });
    const t0 = Date.now();
    expect((await list()).status).toBe(200);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
  });

  test("scripted faults come before auth: a 401 can be scripted for a valid token", async () => {
    emulator().failNext({ status: 401 });
    const reply = await list();
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({ errors: [{ msg: "Invalid SDK credentials", code: 4002 }] });
  });
});

test("faults given at start apply from the first request", async () => {
  const emu: Emulator = await startEmulator({ faults: { errorRate: 1 } });
  try {
    const reply = await call(emu, "POST", paths(emu.credentials.appId).list, { body: {} });
    expect([500, 502, 503]).toContain(reply.status);
  } finally {
    await emu.close();
  }
});
