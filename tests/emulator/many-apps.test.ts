/**
 * Several Kore.ai apps in one emulator (EmulatorOptions.apps): each its own credentials, campaigns, contact lists,
 * rate limit and data file; a token of one app refused on another's paths; the admin surface's `?app=`.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { request } from "undici";
import { startEmulator, type Emulator, type EmulatorCredentials } from "pulumi-kore-campaigns/emulator";
import { parseCli } from "../../emulator/main";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, mintToken, named, paths, SAMPLE_LIST, type Reply } from "./helpers";

const APP_B: EmulatorCredentials = { appId: "st-app-b", accountId: "account-b", clientId: "cs-client-b", clientSecret: "secret-of-app-b" };
const APP_C: EmulatorCredentials = { appId: "st-app-c", accountId: "account-c", clientId: "cs-client-c", clientSecret: "secret-of-app-c" };

/** A call with `creds`' token and tenant headers (`as` defaults to the app of the path). */
async function callAs(emu: Emulator, creds: EmulatorCredentials, method: string, p: string, opts: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Reply> {
  const headers = { auth: await mintToken(creds), iid: creds.appId, accountId: creds.accountId, ...opts.headers };
  return call(emu, method, p, { body: opts.body, headers });
}

async function createIn(emu: Emulator, creds: EmulatorCredentials, name: string): Promise<string> {
  const reply = await callAs(emu, creds, "POST", paths(creds.appId).create, { body: named(SAMPLE_PROGRESSIVE, name) });
  if (reply.status !== 200) throw new Error(`create in ${creds.appId} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.data.id as string;
}

describe("several apps in one emulator", () => {
  let emu: Emulator;
  beforeEach(async () => {
    emu = await startEmulator({
      readyDelayMs: 50,
      contactLists: [SAMPLE_LIST],
      apps: [
        { credentials: APP_B, contactLists: [SAMPLE_LIST] },
        { credentials: APP_C, contactLists: [SAMPLE_LIST, "Only In C"] },
      ],
    });
  });
  afterEach(() => emu.close());

  test("each app holds its own campaigns; one name may exist once per app", async () => {
    const a = emu.credentials;
    const idA = await createIn(emu, a, "Shared Name");
    const idB = await createIn(emu, APP_B, "Shared Name");
    const idB2 = await createIn(emu, APP_B, "Only In B");
    expect(emu.appIds()).toEqual([a.appId, APP_B.appId, APP_C.appId]);
    expect(emu.campaigns().map((c) => c.id)).toEqual([idA]);
    expect(emu.app(APP_B.appId).campaigns().map((c) => c.id)).toEqual([idB, idB2]);
    expect(emu.app(APP_C.appId).campaigns()).toEqual([]);
    // the list call answers the app's own campaigns only
    const listB = await callAs(emu, APP_B, "POST", `${paths(APP_B.appId).list}?accountId=${APP_B.accountId}`, { body: { limit: 100 } });
    expect(listB.status).toBe(200);
    expect(listB.body.data.results.map((c: { _id?: string; id?: string }) => c._id ?? c.id).sort()).toEqual([idB, idB2].sort());
    // a second one with that name in B is refused, as in one app
    expect((await callAs(emu, APP_B, "POST", paths(APP_B.appId).create, { body: named(SAMPLE_PROGRESSIVE, "only in b") })).status).toBe(409);
    // and another app's campaign id is not found in B
    expect((await callAs(emu, APP_B, "GET", paths(APP_B.appId).get(idA))).status).toBe(404);
  });

  test("a token of one app is refused on another app's paths, whatever headers it sends", async () => {
    const a = emu.credentials;
    // A's token, B's path and B's tenant headers: the signature is not B's secret
    const crossed = await call(emu, "GET", paths(APP_B.appId).get("cd-1"), {
      headers: { auth: await mintToken(a), iid: APP_B.appId, accountId: APP_B.accountId },
    });
    expect(crossed.status).toBe(401);
    expect(crossed.body).toEqual({ errors: [{ msg: "Invalid SDK credentials", code: 4002 }] });
    // A's token with A's headers on B's path: still 401 (B checks the token first)
    expect((await callAs(emu, a, "GET", paths(APP_B.appId).get("cd-1"))).status).toBe(401);
    // B's token on B's path but A's tenant headers: 403 naming the header
    const tenant = await callAs(emu, APP_B, "GET", paths(APP_B.appId).get("cd-1"), { headers: { iid: a.appId } });
    expect(tenant.status).toBe(403);
    expect(tenant.body.errors[0].msg).toContain("iid header");
    // a token signed with B's secret but claiming C's client id is refused by both
    const forged = await mintToken(APP_C, { secret: APP_B.clientSecret });
    expect((await call(emu, "GET", paths(APP_C.appId).get("cd-1"), { headers: { auth: forged, iid: APP_C.appId, accountId: APP_C.accountId } })).status).toBe(401);
    expect((await call(emu, "GET", paths(APP_B.appId).get("cd-1"), { headers: { auth: forged, iid: APP_B.appId, accountId: APP_B.accountId } })).status).toBe(401);
    // a path naming an app this emulator does not serve: the first app's tenant check refuses it
    expect((await callAs(emu, a, "GET", paths("st-unknown").get("cd-1"))).status).toBe(403);
    // nothing was written anywhere, and no secret is in the log
    expect(emu.app(APP_B.appId).campaigns()).toEqual([]);
    expect(JSON.stringify(emu.requests)).not.toContain(APP_B.clientSecret);
  });

  test("contact lists are per app: a campaign may only name its own app's lists", async () => {
    expect(emu.app(APP_C.appId).contactLists().map((l) => l.name)).toEqual([SAMPLE_LIST, "Only In C"]);
    expect(emu.app(APP_C.appId).contactLists()[0].iId).toBe(APP_C.appId);
    const inB = await callAs(emu, APP_B, "POST", paths(APP_B.appId).create, {
      body: { ...named(SAMPLE_PROGRESSIVE, "Names C's List"), contactLists: ["Only In C"] },
    });
    expect(inB.status).toBe(400);
    expect(inB.body.errors[0].msg).toContain('"Only In C" is not a contact list in this app');
    await createIn(emu, APP_C, "Uses The List");
    expect(emu.app(APP_C.appId).contactLists()[0].campaignInUse).toHaveLength(1);
    expect(emu.app(APP_B.appId).contactLists()[0].campaignInUse).toEqual([]);
  });

  test("each app has its own rate limit: one app's limit does not slow or refuse another", async () => {
    emu.app(APP_B.appId).setFaults({ maxRequestsPerSecond: 2 });
    const getB = () => callAs(emu, APP_B, "GET", paths(APP_B.appId).get("cd-none"));
    const getC = () => callAs(emu, APP_C, "GET", paths(APP_C.appId).get("cd-none"));
    const statusesB: number[] = [];
    for (let i = 0; i < 4; i++) statusesB.push((await getB()).status);
    expect(statusesB).toEqual([404, 404, 429, 429]); // burst 2, then throttled
    const statusesC: number[] = [];
    for (let i = 0; i < 20; i++) statusesC.push((await getC()).status);
    expect(statusesC.every((s) => s === 404)).toBe(true);
    // and the first app too
    expect((await callAs(emu, emu.credentials, "GET", paths(emu.credentials.appId).get("cd-none"))).status).toBe(404);
    // faults of the first app stay on the first app
    emu.setFaults({ maxRequestsPerSecond: 1 });
    expect((await getC()).status).toBe(404);
    emu.app(APP_B.appId).clearFaults();
    expect((await getB()).status).toBe(404);
  });

  test("the admin surface selects an app with ?app=", async () => {
    await createIn(emu, APP_B, "Admin Sees B");
    const admin = async (method: "GET" | "POST", what: string, body?: unknown) => {
      const res = await request(`${emu.url}/__emulator/${what}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.statusCode, body: (await res.body.json()) as any };
    };
    expect((await admin("GET", `campaigns?app=${APP_B.appId}`)).body.map((c: { name: string }) => c.name)).toEqual(["Admin Sees B"]);
    expect((await admin("GET", "campaigns")).body).toEqual([]);
    expect((await admin("POST", `contact-lists?app=${APP_C.appId}`, "Made By Admin In C")).status).toBe(200);
    expect(emu.app(APP_C.appId).contactLists().map((l) => l.name)).toContain("Made By Admin In C");
    expect(emu.contactLists().map((l) => l.name)).not.toContain("Made By Admin In C");
    expect((await admin("POST", `faults?app=${APP_C.appId}`, { maxRequestsPerSecond: 1 })).status).toBe(200);
    const c1 = await callAs(emu, APP_C, "GET", paths(APP_C.appId).get("cd-none"));
    const c2 = await callAs(emu, APP_C, "GET", paths(APP_C.appId).get("cd-none"));
    expect([c1.status, c2.status]).toEqual([404, 429]);
    expect((await admin("GET", "campaigns?app=st-nope")).status).toBe(404);
    // the request log is the whole server's: B's and C's calls are both in it
    const log = (await admin("GET", "requests")).body as { path: string }[];
    expect(log.some((e) => e.path.includes(APP_B.appId))).toBe(true);
    expect(log.some((e) => e.path.includes(APP_C.appId))).toBe(true);
  });
});

