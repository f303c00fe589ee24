/** With dataDir, campaigns and contact lists survive a restart; every write is atomic (temp file + rename), no temp file is left. */
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { DATA_FILE, startEmulator, type Emulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, createCampaign, named, paths, SAMPLE_LIST, waitForStatus } from "./helpers";

let dir: string;
const open: Emulator[] = [];
const start = async (opts: { readyDelayMs?: number; contactLists?: string[] } = {}) => {
  const emu = await startEmulator({ dataDir: dir, readyDelayMs: opts.readyDelayMs ?? 50, contactLists: opts.contactLists ?? [SAMPLE_LIST] });
  open.push(emu);
  return emu;
};
const readData = async () => JSON.parse(await readFile(path.join(dir, DATA_FILE), "utf8"));

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "kore-emulator-"));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()));
  await rm(dir, { recursive: true, force: true });
});

test("campaigns, their status and instance ids survive a restart", async () => {
  const first = await start();
  const api = paths(first.credentials.appId);
  const a = await createCampaign(first, SAMPLE_PROGRESSIVE);
  const b = await createCampaign(first, SAMPLE_PREVIEW);
  const c = await createCampaign(first, SAMPLE_AGENTLESS);
  await waitForStatus(first, a, "Ready");
  const started = await call(first, "POST", api.play(a));
  await call(first, "DELETE", api.remove(c));
  const before = first.campaigns();
  await first.close();

  const second = await start();
  expect(second.campaigns()).toEqual(before);
  const got = await call(second, "GET", api.get(a));
  expect(got.body.data).toMatchObject({ status: "Active", campaignInstanceId: started.body.campaignInstanceId });
  expect((await call(second, "GET", api.get(b))).status).toBe(200);
  expect((await call(second, "GET", api.get(c))).status).toBe(404);
  // the duplicate-name rule still knows the old names
  expect((await call(second, "POST", api.create, { body: SAMPLE_PREVIEW })).status).toBe(409);
});

test("each answered change is already on disk, and only campaigns.json is in the folder", async () => {
  const emu = await start();
  const api = paths(emu.credentials.appId);
  const id = await createCampaign(emu, SAMPLE_PROGRESSIVE);
  expect((await readData()).records.map((r: { campaign: { id: string } }) => r.campaign.id)).toEqual([id]);

  const body = { ...structuredClone(SAMPLE_PROGRESSIVE), description: "changed on disk" };
  await call(emu, "PUT", api.update(id), { body });
  expect((await readData()).records[0].campaign.description).toBe("changed on disk");

  await call(emu, "DELETE", api.remove(id));
  expect((await readData()).records).toEqual([]);
  expect(await readdir(dir)).toEqual([DATA_FILE]);
});

test("many concurrent creates all land in the file, which stays valid JSON", async () => {
  const emu = await start();
  const ids = await Promise.all(Array.from({ length: 20 }, (_, i) => createCampaign(emu, named(SAMPLE_PROGRESSIVE, `Concurrent ${i}`))));
  await emu.flush();
  const stored = (await readData()).records.map((r: { campaign: { id: string } }) => r.campaign.id);
  expect(new Set(stored)).toEqual(new Set(ids));
  expect(await readdir(dir)).toEqual([DATA_FILE]);
});

test("a campaign still Preparing at shutdown keeps its ready time across the restart", async () => {
  const first = await start({ readyDelayMs: 60_000 });
  const id = await createCampaign(first, SAMPLE_PROGRESSIVE);
  await first.close();
  const second = await start({ readyDelayMs: 60_000 });
  expect(second.campaign(id)!.status).toBe("Preparing");
  await second.close();
  // a later restart whose delay is short still uses the stored ready time, set at create
  const third = await start({ readyDelayMs: 0 });
  expect(third.campaign(id)!.status).toBe("Preparing");
});

test("out-of-band changes (mutate, setStatus, insert, remove) are persisted by close()", async () => {
  const first = await start();
  const id = await createCampaign(first, SAMPLE_PROGRESSIVE);
  first.mutate(id, { description: "edited in the console" });
  first.setStatus(id, "Stopped");
  const inserted = first.insert({ ...structuredClone(SAMPLE_PREVIEW), name: "Made By Hand" });
  const removed = first.insert({ ...structuredClone(SAMPLE_AGENTLESS), name: "Removed By Hand" });
  first.remove(removed.id);
  await first.close();
  const second = await start();
  expect(second.campaign(id)).toMatchObject({ description: "edited in the console", status: "Stopped" });
  expect(second.campaign(inserted.id)!.name).toBe("Made By Hand");
  expect(second.campaign(removed.id)).toBeUndefined();
});

