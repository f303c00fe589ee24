/**
 * Servers (made here, on loopback) that answer the client with hostile or broken things: ids that are
 * paths or queries, answers that never end or stall, echoes of the secret in other encodings, redirects.
 * Each ends in a KoreApiError naming what happened, quickly, with nothing secret in it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { KoreApiError } from "../../provider/kore-api/errors";
import { KoreClient } from "../../provider/kore-api/client";

const SECRET = "hostile-test-client-secret-0123456789";
const servers: Server[] = [];

async function serve(answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => answer(req, res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
});

function client(url: string, options: ConstructorParameters<typeof KoreClient>[2] = {}): KoreClient {
  return new KoreClient({ host: url, appId: "st-app", accountId: "acct" }, { clientId: "cs-1", clientSecret: SECRET }, { retry: { minDelayMs: 1, maxDelayMs: 2 }, ...options });
}

async function failure(p: Promise<unknown>): Promise<KoreApiError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(KoreApiError);
    return err as KoreApiError;
  }
  throw new Error("expected a KoreApiError");
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};

describe("ids in answers", () => {
  test.each([
    ["a path", "../../x"],
    ["a query", "cd-1?trigger=play"],
    ["5000 characters", "x".repeat(5000)],
    ["a space", "cd 1"],
  ])("a create answering an id with %s is refused before anything is stored, outcome unknown", async (_what, badId) => {
    const url = await serve((_q, res) => json(res, 200, { status: "success", data: { id: badId, name: "A", status: "Preparing" } }));
    const err = await failure(client(url).createCampaign({ name: "A" }));
    expect(err.outcomeUnknown).toBe(true);
    expect(err.message).toMatch(/is not a plain campaign id/);
    expect(err.message.length).toBeLessThan(1200);
  });

  test("a list record with such an id is never kept: left out and reported, the rest of the listing kept (issue 22, item 9)", async () => {
    const url = await serve((_q, res) => json(res, 200, { status: "success", data: { results: [{ _id: "../etc", name: "A" }, { _id: "cd-2", name: "B" }], hasMore: false } }));
    const skipped: unknown[] = [];
    const records = await client(url).listAllCampaigns({ onSkipped: (s) => skipped.push(s) });
    expect(records.map((r) => r.id)).toEqual(["cd-2"]);
    expect(skipped).toEqual([{ page: 1, position: 1, name: "A", problem: expect.stringMatching(/^_id: is not a plain campaign id/) }]);
  });
});

describe("answers that never end", () => {
  test("headers, then nothing: abandoned at the call's deadline", async () => {
    const url = await serve((_q, res) => res.writeHead(200, { "content-type": "application/json" }));
    const started = Date.now();
    const err = await failure(client(url, { deadlineMs: 700, timeoutMs: 60_000 }).getCampaign("cd-1"));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err.message).toMatch(/no complete answer within 1 s, the call's deadline \(retries included; kore:requestDeadlineSeconds\)/);
  });

  test("a byte every 100 ms: abandoned at the deadline, not kept alive by each byte", async () => {
    const url = await serve((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const timer = setInterval(() => res.write(" "), 100);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const err = await failure(client(url, { deadlineMs: 800, timeoutMs: 60_000 }).getCampaign("cd-1"));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err.message).toMatch(/the call's deadline/);
  });

  test("an endless body is abandoned at the size cap, not buffered", async () => {
    const url = await serve((_q, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk));
      };
      res.on("drain", pump);
      pump();
    });
    const err = await failure(client(url, { maxResponseBytes: 1024 * 1024 }).getCampaign("cd-1"));
    expect(err.message).toMatch(/the answer is larger than 1048576 bytes, the most the client reads; it was abandoned/);
  });
});

describe("echoes and redirects", () => {
  test("a 500 that echoes the secret in base64 or URL encoding has every form redacted", async () => {
    const echo = [SECRET, Buffer.from(SECRET).toString("base64"), Buffer.from(SECRET).toString("base64url"), encodeURIComponent(SECRET)].join(" | ");
    const url = await serve((_q, res) => json(res, 500, { errors: [{ msg: `bad: ${echo}`, code: 500 }] }));
    const err = await failure(client(url, { retry: { maxRetries: 0 } }).getCampaign("cd-1"));
    const shown = `${err.message} ${err.stack} ${JSON.stringify(err)}`;
    for (const form of echo.split(" | ")) expect(shown).not.toContain(form.replace(/=+$/, ""));
    expect(err.message).toMatch(/\[REDACTED\]/);
  });

  test("a redirect is not followed, and the error says where it pointed", async () => {
    let hits = 0;
    const url = await serve((_q, res) => {
      hits += 1;
      res.writeHead(302, { location: "https://elsewhere.example/steal?token=1" });
      res.end();
    });
    const err = await failure(client(url).getCampaign("cd-1"));
    expect(hits).toBe(1);
    expect(err.status).toBe(302);
    expect(err.message).toMatch(/the server redirected \(302\) to https:\/\/elsewhere\.example\/steal; redirects are not followed, so the credentials are never sent elsewhere/);
  });
});