describe("several apps: configuration and persistence", () => {
  test("each extra app keeps its data in <dataDir>/apps/<appId>/ and gets it back on restart", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-apps-"));
    try {
      const options = { dataDir: dir, readyDelayMs: 50, contactLists: [SAMPLE_LIST], apps: [{ credentials: APP_B, contactLists: [SAMPLE_LIST] }] };
      let emu = await startEmulator(options);
      await createIn(emu, emu.credentials, "Kept In A");
      const idB = await createIn(emu, APP_B, "Kept In B");
      await emu.close();
      expect(fs.existsSync(path.join(dir, "campaigns.json"))).toBe(true);
      expect(fs.existsSync(path.join(dir, "apps", APP_B.appId, "campaigns.json"))).toBe(true);
      emu = await startEmulator(options);
      expect(emu.campaigns().map((c) => c.name)).toEqual(["Kept In A"]);
      expect(emu.app(APP_B.appId).campaigns().map((c) => c.id)).toEqual([idB]);
      expect(emu.app(APP_B.appId).contactLists()).toHaveLength(1); // the seed was not made twice
      await emu.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("an extra app needs complete credentials, a plain id, and an id of its own", async () => {
    await expect(startEmulator({ apps: [{ credentials: { ...APP_B, clientSecret: "" } }] })).rejects.toThrow("apps[0] lacks clientSecret");
    await expect(startEmulator({ apps: [{ credentials: { ...APP_B, appId: "../x" } }] })).rejects.toThrow("apps[0].appId must be a plain id");
    await expect(startEmulator({ apps: [{ credentials: APP_B }, { credentials: { ...APP_C, appId: APP_B.appId } }] })).rejects.toThrow(
      "apps[1].appId st-app-b is served twice",
    );
  });

  test("--apps-file reads the extra apps from a JSON file; a bad file is a bad argument", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emu-apps-file-"));
    try {
      const file = path.join(dir, "apps.json");
      const apps = [{ credentials: APP_B, faults: { maxRequestsPerSecond: 5 }, contactLists: [SAMPLE_LIST] }];
      fs.writeFileSync(file, JSON.stringify(apps));
      expect(parseCli(["--apps-file", file], {})).toMatchObject({ kind: "run", options: { apps } });
      fs.writeFileSync(file, '{"credentials": {}}');
      expect(() => parseCli(["--apps-file", file], {})).toThrow("must hold a JSON array");
      fs.writeFileSync(file, "not json");
      expect(() => parseCli(["--apps-file", file], {})).toThrow("is not readable JSON");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
