/**
 * AdaptiveScheduler: the concurrency cap, the token bucket, the 429 pause and the AIMD rate, on a manual
 * clock (assertions are about order and counts, never wall-clock time); then the scheduler inside
 * KoreClient against the emulator's own rate limiter, and hooks.ts's one scheduler per app.
 */
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mintJwt } from "../../provider/kore-api/auth";
import { KoreClient } from "../../provider/kore-api/client";
import * as hooks from "../../provider/pulumi/campaign-hooks";
import {
  AdaptiveScheduler,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_REQUESTS_PER_SECOND,
  parseSchedulerSetting,
  type SchedulerClock,
  type SchedulerOptions,
} from "../../provider/kore-api/scheduler";
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

// ---------------------------------------------------------------------------------------------
// A manual clock and controllable tasks
// ---------------------------------------------------------------------------------------------

class ManualClock implements SchedulerClock {
  private t = 0;
  private nextId = 1;
  readonly timers = new Map<number, { at: number; fn: () => void }>();
  timersSet = 0;

  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timersSet += 1;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Moves time forward, firing due timers in order (and the promise callbacks they cause). */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await flush();
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
    }
    this.t = end;
    await flush();
  }
}

/** Lets pending promise callbacks run. */
async function flush(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

/** A task whose completion the test controls; records its start. */
interface Task {
  id: number;
  started: boolean;
  finish: () => void;
  fail: (err: Error) => void;
  result: Promise<number>;
}

function harness(options: SchedulerOptions = {}) {
  const clock = new ManualClock();
  const scheduler = new AdaptiveScheduler({ clock, ...options });
  const order: number[] = [];
  let inFlight = 0;
  let most = 0;
  const submit = (id: number): Task => {
    const task = { id, started: false } as Task;
    task.result = scheduler.run(
      () =>
        new Promise<number>((resolve, reject) => {
          task.started = true;
          order.push(id);
          inFlight += 1;
          most = Math.max(most, inFlight);
          task.finish = () => {
            inFlight -= 1;
            resolve(id);
          };
          task.fail = (err) => {
            inFlight -= 1;
            reject(err);
          };
        }),
    );
    return task;
  };
  const submitMany = (n: number, from = 0) => Array.from({ length: n }, (_, i) => submit(from + i));
  return { clock, scheduler, submit, submitMany, order, inFlight: () => inFlight, most: () => most };
}

const startedCount = (tasks: Task[]) => tasks.filter((t) => t.started).length;

// ---------------------------------------------------------------------------------------------
// Unit tests
// ---------------------------------------------------------------------------------------------

describe("concurrency cap", () => {
  test("never more than maxConcurrency in flight; all run, first come first served", async () => {
    const h = harness({ maxConcurrency: 3, maxRequestsPerSecond: Infinity });
    const tasks = h.submitMany(40);
    await flush();
    expect(startedCount(tasks)).toBe(3);
    // finish running tasks in a scrambled order until all are done
    const done = new Set<number>();
    for (let round = 0; done.size < tasks.length; round++) {
      const running = tasks.filter((t) => t.started && !done.has(t.id));
      expect(running.length).toBeGreaterThan(0);
      const pick = running[(round * 7) % running.length];
      done.add(pick.id);
      pick.finish();
      await flush();
      expect(h.scheduler.state.inFlight).toBeLessThanOrEqual(3);
    }
    expect(await Promise.all(tasks.map((t) => t.result))).toEqual(tasks.map((t) => t.id));
    expect(h.most()).toBe(3);
    expect(h.order).toEqual(tasks.map((t) => t.id));
    expect(h.scheduler.state).toMatchObject({ inFlight: 0, queued: 0, started: 40 });
  });

  test("a failing or throwing task frees its slot and its error reaches the caller", async () => {
    const h = harness({ maxConcurrency: 1, maxRequestsPerSecond: Infinity });
    const a = h.submit(1);
    const thrower = h.scheduler.run<number>(() => {
      throw new Error("sync boom");
    });
    const c = h.submit(3);
    await flush();
    a.fail(new Error("async boom"));
    await expect(a.result).rejects.toThrow("async boom");
    await expect(thrower).rejects.toThrow("sync boom");
    await flush();
    expect(c.started).toBe(true);
    c.finish();
    await expect(c.result).resolves.toBe(3);
    expect(h.scheduler.state.inFlight).toBe(0);
  });

  test("the fast path sets no timer and queues nothing when slots and tokens are there", async () => {
    const h = harness({ maxConcurrency: 8, maxRequestsPerSecond: 1000 });
    for (let i = 0; i < 200; i++) {
      const t = h.submit(i);
      await flush();
      expect(t.started).toBe(true);
      t.finish();
      await t.result;
      await h.clock.advance(2); // 2 tokens' worth per task at 1000/s
    }
    expect(h.clock.timersSet).toBe(0);
    expect(h.scheduler.state).toMatchObject({ started: 200, queued: 0 });
  });
});

describe("rate (token bucket)", () => {
  test("a burst of one second's worth, then the configured rate", async () => {
    const h = harness({ maxConcurrency: Infinity, maxRequestsPerSecond: 5 });
    const tasks = h.submitMany(20);
    await flush();
    expect(startedCount(tasks)).toBe(5); // the full bucket
    tasks.filter((t) => t.started).forEach((t) => t.finish());
    await h.clock.advance(999);
    expect(startedCount(tasks)).toBe(9); // 4 more tokens (at 200, 400, 600, 800 ms)
    await h.clock.advance(1);
    expect(startedCount(tasks)).toBe(10);
    await h.clock.advance(1000);
    expect(startedCount(tasks)).toBe(15);
    expect(h.clock.timers.size).toBe(1); // one timer at a time, whatever the queue length
    await h.clock.advance(1000);
    expect(startedCount(tasks)).toBe(20);
    tasks.forEach((t) => t.started && t.finish());
    await Promise.all(tasks.map((t) => t.result));
    expect(h.clock.timers.size).toBe(0);
  });

  test("concurrency and rate together: the stricter one holds", async () => {
    const h = harness({ maxConcurrency: 2, maxRequestsPerSecond: 100 });
    const tasks = h.submitMany(10);
    await h.clock.advance(1000); // plenty of tokens, but nobody finishes
    expect(startedCount(tasks)).toBe(2);
    expect(h.most()).toBe(2);
  });
});

describe("429: pause, multiplicative decrease, additive recovery", () => {
  test("a 429 pauses every new attempt until Retry-After has passed", async () => {
    const h = harness({ maxConcurrency: 4, maxRequestsPerSecond: 100 });
    const first = h.submitMany(2);
    await flush();
    expect(startedCount(first)).toBe(2);
    h.scheduler.onRateLimited(2000);
    const later = h.submitMany(3, 10);
    first.forEach((t) => t.finish()); // slots free up, yet nothing may start
    await h.clock.advance(1999);
    expect(startedCount(later)).toBe(0);
    expect(h.scheduler.state.pausedForMs).toBe(1);
    await h.clock.advance(1);
    expect(startedCount(later)).toBe(1); // one when the pause ends, no burst
    await h.clock.advance(1000);
    expect(startedCount(later)).toBe(3); // then at the lowered rate
    expect(h.order).toEqual([0, 1, 10, 11, 12]);
  });

  test("a later, longer Retry-After extends the pause; a shorter one does not shorten it", async () => {
    const h = harness({ maxConcurrency: 4, maxRequestsPerSecond: 100 });
    h.scheduler.onRateLimited(1000);
    h.scheduler.onRateLimited(300);
    const t = h.submit(1);
    await h.clock.advance(999);
    expect(t.started).toBe(false);
    h.scheduler.onRateLimited(1500); // at 999 ms: until 2499
    await h.clock.advance(1499);
    expect(t.started).toBe(false);
    await h.clock.advance(1);
    expect(t.started).toBe(true);
  });

  test("one pause lasts at most maxPauseMs (an hour's Retry-After does not stall every call silently)", async () => {
    const h = harness({ maxConcurrency: 4, maxRequestsPerSecond: 100, maxPauseMs: 60_000 });
    h.scheduler.onRateLimited(3_600_000);
    const t = h.submit(1);
    await h.clock.advance(59_999);
    expect(t.started).toBe(false);
    await h.clock.advance(1);
    expect(t.started).toBe(true);
  });

  test("the rate halves on a 429 (once per burst of 429s), down to the floor, then recovers with successes", async () => {
    const h = harness({ maxConcurrency: Infinity, maxRequestsPerSecond: 10, increasePerSuccess: 0.5, decreaseCooldownMs: 1000 });
    expect(h.scheduler.state.requestsPerSecond).toBe(10);
    for (let i = 0; i < 20; i++) h.scheduler.onRateLimited(0); // one burst: twenty 429s, one signal
    expect(h.scheduler.state).toMatchObject({ requestsPerSecond: 5, rateLimited: 20, decreases: 1 });
    await h.clock.advance(1000);
    h.scheduler.onRateLimited(0);
    expect(h.scheduler.state.requestsPerSecond).toBe(2.5);
    for (let i = 0; i < 10; i++) {
      await h.clock.advance(1000);
      h.scheduler.onRateLimited(0);
    }
    expect(h.scheduler.state.requestsPerSecond).toBe(0.5); // the floor
    await h.clock.advance(1000);

    // successes: +0.5 each, capped at the configured rate
    const rates: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = h.submit(i);
      await h.clock.advance(3000); // a token is there by now
      expect(t.started).toBe(true);
      t.finish();
      await t.result;
      rates.push(h.scheduler.state.requestsPerSecond);
    }
    expect(rates.slice(0, 3)).toEqual([1, 1.5, 2]);
    expect(rates.every((r, i) => i === 0 || r >= rates[i - 1])).toBe(true);
    expect(rates[rates.length - 1]).toBe(10);
  });

  test("an attempt running while a 429 arrives does not count as a success", async () => {
    const h = harness({ maxConcurrency: Infinity, maxRequestsPerSecond: 10, increasePerSuccess: 1 });
    const t = h.submit(1);
    await flush();
    h.scheduler.onRateLimited(0);
    t.finish();
    await t.result;
    expect(h.scheduler.state.requestsPerSecond).toBe(5);
  });

  test("the lowered rate paces what was queued during the pause", async () => {
    const h = harness({ maxConcurrency: Infinity, maxRequestsPerSecond: 10, increasePerSuccess: 0 });
    h.scheduler.onRateLimited(1000); // rate 5/s, paused until 1000
    const tasks = h.submitMany(11);
    await h.clock.advance(1000);
    expect(startedCount(tasks)).toBe(1);
    await h.clock.advance(1000);
    expect(startedCount(tasks)).toBe(6); // 5 per second, not the old 10
    await h.clock.advance(1000);
    expect(startedCount(tasks)).toBe(11);
  });

  test("with no rate cap, a 429 still pauses until Retry-After", async () => {
    const h = harness({ maxConcurrency: Infinity, maxRequestsPerSecond: Infinity });
    h.scheduler.onRateLimited(500);
    const tasks = h.submitMany(5);
    await h.clock.advance(499);
    expect(startedCount(tasks)).toBe(0);
    await h.clock.advance(1);
    expect(startedCount(tasks)).toBe(5);
    expect(h.scheduler.state.requestsPerSecond).toBe(Infinity);
  });
});

