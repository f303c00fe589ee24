/**
 * provider/kore-api (client.ts, endpoints.ts): the SMS campaign calls go exactly where the SMS pages put
 * them, against the emulator: create, update and delete under /agentassist/... with `campaignType=sms`,
 * start and stop under /campaign/api/v1/... with `campaignType=sms&trigger=play|stop` and body `{}`, get by
 * the shared path, the listing with body type "sms"; and the SMS answers' shapes (create `data._id`,
 * update `data._id` with no top-level id, stop's `campaignExecutionType`) parse.
 */
import { KoreClient } from "../../provider/kore-api/client";
import { startEmulator, type Emulator } from "pulumi-kore-campaigns/emulator";
import { SMS_REQUEST_SIMPLE } from "../fixtures/sms-samples";

let emulator: Emulator;
let client: KoreClient;
const LIST = "Renewal Due - May/June 2025";

beforeAll(async () => {
  emulator = await startEmulator({ readyDelayMs: 0, contactLists: [LIST] });
  const { appId, accountId, clientId, clientSecret } = emulator.credentials;
  client = new KoreClient({ host: emulator.url, appId, accountId }, { clientId, clientSecret });
});
afterAll(async () => {
  await client.close();
  await emulator.close();
});

const seen = () => emulator.requests.map((r) => `${r.method} ${r.path}${Object.keys(r.query).length ? "?" + new URLSearchParams(r.query).toString() : ""}`);

test("one SMS campaign's whole life, each call on the page's path", async () => {
  emulator.clearRequests();
  const appId = emulator.credentials.appId;
  const created = await client.createCampaign(SMS_REQUEST_SIMPLE, "sms");
  expect(created.id).toMatch(/^cd-/);
  expect(created.record).toMatchObject({ id: created.id, name: "Event Reminder SMS Campaign", format: "simple" });

  const got = await client.getCampaign(created.id);
  expect(got).toMatchObject({ id: created.id, message: { message: "Hi, This is just reminder for upcoming event" } });

  const updated = await client.updateCampaign(created.id, { ...SMS_REQUEST_SIMPLE, description: "Updated" }, "sms");
  expect(updated).toMatchObject({ id: created.id, description: "Updated" }); // data._id, no top-level id

  expect(await client.startCampaign(created.id, "sms")).toMatchObject({ status: "Active" });
  expect(await client.stopCampaign(created.id, "sms")).toMatchObject({ status: "Stopped" });

  const listed = await client.listAllCampaigns({ type: "sms" });
  expect(listed.map((r) => r.id)).toEqual([created.id]);
  expect(await client.listAllCampaigns()).toEqual([]); // the voice listing does not show it

  await client.deleteCampaign(created.id, "sms");
  await expect(client.getCampaign(created.id)).rejects.toMatchObject({ status: 404 });

  const base = `/agentassist/api/v1/public/${appId}/campaign`;
  expect(seen().filter((line) => !line.startsWith("GET") || line.includes(created.id))).toEqual([
    `POST ${base}?campaignType=sms`,
    `GET ${base}/${created.id}`,
    `PUT ${base}/${created.id}?campaignType=sms`,
    `POST /campaign/api/v1/public/${appId}/campaign/${created.id}?campaignType=sms&trigger=play`,
    `POST /campaign/api/v1/public/${appId}/campaign/${created.id}?campaignType=sms&trigger=stop`,
    `POST ${base}/getAllCampaignDetails?accountId=${emulator.credentials.accountId}`,
    `POST ${base}/getAllCampaignDetails?accountId=${emulator.credentials.accountId}`,
    `DELETE ${base}/${created.id}?campaignType=sms`,
    `GET ${base}/${created.id}`,
  ]);
  const bodies = emulator.requests.map((r) => r.body);
  expect(bodies[3]).toEqual({});
  expect(bodies[5]).toMatchObject({ type: "sms" });
  expect(bodies[6]).toMatchObject({ type: "voice" });
});
