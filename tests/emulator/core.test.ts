/** The pure pieces, without a server: transitions, answer shapes, the PRNG and the token bucket. */
import { applyUpdate, buildCampaign, checkDeletable, play, stop } from "../../emulator/campaign";
import { FaultInjector, seededRandom, TokenBucket } from "../../emulator/faults";
import { listAnswer } from "../../emulator/responses";
import { validateCampaignBody, validateListBody, type CampaignBody } from "../../emulator/validate";
import { SAMPLE_AGENTLESS, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

const valid = (body: unknown): CampaignBody => {
  const v = validateCampaignBody(body);
  if (!v.ok) throw new Error(v.failures.join("; "));
  return v.value;
};
const T0 = "2025-06-26T10:44:10.322Z";
const T1 = "2025-06-26T11:00:00.000Z";

test("the three documented sample bodies are valid", () => {
  for (const s of [SAMPLE_PROGRESSIVE, SAMPLE_PREVIEW, SAMPLE_AGENTLESS]) expect(validateCampaignBody(s)).toMatchObject({ ok: true });
});

test("transitions: Ready -play-> Active -stop-> Stopped -play-> Active", () => {
  const c = { ...buildCampaign(valid(SAMPLE_PROGRESSIVE), "cd-1", T0), status: "Ready" };
  const active = play(c, T1, "cid-a");
  expect(active).toMatchObject({ ok: true, campaign: { status: "Active", campaignInstanceId: "cid-a", updatedAt: T1 } });
  if (!active.ok) return;
  expect(play(active.campaign, T1, "cid-b")).toMatchObject({ ok: false, status: 409 });
  expect(checkDeletable(active.campaign)).toMatchObject({ ok: false, status: 409 });
  const stopped = stop(active.campaign, T1);
  expect(stopped).toMatchObject({ ok: true, campaign: { status: "Stopped", campaignInstanceId: "cid-a" } });
  if (!stopped.ok) return;
  expect(stop(stopped.campaign, T1)).toMatchObject({ ok: false, status: 409 });
  expect(play(stopped.campaign, T1, "cid-c")).toMatchObject({ ok: true, campaign: { campaignInstanceId: "cid-c" } });
});

test("an update switching mode drops the old mode's fields and keeps runtime state", () => {
  const agentless = { ...buildCampaign(valid(SAMPLE_AGENTLESS), "cd-2", T0), status: "Stopped", campaignInstanceId: "cid-x" };
  expect(agentless.experienceFlow).toMatch(/^cf-/);
  const updated = applyUpdate(agentless, valid(SAMPLE_PREVIEW), T1);
  expect(updated).toMatchObject({ id: "cd-2", status: "Stopped", campaignInstanceId: "cid-x", createdAt: T0, updatedAt: T1, queue_name: "Default Queue", maxSkips: 1 });
  expect(updated).not.toHaveProperty("experienceFlow");
  expect(updated).not.toHaveProperty("experienceFlowName");
  expect(updated.schedule).toEqual({ isSchedulingEnabled: false, isRecurrenceEnabled: false });
});

test("unknown body fields are not stored", () => {
  const c = buildCampaign(valid({ ...SAMPLE_PROGRESSIVE, status: "Active", surprise: 1 }), "cd-3", T0);
  expect(c.status).toBe("Preparing");
  expect(c).not.toHaveProperty("surprise");
});

test("list paging numbers: hasMore and totalPages", () => {
  const c = buildCampaign(valid(SAMPLE_PROGRESSIVE), "cd-4", T0);
  expect(listAnswer([c, c], { skip: 0, limit: 2, total: 5 }).data).toMatchObject({ hasMore: true, totalPages: 3, totalResults: 5 });
  expect(listAnswer([c], { skip: 4, limit: 2, total: 5 }).data).toMatchObject({ hasMore: false });
  expect(listAnswer([], { skip: 0, limit: 10, total: 0 }).data).toMatchObject({ hasMore: false, totalPages: 0 });
  expect(validateListBody(undefined)).toEqual({ ok: true, value: { limit: 10, skip: 0, page: 1, type: "voice" } });
});

test("seededRandom repeats for a seed and differs between seeds", () => {
  const take = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
  expect(take(7)).toEqual(take(7));
  expect(take(7)).not.toEqual(take(8));
  expect(take(7).every((x) => x >= 0 && x < 1)).toBe(true);
});

test("FaultInjector decisions repeat for a seed", () => {
  const decisions = () => {
    const f = new FaultInjector({ errorRate: 0.4, dropRate: 0.2, seed: 99 });
    return Array.from({ length: 30 }, () => f.decide({ method: "GET", target: "/x", isCreate: false }).kind);
  };
  const a = decisions();
  expect(a).toEqual(decisions());
  expect(new Set(a)).toEqual(new Set(["pass", "answer", "drop"]));
});

test("TokenBucket: burst of `rate`, then one token per 1/rate seconds", () => {
  const bucket = new TokenBucket(2, 0);
  expect(bucket.take(0).ok).toBe(true);
  expect(bucket.take(0).ok).toBe(true);
  const refused = bucket.take(0);
  expect(refused).toEqual({ ok: false, waitMs: 500 });
  expect(bucket.take(499).ok).toBe(false);
  expect(bucket.take(1000).ok).toBe(true);
});
