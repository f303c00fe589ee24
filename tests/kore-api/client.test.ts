/**
 * KoreClient over real HTTP: against the emulator (every endpoint, the documented sample bodies,
 * injected faults) and against tiny node:http servers started here (exact control of timeouts,
 * dropped connections and Retry-After). What is asserted is what the servers received.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { decodeJwt } from "jose";
import { DEMO_CREDENTIALS, startEmulator, type Emulator } from "pulumi-kore-campaigns/emulator";
import { mintJwt } from "../../provider/kore-api/auth";
import { KoreClient, parseKoreHost, type KoreClientOptions, type RequestScheduler } from "../../provider/kore-api/client";
import { KoreApiError, ValidationError } from "../../provider/kore-api/errors";
import { parseErrorBody } from "../../provider/kore-api/responses";
import { DEFAULT_RETRY_POLICY, decideRetry, parseRetryAfter, resolveRetryPolicy } from "../../provider/kore-api/retry-policy";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE, SAMPLE_UPDATE } from "../fixtures/sample-bodies";

const APP = "st-0603182c-7ffb-53c3-b307-47ca14b9abcd";
const ACCOUNT = "67777ce93e25326494e9abcd";
const CREDS = { clientId: "cs-test-client", clientSecret: "test-client-secret-0123456789" };
/** Fast retries for tests: 4 attempts, a few ms apart. */
const FAST: KoreClientOptions = { retry: { maxRetries: 3, minDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 2_000 };
const JWT_SHAPE = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;

const clients: KoreClient[] = [];
function client(host: string, options: KoreClientOptions = FAST, creds: ConstructorParameters<typeof KoreClient>[1] = CREDS, target = { appId: APP, accountId: ACCOUNT }): KoreClient {
  const c = new KoreClient({ host, ...target }, creds, options);
  clients.push(c);
  return c;
}
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

/** Awaits a promise that must fail with a KoreApiError. */
async function failure(p: Promise<unknown>): Promise<KoreApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof KoreApiError) return err;
    throw new Error(`expected a KoreApiError, got ${inspect(err)}`);
  }
  throw new Error("expected a failure, got a result");
}

/** Everything an error shows when it is printed or logged. */
const printed = (err: Error): string => [String(err), err.stack ?? "", JSON.stringify(err), inspect(err, { depth: 10 })].join("\n");

// ---------------------------------------------------------------------------------------------
// A scripted node:http server
// ---------------------------------------------------------------------------------------------

interface Hit {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  at: number;
}
interface Scripted {
  url: string;
  hits: Hit[];
  close(): Promise<void>;
}
type Answer = (req: IncomingMessage, res: ServerResponse, hit: Hit, n: number) => void;

const servers: Server[] = [];
async function serve(answer: Answer): Promise<Scripted> {
  const hits: Hit[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const hit: Hit = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString(), at: Date.now() };
      hits.push(hit);
      answer(req, res, hit, hits.length);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close };
}
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (s) =>
        new Promise<void>((resolve) => {
          s.closeAllConnections();
          s.close(() => resolve());
        }),
    ),
  );
});

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
};
const RECORD = { _id: "cd-1", name: "A", status: "Ready" };
const campaignAnswer = (res: ServerResponse) => json(res, 200, { status: "success", data: RECORD });
const failThen =
  (failures: number, fail: (res: ServerResponse, req: IncomingMessage) => void, ok: (res: ServerResponse) => void = campaignAnswer): Answer =>
  (req, res, _hit, n) =>
    n <= failures ? fail(res, req) : ok(res);

/** A port nothing listens on. */
async function closedPort(): Promise<string> {
  const s = await serve(() => undefined);
  await s.close();
  servers.pop();
  return s.url;
}

// ---------------------------------------------------------------------------------------------
// Rules checked before anything is sent
// ---------------------------------------------------------------------------------------------

describe("host, tenant and id rules", () => {
  test("a bare https origin, with or without a trailing slash", () => {
    expect(parseKoreHost("https://platform.kore.ai")).toBe("https://platform.kore.ai");
    expect(parseKoreHost("https://platform.kore.ai/")).toBe("https://platform.kore.ai");
    expect(parseKoreHost("https://bots.example.com:8443/")).toBe("https://bots.example.com:8443");
  });

  test.each(["http://127.0.0.1:3000", "http://127.9.8.7", "http://localhost:8080/", "http://[::1]:9000"])("plain http for the loopback host %s", (host) => {
    expect(parseKoreHost(host)).toBe(host.replace(/\/$/, ""));
  });

  test.each([
    ["http://platform.kore.ai", "https"],
    ["http://10.0.0.1", "https"],
    ["ftp://platform.kore.ai", "https"],
    ["https://platform.kore.ai/api", "bare origin"],
    ["https://platform.kore.ai/?x=1", "bare origin"],
    ["https://platform.kore.ai/#frag", "bare origin"],
    ["https://user:pw@platform.kore.ai", "credentials"],
    ["platform.kore.ai", "not a URL"],
    ["", "required"],
  ])("refuses %s", (host, why) => {
    expect(() => parseKoreHost(host)).toThrow(ValidationError);
    expect(() => parseKoreHost(host)).toThrow(why);
  });

  test("the constructor refuses an app or account id that is not a plain id", () => {
    expect(() => new KoreClient({ host: "https://platform.kore.ai", appId: "st/../x", accountId: ACCOUNT }, CREDS)).toThrow(ValidationError);
    expect(() => new KoreClient({ host: "https://platform.kore.ai", appId: APP, accountId: "a b" }, CREDS)).toThrow(/accountId/);
  });

  test.each(["../cd-1", "cd-1/status", "cd 1", "", "-cd", ".cd", "cd%2e", "x".repeat(129), "cd-1?campaignType=sms"])(
    "a campaign id %j is refused before any request, by every call",
    async (bad) => {
      const server = await serve((_q, res) => campaignAnswer(res));
      const c = client(server.url);
      for (const call of [
        () => c.getCampaign(bad),
        () => c.updateCampaign(bad, {}),
        () => c.deleteCampaign(bad),
        () => c.startCampaign(bad),
        () => c.stopCampaign(bad),
        () => c.getCampaignStatus(bad),
      ]) {
        const err = await failure(call());
        expect(err.attempts).toBe(0);
        expect(err.status).toBeUndefined();
        expect(err.message).toContain("refused before sending");
        expect(err.path).toContain("{campaignId}");
      }
      expect(server.hits).toHaveLength(0);
    },
  );

  test("ids with dots, dashes and underscores pass and are sent as one path segment", async () => {
    const server = await serve((_q, res) => campaignAnswer(res));
    await client(server.url).getCampaign("cd-a_b.c-1");
    expect(server.hits[0].url).toBe(`/agentassist/api/v1/public/${APP}/campaign/cd-a_b.c-1`);
  });
});

