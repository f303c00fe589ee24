import { CampaignNameView } from "../../provider/names";

function lister(records: Array<{ id: string; name?: string; lname?: string }>) {
  const calls = { count: 0 };
  return {
    calls,
    listAll: async () => {
      calls.count += 1;
      return records;
    },
  };
}

describe("CampaignNameView", () => {
  test("lists once, shared by every lookup, case-insensitively", async () => {
    const l = lister([{ id: "cd-1", name: "Renewals", lname: "renewals" }, { id: "cd-2", name: "Billing" }]);
    const view = new CampaignNameView(l);
    const found = await Promise.all([view.find("RENEWALS"), view.find("billing"), view.find("nope")]);
    expect(found).toEqual(["cd-1", "cd-2", undefined]);
    expect(l.calls.count).toBe(1);
  });

  test("learns what this process creates and forgets what it deletes, without listing again", async () => {
    const l = lister([]);
    const view = new CampaignNameView(l);
    await view.find("x");
    view.learn("New One", "cd-9");
    expect(await view.find("new one")).toBe("cd-9");
    view.forget("cd-9");
    expect(await view.find("new one")).toBeUndefined();
    expect(l.calls.count).toBe(1);
  });

  test("findFresh lists again", async () => {
    const l = lister([{ id: "cd-1", name: "A" }]);
    const view = new CampaignNameView(l);
    await view.find("a");
    await view.findFresh("a");
    expect(l.calls.count).toBe(2);
  });

  test("a name claimed by a create in flight cannot be claimed again until released", () => {
    const view = new CampaignNameView(lister([]));
    expect(view.claim("Dup")).toBe(true);
    expect(view.claim("dup")).toBe(false);
    view.release("DUP");
    expect(view.claim("dup")).toBe(true);
  });

  test("a failed listing is not cached", async () => {
    let fail = true;
    const view = new CampaignNameView({
      listAll: async () => {
        if (fail) throw new Error("boom");
        return [{ id: "cd-1", name: "A" }];
      },
    });
    await expect(view.find("a")).rejects.toThrow("boom");
    fail = false;
    expect(await view.find("a")).toBe("cd-1");
  });
});
