/**
 * The contact-list endpoints (create, get, list, delete), shaped like the docs' samples; `campaignInUse` kept
 * current from the campaigns; campaigns naming a list that does not exist refused; seeds and the admin surface.
 */
import { request } from "undici";
import { startEmulator, type Emulator } from "pulumi-kore-campaigns/emulator";
import {
  RESPONSE_CREATE_CONTACT_LIST,
  RESPONSE_DELETE_CONTACT_LIST,
  RESPONSE_GET_CONTACT_LIST,
  RESPONSE_LIST_CONTACT_LISTS,
} from "../fixtures/doc-samples";
import { SAMPLE_CREATE_CONTACT_LIST, SAMPLE_PREVIEW, SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";
import { call, createCampaign, mintToken, named, paths, SAMPLE_LIST, uniqueName, useEmulator, type Body } from "./helpers";

const emulator = useEmulator();
const api = () => paths(emulator().credentials.appId);

/** The docs' sample request with the `name` it meant to send (it sends `name1`). */
const SAMPLE_LIST_BODY: Body = (() => {
  const { name1, ...rest } = structuredClone(SAMPLE_CREATE_CONTACT_LIST);
  return { name: name1, ...rest };
})();
const listBody = (name: string, patch: Body = {}): Body => ({ ...structuredClone(SAMPLE_LIST_BODY), name, ...patch });

const LIST_ID = /^cl-[0-9a-f]{7}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const V5_USER = /^u-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const V5_ORG = /^o-[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const MAPPING = { firstName: "firstName", lastName: "lastName", phoneNumber: "phoneNumber", timeZone: "timeZone", uniqueId: "uniqueId" };

async function createList(emu: Emulator, body: Body): Promise<string> {
  const reply = await call(emu, "POST", paths(emu.credentials.appId).createList, { body });
  if (reply.status !== 200) throw new Error(`list create failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.data._id as string;
}

const getList = (id: string) => call(emulator(), "GET", api().contactList(id));
const usage = async (id: string) => {
  const { body } = await getList(id);
  return { campaignInUse: body.data.campaignInUse, isListInUse: body.data.isListInUse };
};

describe("create", () => {
  test("answers like the create sample: its fields in its order, source passiveApi, allowDuplicates and its dataSyncMode", async () => {
    const reply = await call(emulator(), "POST", api().createList, { body: SAMPLE_LIST_BODY });
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(Object.keys(RESPONSE_CREATE_CONTACT_LIST));
    expect(Object.keys(reply.body.data)).toEqual(Object.keys(RESPONSE_CREATE_CONTACT_LIST.data));
    expect(reply.body.status).toBe("success");
    expect(reply.body.message).toBe("Contact list Renewal Due - July 2025 created successfully");
    expect(reply.body.data).toEqual({
      isActive: true,
      name: "Renewal Due - July 2025",
      description:
        "This list contains customers with services expiring in July 2025. It includes contact details and subscription info to help agents provide tailored support during live calls.",
      totalRecordCount: 0,
      status: "Ready",
      createdBy: expect.stringMatching(V5_USER),
      updatedBy: reply.body.data.createdBy,
      mapping: MAPPING,
      isListInUse: false,
      listType: "call",
      campaignInUse: [],
      source: "passiveApi",
      apiConfigurations: { dataSyncMode: "allowDuplicates" },
      files: [],
      createdAt: expect.stringMatching(ISO),
      updatedAt: reply.body.data.createdAt,
      _id: expect.stringMatching(LIST_ID),
      allowDuplicates: true,
    });
  });

  test("allowDuplicates defaults to false, shown as dataSyncMode skipDuplicates", async () => {
    const { allowDuplicates: _omitted, ...body } = listBody("No Duplicates Please");
    const reply = await call(emulator(), "POST", api().createList, { body });
    expect(reply.status).toBe(200);
    expect(reply.body.data.allowDuplicates).toBe(false);
    expect(reply.body.data.apiConfigurations).toEqual({ dataSyncMode: "skipDuplicates" });
    const got = await getList(reply.body.data._id);
    expect(got.body.data.apiConfigurations).toEqual({ dataSyncMode: "skipDuplicates" });
  });

  test.each(["passiveApi", "passiveApiIntegration"])("source %s is accepted (the body table and the sample disagree); the answer says passiveApi", async (source) => {
    const reply = await call(emulator(), "POST", api().createList, { body: listBody(`Source ${source}`, { source }) });
    expect(reply.status).toBe(200);
    expect(reply.body.data.source).toBe("passiveApi");
  });

  test("the sample body exactly as the docs send it (name1, not name) is refused naming name", async () => {
    const before = emulator().contactLists().length;
    const reply = await call(emulator(), "POST", api().createList, { body: SAMPLE_CREATE_CONTACT_LIST });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({
      errors: [{ msg: 'name is required (the body has "name1" instead, the typo in the docs\' sample request)', code: 400 }],
    });
    expect(emulator().contactLists()).toHaveLength(before);
  });

  test.each<[string, (b: Body) => void, string]>([
    ["name missing", (b) => delete b.name, "name is required"],
    ["name a number", (b) => (b.name = 42), "name must be a string (got 42)"],
    ["name blank", (b) => (b.name = "   "), "name must not be empty"],
    ["name of 49 characters", (b) => (b.name = "n".repeat(49)), "name must be between 1 and 48 characters (got 49)"],
    ["description missing", (b) => delete b.description, "description is required"],
    ["description of 257 characters", (b) => (b.description = "d".repeat(257)), "description must be at most 256 characters (got 257)"],
    ["source missing", (b) => delete b.source, "source is required"],
    ["source upload", (b) => (b.source = "upload"), 'source must be one of passiveApi, passiveApiIntegration (got "upload")'],
    ["allowDuplicates a string", (b) => (b.allowDuplicates = "true"), 'allowDuplicates must be a boolean, true or false (got "true")'],
    ["allowDuplicates null", (b) => (b.allowDuplicates = null), "allowDuplicates must be a boolean, true or false (got null)"],
  ])("%s: 400 naming the field and the rule, nothing made", async (_what, change, msg) => {
    const body = listBody(uniqueName("Refused"));
    change(body);
    const before = emulator().contactLists().length;
    const reply = await call(emulator(), "POST", api().createList, { body });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ errors: [{ msg, code: 400 }] });
    expect(emulator().contactLists()).toHaveLength(before);
  });

  test("the limits themselves are accepted: a 48-character name, a 256-character description, an empty description", async () => {
    expect((await call(emulator(), "POST", api().createList, { body: listBody("L".repeat(48), { description: "d".repeat(256) }) })).status).toBe(200);
    expect((await call(emulator(), "POST", api().createList, { body: listBody("Empty Description", { description: "" }) })).status).toBe(200);
  });

  test("one error per broken rule; a body that is not a JSON object, or not JSON, is refused", async () => {
    const both = await call(emulator(), "POST", api().createList, { body: { description: "x", source: "csv" } });
    expect(both.status).toBe(400);
    expect(both.body.errors.map((e: { msg: string }) => e.msg)).toEqual(["name is required", 'source must be one of passiveApi, passiveApiIntegration (got "csv")']);
    const array = await call(emulator(), "POST", api().createList, { body: [] });
    expect(array.body).toEqual({ errors: [{ msg: "request body must be a JSON object (got [])", code: 400 }] });
    const text = await call(emulator(), "POST", api().createList, { rawBody: "name=x" });
    expect(text.body).toEqual({ errors: [{ msg: "request body is not valid JSON", code: 400 }] });
  });

  test("a huge value is echoed only as a short excerpt", async () => {
    const reply = await call(emulator(), "POST", api().createList, { body: listBody("Huge Source", { source: "s".repeat(5000) }) });
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].msg).toBe(`source must be one of passiveApi, passiveApiIntegration (got "${"s".repeat(56)}...)`);
  });

  test("a name already used in the app, in any case, is refused 409 naming the existing list's id", async () => {
    const id = await createList(emulator(), listBody("Renewal Due - August 2025"));
    const reply = await call(emulator(), "POST", api().createList, { body: listBody("RENEWAL DUE - august 2025") });
    expect(reply.status).toBe(409);
    expect(reply.body).toEqual({ errors: [{ msg: `A contact list named "Renewal Due - August 2025" already exists (id ${id})`, code: 409 }] });
  });

  test("the same auth and tenant checks as the campaign calls", async () => {
    const noToken = await call(emulator(), "POST", api().createList, { body: listBody("No Token"), headers: { auth: undefined } });
    expect(noToken.status).toBe(401);
    expect(noToken.body).toEqual({ errors: [{ msg: "Invalid SDK credentials", code: 4002 }] });
    const wrongApp = await call(emulator(), "GET", api().allLists, { headers: { iid: "st-someone-else" } });
    expect(wrongApp.status).toBe(403);
    const noAccount = await call(emulator(), "GET", api().allLists, { headers: { accountId: undefined } });
    expect(noAccount.status).toBe(403);
    const forged = await mintToken(emulator().credentials, { secret: "not-the-secret" });
    expect((await call(emulator(), "GET", api().allLists, { headers: { auth: forged } })).status).toBe(401);
  });
});

describe("get", () => {
  test("answers like the details sample: its fields in its order, lname, the app and account, source passiveApiIntegration, no allowDuplicates", async () => {
    const id = await createList(emulator(), listBody("Details Shown", { description: "for the get" }));
    const reply = await getList(id);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(Object.keys(RESPONSE_GET_CONTACT_LIST));
    expect(Object.keys(reply.body.data)).toEqual(Object.keys(RESPONSE_GET_CONTACT_LIST.data));
    expect(reply.body).toEqual({
      status: "success",
      message: "",
      data: {
        _id: id,
        isActive: true,
        orgId: expect.stringMatching(V5_ORG),
        name: "Details Shown",
        lname: "details shown",
        description: "for the get",
        totalRecordCount: 0,
        status: "Ready",
        createdBy: expect.stringMatching(V5_USER),
        updatedBy: expect.stringMatching(V5_USER),
        mapping: MAPPING,
        isListInUse: false,
        iId: "st-emulator-demo-app",
        listType: "call",
        campaignInUse: [],
        accountId: "emulator-demo-account",
        source: "passiveApiIntegration",
        apiConfigurations: { dataSyncMode: "allowDuplicates" },
        files: [],
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
      },
    });
  });

  test("an unknown id answers 404 naming it", async () => {
    const reply = await getList("cl-0000000-0000-4000-8000-000000000000");
    expect(reply.status).toBe(404);
    expect(reply.body).toEqual({ errors: [{ msg: 'Contact list "cl-0000000-0000-4000-8000-000000000000" not found', code: 404 }] });
  });

  test("a campaign id is not a contact list, and contactList is not a campaign id", async () => {
    const campaignId = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, uniqueName("Not A List")));
    expect((await getList(campaignId)).status).toBe(404);
    const base = `/agentassist/api/v1/public/${emulator().credentials.appId}/campaign`;
    const folder = await call(emulator(), "GET", `${base}/contactList`);
    expect(folder.status).toBe(404);
    expect(folder.body.errors[0].msg).toBe(`Cannot GET ${base}/contactList`);
    const status = await call(emulator(), "POST", `${base}/contactList/status?view=status`);
    expect(status.status).toBe(405);
    expect(status.headers.allow).toBe("GET, DELETE");
  });

  test("other methods on the fixed paths answer 405 with Allow", async () => {
    const getCreate = await call(emulator(), "GET", api().createList);
    expect(getCreate.status).toBe(405);
    expect(getCreate.headers.allow).toBe("POST");
    const deleteAll = await call(emulator(), "DELETE", api().allLists);
    expect(deleteAll.status).toBe(405);
    expect(deleteAll.headers.allow).toBe("POST, GET");
  });
});