describe("settings", () => {
  test("defaults: 8 in flight, 10 per second", () => {
    const s = new AdaptiveScheduler();
    expect([s.maxConcurrency, s.maxRequestsPerSecond]).toEqual([DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_REQUESTS_PER_SECOND]);
    expect([DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_REQUESTS_PER_SECOND]).toEqual([8, 10]);
  });

  test("bad limits are refused", () => {
    for (const bad of [0, -1, 1.5, NaN]) expect(() => new AdaptiveScheduler({ maxConcurrency: bad })).toThrow(RangeError);
    for (const bad of [0, -3, NaN]) expect(() => new AdaptiveScheduler({ maxRequestsPerSecond: bad })).toThrow(RangeError);
    expect(() => new AdaptiveScheduler({ decreaseFactor: 2 })).toThrow(/decreaseFactor/);
  });

  test("parseSchedulerSetting: unset, numbers, unlimited, and a clear error", () => {
    expect(parseSchedulerSetting(undefined, "x", "rate")).toBeUndefined();
    expect(parseSchedulerSetting("  ", "x", "rate")).toBeUndefined();
    expect(parseSchedulerSetting("2.5", "x", "rate")).toBe(2.5);
    expect(parseSchedulerSetting(" 16 ", "x", "concurrency")).toBe(16);
    expect(parseSchedulerSetting("Unlimited", "x", "concurrency")).toBe(Infinity);
    expect(() => parseSchedulerSetting("2.5", "kore:maxConcurrency (KORE_MAX_CONCURRENCY)", "concurrency")).toThrow(
      'kore:maxConcurrency (KORE_MAX_CONCURRENCY) must be a whole number of 1 or more, or "unlimited" (got "2.5")',
    );
    expect(() => parseSchedulerSetting("fast", "r", "rate")).toThrow(/r must be a number greater than 0/);
    expect(() => parseSchedulerSetting("0", "r", "rate")).toThrow(RangeError);
  });

  test("KoreClient takes the limits as options, but not together with a scheduler", () => {
    const target = { host: "http://127.0.0.1:9", appId: DEMO_CREDENTIALS.appId, accountId: DEMO_CREDENTIALS.accountId };
    const creds = { clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret };
    expect(() => new KoreClient(target, creds, { maxConcurrency: 0 })).toThrow(RangeError);
    expect(() => new KoreClient(target, creds, { maxRequestsPerSecond: 5, scheduler: new AdaptiveScheduler() })).toThrow(/not both/);
    void new KoreClient(target, creds, { maxConcurrency: 2, maxRequestsPerSecond: 5 }).close();
  });
});

