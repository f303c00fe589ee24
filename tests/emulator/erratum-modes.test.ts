/**
 * The emulator's modes for a tenant that differs from the default reading (emulator/README.md "Erratum modes"):
 * a redirect, a skewed clock, and each documented variant of an answer's shape. Each is seen over real HTTP.
 */
import { SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, createCampaign, mintToken, named, paths, uniqueName, useEmulator } from "./helpers";

const emulator = useEmulator({ readyDelayMs: 0 });
const api = () => paths(emulator().credentials.appId);
const list = () => call(emulator(), "POST", api().list, { body: { limit: 5 } });

beforeEach(() => emulator().setFaults({}));

test("redirectTo: every API request is answered 301 with the same path under the other origin, before auth, and logged", async () => {
  emulator().setFaults({ redirectTo: "https://kore-moved.example" });
  const reply = await call(emulator(), "POST", api().list, { body: { limit: 5 }, headers: { auth: "not a token" } });
  expect(reply.status).toBe(301);
  expect(reply.headers.location).toBe(`https://kore-moved.example${api().list}`);
  expect(emulator().requests.at(-1)).toMatchObject({ status: 301, fault: "redirect" });
  expect(() => emulator().setFaults({ redirectTo: "https://x.example/path" })).toThrow(/redirectTo must be an origin/);
});

test("clockSkewSeconds: the Date header runs ahead, and a fresh 5-minute token has expired by the server's clock", async () => {
  emulator().setFaults({ clockSkewSeconds: 3600 });
  const reply = await call(emulator(), "POST", api().list, { body: { limit: 5 }, headers: { auth: await mintToken(emulator().credentials, { expiresIn: "5m" }) } });
  expect(reply.status).toBe(401);
  const ahead = (Date.parse(String(reply.headers.date)) - Date.now()) / 1000;
  expect(ahead).toBeGreaterThan(3590);
  expect(ahead).toBeLessThan(3610);
  emulator().setFaults({ clockSkewSeconds: 3600 });
  const longLived = await call(emulator(), "POST", api().list, { body: { limit: 5 }, headers: { auth: await mintToken(emulator().credentials, { expiresIn: "2h" }) } });
  expect(longLived.status).toBe(200);
});

test("shapes.listRecordId id: list records carry id (get-all-campaigns), the rest unchanged", async () => {
  await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, uniqueName("Erratum list")));
  emulator().setFaults({ shapes: { listRecordId: "id" } });
  const reply = await list();
  expect(reply.body.data.results.every((r: Record<string, unknown>) => typeof r.id === "string" && !("_id" in r))).toBe(true);
  expect(Object.keys(reply.body.data).sort()).toEqual(["hasMore", "limit", "results", "skip", "totalPages", "totalResults"]);
});

test("shapes.listPaging false: data holds only results (get-all-sms-campaigns' response table)", async () => {
  emulator().setFaults({ shapes: { listPaging: false } });
  expect(Object.keys((await list()).body.data)).toEqual(["results"]);
});

test("shapes.previewCreate data.id: a Preview create answers the campaign's id under data.id, no top-level id (create-voice-campaign-preview-v2)", async () => {
  emulator().setFaults({ shapes: { previewCreate: "data.id" } });
  const reply = await call(emulator(), "POST", api().create, { body: named(SAMPLE_PREVIEW, uniqueName("Erratum preview")) });
  expect(reply.status).toBe(200);
  expect(reply.body.id).toBeUndefined();
  expect(reply.body.data.id).toMatch(/^cd-/);
  expect(reply.body.data.campId).toBeUndefined();
});

test.each([
  ["data._id", { top: false, key: "_id" }],
  ["id-and-data._id", { top: true, key: "_id" }],
] as const)("shapes.update %s: where the update answer puts the id", async (update, want) => {
  const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, uniqueName("Erratum update")));
  emulator().setFaults({ shapes: { update } });
  const reply = await call(emulator(), "PUT", api().update(id), { body: named(SAMPLE_PROGRESSIVE, emulator().campaign(id)!.name) });
  expect(reply.status).toBe(200);
  expect("id" in reply.body).toBe(want.top);
  expect(reply.body.data[want.key]).toBe(id);
  expect(want.key === "_id" ? "id" in reply.body.data : "_id" in reply.body.data).toBe(false);
});

test("shapes.statusAsArray and extraFields: the status as a one-element array; an undocumented field on each record", async () => {
  const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, uniqueName("Erratum status")));
  emulator().setFaults({ shapes: { statusAsArray: true, extraFields: { dialerRegion: "eu-1" } } });
  const status = await call(emulator(), "POST", api().status(id));
  expect(status.body.data.status).toEqual([emulator().campaign(id)!.status]);
  expect(status.body.data.dialerRegion).toBe("eu-1");
  const got = await call(emulator(), "GET", api().get(id));
  expect(got.body.data.dialerRegion).toBe("eu-1");
  // error answers keep their shape
  const missing = await call(emulator(), "GET", api().get("cd-not-there"));
  expect(missing.body).toEqual({ errors: [{ msg: "Campaign cd-not-there not found", code: 404 }] });
});