describe("list", () => {
  const own = useEmulator({ contactLists: [] });
  const ownApi = () => paths(own().credentials.appId);

  test("a new app has no lists; then POST and GET both answer every list, newest first, records shaped like the sample", async () => {
    const empty = await call(own(), "POST", ownApi().allLists);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ status: "success", message: "", data: [] });

    const first = await createList(own(), listBody("Renewal Due - July 2025"));
    const second = await createList(own(), listBody("Renewal Due - August 2025", { allowDuplicates: false }));
    for (const method of ["POST", "GET"]) {
      const reply = await call(own(), method, ownApi().allLists);
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body)).toEqual(Object.keys(RESPONSE_LIST_CONTACT_LISTS));
      expect(reply.body.data.map((r: Body) => r._id)).toEqual([second, first]);
      for (const record of reply.body.data) expect(Object.keys(record)).toEqual(Object.keys(RESPONSE_LIST_CONTACT_LISTS.data[0]));
      expect(reply.body.data[0]).toEqual({
        _id: second,
        name: "Renewal Due - August 2025",
        description: SAMPLE_LIST_BODY.description,
        totalRecordCount: 0,
        status: "Ready",
        mapping: MAPPING,
        isListInUse: false,
        listType: "call",
        campaignInUse: [],
        source: "passiveApiIntegration",
        apiConfigurations: { dataSyncMode: "skipDuplicates" },
        files: [],
        updatedAt: expect.stringMatching(ISO),
      });
    }
  });

  test("no paging: 60 lists come back in one answer; type is optional", async () => {
    const before = (await call(own(), "GET", ownApi().allLists)).body.data.length;
    for (let i = 0; i < 60; i++) await createList(own(), listBody(`Bulk List ${String(i).padStart(2, "0")}`));
    const base = `/agentassist/api/v1/public/${own().credentials.appId}/campaign/contactList/getAllListDetails`;
    const reply = await call(own(), "POST", base);
    expect(reply.status).toBe(200);
    expect(reply.body.data).toHaveLength(before + 60);
  });

  test("type other than call is refused naming it", async () => {
    const base = `/agentassist/api/v1/public/${own().credentials.appId}/campaign/contactList/getAllListDetails`;
    const reply = await call(own(), "GET", `${base}?type=sms`);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ errors: [{ msg: 'type query parameter must be "call" (got "sms")', code: 400 }] });
  });
});

