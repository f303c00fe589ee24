/**
 * Recordings (`kore-campaigns doctor --record`, in tests/fixtures/recordings/) replayed against the provider's
 * parsers: every 2xx answer of every recording is read by the parser the client uses for that call, and the
 * emulator's recording reads as the values written here by hand from the file. A recording from a real tenant
 * dropped into the folder is read the same way: a parser that cannot read it fails this test.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { KoreCall } from "../../provider/kore-api/errors";
import {
  contactListResponse,
  contactListsResponse,
  createResponse,
  deleteResponse,
  getResponse,
  listResponse,
  parseWith,
  statusResponse,
  updateResponse,
} from "../../provider/kore-api/responses";
import { noteUnknownFields, resetReportedFields, setWarningSink } from "../../provider/kore-api/shapes";
import type { Recording } from "../../provider/cli/doctor/record";

const DIR = path.join(__dirname, "../fixtures/recordings");
const files = fs.readdirSync(DIR).filter((f) => f.endsWith(".json"));
const load = (file: string): Recording => JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8"));

/** The parser client.ts gives each call (the reads and writes a recording holds). */
const PARSERS: Partial<Record<KoreCall, Parameters<typeof parseWith>[0]>> = {
  listCampaigns: listResponse,
  getCampaign: getResponse,
  getCampaignStatus: statusResponse,
  createCampaign: createResponse,
  updateCampaign: updateResponse,
  deleteCampaign: deleteResponse,
  createContactList: contactListResponse,
  getContactList: contactListResponse,
  deleteContactList: contactListResponse,
  listContactLists: contactListsResponse,
};

test("the folder holds recordings (a rename would make the next test vacuous)", () => {
  expect(files).toContain("emulator-write-probe.json");
});

test.each(files)("%s: every 2xx answer is read by the provider's parser for its call", (file) => {
  const problems: string[] = [];
  let read = 0;
  for (const e of load(file).exchanges) {
    if (!e.response || e.response.status < 200 || e.response.status > 299 || !e.call) continue;
    const parser = PARSERS[e.call];
    if (!parser) continue;
    const parsed = parseWith(parser, e.response.body);
    read += 1;
    if (!parsed.ok) problems.push(`${e.step}: ${parsed.problem}`);
  }
  expect(problems).toEqual([]);
  expect(read).toBeGreaterThan(0);
});

test("the emulator's recording reads as what it holds: the listed campaign, the probe's ids, the updated description", () => {
  const byStep = new Map(load("emulator-write-probe.json").exchanges.map((e) => [e.step, e.response?.body]));
  const parse = <T>(parser: Parameters<typeof parseWith<T>>[0], step: string): T => {
    const r = parseWith(parser, byStep.get(step));
    if (!r.ok) throw new Error(r.problem);
    return r.value;
  };
  const page = parse(listResponse, "listCampaigns (voice)");
  expect(page.records.map((r) => [r.id, r.name])).toEqual([["cd-93bfc15-939e-4688-84b5-c4bff358be09", "Service Renewal Outreach Campaign"]]);
  expect(page.hasMore).toBe(false);
  expect(parse(statusResponse, "getCampaignStatus (same)")).toEqual({ id: "cd-93bfc15-939e-4688-84b5-c4bff358be09", status: "Ready", name: "Service Renewal Outreach Campaign" });
  expect(parse(createResponse, "write probe: createCampaign").id).toBe("cd-a42baaa-7ae9-4298-b154-6dfbfebfdcbf");
  expect(parse(contactListResponse, "write probe: createContactList").id).toBe("cl-e4dd406-aa7a-43a6-b27b-92e7d1c3857a");
  const updated = parse(updateResponse, "write probe: updateCampaign (description)");
  expect([updated.id, updated.description]).toEqual([
    "cd-a42baaa-7ae9-4298-b154-6dfbfebfdcbf",
    "Throwaway made by kore-campaigns doctor --write-probe; it deletes it at once. Safe to delete. (updated)",
  ]);
  expect(parse(contactListsResponse, "listContactLists").map((l) => l.name)).toEqual(["Recent Buyers - Q2 2025"]);
});

test("the emulator's answers carry no field the docs do not show (no warning), and an added field is warned about once, naming the call", () => {
  const warnings: string[] = [];
  const previous = setWarningSink((w) => warnings.push(w));
  try {
    resetReportedFields();
    for (const e of load("emulator-write-probe.json").exchanges) if (e.call && e.response && e.response.status < 300) noteUnknownFields(e.call, e.response.body);
    expect(warnings).toEqual([]);
    const body = { status: "success", data: { _id: "cd-1", name: "x", dialingStrategy: { maxRingTime: 30, ringBackTone: "x" } }, traceId: "t-1" };
    noteUnknownFields("getCampaign", body);
    noteUnknownFields("getCampaign", body);
    expect(warnings).toEqual([
      "Kore.ai answered getCampaign with fields the API docs do not show: data.dialingStrategy.ringBackTone, traceId. They are kept as sent; please report them with a recording (kore-campaigns doctor --record FILE).",
    ]);
  } finally {
    setWarningSink(previous);
    resetReportedFields();
  }
});