// ---------------------------------------------------------------------------------------------
// Against the emulator's own rate limiter (maxRequestsPerSecond: a real token bucket, 429 + Retry-After)
// ---------------------------------------------------------------------------------------------

describe("through KoreClient, against the emulator's rate limit", () => {
  const R = 20;
  const CALLS = 60;
  let emulator: Emulator;
  let ids: string[];
  let run = 0;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 10 });
    ids = Array.from({ length: CALLS / 2 }, (_, i) => emulator.insert({ ...SAMPLE_PROGRESSIVE, name: `Status target ${i}` }).id);
  });
  afterAll(async () => {
    await emulator?.close();
  });

  /** 60 calls at once (half creates, half status reads) through one client; what the emulator answered. */
  async function storm(options: ConstructorParameters<typeof KoreClient>[2]) {
    run += 1;
    emulator.setFaults({ maxRequestsPerSecond: R }); // a full bucket for each run
    emulator.clearRequests();
    const client = new KoreClient(
      { host: emulator.url, appId: DEMO_CREDENTIALS.appId, accountId: DEMO_CREDENTIALS.accountId },
      { clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret },
      { ...options, random: () => 0.5 },
    );
    try {
      const results = await Promise.allSettled(
        Array.from({ length: CALLS }, (_, i) =>
          i % 2 === 0
            ? client.createCampaign({ ...SAMPLE_PROGRESSIVE, name: `Storm ${run}-${i}` })
            : client.getCampaignStatus(ids[(i - 1) / 2]),
        ),
      );
      const statuses = emulator.requests.map((r) => r.status);
      return {
        ok: results.filter((r) => r.status === "fulfilled").length,
        requests: statuses.length,
        throttled: statuses.filter((s) => s === 429).length,
      };
    } finally {
      emulator.setFaults({});
      await client.close();
    }
  }

  test(`with a scheduler at ${R}/s: all ${CALLS} succeed and few 429s; without one (or far too high a rate), many`, async () => {
    const paced = await storm({ maxRequestsPerSecond: R });
    const unpaced = await storm({});
    const tooFast = await storm({ maxRequestsPerSecond: 1000, maxConcurrency: 64 });

    expect(paced.ok).toBe(CALLS);
    expect(paced.throttled).toBeLessThanOrEqual(CALLS * 0.1);
    // Without pacing the first wave alone overruns the bucket by CALLS - R.
    expect(unpaced.throttled).toBeGreaterThanOrEqual(CALLS - R);
    expect(unpaced.throttled).toBeGreaterThan(3 * Math.max(1, paced.throttled));
    expect(tooFast.throttled).toBeGreaterThan(3 * Math.max(1, paced.throttled));
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------
// hooks.ts: one scheduler per app (host + appId), shared across credentials, limits from env / config
// ---------------------------------------------------------------------------------------------

/** An HTTP proxy in front of the emulator that counts the requests in flight at once. */
async function countingProxy(targetUrl: string): Promise<{ url: string; most: () => number; total: () => number; close: () => Promise<void> }> {
  const target = new URL(targetUrl);
  let inFlight = 0;
  let most = 0;
  let total = 0;
  const server: Server = createServer((req, res) => {
    inFlight += 1;
    total += 1;
    most = Math.max(most, inFlight);
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    res.on("close", () => (inFlight -= 1));
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    most: () => most,
    total: () => total,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe("hooks.ts shares one scheduler per app", () => {
  const ENV_KEYS = ["KORE_HOST", "KORE_APP_ID", "KORE_ACCOUNT_ID", "KORE_CLIENT_ID", "KORE_CLIENT_SECRET", "KORE_MAX_CONCURRENCY", "KORE_MAX_REQUESTS_PER_SECOND"];
  const saved: Record<string, string | undefined> = {};
  let emulator: Emulator;
  let proxy: Awaited<ReturnType<typeof countingProxy>>;

  beforeAll(async () => {
    for (const k of ENV_KEYS) saved[k] = process.env[k];
    emulator = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 10, faults: { latencyMs: 30 } });
    proxy = await countingProxy(emulator.url);
    Object.assign(process.env, {
      KORE_HOST: proxy.url,
      KORE_APP_ID: DEMO_CREDENTIALS.appId,
      KORE_ACCOUNT_ID: DEMO_CREDENTIALS.accountId,
      KORE_CLIENT_ID: DEMO_CREDENTIALS.clientId,
      KORE_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
    });
  });
  afterAll(async () => {
    for (const k of ENV_KEYS) if (saved[k] === undefined) delete process.env[k]; else process.env[k] = saved[k];
    await hooks.configure({ config: { get: () => undefined } } as never);
    hooks.resetSessions();
    await proxy?.close();
    await emulator?.close();
  });

  /** Deletes of campaigns that do not exist (one status call each, answered 404 = already gone), half with a JWT. */
  async function deletes(n: number): Promise<void> {
    const target = { host: proxy.url, appId: DEMO_CREDENTIALS.appId, accountId: DEMO_CREDENTIALS.accountId };
    const jwt = await mintJwt({ clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret });
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        hooks.remove(`cd-missing-${i}`, { target, ...(i % 2 === 0 ? { connection: { jwt } } : {}) } as never),
      ),
    );
  }

  test("KORE_MAX_CONCURRENCY holds across two credential sets for the same app", async () => {
    process.env.KORE_MAX_CONCURRENCY = "2";
    hooks.resetSessions();
    const before = proxy.total();
    await deletes(12);
    expect(proxy.total() - before).toBe(12);
    expect(proxy.most()).toBe(2);
  });

  test("stack config wins over the environment; a bad value is a clear error", async () => {
    process.env.KORE_MAX_CONCURRENCY = "1";
    await hooks.configure({ config: { get: (k: string) => ({ "kore:maxConcurrency": "bogus" })[k] } } as never);
    hooks.resetSessions();
    await expect(deletes(1)).rejects.toThrow(/kore:maxConcurrency \(KORE_MAX_CONCURRENCY\) must be a whole number/);
    await hooks.configure({ config: { get: (k: string) => ({ "kore:maxConcurrency": "3", "kore:maxRequestsPerSecond": "unlimited" })[k] } } as never);
    hooks.resetSessions();
    await deletes(12);
    expect(proxy.most()).toBe(3);
  });
});