describe("delete", () => {
  test("answers like the delete sample (the record as it was) and the list is gone", async () => {
    const id = await createList(emulator(), listBody("To Be Deleted"));
    const reply = await call(emulator(), "DELETE", api().contactList(id));
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(Object.keys(RESPONSE_DELETE_CONTACT_LIST));
    expect(Object.keys(reply.body.data)).toEqual(Object.keys(RESPONSE_DELETE_CONTACT_LIST.data));
    expect(reply.body.message).toBe("Contact list To Be Deleted deleted successfully");
    expect(reply.body.data).toMatchObject({ _id: id, name: "To Be Deleted", lname: "to be deleted", isListInUse: false, campaignInUse: [], source: "passiveApiIntegration" });
    expect((await getList(id)).status).toBe(404);
    expect((await call(emulator(), "GET", api().allLists)).body.data.map((r: Body) => r._id)).not.toContain(id);
    expect((await call(emulator(), "DELETE", api().contactList(id))).status).toBe(404);
    // the name is free again
    expect((await call(emulator(), "POST", api().createList, { body: listBody("To Be Deleted") })).status).toBe(200);
  });

  test("a list a campaign still names is refused 409 naming the campaign, and kept; once the campaign is gone it can go", async () => {
    const listId = await createList(emulator(), listBody("Still In Use"));
    const campaignId = await createCampaign(emulator(), { ...named(SAMPLE_PROGRESSIVE, "Uses Still In Use"), contactLists: ["Still In Use"] });
    const refused = await call(emulator(), "DELETE", api().contactList(listId));
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      errors: [{ msg: `Contact list "Still In Use" is used by campaign "Uses Still In Use" (${campaignId}); remove it from its contactLists first`, code: 409 }],
    });
    expect((await getList(listId)).status).toBe(200);

    expect((await call(emulator(), "DELETE", api().remove(campaignId))).status).toBe(200);
    expect((await call(emulator(), "DELETE", api().contactList(listId))).status).toBe(200);
  });

  test("the refusal names every campaign using the list", async () => {
    const listId = await createList(emulator(), listBody("Shared By Two"));
    const a = await createCampaign(emulator(), { ...named(SAMPLE_PROGRESSIVE, "Sharer A"), contactLists: ["Shared By Two"] });
    const b = await createCampaign(emulator(), { ...named(SAMPLE_PREVIEW, "Sharer B"), contactLists: [SAMPLE_LIST, "Shared By Two"] });
    const refused = await call(emulator(), "DELETE", api().contactList(listId));
    expect(refused.status).toBe(409);
    expect(refused.body.errors[0].msg).toBe(
      `Contact list "Shared By Two" is used by 2 campaigns: "Sharer A" (${a}), "Sharer B" (${b}); remove it from their contactLists first`,
    );
  });
});

