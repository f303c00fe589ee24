import { Holdings, NameView } from "../../provider/shared/name-view";

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

describe("NameView", () => {
  test("lists once, shared by every lookup, case-insensitively", async () => {
    const l = lister([{ id: "cd-1", name: "Renewals", lname: "renewals" }, { id: "cd-2", name: "Billing" }]);
    const view = new NameView(l);
    const found = await Promise.all([view.find("RENEWALS"), view.find("billing"), view.find("nope")]);
    expect(found).toEqual(["cd-1", "cd-2", undefined]);
    expect(l.calls.count).toBe(1);
  });

  test("learns what this process creates and forgets what it deletes, without listing again", async () => {
    const l = lister([]);
    const view = new NameView(l);
    await view.find("x");
    view.learn("New One", "cd-9");
    expect(await view.find("new one")).toBe("cd-9");
    view.forget("cd-9");
    expect(await view.find("new one")).toBeUndefined();
    expect(l.calls.count).toBe(1);
  });

  test("findFresh lists again", async () => {
    const l = lister([{ id: "cd-1", name: "A" }]);
    const view = new NameView(l);
    await view.find("a");
    await view.findFresh("a");
    expect(l.calls.count).toBe(2);
  });

  test("a name claimed by a create in flight cannot be claimed again until released", () => {
    const view = new NameView(lister([]));
    expect(view.claim("Dup")).toBe(true);
    expect(view.claim("dup")).toBe(false);
    view.release("DUP");
    expect(view.claim("dup")).toBe(true);
  });

  test("a failed listing is not cached", async () => {
    let fail = true;
    const view = new NameView({
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

/** A lister whose listings finish when the test says, in any order. */
function controlledLister() {
  const pending: Array<(records: Array<{ id: string; name: string }>) => void> = [];
  return {
    pending,
    listAll: () => new Promise<Array<{ id: string; name: string }>>((resolve) => pending.push(resolve)),
  };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("NameView under concurrency (defect 7)", () => {
  test("an older listing that finishes after a newer one does not overwrite it", async () => {
    const l = controlledLister();
    const view = new NameView(l);
    const first = view.find("a");
    await tick();
    const fresh = view.findFresh("b");
    await tick();
    l.pending[1]([{ id: "cd-new", name: "B" }]); // the newer listing, which sees B
    expect(await fresh).toBe("cd-new");
    l.pending[0]([{ id: "cd-old", name: "A" }]); // the older one, from before B existed
    await first;
    expect(await view.find("b")).toBe("cd-new");
    expect(await view.find("a")).toBeUndefined(); // the newer listing is the truth
  });

  test("a campaign learned while a listing is in flight is not lost when the listing lands", async () => {
    const l = controlledLister();
    const view = new NameView(l);
    const lookup = view.find("x");
    await tick();
    view.learn("Made Meanwhile", "cd-7");
    view.forget("cd-gone");
    l.pending[0]([{ id: "cd-gone", name: "Deleted Meanwhile" }]);
    await lookup;
    expect(await view.find("made meanwhile")).toBe("cd-7");
    expect(await view.find("deleted meanwhile")).toBeUndefined();
  });

  test("one campaign, one resource: a second manager of an id is refused until the first forgets it", () => {
    const view = new NameView(lister([]));
    expect(view.holdings.manage("cd-1")).toBe(true);
    expect(view.holdings.manage("cd-1")).toBe(false);
    view.forget("cd-1");
    expect(view.holdings.manage("cd-1")).toBe(true);
  });

  // The engine's order, seen under the real CLI: refresh reads (and diffs) every resource in state, then the
  // program's resources are diffed or created, then the resources that left the program are deleted.
  test("up --refresh, a renamed file adopting the old resource's id: the old one's read and refresh diff do not block the adoption; its delete lets go", () => {
    const held = new Holdings();
    held.read("cd-1"); // refresh of the old resource
    held.diffed("cd-1"); // and its refresh diff
    expect(held.manage("cd-1")).toBe(true); // the new resource adopts it
    expect(held.releaseIfShared("cd-1")).toBe(true); // the old resource's delete forgets it
  });

  test("a plain up: an id diffed by a resource of the program is held; an id only the deleted resource had is not", () => {
    const held = new Holdings();
    held.diffed("cd-1");
    expect(held.releaseIfShared("cd-1")).toBe(true);
    expect(held.releaseIfShared("cd-2")).toBe(false);
  });

  test("destroy --refresh of two resources that share an id: the first delete lets go, the last one deletes", () => {
    const held = new Holdings();
    for (let i = 0; i < 2; i++) {
      held.read("cd-1");
      held.diffed("cd-1");
    }
    expect(held.releaseIfShared("cd-1")).toBe(true);
    expect(held.releaseIfShared("cd-1")).toBe(false);
  });

  test("up --refresh of one resource alone: its read and refresh diff are its own, so its delete deletes", () => {
    const held = new Holdings();
    held.read("cd-1");
    held.diffed("cd-1");
    expect(held.releaseIfShared("cd-1")).toBe(false);
  });
});

describe("the re-check before a create (two stacks, one name)", () => {
  test("one page of the newest campaigns answers every re-check for a second, then a fresh page is read", async () => {
    let pages = 0;
    let newest: Array<{ id: string; name: string }> = [];
    const view = new NameView({ listAll: async () => [], listRecent: async () => (pages++, newest) });
    expect(await view.recheck("Made Elsewhere", 1_000)).toBeUndefined();
    newest = [{ id: "cd-other", name: "Made Elsewhere" }];
    expect(await view.recheck("made elsewhere", 1_500)).toBeUndefined(); // the same page, half a second old
    expect(await view.recheck("made elsewhere", 2_100)).toBe("cd-other"); // a new page
    expect(pages).toBe(2);
  });

  test("a failed page is not kept; without a recent-page lister there is nothing to re-check", async () => {
    let fail = true;
    const view = new NameView({
      listAll: async () => [],
      listRecent: async () => {
        if (fail) throw new Error("503");
        return [{ id: "cd-1", name: "A" }];
      },
    });
    await expect(view.recheck("a", 0)).rejects.toThrow("503");
    fail = false;
    expect(await view.recheck("a", 1)).toBe("cd-1");
    expect(await new NameView({ listAll: async () => [] }).recheck("a")).toBeUndefined();
  });
});
