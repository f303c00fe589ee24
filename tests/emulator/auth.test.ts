/** Kore's auth: `auth: <JWT>` (HS256, client secret, appId claim = client id), then the iid/accountId headers. */
import { randomUUID } from "node:crypto";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, createCampaign, mintToken, named, paths, useEmulator } from "./helpers";

const INVALID = { errors: [{ msg: "Invalid SDK credentials", code: 4002 }] };

describe("token checks", () => {
  const emulator = useEmulator({
    credentials: { appId: "st-auth-tests", accountId: "acct-auth", clientId: "cs-auth-client", clientSecret: "auth-secret-for-tests" },
  });
  const api = () => paths(emulator().credentials.appId);
  const getWith = (headers: Record<string, string | undefined>) => call(emulator(), "POST", api().list, { headers, body: { limit: 1 } });

  test("a valid token passes", async () => {
    expect((await getWith({})).status).toBe(200);
  });

  test.each([
    ["missing auth header", async () => undefined],
    ["garbage token", async () => "not-a-jwt"],
    ["bad signature (other secret)", async () => mintToken(emulator().credentials, { secret: "some-other-secret" })],
    ["wrong appId claim", async () => mintToken(emulator().credentials, { claims: { appId: "cs-someone-else" } })],
    ["no appId claim", async () => mintToken(emulator().credentials, { claims: { appId: undefined } })],
    ["expired", async () => mintToken(emulator().credentials, { expiresIn: Math.floor(Date.now() / 1000) - 60 })],
    ["HS512 instead of HS256", async () => mintToken(emulator().credentials, { alg: "HS512" })],
  ])("%s -> 401 Invalid SDK credentials", async (_title, token) => {
    const reply = await getWith({ auth: await token() });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(INVALID);
  });

  test("a token with a future exp passes", async () => {
    expect((await getWith({ auth: await mintToken(emulator().credentials, { expiresIn: "5m" }) })).status).toBe(200);
  });

  test("the demo credentials do not open an emulator configured with other ones", async () => {
    const demo = { appId: "st-auth-tests", accountId: "acct-auth", clientId: "cs-emulator-demo-client", clientSecret: "emulator-demo-secret-do-not-use-in-production" };
    expect((await getWith({ auth: await mintToken(demo) })).status).toBe(401);
  });

  test("the log says why a token was refused, without the token", async () => {
    emulator().clearRequests();
    const token = await mintToken(emulator().credentials, { claims: { appId: "cs-wrong" } });
    await getWith({ auth: token });
    const entry = emulator().requests[0];
    expect(entry.status).toBe(401);
    expect(entry.note).toContain("appId");
    expect(JSON.stringify(emulator().requests)).not.toContain(token);
  });
});

describe("tenant headers", () => {
  const emulator = useEmulator();
  const api = () => paths(emulator().credentials.appId);
  let id: string;
  beforeAll(async () => {
    id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Tenant"));
  });

  test.each([
    ["wrong iid", { iid: "st-other-app" }, "iid"],
    ["missing iid", { iid: undefined }, "iid"],
    ["wrong accountId", { accountId: "other-account" }, "accountId"],
    ["missing accountId", { accountId: undefined }, "accountId"],
  ])("%s -> 403 naming the header", async (_title, headers, word) => {
    const reply = await call(emulator(), "GET", api().get(id), { headers });
    expect(reply.status).toBe(403);
    expect(reply.body.errors).toHaveLength(1);
    expect(reply.body.errors[0].code).toBe(403);
    expect(reply.body.errors[0].msg).toContain(word);
  });

  test("the path's app id must be the app too, even with a matching iid header", async () => {
    const reply = await call(emulator(), "GET", paths("st-other-app").get(id));
    expect(reply.status).toBe(403);
    expect(reply.body.errors[0].msg).toContain("st-other-app");
  });

  test("start/stop under /campaign/api/... check the same headers", async () => {
    const reply = await call(emulator(), "POST", api().play(id), { headers: { accountId: "other-account" } });
    expect(reply.status).toBe(403);
    expect(emulator().campaign(id)!.status).not.toBe("Active");
  });

  test("list: a wrong accountId query is refused; a wrong iid header too", async () => {
    const base = { iid: undefined, accountId: undefined };
    const wrongQuery = await call(emulator(), "POST", `${api().list}?accountId=nope`, { headers: base, body: {} });
    expect(wrongQuery.status).toBe(403);
    const noAccount = await call(emulator(), "POST", api().list, { headers: base, body: {} });
    expect(noAccount.status).toBe(403);
    expect(noAccount.body.errors[0].msg).toContain("accountId");
    const wrongIid = await call(emulator(), "POST", `${api().list}?accountId=${emulator().credentials.accountId}`, {
      headers: { ...base, iid: "st-other" },
      body: {},
    });
    expect(wrongIid.status).toBe(403);
  });

  test("a refused request changes nothing", async () => {
    const reply = await call(emulator(), "DELETE", api().remove(id), { headers: { auth: undefined } });
    expect(reply.status).toBe(401);
    expect(emulator().campaign(id)).toBeDefined();
  });
});

describe("enforce JTI", () => {
  const emulator = useEmulator({ enforceJti: true });
  const list = (auth: string) => call(emulator(), "POST", paths(emulator().credentials.appId).list, { headers: { auth }, body: {} });

  test("a token without jti is refused", async () => {
    const reply = await list(await mintToken(emulator().credentials));
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(INVALID);
  });

  test("a fresh jti passes once; reusing it is refused", async () => {
    const token = await mintToken(emulator().credentials, { claims: { jti: randomUUID() } });
    expect((await list(token)).status).toBe(200);
    expect((await list(token)).status).toBe(401);
    expect((await list(await mintToken(emulator().credentials, { claims: { jti: randomUUID() } }))).status).toBe(200);
  });
});