describe("campaignInUse and isListInUse follow the campaigns", () => {
  test("create, a second campaign, an update moving one away, deletes", async () => {
    const listA = await createList(emulator(), listBody("Usage A"));
    const listB = await createList(emulator(), listBody("Usage B"));
    expect(await usage(listA)).toEqual({ campaignInUse: [], isListInUse: false });

    const one = await createCampaign(emulator(), { ...named(SAMPLE_PROGRESSIVE, "Usage One"), contactLists: ["Usage A"] });
    expect(await usage(listA)).toEqual({ campaignInUse: [one], isListInUse: true });
    const two = await createCampaign(emulator(), { ...named(SAMPLE_PROGRESSIVE, "Usage Two"), contactLists: ["Usage B", "Usage A"] });
    expect(await usage(listA)).toEqual({ campaignInUse: [one, two], isListInUse: true });
    expect(await usage(listB)).toEqual({ campaignInUse: [two], isListInUse: true });

    const moved = await call(emulator(), "PUT", api().update(one), { body: { ...named(SAMPLE_PROGRESSIVE, "Usage One"), contactLists: ["Usage B"] } });
    expect(moved.status).toBe(200);
    expect(await usage(listA)).toEqual({ campaignInUse: [two], isListInUse: true });
    expect(await usage(listB)).toEqual({ campaignInUse: [one, two], isListInUse: true });

    const listed = (await call(emulator(), "GET", api().allLists)).body.data.find((r: Body) => r._id === listB);
    expect(listed).toMatchObject({ campaignInUse: [one, two], isListInUse: true });

    await call(emulator(), "DELETE", api().remove(two));
    expect(await usage(listA)).toEqual({ campaignInUse: [], isListInUse: false });
    expect(await usage(listB)).toEqual({ campaignInUse: [one], isListInUse: true });
    await call(emulator(), "DELETE", api().remove(one));
    expect(await usage(listB)).toEqual({ campaignInUse: [], isListInUse: false });
  });

  test("the test hooks show the same campaignInUse", async () => {
    const listId = await createList(emulator(), listBody("Hook Usage"));
    const id = await createCampaign(emulator(), { ...named(SAMPLE_PROGRESSIVE, "Hook Usage Campaign"), contactLists: ["Hook Usage"] });
    expect(emulator().contactList(listId)).toMatchObject({ name: "Hook Usage", campaignInUse: [id] });
    expect(emulator().contactLists().find((l) => l.id === listId)?.campaignInUse).toEqual([id]);
  });
});

