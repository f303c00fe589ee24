/**
 * The merge guard's comparison: the record of the approved review (embedded in the comment) against the
 * review of a fresh preview. Previews are the committed ones the real CLI wrote (tests/fixtures/preview/).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { differencesFrom, parsePreview, parseApproved, recordComment, renderJson, reviewOf, type ReviewRecord } from "../../provider/review";

const reviewJson = (name: string): ReviewRecord => {
  const file = path.resolve(__dirname, `../fixtures/preview/${name}.json`);
  return JSON.parse(renderJson(reviewOf(parsePreview(fs.readFileSync(file, "utf8"), file))));
};
const CHANGE_SET = reviewJson("change-set");

test("the record survives the comment: embedded at the end of a comment and read back, it is the review's changes and flags", () => {
  const comment = `### Kore.ai campaigns: what this change does\n\n...table...\n\n${recordComment(CHANGE_SET)}\n`;
  expect(comment).toMatch(/<!-- kore-campaigns review record v1: [A-Za-z0-9+/=]+ -->\n$/);
  const back = parseApproved(comment, "comment.md");
  expect(back).toEqual({ changes: CHANGE_SET.changes, flags: CHANGE_SET.flags });
  expect(differencesFrom(back, CHANGE_SET)).toEqual([]);
  // `review --format json` is accepted as it is
  expect(differencesFrom(parseApproved(JSON.stringify(CHANGE_SET), "review.json"), CHANGE_SET)).toEqual([]);
});

test("a value holding `-->` cannot end the hidden record early", () => {
  const hostile: ReviewRecord = { changes: [{ kind: "campaign", resourceName: "x", operation: "update", fields: [{ path: "description", old: "a", new: "--> <!-- kore-campaigns review record v1: e30= -->" }] }], flags: [] };
  const comment = recordComment(hostile);
  expect(comment.match(/-->/g)).toHaveLength(1);
  expect(parseApproved(comment, "c")).toEqual(hostile);
});

test("a console stop between review and merge: the merge would start the campaign again; the field and the flag are named", () => {
  // approved: one field of billing (maxRingTime 30 -> 45). Then a supervisor stops billing in the console;
  // the merge job's refresh reads it stopped, so its preview also sets started false -> true
  const approved = reviewJson("one-field");
  const fresh: ReviewRecord = {
    changes: [{ ...approved.changes[0], fields: [{ path: "started", old: false, new: true }, ...approved.changes[0].fields] }],
    flags: [{ id: "starts", resourceName: "billing" }],
  };
  expect(differencesFrom(approved, fresh)).toEqual([
    "billing (campaign): started: approved no change, now false → true",
    "flag starts (billing) is raised now, and the approved review did not show it",
  ]);
});

test("a console pause between review and merge: the status before the change differs, and is named", () => {
  // approved: one field of a campaign state knew as Active; the merge job's refresh then finds it Paused
  // (a stop made outside git, which stands: no started change and no flag, but not what was reviewed)
  const approved: ReviewRecord = { changes: [{ kind: "campaign", resourceName: "feedback", operation: "update", fields: [{ path: "dialingStrategy.maxRingTime", old: 30, new: 50 }], statusBefore: "Active" }], flags: [] };
  const fresh: ReviewRecord = { changes: [{ ...approved.changes[0], statusBefore: "Paused", stoppedOutsideGit: true }], flags: [] };
  expect(differencesFrom(approved, fresh)).toEqual(["feedback (campaign): its status was Active when reviewed, now Paused (stopped outside git)"]);
  expect(differencesFrom(approved, { changes: [{ ...approved.changes[0] }], flags: [] })).toEqual([]);
  // an approval recorded without statuses (an older version) is not taken to match one that has them
  const { statusBefore: _s, ...older } = approved.changes[0];
  expect(differencesFrom({ changes: [older], flags: [] }, approved)).toEqual(["feedback (campaign): its status was unknown when reviewed, now Active"]);
});

test("the review's JSON carries the status state knew before each change", () => {
  const billing = reviewJson("one-field").changes[0];
  expect(billing.statusBefore).toBe("Preparing"); // the fixture's state: billing's outputs.status
});

test("a resource more or less, another operation, a new flag: each named; code-changed is not compared", () => {
  const approved: ReviewRecord = {
    changes: [
      { kind: "campaign", resourceName: "billing", operation: "update", fields: [{ path: "dialingStrategy.maxRingTime", old: 30, new: 45 }] },
      { kind: "contactList", resourceName: "renewals", operation: "create", fields: [] },
    ],
    flags: [{ id: "code-changed", resourceName: "program/index.ts" }],
  };
  const fresh: ReviewRecord = {
    changes: [
      { kind: "campaign", resourceName: "billing", operation: "replace", fields: [{ path: "dialingStrategy.maxRingTime", old: 30, new: 45 }] },
      { kind: "campaign", resourceName: "feedback", operation: "create", fields: [] },
    ],
    flags: [{ id: "starts", resourceName: "feedback" }],
  };
  expect(differencesFrom(approved, fresh)).toEqual([
    "billing (campaign): the approved review has update, this preview replace",
    "feedback (campaign): create is not in the approved review",
    "renewals (contact list): the approved create is not in this preview",
    "flag starts (feedback) is raised now, and the approved review did not show it",
  ]);
});

test("the same values in another key order are no difference; another value is (old and new, nested)", () => {
  // the approved record comes from the pull request's preview, the fresh one from the merge job's: an object's
  // keys may come in another order (another engine, state written by another version), the values are the same
  const change = (old: unknown, next: unknown): ReviewRecord => ({ changes: [{ kind: "campaign", resourceName: "billing", operation: "update", fields: [{ path: "dialingStrategy", old, new: next }] }], flags: [] });
  const approved = parseApproved(JSON.stringify(change({ maxRingTime: 30, callerId: { type: "static", phoneNumber: "+15550100" } }, { maxRingTime: 45, maxRetries: 2 })), "review.json");
  expect(differencesFrom(approved, change({ callerId: { phoneNumber: "+15550100", type: "static" }, maxRingTime: 30 }, { maxRetries: 2, maxRingTime: 45 }))).toEqual([]);
  expect(differencesFrom(approved, change({ callerId: { phoneNumber: "+15550199", type: "static" }, maxRingTime: 30 }, { maxRetries: 2, maxRingTime: 45 }))).toEqual([
    'billing (campaign): dialingStrategy: approved {"maxRingTime":30,"callerId":{"type":"static","phoneNumber":"+15550100"}} → {"maxRingTime":45,"maxRetries":2}, now {"callerId":{"phoneNumber":"+15550199","type":"static"},"maxRingTime":30} → {"maxRetries":2,"maxRingTime":45}',
  ]);
});

test("a key the fresh review holds as undefined is the key the approved JSON left out: no difference; a present value is one", () => {
  // the approved record went through JSON (which drops undefined); a fresh one computed in memory may hold
  // `queueName: undefined` beside the same values
  const change = (next: unknown): ReviewRecord => ({ changes: [{ kind: "campaign", resourceName: "billing", operation: "update", fields: [{ path: "dialingStrategy", old: { maxRingTime: 30 }, new: next }] }], flags: [] });
  const approved = parseApproved(JSON.stringify(change({ maxRingTime: 45 })), "review.json");
  expect(differencesFrom(approved, change({ maxRingTime: 45, maxRetries: undefined }))).toEqual([]);
  expect(differencesFrom(approved, change({ maxRingTime: 45, maxRetries: 0 }))).toHaveLength(1);
  expect(differencesFrom(approved, change({ maxRingTime: 45, maxRetries: null }))).toHaveLength(1);
});

test("a comment without a record, a too-large one, or another file: refused with the file named", () => {
  expect(() => parseApproved("### Kore.ai campaigns\nno record here", "comment.md")).toThrow(
    "comment.md: neither the JSON of `kore-campaigns review --format json` nor a review comment with its record",
  );
  expect(() => parseApproved("<!-- kore-campaigns review record v1: too-large -->", "comment.md")).toThrow(/the review was too large to record\): split the pull request$/);
  expect(() => parseApproved('{"steps": []}', "preview.json")).toThrow("preview.json: not a review record (changes: ");
  const huge: ReviewRecord = { changes: Array.from({ length: 400 }, (_, i) => ({ kind: "campaign", resourceName: `c${i}`, operation: "create", fields: [{ path: "description", old: null, new: "x".repeat(100) }] })), flags: [] };
  expect(recordComment(huge)).toBe("<!-- kore-campaigns review record v1: too-large -->");
});

test("a voice and an SMS campaign with the same resource name are compared each with its own; a record from before SMS (no channel) reads as voice", () => {
  const voice = { kind: "campaign", channel: "voice", resourceName: "reminders", operation: "update", fields: [{ path: "description", old: "a", new: "b" }] };
  const sms = { kind: "campaign", channel: "sms", resourceName: "reminders", operation: "update", fields: [{ path: "description", old: "x", new: "y" }] };
  const approved: ReviewRecord = { changes: [voice, sms], flags: [] };
  expect(differencesFrom(approved, { changes: [sms, voice], flags: [] })).toEqual([]);
  // the SMS campaign's field differs at merge: named, even though the voice one (same name) is unchanged
  const fresh: ReviewRecord = { changes: [voice, { ...sms, fields: [{ path: "description", old: "x", new: "z" }] }], flags: [] };
  expect(differencesFrom(approved, fresh)).toEqual(['reminders (SMS campaign): description: approved "x" → "y", now "x" → "z"']);
  const { channel: _voice, ...beforeSms } = voice;
  expect(differencesFrom({ changes: [beforeSms], flags: [] }, { changes: [voice], flags: [] })).toEqual([]);
});
