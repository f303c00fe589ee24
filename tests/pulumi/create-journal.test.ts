import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CreateJournal, defaultJournalDir } from "../../provider/pulumi/create-journal";
import { madeByInterruptedCreate } from "../../provider/shared/interrupted-creates";

const APP = "https://platform.kore.ai|st-1|acct";

describe("CreateJournal", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-journal-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("an intent, then its id, is found by app and name (case-insensitively), and by no other app", () => {
    const j = new CreateJournal(dir);
    j.intend(APP, "Renewals July", new Date("2027-01-01T10:00:00Z"));
    expect(j.find(APP, "renewals july")).toEqual({ app: APP, lname: "renewals july", intendedAt: "2027-01-01T10:00:00.000Z" });
    j.record(APP, "Renewals July", "cd-1");
    expect(j.find(APP, "RENEWALS JULY")).toMatchObject({ id: "cd-1", intendedAt: "2027-01-01T10:00:00.000Z" });
    expect(j.find("https://platform.kore.ai|st-2|acct", "Renewals July")).toBeUndefined();
  });

  test("settle removes the entry only for its own id", () => {
    const j = new CreateJournal(dir);
    j.intend(APP, "A");
    j.record(APP, "A", "cd-1");
    j.settle(APP, "A", "cd-other");
    expect(j.find(APP, "A")).toBeDefined();
    j.settle(APP, "A", "cd-1");
    expect(j.find(APP, "A")).toBeUndefined();
  });

  test("an unreadable file is no claim", () => {
    const j = new CreateJournal(dir);
    j.intend(APP, "A");
    for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), "{not json");
    expect(j.find(APP, "A")).toBeUndefined();
  });

  test("a torn id file leaves the intent standing; a new intent forgets an older create's id; done removes both", () => {
    const j = new CreateJournal(dir);
    j.intend(APP, "A", new Date("2027-01-01T10:00:00Z"));
    j.record(APP, "A", "cd-1");
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(2); // the intent and, beside it, the id
    const idFile = files.find((f) => f.endsWith(".id.json"))!;
    fs.writeFileSync(path.join(dir, idFile), '{"app":"https://platform.kore.ai|st-1|acct","lname":"a","inten'); // killed mid-write
    expect(j.find(APP, "A")).toEqual({ app: APP, lname: "a", intendedAt: "2027-01-01T10:00:00.000Z" });
    j.record(APP, "A", "cd-1");
    j.intend(APP, "A", new Date("2027-01-02T10:00:00Z")); // the name created again later: the old id is not this create's
    expect(j.find(APP, "A")).toEqual({ app: APP, lname: "a", intendedAt: "2027-01-02T10:00:00.000Z" });
    j.record(APP, "A", "cd-2");
    expect(j.find(APP, "A")).toMatchObject({ id: "cd-2", intendedAt: "2027-01-02T10:00:00.000Z" });
    j.done(APP, "A");
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  test("lives under PULUMI_HOME when set, else ~/.pulumi", () => {
    expect(defaultJournalDir({ PULUMI_HOME: "/ph" })).toBe("/ph/kore-campaigns/interrupted-creates");
    expect(defaultJournalDir({})).toBe(path.join(os.homedir(), ".pulumi", "kore-campaigns", "interrupted-creates"));
  });
});

describe("madeByInterruptedCreate", () => {
  const intent = { app: APP, lname: "a", intendedAt: "2027-01-01T10:00:00.000Z" };
  test("with an id: that id only", () => {
    expect(madeByInterruptedCreate({ ...intent, id: "cd-1" }, { id: "cd-1" })).toBe(true);
    expect(madeByInterruptedCreate({ ...intent, id: "cd-1" }, { id: "cd-2", createdAt: "2027-01-01T10:00:01Z" })).toBe(false);
  });
  test("without one: created after the intent, less five minutes of clock skew", () => {
    expect(madeByInterruptedCreate(intent, { id: "cd-9", createdAt: "2027-01-01T09:56:00Z" })).toBe(true);
    expect(madeByInterruptedCreate(intent, { id: "cd-9", createdAt: "2027-01-01T09:54:00Z" })).toBe(false);
    expect(madeByInterruptedCreate(intent, { id: "cd-9" })).toBe(false);
  });
});