describe("a campaign may only name lists that exist", () => {
  test("a create naming a missing list is refused 400 with the entry's path, and nothing is made", async () => {
    const before = emulator().campaigns().length;
    const body = { ...named(SAMPLE_PROGRESSIVE, "Names A Missing List"), contactLists: [SAMPLE_LIST, "Recent Buyers - Q3 2025"] };
    const reply = await call(emulator(), "POST", api().create, { body });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ errors: [{ msg: 'contactLists[1] "Recent Buyers - Q3 2025" is not a contact list in this app', code: 400 }] });
    expect(emulator().campaigns()).toHaveLength(before);
  });

  test("names match exactly, case included; the refusal points at the list of that name in another case", async () => {
    const body = { ...named(SAMPLE_PROGRESSIVE, "Names A Lowercase List"), contactLists: ["recent buyers - q2 2025"] };
    const reply = await call(emulator(), "POST", api().create, { body });
    expect(reply.status).toBe(400);
    expect(reply.body.errors).toEqual([
      {
        msg: 'contactLists[0] "recent buyers - q2 2025" is not a contact list in this app (there is "Recent Buyers - Q2 2025": names must match exactly, case included)',
        code: 400,
      },
    ]);
  });

  test("an update naming missing lists is refused with one error per entry, and the campaign is unchanged", async () => {
    const id = await createCampaign(emulator(), named(SAMPLE_PROGRESSIVE, "Update To Missing"));
    const body = { ...named(SAMPLE_PROGRESSIVE, "Update To Missing"), contactLists: ["Gone One", SAMPLE_LIST, "Gone Two"] };
    const reply = await call(emulator(), "PUT", api().update(id), { body });
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: { msg: string }) => e.msg)).toEqual([
      'contactLists[0] "Gone One" is not a contact list in this app',
      'contactLists[2] "Gone Two" is not a contact list in this app',
    ]);
    expect(emulator().campaign(id)!.contactLists).toEqual(["Recent Buyers - Q2 2025"]);
  });

  test("insert() (an out-of-band create) is refused the same way", () => {
    expect(() => emulator().insert({ ...named(SAMPLE_PROGRESSIVE, "Inserted Missing"), contactLists: ["Nowhere"] })).toThrow(
      'emulator: insert refused: contactLists[0] "Nowhere" is not a contact list in this app',
    );
  });
});