// ---------------------------------------------------------------------------------------------
// The retry policy, as data and as one function
// ---------------------------------------------------------------------------------------------

describe("retry policy", () => {
  const p = resolveRetryPolicy({ minDelayMs: 100, maxDelayMs: 1_000, maxRetries: 3, maxTotalWaitMs: 5_000 });
  const first = { attempts: 1, waitedMs: 0 };

  test("the create POST is not repeated after anything that may have reached Kore", () => {
    for (const failure of [{ status: 500 }, { status: 502 }, { status: 503 }, { status: 504 }, { code: "ECONNRESET" }, { code: "UND_ERR_SOCKET" }, { code: "UND_ERR_HEADERS_TIMEOUT" }]) {
      expect(decideRetry(p, "createCampaign", failure, first)).toEqual({ retry: false, exhausted: false, reason: "not retryable" });
    }
  });

  test("the create POST is repeated after a 429 or a failure to connect (Kore never processed it)", () => {
    for (const failure of [{ status: 429 }, { code: "ECONNREFUSED" }, { code: "UND_ERR_CONNECT_TIMEOUT" }, { code: "ENOTFOUND" }]) {
      expect(decideRetry(p, "createCampaign", failure, first).retry).toBe(true);
    }
  });

  test("play and stop are repeated only after a 429 or a failure to connect, never after what may have reached Kore", () => {
    for (const call of ["startCampaign", "stopCampaign"] as const) {
      for (const f of [{ status: 500 }, { status: 503 }, { code: "ECONNRESET" }, { code: "UND_ERR_HEADERS_TIMEOUT" }]) {
        expect(decideRetry(p, call, f, first).retry).toBe(false);
      }
      for (const f of [{ status: 429 }, { code: "ECONNREFUSED" }]) expect(decideRetry(p, call, f, first).retry).toBe(true);
    }
  });

  test("every other call is repeated after 429, 5xx and connection failures, not after other 4xx", () => {
    const calls = ["getCampaign", "listCampaigns", "updateCampaign", "deleteCampaign", "getCampaignStatus"] as const;
    for (const call of calls) {
      for (const f of [{ status: 429 }, { status: 500 }, { status: 503 }, { code: "ECONNRESET" }, { code: "UND_ERR_BODY_TIMEOUT" }]) {
        expect(decideRetry(p, call, f, first).retry).toBe(true);
      }
      for (const f of [{ status: 400 }, { status: 401 }, { status: 404 }, { status: 409 }, { code: "ERR_INVALID_ARG" }]) {
        expect(decideRetry(p, call, f, first).retry).toBe(false);
      }
    }
  });

  test("at most maxRetries retries", () => {
    expect(decideRetry(p, "getCampaign", { status: 503 }, { attempts: 3, waitedMs: 0 }).retry).toBe(true);
    expect(decideRetry(p, "getCampaign", { status: 503 }, { attempts: 4, waitedMs: 0 })).toEqual({ retry: false, exhausted: true, reason: "gave up after 4 attempts" });
  });

  test("exponential backoff with jitter in [backoff/2, backoff], capped at maxDelayMs", () => {
    const delay = (attempts: number, r: number) => (decideRetry(p, "getCampaign", { status: 503 }, { attempts, waitedMs: 0 }, () => r) as { delayMs: number }).delayMs;
    expect([delay(1, 0), delay(1, 1)]).toEqual([50, 100]);
    expect([delay(2, 0), delay(2, 1)]).toEqual([100, 200]);
    expect([delay(3, 0), delay(3, 1)]).toEqual([200, 400]);
    const big = resolveRetryPolicy({ ...p, maxRetries: 10 });
    expect((decideRetry(big, "getCampaign", { status: 503 }, { attempts: 9, waitedMs: 0 }, () => 1) as { delayMs: number }).delayMs).toBe(1_000);
  });

  test("Retry-After is a floor, and a wait beyond the budget means giving up", () => {
    expect(decideRetry(p, "getCampaign", { status: 429, retryAfterMs: 3_000 }, first, () => 0.5)).toEqual({ retry: true, delayMs: 3_000 });
    const tooLong = decideRetry(p, "getCampaign", { status: 429, retryAfterMs: 120_000 }, first);
    expect(tooLong.retry).toBe(false);
    expect((tooLong as { reason: string }).reason).toMatch(/retry budget of 5000 ms/);
    expect(decideRetry(p, "getCampaign", { status: 503 }, { attempts: 2, waitedMs: 4_950 }).retry).toBe(false);
    const ignoring = resolveRetryPolicy({ ...p, honourRetryAfter: false });
    expect(decideRetry(ignoring, "getCampaign", { status: 429, retryAfterMs: 3_000 }, first, () => 1)).toEqual({ retry: true, delayMs: 100 });
  });

  test("Retry-After: delta-seconds or an HTTP date", () => {
    const now = Date.parse("2025-06-27T07:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter(" 0 ", now)).toBe(0);
    expect(parseRetryAfter("Fri, 27 Jun 2025 07:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Fri, 27 Jun 2025 06:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter(["5", "9"], now)).toBe(5_000);
    for (const bad of [undefined, "", "soon", "-5", "1e3"]) expect(parseRetryAfter(bad, now)).toBeUndefined();
  });

  test("the defaults are bounded: the fifth failed attempt is the last, and a negative setting is refused", () => {
    const p = DEFAULT_RETRY_POLICY;
    expect(decideRetry(p, "getCampaign", { status: 503 }, { attempts: 4, waitedMs: 0 }, () => 0).retry).toBe(true);
    expect(decideRetry(p, "getCampaign", { status: 503 }, { attempts: 5, waitedMs: 0 }, () => 0)).toMatchObject({ retry: false, exhausted: true });
    expect(() => resolveRetryPolicy({ maxRetries: -1 })).toThrow(RangeError);
  });
});

describe("Kore's error bodies", () => {
  test.each([
    ['{"errors":[{"msg":"Campaign cd-1 not found","code":404}]}', { message: "Campaign cd-1 not found", code: 404 }],
    ['{"errors":[{"msg":"a","code":"E1"},{"msg":"b","code":"E1"}]}', { message: "a; b", code: "E1" }],
    ['{"message":"Rate limit reached"}', { message: "Rate limit reached", code: undefined }],
    ['{"error":{"message":"bad"},"code":7}', { message: "bad", code: 7 }],
    ["upstream connect error", { message: "upstream connect error" }],
    ["<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", { message: "502 Bad Gateway" }],
    ["", {}],
  ])("%s", (text, expected) => {
    expect(parseErrorBody(text)).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// Mechanics over real HTTP, against servers scripted here
// ---------------------------------------------------------------------------------------------

describe("requests as sent", () => {
  test("every call sends auth, iid and accountId; JSON bodies say so", async () => {
    const server = await serve((req, res) => {
      if (req.url?.includes("getAllCampaignDetails")) return json(res, 200, { data: { results: [], hasMore: false } });
      if (req.url?.includes("trigger=")) return json(res, 200, { status: "Active", message: "Campaign Started" });
      if (req.url?.includes("/status")) return json(res, 200, { status: "success", data: { id: "cd-1", status: "Ready", name: "A" } });
      if (req.method === "POST" || req.method === "PUT") return json(res, 200, { id: "cd-1", data: { ...RECORD, id: "cd-1" } });
      return campaignAnswer(res);
    });
    const c = client(server.url);
    await c.createCampaign({ name: "A" });
    await c.getCampaign("cd-1");
    await c.listCampaignsPage({ limit: 10, skip: 0, page: 1 });
    await c.updateCampaign("cd-1", { name: "A" });
    await c.startCampaign("cd-1");
    await c.stopCampaign("cd-1");
    await c.getCampaignStatus("cd-1");
    await c.deleteCampaign("cd-1");
    const base = `/agentassist/api/v1/public/${APP}`;
    expect(server.hits.map((h) => `${h.method} ${h.url} ${h.body}`)).toEqual([
      `POST ${base}/campaign?campaignType=voice {"name":"A"}`,
      `GET ${base}/campaign/cd-1 `,
      `POST ${base}/campaign/getAllCampaignDetails?accountId=${ACCOUNT} {"limit":10,"skip":0,"page":1,"type":"voice"}`,
      `PUT ${base}/campaign/cd-1?campaignType=voice {"name":"A"}`,
      `POST /campaign/api/v1/public/${APP}/campaign/cd-1?campaignType=voice&trigger=play {}`,
      `POST /campaign/api/v1/public/${APP}/campaign/cd-1?campaignType=voice&trigger=stop {}`,
      `POST ${base}/campaign/cd-1/status?view=status `,
      `DELETE ${base}/campaign/cd-1?campaignType=voice `,
    ]);
    for (const h of server.hits) {
      expect(h.headers.iid).toBe(APP);
      expect(h.headers.accountid).toBe(ACCOUNT);
      expect(decodeJwt(String(h.headers.auth)).appId).toBe(CREDS.clientId);
      expect(h.headers["content-type"]).toBe(h.body ? "application/json" : undefined);
    }
    const jtis = new Set(server.hits.map((h) => decodeJwt(String(h.headers.auth)).jti));
    expect(jtis.size).toBe(server.hits.length);
  });

  test("a ready-made JWT is sent as is", async () => {
    const server = await serve((_q, res) => campaignAnswer(res));
    const jwt = await mintJwt(CREDS);
    await client(server.url, FAST, { jwt }).getCampaign("cd-1");
    expect(server.hits[0].headers.auth).toBe(jwt);
  });

  test("each attempt carries a freshly minted token (a retry never replays a jti)", async () => {
    const server = await serve(failThen(2, (res) => json(res, 503, { errors: [{ msg: "busy", code: 503 }] })));
    await client(server.url).getCampaign("cd-1");
    const jtis = server.hits.map((h) => decodeJwt(String(h.headers.auth)).jti);
    expect(jtis).toHaveLength(3);
    expect(new Set(jtis).size).toBe(3);
  });
});

describe("retries", () => {
  test("GET: 503, 502 then 200: three requests, the record", async () => {
    const statuses = [503, 502];
    const server = await serve(failThen(2, (res) => json(res, statuses.shift() as number, "{}")));
    const record = await client(server.url).getCampaign("cd-1");
    expect(record).toEqual({ id: "cd-1", name: "A", status: "Ready" });
    expect(server.hits).toHaveLength(3);
  });

  test("the list and status POSTs are retried too; a trigger after a 500 is not, and its outcome is reported unknown", async () => {
    const server = await serve((req, res, _h, n) => {
      if (n % 2 === 1) return json(res, 500, { errors: [{ msg: "oops", code: 500 }] });
      if (req.url?.includes("getAllCampaignDetails")) return json(res, 200, { data: { results: [RECORD], hasMore: false } });
      return json(res, 200, { status: "success", data: { id: "cd-1", status: "Ready" } });
    });
    const c = client(server.url);
    expect((await c.listCampaignsPage({ limit: 5, skip: 0, page: 1 })).records).toEqual([{ id: "cd-1", name: "A", status: "Ready" }]);
    expect(await c.getCampaignStatus("cd-1")).toEqual({ id: "cd-1", status: "Ready" });
    const err = await failure(c.startCampaign("cd-1"));
    expect(err.status).toBe(500);
    expect(err.outcomeUnknown).toBe(true);
    expect(server.hits.map((h) => h.method)).toEqual(Array(5).fill("POST"));
    expect(server.hits.filter((h) => h.url.includes("trigger=play"))).toHaveLength(1);
  });

  test("gives up after maxRetries with Kore's last answer, and says so", async () => {
    const server = await serve((_q, res) => json(res, 503, { errors: [{ msg: "Service unavailable", code: "SVC_DOWN" }] }));
    const err = await failure(client(server.url).updateCampaign("cd-1", { name: "A" }));
    expect(server.hits).toHaveLength(4);
    expect(err.attempts).toBe(4);
    expect(err.status).toBe(503);
    expect(err.koreMessage).toBe("Service unavailable");
    expect(err.koreCode).toBe("SVC_DOWN");
    expect(err.message).toMatch(
      new RegExp(`^Kore\\.ai API PUT /agentassist/api/v1/public/${APP}/campaign/cd-1\\?campaignType=voice failed: 503 Service unavailable \\(code SVC_DOWN\\); gave up after 4 attempts`),
    );
  });

  test("4xx answers are not retried", async () => {
    const server = await serve((_q, res) => json(res, 404, { errors: [{ msg: "Campaign cd-9 not found", code: 404 }] }));
    const err = await failure(client(server.url).getCampaign("cd-9"));
    expect(server.hits).toHaveLength(1);
    expect(err).toMatchObject({ status: 404, koreMessage: "Campaign cd-9 not found", koreCode: 404, attempts: 1, outcomeUnknown: false });
  });

  test("a dropped connection is retried for GET", async () => {
    const server = await serve(failThen(2, (res) => res.socket?.destroy()));
    await client(server.url).getCampaign("cd-1");
    expect(server.hits).toHaveLength(3);
  });

  test("a connection refused is retried, then reported as such", async () => {
    const url = await closedPort();
    const err = await failure(client(url).getCampaign("cd-1"));
    expect(err.code).toBe("ECONNREFUSED");
    expect(err.attempts).toBe(4);
    expect(err.status).toBeUndefined();
    expect(err.message).toMatch(/connection refused.*gave up after 4 attempts/);
  });

  test("Retry-After in seconds is waited at least that long", async () => {
    const server = await serve(failThen(1, (res) => json(res, 429, { errors: [{ msg: "You've exceeded the per-minute rate limit", code: 429 }] }, { "retry-after": "1" })));
    await client(server.url).getCampaign("cd-1");
    expect(server.hits).toHaveLength(2);
    const gap = server.hits[1].at - server.hits[0].at;
    expect(gap).toBeGreaterThanOrEqual(1_000);
    expect(gap).toBeLessThan(10_000);
  });

  test("Retry-After as an HTTP date is waited until that date", async () => {
    let until = 0;
    const server = await serve(
      failThen(1, (res) => {
        until = (Math.floor(Date.now() / 1000) + 2) * 1000; // HTTP dates have whole seconds
        json(res, 503, "{}", { "retry-after": new Date(until).toUTCString() });
      }),
    );
    await client(server.url).getCampaign("cd-1");
    expect(server.hits).toHaveLength(2);
    expect(server.hits[1].at).toBeGreaterThanOrEqual(until - 5); // 5 ms for clock granularity
    expect(server.hits[1].at - server.hits[0].at).toBeLessThan(10_000);
  });

  test("a Retry-After beyond the retry budget is not waited: the 429 is reported at once", async () => {
    const server = await serve((_q, res) => json(res, 429, { errors: [{ msg: "You've exceeded the hourly rate limit", code: 429 }] }, { "retry-after": "3600" }));
    const err = await failure(client(server.url, { ...FAST, retry: { ...FAST.retry, maxTotalWaitMs: 60_000 } }).getCampaign("cd-1"));
    expect(server.hits).toHaveLength(1);
    expect(err.status).toBe(429);
    expect(err.koreMessage).toBe("You've exceeded the hourly rate limit");
  });

  test("no response within the timeout: each attempt times out, then a timeout error", async () => {
    const server = await serve(() => undefined); // never answers
    const err = await failure(client(server.url, { ...FAST, timeoutMs: 150, retry: { ...FAST.retry, maxRetries: 1 } }).getCampaign("cd-1"));
    expect(server.hits).toHaveLength(2);
    expect(err.code).toBe("UND_ERR_HEADERS_TIMEOUT");
    expect(err.message).toMatch(/timed out: no response within 150 ms/);
    expect(err.outcomeUnknown).toBe(false); // a read changes nothing
  });

  test("a body that stalls mid-way times out", async () => {
    const server = await serve((_q, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "500" });
      res.write('{"data":');
    });
    const err = await failure(client(server.url, { ...FAST, timeoutMs: 150, retry: { ...FAST.retry, maxRetries: 0 } }).getCampaign("cd-1"));
    expect(err.code).toBe("UND_ERR_BODY_TIMEOUT");
    expect(err.message).toMatch(/timed out/);
  });

  test("the scheduler wraps every attempt and hears of every 429", async () => {
    const server = await serve(failThen(2, (res) => json(res, 429, "{}", { "retry-after": "0" })));
    const runs: number[] = [];
    const limited: number[] = [];
    const scheduler: RequestScheduler = {
      run: async (fn) => {
        runs.push(Date.now());
        return fn();
      },
      onRateLimited: (ms) => limited.push(ms),
    };
    await client(server.url, { ...FAST, scheduler }).getCampaign("cd-1");
    expect(runs).toHaveLength(3);
    expect(limited).toEqual([0, 0]);
  });

  test("a scheduler that refuses: nothing is sent, and a create is definitely not created", async () => {
    const server = await serve((_q, res) => campaignAnswer(res));
    const closed: RequestScheduler = { run: () => Promise.reject(new Error("scheduler is shut down")) };
    const err = await failure(client(server.url, { ...FAST, scheduler: closed }).createCampaign({ name: "A" }));
    expect(server.hits).toHaveLength(0);
    expect(err.outcomeUnknown).toBe(false);
    expect(err.message).toMatch(/not sent: scheduler is shut down; the campaign was not created/);
  });

  test("a scheduler slot is held until the attempt's response has ended", async () => {
    const server = await serve((_q, res) => setTimeout(() => campaignAnswer(res), 50));
    let inFlight = 0;
    let most = 0;
    let chain = Promise.resolve();
    const serial: RequestScheduler = {
      run: <T>(fn: () => Promise<T>): Promise<T> => {
        const next = chain.then(async () => {
          inFlight += 1;
          most = Math.max(most, inFlight);
          try {
            return await fn();
          } finally {
            inFlight -= 1;
          }
        });
        chain = next.then(
          () => undefined,
          () => undefined,
        );
        return next;
      },
    };
    const c = client(server.url, { ...FAST, scheduler: serial });
    await Promise.all([c.getCampaign("cd-1"), c.getCampaign("cd-1"), c.getCampaign("cd-1")]);
    expect(server.hits).toHaveLength(3);
    expect(most).toBe(1);
  });
});

describe("the create POST is never repeated once it may have reached Kore", () => {
  const body = { name: "Service Renewal Outreach Campaign" };

  test("no answer within the timeout: one POST, outcome unknown", async () => {
    const server = await serve(() => undefined);
    const err = await failure(client(server.url, { ...FAST, timeoutMs: 150 }).createCampaign(body));
    expect(server.hits).toHaveLength(1);
    expect(err.outcomeUnknown).toBe(true);
    expect(err.status).toBeUndefined();
    expect(err.message).toMatch(/outcome is unknown/);
    expect(err.message).toMatch(/not retried/);
  });

  test.each([500, 502, 503, 504])("a %i: one POST, outcome unknown", async (status) => {
    const server = await serve((_q, res) => json(res, status, { errors: [{ msg: "Internal error", code: status }] }));
    const err = await failure(client(server.url).createCampaign(body));
    expect(server.hits).toHaveLength(1);
    expect(err).toMatchObject({ status, outcomeUnknown: true, attempts: 1, koreMessage: "Internal error" });
    expect(err.message).toMatch(/outcome is unknown: Kore may or may not have created the campaign/);
  });

  test("a dropped connection after sending: one POST, outcome unknown", async () => {
    const server = await serve((_q, res) => res.socket?.destroy());
    const err = await failure(client(server.url).createCampaign(body));
    expect(server.hits).toHaveLength(1);
    expect(err.outcomeUnknown).toBe(true);
    expect(err.code).toMatch(/UND_ERR_SOCKET|ECONNRESET/);
  });

  test("a 400: one POST, definitely not created", async () => {
    const server = await serve((_q, res) => json(res, 400, { errors: [{ msg: "name is required", code: 400 }] }));
    const err = await failure(client(server.url).createCampaign({}));
    expect(server.hits).toHaveLength(1);
    expect(err.outcomeUnknown).toBe(false);
    expect(err.message).toBe(
      `Kore.ai API POST /agentassist/api/v1/public/${APP}/campaign?campaignType=voice failed: 400 name is required (code 400); the campaign was not created`,
    );
  });

  test("a 429 was not processed, so it is retried (after Retry-After)", async () => {
    const server = await serve(
      failThen(
        1,
        (res) => json(res, 429, "{}", { "retry-after": "0" }),
        (res) => json(res, 200, { status: "success", message: "creation in progress", id: "cd-7", data: { campId: "cd-7" } }),
      ),
    );
    expect(await client(server.url).createCampaign(body)).toEqual({ id: "cd-7" });
    expect(server.hits).toHaveLength(2);
  });

  test("connection refused: nothing was sent, so it is retried, then reported as not created", async () => {
    const err = await failure(client(await closedPort()).createCampaign(body));
    expect(err).toMatchObject({ code: "ECONNREFUSED", outcomeUnknown: false, attempts: 4 });
    expect(err.message).toMatch(/the campaign was not created/);
  });

  test("a 200 whose body cannot be read: the campaign probably exists, outcome unknown", async () => {
    const server = await serve((_q, res) => json(res, 200, { status: "success", data: { name: "no id here" } }));
    const err = await failure(client(server.url).createCampaign(body));
    expect(server.hits).toHaveLength(1);
    expect(err.outcomeUnknown).toBe(true);
    expect(err.message).toMatch(/unexpected response to createCampaign: expected \{data: \{id or _id, \.\.\.campaign\}\}/);
  });
});

describe("unexpected answers are clear errors, never undefined", () => {
  const cases: Array<[string, (c: KoreClient) => Promise<unknown>, unknown, RegExp]> = [
    ["get without a record", (c) => c.getCampaign("cd-1"), { status: "success" }, /getCampaign: expected \{data: \{_id or id, \.\.\.campaign\}\}; got data: /],
    ["get whose record has no id", (c) => c.getCampaign("cd-1"), { data: { name: "A" } }, /getCampaign.*campaign id in `_id` or `id`/],
    ["a list without hasMore", (c) => c.listCampaignsPage({ limit: 1, skip: 0, page: 1 }), { data: { results: [] } }, /listCampaigns.*hasMore/],
    ["a list whose results are not an array", (c) => c.listCampaignsPage({ limit: 1, skip: 0, page: 1 }), { data: { results: {}, hasMore: false } }, /listCampaigns.*data\.results/],
    ["a status without data.status", (c) => c.getCampaignStatus("cd-1"), { status: "success", data: { id: "cd-1" } }, /getCampaignStatus.*data\.status/],
    ["a trigger answer without status", (c) => c.startCampaign("cd-1"), { message: "Campaign Started" }, /startCampaign: expected \{status, message, updatedAt, campaignInstanceId\}/],
    ["an update whose ids are missing", (c) => c.updateCampaign("cd-1", {}), { status: "success", data: {} }, /updateCampaign.*no campaign id/],
    ["a create whose ids disagree", (c) => c.createCampaign({}), { id: "cd-1", data: { campId: "cd-2" } }, /createCampaign.*ids disagree \(cd-2, cd-1\)/],
    ["an HTML page with status 200", (c) => c.getCampaign("cd-1"), "<html><body>Login</body></html>", /getCampaign.*the body is not JSON: "Login"/],
    ["an empty 200", (c) => c.getCampaign("cd-1"), "", /getCampaign.*got an empty body/],
  ];
  test.each(cases)("%s", async (_name, call, answer, message) => {
    const server = await serve((_q, res) => json(res, 200, answer));
    const err = await failure(call(client(server.url)));
    expect(err.status).toBe(200);
    expect(err.message).toMatch(message);
    expect(err.attempts).toBe(1);
  });

  test('a 200 that says {"status": "failure"} is a failure with Kore\'s message', async () => {
    const server = await serve((_q, res) => json(res, 200, { status: "failure", message: "Campaign is locked" }));
    const err = await failure(client(server.url).getCampaignStatus("cd-1"));
    expect(err).toMatchObject({ status: 200, koreMessage: "Campaign is locked" });
  });

  test("an empty 2xx is fine for delete", async () => {
    const server = await serve((_q, res) => {
      res.writeHead(204);
      res.end();
    });
    await expect(client(server.url).deleteCampaign("cd-1")).resolves.toBeUndefined();
  });

  test.each([
    ["plain text", "text/plain", "Bad gateway: upstream reset", "Bad gateway: upstream reset"],
    ["a {message} object", "application/json", '{"message":"Forbidden: scope Campaign Management missing"}', "Forbidden: scope Campaign Management missing"],
  ])("error bodies as %s keep Kore's words", async (_n, type, text, words) => {
    const server = await serve((_q, res) => {
      res.writeHead(403, { "content-type": type });
      res.end(text);
    });
    const err = await failure(client(server.url).getCampaign("cd-1"));
    expect(err.koreMessage).toBe(words);
    expect(err.message).toContain(`failed: 403 ${words}`);
  });
});

describe("listing every campaign", () => {
  test("pages until hasMore is false; skip advances by what arrived; duplicates kept once", async () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ _id: `cd-${i}`, name: `C${i}` }));
    const server = await serve((_q, res, hit, n) => {
      const { limit, skip } = JSON.parse(hit.body) as { limit: number; skip: number };
      const cap = Math.min(limit, 2); // a server that caps the page size below ours
      // after the first page someone creates a campaign that sorts first: the window shifts by one
      const list = n === 1 ? all : [{ _id: "cd-new", name: "New" }, ...all];
      const results = list.slice(skip, skip + cap);
      json(res, 200, { status: "success", data: { results, skip, limit, hasMore: skip + cap < list.length, totalResults: list.length } });
    });
    const records = await client(server.url, { ...FAST, listPageSize: 3 }).listAllCampaigns();
    expect(records.map((r) => r.id)).toEqual(all.map((r) => r._id)); // cd-1 came twice, kept once
    expect(server.hits.map((h) => JSON.parse(h.body))).toEqual([
      { limit: 3, skip: 0, page: 1, type: "voice" },
      { limit: 3, skip: 2, page: 2, type: "voice" },
      { limit: 3, skip: 4, page: 3, type: "voice" },
      { limit: 3, skip: 6, page: 4, type: "voice" },
    ]);
  });

  test("a record without an id, or with a bad one, is skipped and reported; the rest of the listing goes on (issue 22, item 9)", async () => {
    const pages = [
      [{ _id: "cd-1", name: "One" }, { name: "No id", status: "Active" }, { _id: "../x?trigger=play", name: "Bad id" }],
      [{ id: "cd-2", name: "Two" }, "not a record"],
    ];
    const server = await serve((_q, res, _h, n) => json(res, 200, { status: "success", data: { results: pages[n - 1], hasMore: n < 2 } }));
    const skipped: unknown[] = [];
    const records = await client(server.url).listAllCampaigns({ pageSize: 3, onSkipped: (s) => skipped.push(s) });
    expect(records.map((r) => r.id)).toEqual(["cd-1", "cd-2"]);
    expect(skipped).toEqual([
      { page: 1, position: 2, name: "No id", problem: "expected a campaign id in `_id` or `id`" },
      { page: 1, position: 3, name: "Bad id", problem: "_id: is not a plain campaign id (letters, digits, '_', '.', '-'; at most 128)" },
      { page: 2, position: 2, problem: "(record): expected a JSON object" },
    ]);
    // the page's next skip counts every record that arrived, kept or not
    expect(server.hits.map((h) => JSON.parse(h.body).skip)).toEqual([0, 3]);
  });

  test("a server that always says hasMore is cut off after maxListPages", async () => {
    const server = await serve((_q, res, _h, n) => json(res, 200, { data: { results: [{ _id: `cd-${n}` }], hasMore: true } }));
    const err = await failure(client(server.url, { ...FAST, maxListPages: 5 }).listAllCampaigns());
    expect(server.hits).toHaveLength(5);
    expect(err.message).toMatch(/did not end.*5 pages/);
  });

  test("an empty page that claims more ends the listing with an error", async () => {
    const server = await serve((_q, res) => json(res, 200, { data: { results: [], hasMore: true } }));
    await expect(client(server.url).listAllCampaigns()).rejects.toThrow(/did not end/);
    expect(server.hits).toHaveLength(1);
  });
});

describe("secrets never appear in errors", () => {
  test("not even when the server echoes the token and the secret back", async () => {
    const server = await serve((req, res) =>
      json(res, 401, { errors: [{ msg: `token ${String(req.headers.auth)} signed with ${CREDS.clientSecret} is invalid`, code: 4002 }] }),
    );
    const err = await failure(client(server.url).getCampaign("cd-1"));
    const sent = String(server.hits[0].headers.auth);
    for (const text of [printed(err), String(err.koreMessage)]) {
      expect(text).not.toContain(CREDS.clientSecret);
      expect(text).not.toContain(sent);
      expect(text).not.toMatch(JWT_SHAPE);
    }
    expect(err.koreMessage).toBe("token [REDACTED] signed with [REDACTED] is invalid");
  });

  test("a ready-made JWT is redacted too, as are network errors' causes", async () => {
    const jwt = await mintJwt(CREDS);
    const server = await serve((_q, res) => res.socket?.destroy());
    const err = await failure(client(server.url, { ...FAST, retry: { ...FAST.retry, maxRetries: 0 } }, { jwt }).updateCampaign("cd-1", { note: jwt }));
    expect(err.cause).toBeInstanceOf(Error);
    expect(printed(err)).not.toContain(jwt);
    expect(printed(err)).not.toMatch(JWT_SHAPE);
  });
});

// ---------------------------------------------------------------------------------------------
// Against the emulator
// ---------------------------------------------------------------------------------------------

describe("against the emulator", () => {
  let emu: Emulator;
  const target = { appId: DEMO_CREDENTIALS.appId, accountId: DEMO_CREDENTIALS.accountId };
  const demo = { clientId: DEMO_CREDENTIALS.clientId, clientSecret: DEMO_CREDENTIALS.clientSecret };
  const kore = (options: KoreClientOptions = FAST, creds: ConstructorParameters<typeof KoreClient>[1] = demo) => client(emu.url, options, creds, target);
  const named = (sample: object, name: string): Record<string, unknown> => ({ ...structuredClone(sample), name });
  let n = 0;
  const unique = (prefix: string) => `${prefix} ${++n}`.slice(0, 48);
  const errors: KoreApiError[] = [];

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 30 });
  });
  afterAll(async () => {
    await emu?.close();
  });
  beforeEach(() => emu.clearRequests());

  async function untilStatus(c: KoreClient, id: string, status: string): Promise<void> {
    for (let i = 0; i < 200; i++) {
      if ((await c.getCampaignStatus(id)).status === status) return;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`${id} never became ${status}`);
  }

  test("create in each documented mode, from the docs' sample bodies", async () => {
    const c = kore();
    const progressive = await c.createCampaign(SAMPLE_PROGRESSIVE as Record<string, unknown>);
    const preview = await c.createCampaign(SAMPLE_PREVIEW as Record<string, unknown>);
    const agentless = await c.createCampaign(SAMPLE_AGENTLESS as Record<string, unknown>);
    for (const created of [progressive, preview, agentless]) expect(emu.campaign(created.id)).toBeDefined();
    // Progressive and Agentless answer the whole record; Preview only the ids
    expect(progressive.record).toMatchObject({ id: progressive.id, name: SAMPLE_PROGRESSIVE.name, dialingMode: "Progressive" });
    expect(agentless.record).toMatchObject({ id: agentless.id, dialingMode: "Agentless" });
    expect(agentless.record?.experienceFlow).toMatch(/^cf-/);
    expect(preview.record).toBeUndefined();
    expect(emu.requests.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)} ${r.status}`)).toEqual(
      Array(3).fill(`POST /agentassist/api/v1/public/${target.appId}/campaign {"campaignType":"voice"} 200`),
    );
    expect(emu.requests[1].body).toEqual(SAMPLE_PREVIEW);
    for (const r of emu.requests) {
      expect(r.headers).toMatchObject({ iid: target.appId, accountid: target.accountId, "content-type": "application/json" });
    }
  });

  test("get, list (paged), update, status, start, stop, delete", async () => {
    const c = kore();
    const { id } = await c.createCampaign(named(SAMPLE_PREVIEW, unique("Lifecycle")));
    const record = await c.getCampaign(id);
    expect(record.id).toBe(id);
    expect(record).not.toHaveProperty("_id");

    const page = await c.listCampaignsPage({ limit: 2, skip: 0, page: 1 });
    expect(page.records.length).toBeLessThanOrEqual(2);
    const everything = await c.listAllCampaigns({ pageSize: 2 });
    expect(everything.map((r) => r.id).sort()).toEqual(emu.campaigns().map((s) => s.id).sort());
    const listCall = emu.requests.find((r) => r.path.endsWith("/getAllCampaignDetails"));
    expect(listCall?.query).toEqual({ accountId: target.accountId });
    expect(listCall?.body).toEqual({ limit: 2, skip: 0, page: 1, type: "voice" });

    await untilStatus(c, id, "Ready");
    const updated = await c.updateCampaign(id, named(SAMPLE_UPDATE, record.name as string));
    expect(updated).toMatchObject({ id, description: SAMPLE_UPDATE.description });

    const started = await c.startCampaign(id);
    expect(started.status).toBe("Active");
    expect(started.campaignInstanceId).toMatch(/^cid-/);
    expect(await c.getCampaignStatus(id)).toEqual({ id, status: "Active", name: record.name });
    const stopped = await c.stopCampaign(id);
    expect(stopped.status).toBe("Stopped");

    await c.deleteCampaign(id);
    const gone = await failure(c.getCampaign(id));
    expect(gone.status).toBe(404);
    expect(gone.attempts).toBe(1);
    expect(gone.koreMessage).toMatch(/not found/i);
    errors.push(gone);

    const triggers = emu.requests.filter((r) => r.path.startsWith("/campaign/api/v1/public/"));
    expect(triggers.map((r) => [r.method, r.query, r.body])).toEqual([
      ["POST", { campaignType: "voice", trigger: "play" }, {}],
      ["POST", { campaignType: "voice", trigger: "stop" }, {}],
    ]);
  });

  test("wrong credentials: a 401 with Kore's message, not retried, nothing secret in it", async () => {
    const err = await failure(kore(FAST, { clientId: demo.clientId, clientSecret: "wrong-secret-value-123" }).getCampaignStatus("cd-1"));
    expect(err).toMatchObject({ status: 401, attempts: 1 });
    expect(err.koreMessage).toBe("Invalid SDK credentials");
    expect(err.message).toMatch(/failed: 401 Invalid SDK credentials \(code 4002\)/);
    expect(printed(err)).not.toContain("wrong-secret-value-123");
    expect(emu.requests).toHaveLength(1);
    errors.push(err);
  });

  test("a ready-made JWT works", async () => {
    const jwt = await mintJwt(demo);
    const { id } = await kore(FAST, { jwt }).createCampaign(named(SAMPLE_AGENTLESS, unique("Jwt")));
    expect(emu.campaign(id)).toBeDefined();
  });

  test("429 twice on a GET: three GETs in the log, then the record", async () => {
    const c = kore();
    const { id } = await c.createCampaign(named(SAMPLE_PROGRESSIVE, unique("Limited")));
    emu.clearRequests();
    emu.failNext({ method: "GET", status: 429, retryAfterSeconds: 0, count: 2 });
    expect((await c.getCampaign(id)).id).toBe(id);
    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["GET 429", "GET 429", "GET 200"]);
  });

  test("5xx on PUT and on the status POST: retried until they pass", async () => {
    const c = kore();
    const { id } = await c.createCampaign(named(SAMPLE_PREVIEW, unique("Flaky")));
    await untilStatus(c, id, "Ready");
    emu.clearRequests();
    emu.failNext({ method: "PUT", status: 503, count: 2 });
    emu.failNext({ pathIncludes: "/status", status: 500, count: 1 });
    await c.updateCampaign(id, named(SAMPLE_UPDATE, emu.campaign(id)?.name as string));
    await c.getCampaignStatus(id);
    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["PUT 503", "PUT 503", "PUT 200", "POST 500", "POST 200"]);
  });

  test("calls in flight together on one client keep their own retry rules and bookkeeping (one shared dispatcher)", async () => {
    const c = kore();
    const { id } = await c.createCampaign(named(SAMPLE_PROGRESSIVE, unique("Shared")));
    emu.clearRequests();
    // a create answered 503 (never retried: it may have been made), a GET answered 503 twice (retried), at once
    emu.failNext({ method: "POST", pathIncludes: "/campaign?campaignType=voice", status: 503, count: 1 });
    emu.failNext({ method: "GET", status: 503, count: 2 });
    const [created, got] = await Promise.allSettled([c.createCampaign(named(SAMPLE_PROGRESSIVE, unique("Shared 2"))), c.getCampaign(id)]);
    expect(created.status).toBe("rejected");
    expect((created as PromiseRejectedResult).reason).toMatchObject({ call: "createCampaign", status: 503, attempts: 1, outcomeUnknown: true });
    expect(got).toMatchObject({ status: "fulfilled", value: { id } });
    expect(emu.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(emu.requests.filter((r) => r.method === "GET").map((r) => r.status)).toEqual([503, 503, 200]);
    // and a failing GET afterwards counts its own attempts from 1
    emu.failNext({ method: "GET", status: 500, count: 4 });
    expect(await failure(c.getCampaign(id))).toMatchObject({ attempts: 4 });
  });

  test("a 500 that does not go away: maxRetries + 1 attempts, then the error", async () => {
    emu.failNext({ method: "GET", status: 500, count: 4 }); // as many as the client will try
    const err = await failure(kore().getCampaign("cd-0000000-0000-0000-0000-000000000000"));
    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(Array(4).fill("GET 500"));
    expect(err).toMatchObject({ status: 500, attempts: 4, outcomeUnknown: false });
    expect(err.message).toMatch(/gave up after 4 attempts/);
    errors.push(err);
  });

  test("Retry-After from the server is waited at least that long", async () => {
    emu.failNext({ method: "POST", pathIncludes: "/status", status: 429, retryAfterSeconds: 1 });
    const err = await failure(kore().getCampaignStatus("cd-0000000-0000-0000-0000-000000000000")); // then a 404
    expect(err.status).toBe(404);
    const [first, second] = emu.requests.map((r) => Date.parse(r.at));
    expect(emu.requests.map((r) => r.status)).toEqual([429, 404]);
    expect(second - first).toBeGreaterThanOrEqual(1_000);
    expect(second - first).toBeLessThan(10_000);
  });

  test("a create performed but never answered: exactly one POST, outcome unknown, the campaign exists", async () => {
    const name = unique("Ambiguous");
    emu.failNext({ method: "POST", pathIncludes: "/campaign?campaignType=voice", ambiguous: true });
    const err = await failure(kore().createCampaign(named(SAMPLE_PROGRESSIVE, name)));
    expect(emu.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(err.outcomeUnknown).toBe(true);
    expect(err.message).toMatch(/outcome is unknown/);
    expect(emu.campaigns().filter((s) => s.name === name)).toHaveLength(1);
    errors.push(err);
  });

  test("a create whose connection is dropped: one POST, outcome unknown (nobody can tell)", async () => {
    emu.failNext({ method: "POST", pathIncludes: "/campaign?campaignType=voice", drop: true });
    const err = await failure(kore().createCampaign(named(SAMPLE_PROGRESSIVE, unique("Dropped"))));
    expect(emu.requests).toHaveLength(1);
    expect(err.outcomeUnknown).toBe(true);
    errors.push(err);
  });

  test("a create answered 503: one POST, outcome unknown", async () => {
    emu.failNext({ method: "POST", pathIncludes: "/campaign?campaignType=voice", status: 503 });
    const err = await failure(kore().createCampaign(named(SAMPLE_PROGRESSIVE, unique("Unavailable"))));
    expect(emu.requests).toHaveLength(1);
    expect(err).toMatchObject({ status: 503, outcomeUnknown: true, attempts: 1 });
  });

  test("a create refused by Kore's rules: 400 with Kore's words, not created", async () => {
    const bad = named(SAMPLE_PROGRESSIVE, unique("Invalid"));
    (bad.dialingStrategy as { maxRingTime: number }).maxRingTime = 9_999;
    const err = await failure(kore().createCampaign(bad));
    expect(err).toMatchObject({ status: 400, outcomeUnknown: false, attempts: 1 });
    expect(err.koreMessage).toMatch(/maxRingTime/);
    expect(err.message).toMatch(/the campaign was not created/);
    errors.push(err);
  });

  test("a dropped GET is retried", async () => {
    const c = kore();
    const { id } = await c.createCampaign(named(SAMPLE_AGENTLESS, unique("Drop")));
    emu.clearRequests();
    emu.failNext({ method: "GET", drop: true, count: 2 });
    expect((await c.getCampaign(id)).id).toBe(id);
    expect(emu.requests.map((r) => r.status)).toEqual([0, 0, 200]);
  });

  test('with "Enforce JTI", retries still pass: every attempt has its own jti', async () => {
    const strict = await startEmulator({ port: 0, contactLists: ["Recent Buyers - Q2 2025"], readyDelayMs: 30, enforceJti: true });
    try {
      const c = client(strict.url, FAST, demo, target);
      const { id } = await c.createCampaign(named(SAMPLE_PROGRESSIVE, unique("Jti")));
      strict.failNext({ method: "GET", status: 503, count: 2 });
      expect((await c.getCampaign(id)).id).toBe(id);
      expect(strict.requests.map((r) => r.status)).toEqual([200, 503, 503, 200]);
    } finally {
      await strict.close();
    }
  });

  test("none of the errors above shows the client secret or a JWT", () => {
    expect(errors.length).toBeGreaterThanOrEqual(5);
    for (const err of errors) {
      const text = printed(err);
      expect(text).not.toContain(DEMO_CREDENTIALS.clientSecret);
      expect(text).not.toMatch(JWT_SHAPE);
    }
  });
});

describe("the v2 schedule call (addressed by campaign name)", () => {
  const WEEKLY = { startDateTime: "2027-01-04 09:00:00", endDateTime: "2027-01-29 18:00:00", recurrenceObject: { recurType: "Weekly", weeklyDetails: { onceEveryNweeks: 1, whichDays: ["Mon"] } } };

  test("enable: the v2 path, the name encoded in the query, the body as given; disable: enableSchedule=false and {}", async () => {
    const server = await serve((_req, res) => json(res, 200, { status: "success", message: "Campaign X scheduled successfully", id: "cd-1" }));
    const c = client(server.url);
    expect(await c.setCampaignSchedule("Renewals & Co / Q1", WEEKLY)).toEqual({ message: "Campaign X scheduled successfully", id: "cd-1" });
    await c.setCampaignSchedule("Renewals & Co / Q1", undefined);
    expect(server.hits.map((h) => [h.method, h.url, JSON.parse(h.body)])).toEqual([
      ["POST", `/campaign/api/v2/public/${APP}/campaign/schedule?enableSchedule=true&campaignName=Renewals%20%26%20Co%20%2F%20Q1`, WEEKLY],
      ["POST", `/campaign/api/v2/public/${APP}/campaign/schedule?enableSchedule=false&campaignName=Renewals%20%26%20Co%20%2F%20Q1`, {}],
    ]);
    expect(server.hits[0].headers).toMatchObject({ iid: APP, accountid: ACCOUNT, "content-type": "application/json" });
  });

  test("a 500 is not repeated (one request), and the error names the call, path, status and Kore's words; the outcome is unknown", async () => {
    const server = await serve((_req, res) => json(res, 500, { errors: [{ msg: "scheduler unavailable", code: 500 }] }));
    const err = await failure(client(server.url).setCampaignSchedule("Renewals", WEEKLY));
    expect(server.hits).toHaveLength(1);
    expect(err.call).toBe("enableCampaignSchedule");
    expect(err.status).toBe(500);
    expect(err.outcomeUnknown).toBe(true);
    expect(err.message).toContain(`POST /campaign/api/v2/public/${APP}/campaign/schedule?enableSchedule=true&campaignName=Renewals failed: 500`);
    expect(err.message).toContain("scheduler unavailable");
  });

  test('a 200 saying {"status": "failure"} is a failure with Kore\'s message; an answer without status "success" is unreadable', async () => {
    const answers = [{ status: "failure", message: "Campaign not found" }, { ok: true }];
    const server = await serve((_req, res) => json(res, 200, answers.shift()));
    const refused = await failure(client(server.url).setCampaignSchedule("Renewals", undefined));
    expect(refused.call).toBe("disableCampaignSchedule");
    expect(refused.message).toContain("Campaign not found");
    const odd = await failure(client(server.url).setCampaignSchedule("Renewals", undefined));
    expect(odd.message).toContain('unexpected response to disableCampaignSchedule: expected {status: "success", message, id}');
  });
});