test("temp files a crash left behind are removed on start; a corrupt data file refuses to start", async () => {
  await writeFile(path.join(dir, `.${DATA_FILE}.999.dead.tmp`), "{half");
  const emu = await start({ contactLists: [] });
  expect(await readdir(dir)).toEqual([]);
  await emu.close();
  await writeFile(path.join(dir, DATA_FILE), "{not json");
  await expect(startEmulator({ dataDir: dir })).rejects.toThrow(/not valid JSON/);
});

test("without dataDir nothing is written and a new emulator starts empty", async () => {
  const a = await startEmulator({ readyDelayMs: 50, contactLists: [SAMPLE_LIST] });
  open.push(a);
  await createCampaign(a, SAMPLE_PROGRESSIVE);
  await a.close();
  const b = await startEmulator();
  open.push(b);
  expect(b.campaigns()).toEqual([]);
  expect(b.contactLists()).toEqual([]);
  expect(await readdir(dir)).toEqual([]);
});

describe("contact lists", () => {
  const lists = (emu: Emulator) => paths(emu.credentials.appId);
  const body = (name: string) => ({ name, description: "kept on disk", source: "passiveApi", allowDuplicates: true });

  test("survive a restart with their ids and fields; seeds already there are kept, not made again", async () => {
    const first = await start({ contactLists: [SAMPLE_LIST, "Seeded Twice"] });
    const made = await call(first, "POST", lists(first).createList, { body: body("Made Through The API") });
    expect(made.status).toBe(200);
    const gone = await call(first, "POST", lists(first).createList, { body: body("Deleted Before Restart") });
    expect((await call(first, "DELETE", lists(first).contactList(gone.body.data._id))).status).toBe(200);
    const campaign = await createCampaign(first, { ...structuredClone(SAMPLE_PROGRESSIVE), contactLists: ["Made Through The API"] });
    const before = first.contactLists();
    expect(before.map((l) => l.name)).toEqual([SAMPLE_LIST, "Seeded Twice", "Made Through The API"]);
    await first.close();

    const second = await start({ contactLists: [SAMPLE_LIST, "SEEDED TWICE"] });
    expect(second.contactLists()).toEqual(before);
    const got = await call(second, "GET", lists(second).contactList(made.body.data._id));
    expect(got.body.data).toMatchObject({
      name: "Made Through The API",
      description: "kept on disk",
      apiConfigurations: { dataSyncMode: "allowDuplicates" },
      campaignInUse: [campaign],
      createdAt: made.body.data.createdAt,
    });
    expect((await call(second, "GET", lists(second).contactList(gone.body.data._id))).status).toBe(404);
    // the name rule still knows the stored names
    expect((await call(second, "POST", lists(second).createList, { body: body("made through the api") })).status).toBe(409);
  });

  test("each answered list change is on disk; the file is version 2 with a contactLists array", async () => {
    const emu = await start({ contactLists: [] });
    expect(await readdir(dir)).toEqual([]); // nothing to save yet
    const made = await call(emu, "POST", lists(emu).createList, { body: body("On Disk") });
    const data = await readData();
    expect(data.version).toBe(2);
    expect(data.contactLists.map((l: { id: string; name: string }) => [l.id, l.name])).toEqual([[made.body.data._id, "On Disk"]]);
    await call(emu, "DELETE", lists(emu).contactList(made.body.data._id));
    expect((await readData()).contactLists).toEqual([]);
    expect(await readdir(dir)).toEqual([DATA_FILE]);
  });

  test("a version 1 file (campaigns only, before contact lists) still loads, with no lists", async () => {
    const first = await start();
    const id = await createCampaign(first, SAMPLE_PROGRESSIVE);
    await first.close();
    const v2 = await readData();
    await writeFile(path.join(dir, DATA_FILE), JSON.stringify({ version: 1, savedAt: v2.savedAt, records: v2.records }));
    const second = await start({ contactLists: [] });
    expect(second.campaign(id)!.name).toBe(SAMPLE_PROGRESSIVE.name);
    expect(second.contactLists()).toEqual([]);
  });

  test("a data file of another version refuses to start", async () => {
    await writeFile(path.join(dir, DATA_FILE), JSON.stringify({ version: 3, savedAt: "x", records: [] }));
    await expect(startEmulator({ dataDir: dir })).rejects.toThrow(/is not an emulator data file \(version 1 or 2\)/);
  });
});