describe("seeds", () => {
  const seeded = useEmulator({
    contactLists: [
      "Recent Buyers - Q2 2025",
      { name: "Renewal Due - July 2025", description: "seeded with contacts", allowDuplicates: true, totalRecordCount: 2 },
      "RECENT BUYERS - Q2 2025",
    ],
  });

  test("names and objects become lists, one per name (case-insensitive), visible through the API, newest (the later seed) first", async () => {
    const api2 = paths(seeded().credentials.appId);
    const { body } = await call(seeded(), "GET", api2.allLists);
    const summary = body.data.map((r: Body) => ({ name: r.name, description: r.description, totalRecordCount: r.totalRecordCount, mode: (r.apiConfigurations as Body).dataSyncMode }));
    expect(summary).toEqual([
      { name: "Renewal Due - July 2025", description: "seeded with contacts", totalRecordCount: 2, mode: "allowDuplicates" },
      { name: "Recent Buyers - Q2 2025", description: "", totalRecordCount: 0, mode: "skipDuplicates" },
    ]);
    expect((await call(seeded(), "POST", api2.create, { body: SAMPLE_PROGRESSIVE })).status).toBe(200);
  });

  test("a fresh emulator without seeds has no lists, so the docs' sample campaign is refused", async () => {
    const bare = await startEmulator({ readyDelayMs: 50 });
    try {
      expect(bare.contactLists()).toEqual([]);
      const reply = await call(bare, "POST", paths(bare.credentials.appId).create, { body: SAMPLE_PROGRESSIVE });
      expect(reply.status).toBe(400);
      expect(reply.body.errors[0].msg).toBe('contactLists[0] "Recent Buyers - Q2 2025" is not a contact list in this app');
    } finally {
      await bare.close();
    }
  });

  test("a bad seed stops the start, naming the seed and the rule", async () => {
    await expect(startEmulator({ contactLists: ["fine", { name: "x".repeat(49) }] })).rejects.toThrow(
      "emulator: contact list seed 1 is refused: name must be between 1 and 48 characters (got 49)",
    );
    await expect(startEmulator({ contactLists: [{ name: "Counted", totalRecordCount: -1 }] })).rejects.toThrow(
      "emulator: contact list seed 0 is refused: totalRecordCount must be an integer >= 0 (got -1)",
    );
  });

  test("addContactList() makes a list out of band; a taken name throws", async () => {
    const made = seeded().addContactList({ name: "Made In The Console", totalRecordCount: 7 });
    expect(made).toMatchObject({ name: "Made In The Console", totalRecordCount: 7, allowDuplicates: false, campaignInUse: [] });
    expect(made.id).toMatch(LIST_ID);
    const got = await call(seeded(), "GET", paths(seeded().credentials.appId).contactList(made.id));
    expect(got.body.data).toMatchObject({ name: "Made In The Console", totalRecordCount: 7 });
    expect(() => seeded().addContactList("made in the console")).toThrow(
      `emulator: contact list refused: A contact list named "Made In The Console" already exists (id ${made.id})`,
    );
  });

  test("the admin surface lists and makes contact lists", async () => {
    const admin = async (method: "GET" | "POST", body?: unknown) => {
      const res = await request(`${seeded().url}/__emulator/contact-lists`, {
        method,
        headers: { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.statusCode, body: (await res.body.json()) as any };
    };
    const made = await admin("POST", "Made By Admin");
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ name: "Made By Admin", description: "", totalRecordCount: 0, campaignInUse: [] });
    const withFields = await admin("POST", { name: "Admin With Fields", description: "from a test", allowDuplicates: true });
    expect(withFields.body).toMatchObject({ name: "Admin With Fields", description: "from a test", allowDuplicates: true });
    const all = await admin("GET");
    expect(all.body.map((l: { name: string }) => l.name)).toEqual(expect.arrayContaining(["Made By Admin", "Admin With Fields", "Recent Buyers - Q2 2025"]));
    const refused = await admin("POST", { description: "no name" });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ errors: [{ msg: "emulator: contact list refused: name is required", code: 400 }] });
  });
});
