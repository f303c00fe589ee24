/**
 * The emulator against recordings of real exchanges (tests/fixtures/recordings/, written by
 * `kore-campaigns doctor --record`): each recording's requests are replayed, in order, against a fresh emulator,
 * and each answer must come in the same shape as the recorded one: the same status, the same top-level fields,
 * `data` of the same kind, the id under the same key, the same paging fields. Ids the recording's answers gave are
 * mapped to the ones the emulator gives, so later paths name the emulator's objects. A recording from a real
 * tenant dropped into the folder checks the emulator against that tenant's dialect.
 *
 * The emulator starts holding the docs' Progressive sample campaign (renamed, so that a recording may create the
 * sample itself) and its contact list, so that the listings have a record whose shape can be compared.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator, type Emulator } from "pulumi-kore-campaigns/emulator";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { mintToken } from "./helpers";

const DIR = path.join(__dirname, "../fixtures/recordings");
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".json"));

interface RecordedExchange {
  step?: string;
  request: { method: string; path: string; headers: Record<string, string>; body?: unknown };
  response?: { status: number; body?: unknown };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const ID = /^(cd|cl|cid)-[A-Za-z0-9-]+$/;

/** What tells the documented readings apart, written without the provider's code. */
function shapeOf(body: unknown): unknown {
  if (!isObject(body)) return body === undefined ? "empty" : typeof body;
  const idKeys = (r: unknown) => (isObject(r) ? ["_id", "id", "campId"].filter((k) => typeof r[k] === "string") : "not an object");
  const data = body.data;
  let dataShape: unknown = data === undefined ? "absent" : typeof data;
  if (Array.isArray(data)) dataShape = { array: data.length ? idKeys(data[0]) : "empty" };
  else if (isObject(data) && Array.isArray(data.results)) {
    dataShape = { results: data.results.length ? idKeys(data.results[0]) : "empty", paging: ["skip", "limit", "hasMore", "totalPages", "totalResults"].filter((k) => k in data) };
  } else if (isObject(data)) dataShape = { record: idKeys(data), status: typeof data.status };
  return { keys: Object.keys(body).sort(), data: dataShape };
}

/** Pairs the ids two answers carry at the same places (recorded -> replayed); the first pairing of an id stands. */
function pairIds(recorded: unknown, replayed: unknown, into: Map<string, string>): void {
  if (typeof recorded === "string" && typeof replayed === "string" && ID.test(recorded) && ID.test(replayed)) {
    if (!into.has(recorded)) into.set(recorded, replayed);
  }
  else if (Array.isArray(recorded) && Array.isArray(replayed)) recorded.forEach((r, i) => pairIds(r, replayed[i], into));
  else if (isObject(recorded) && isObject(replayed)) for (const k of Object.keys(recorded)) pairIds(recorded[k], replayed[k], into);
}

let emulator: Emulator;
beforeEach(async () => {
  emulator = await startEmulator({ readyDelayMs: 0, contactLists: [...SAMPLE_PROGRESSIVE.contactLists] });
  emulator.insert({ ...structuredClone(SAMPLE_PROGRESSIVE), name: "Seeded copy of the Progressive sample" } as Record<string, unknown>);
});
afterEach(() => emulator.close());

test("the folder holds recordings (a rename would make the next test vacuous)", () => {
  expect(files.length).toBeGreaterThan(0);
});

test.each(files)("%s: the emulator answers every recorded request in the recorded shape", async (file) => {
  const recording = JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8")) as { target: { appId: string; accountId: string }; exchanges: RecordedExchange[] };
  const { appId, accountId } = emulator.credentials;
  const ids = new Map<string, string>([[recording.target.appId, appId], [recording.target.accountId, accountId]]);
  const swap = (text: string) => [...ids].sort((a, b) => b[0].length - a[0].length).reduce((t, [from, to]) => t.split(from).join(to), text);
  const differences: string[] = [];
  let compared = 0;
  for (const e of recording.exchanges) {
    if (!e.response) continue;
    const headers: Record<string, string> = { iid: appId, accountId, auth: await mintToken(emulator.credentials) };
    if (e.request.body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${emulator.url}${swap(e.request.path)}`, {
      method: e.request.method,
      headers,
      body: e.request.body === undefined ? undefined : swap(JSON.stringify(e.request.body)),
    });
    const text = await res.text();
    const body = text ? JSON.parse(text) : undefined;
    pairIds(e.response.body, body, ids);
    compared += 1;
    const want = JSON.stringify({ status: e.response.status, shape: shapeOf(e.response.body) });
    const got = JSON.stringify({ status: res.status, shape: shapeOf(body) });
    if (want !== got) differences.push(`${e.step ?? e.request.path}: recorded ${want}, emulator ${got}`);
  }
  expect(differences).toEqual([]);
  expect(compared).toBe(recording.exchanges.filter((e) => e.response).length);
});
