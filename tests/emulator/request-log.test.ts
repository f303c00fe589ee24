/** The request log records what the server saw, with the token redacted; the admin surface exposes it. */
import { REDACTED } from "pulumi-kore-campaigns/emulator";
import { request } from "undici";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, createCampaign, mintToken, named, paths, useEmulator } from "./helpers";

const emulator = useEmulator();
const api = () => paths(emulator().credentials.appId);

beforeEach(() => emulator().clearRequests());

test("an entry has method, path, query, parsed body, headers, status and time", async () => {
  const before = Date.now();
  await call(emulator(), "POST", api().create, { body: named(SAMPLE_PROGRESSIVE, "Logged") });
  expect(emulator().requests).toHaveLength(1);
  const entry = emulator().requests[0];
  expect(entry).toMatchObject({
    method: "POST",
    path: `/agentassist/api/v1/public/${emulator().credentials.appId}/campaign`,
    query: { campaignType: "voice" },
    status: 200,
    headers: { iid: emulator().credentials.appId, accountid: emulator().credentials.accountId, "content-type": "application/json" },
  });
  expect(entry.body).toEqual(named(SAMPLE_PROGRESSIVE, "Logged"));
  expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before - 1000);
});

test("the auth header is redacted and the token appears nowhere in the log", async () => {
  const token = await mintToken(emulator().credentials);
  await call(emulator(), "POST", api().list, { headers: { auth: token, authorization: `Bearer ${token}` }, body: {} });
  await call(emulator(), "POST", api().list, { headers: { auth: `${token}x` }, body: {} });
  const [ok, refused] = emulator().requests;
  expect(ok.headers.auth).toBe(REDACTED);
  expect(ok.headers.authorization).toBe(REDACTED);
  expect(refused.status).toBe(401);
  expect(refused.headers.auth).toBe(REDACTED);
  const text = JSON.stringify(emulator().requests);
  expect(text).not.toContain(token);
  expect(text).not.toContain(emulator().credentials.clientSecret);
});

test("requests is a live array, oldest first; clearRequests empties it in place", async () => {
  const log = emulator().requests;
  const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Live Log"));
  await call(emulator(), "GET", api().get(id));
  expect(log.map((r) => r.method)).toEqual(["POST", "GET"]);
  emulator().clearRequests();
  expect(log).toHaveLength(0);
  expect(emulator().requests).toBe(log);
});

test("a body that is not JSON is logged as text", async () => {
  await call(emulator(), "POST", api().create, { rawBody: "name=oops" });
  expect(emulator().requests[0]).toMatchObject({ body: "name=oops", status: 400 });
});

test("the admin surface serves health, campaigns, the log and fault control, and is not logged itself", async () => {
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await request(`${emulator().url}/__emulator/${path}`, { method: method as "GET", body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.statusCode, body: await res.body.json() as any };
  };
  expect(await admin("GET", "health")).toEqual({ status: 200, body: { status: "ok" } });
  const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Admin Visible"));
  expect((await admin("GET", "campaigns")).body.map((c: { id: string }) => c.id)).toContain(id);
  expect((await admin("GET", "requests")).body).toHaveLength(1);

  expect((await admin("POST", "fail-next", { method: "GET", status: 502 })).status).toBe(200);
  expect((await call(emulator(), "GET", api().get(id))).status).toBe(502);
  expect((await admin("POST", "faults", { errorRate: 2 })).status).toBe(400);
  expect((await admin("DELETE", "requests")).status).toBe(200);
  expect(emulator().requests).toHaveLength(0);
});
