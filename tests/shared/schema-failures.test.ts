/**
 * provider/shared/schema-failures.ts: zod issues -> failures, for every resource's schema. Each case parses a
 * small schema written here and compares the failures with ones written by hand.
 */
import { z } from "zod";
import {
  didYouMeanRule,
  failureUnderUnknown,
  failuresFromIssues,
  internalFailure,
  unknownPathsIn,
  unknownTolerant,
  type IssueReading,
  type RawIssue,
} from "../../provider/shared/schema-failures";

const MARKER = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const NAME_RULE = "must be a non-empty name";
const COUNT_RULE = "must be an integer from 1 to 9";

/** A flat object: a name and a count, strict, every node tolerant of `unknownValue`. */
function flat(unknownValue?: unknown) {
  const u = unknownTolerant(unknownValue);
  return z.strictObject(
    {
      name: u(z.string({ error: NAME_RULE }).min(1, { error: NAME_RULE })),
      count: u(z.number({ error: COUNT_RULE }).int({ error: COUNT_RULE }).min(1, { error: COUNT_RULE }).max(9, { error: COUNT_RULE }).optional()),
    },
    { error: "must be an object with name and count" },
  );
}

const FLAT: IssueReading = { noun: "widget", knownKeys: ["name", "count"] };

function failuresOf(schema: z.ZodType, input: unknown, reading: IssueReading = FLAT) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected the parse to fail");
  return failuresFromIssues(parsed.error.issues, input, reading);
}

describe("failuresFromIssues", () => {
  test("a missing field: 'is required and' its rule, code required, no value", () => {
    expect(failuresOf(flat(), {})).toEqual([{ path: "name", rule: `is required and ${NAME_RULE}`, value: undefined, message: `name: is required and ${NAME_RULE}`, code: "required" }]);
  });

  test("a wrong value: its rule and the value shown, the code from the kind of check", () => {
    expect(failuresOf(flat(), { name: 5 })).toEqual([{ path: "name", rule: NAME_RULE, value: 5, message: `name: ${NAME_RULE} (got 5)`, code: "type" }]);
    expect(failuresOf(flat(), { name: "" })[0]).toMatchObject({ path: "name", code: "length", message: `name: ${NAME_RULE} (got "")` });
    expect(failuresOf(flat(), { name: "a", count: 12 })[0]).toMatchObject({ path: "count", code: "range", message: `count: ${COUNT_RULE} (got 12)` });
  });

  test("the whole object wrong: named by the noun", () => {
    expect(failuresOf(flat(), null)).toEqual([{ path: "", rule: "must be an object with name and count", value: null, message: "widget: must be an object with name and count (got null)", code: "type" }]);
    expect(failuresOf(flat(), undefined)[0].message).toBe("widget: is required and must be an object with name and count");
  });

  test("an unknown key: the default rule suggests the closest key and lists the known ones", () => {
    expect(failuresOf(flat(), { name: "a", cont: 3 })).toEqual([
      {
        path: "cont",
        rule: 'is not a known field (did you mean "count"? known fields: name, count)',
        value: 3,
        message: 'cont: is not a known field (did you mean "count"? known fields: name, count)',
        code: "unknown_field",
        unknownKey: "cont",
        knownKeys: ["name", "count"],
      },
    ]);
  });

  test("an unknown key that is no identifier is quoted in the path; nothing close, no suggestion", () => {
    const [f] = failuresOf(flat(), { name: "a", "odd key": 1 });
    expect(f.path).toBe('["odd key"]');
    expect(f.rule).toBe("is not a known field (known fields: name, count)");
  });

  test("nested objects: known keys by object path, array elements as [], and the resource's own unknown-key rule", () => {
    const schema = z.strictObject({ items: z.array(z.strictObject({ day: z.string() })) });
    const reading: IssueReading = {
      noun: "widget",
      knownKeys: { "": ["items"], "items[]": ["day"] },
      unknownKeyRule: (key, known) => `is not a field of an item (${key}; these are: ${(known ?? []).join(", ")})`,
    };
    const [f] = failuresOf(schema, { items: [{ day: "MO" }, { day: "TU", dya: "x" }] }, reading);
    expect(f).toMatchObject({ path: "items[1].dya", rule: "is not a field of an item (dya; these are: day)", message: "items[1].dya: is not a field of an item (dya; these are: day)", knownKeys: ["day"] });
  });

  test("a custom issue carries its code and may hide the value", () => {
    const issues: RawIssue[] = [
      { code: "custom", path: ["name"], message: "duplicates another name", params: { code: "duplicate" } },
      { code: "custom", path: ["count"], message: "overlaps another", params: { code: "overlap", showValue: false } },
      { code: "custom", path: ["count"], message: "has no code" },
    ];
    expect(failuresFromIssues(issues, { name: "a", count: 3 }, FLAT).map((f) => [f.message, f.code])).toEqual([
      ['name: duplicates another name (got "a")', "duplicate"],
      ["count: overlaps another", "overlap"],
      ["count: has no code (got 3)", "invalid"],
    ]);
  });

  test("the same failure twice is reported once", () => {
    const twice: RawIssue[] = [
      { code: "custom", path: ["name"], message: "is taken", params: { code: "duplicate" } },
      { code: "custom", path: ["name"], message: "is taken", params: { code: "duplicate" } },
    ];
    expect(failuresFromIssues(twice, { name: "a" }, FLAT)).toHaveLength(1);
  });
});

describe("values unknown during a preview", () => {
  test("the marker passes every tolerant node; without a marker the wrapper changes nothing", () => {
    expect(flat(MARKER).safeParse({ name: MARKER, count: MARKER }).success).toBe(true);
    expect(flat().safeParse({ name: MARKER }).success).toBe(true); // a plain string then
    expect(flat().safeParse({ name: "a", count: MARKER }).success).toBe(false);
  });

  test("a wrong known value beside the marker: the real branch's rule and code, not the union's", () => {
    expect(failuresOf(flat(MARKER), { name: MARKER, count: 2.5 })).toEqual([{ path: "count", rule: COUNT_RULE, value: 2.5, message: `count: ${COUNT_RULE} (got 2.5)`, code: "type" }]);
  });

  test("failureUnderUnknown: a failure at or below the marker, never an unknown key", () => {
    const input = { a: MARKER, b: { c: 1 } };
    const failure = (path: string, code = "type") => ({ path, rule: "r", value: undefined, message: "m", code });
    expect(failureUnderUnknown(input, failure("a"), MARKER)).toBe(true);
    expect(failureUnderUnknown(input, failure("a.x[2]"), MARKER)).toBe(true);
    expect(failureUnderUnknown(input, failure("b.c"), MARKER)).toBe(false);
    expect(failureUnderUnknown(input, failure("a", "unknown_field"), MARKER)).toBe(false);
    expect(failureUnderUnknown(MARKER, failure(""), MARKER)).toBe(true);
  });

  test("unknownPathsIn lists every path holding the marker", () => {
    expect(unknownPathsIn({ a: MARKER, b: [1, MARKER, { c: MARKER }], d: "x" }, MARKER)).toEqual(["a", "b[1]", "b[2].c"]);
    expect(unknownPathsIn(MARKER, MARKER)).toEqual([""]);
    expect(unknownPathsIn({ a: MARKER }, undefined)).toEqual([]);
  });
});

describe("helpers", () => {
  test("didYouMeanRule without known keys", () => {
    expect(didYouMeanRule("x", undefined)).toBe("is not a known field (known fields: )");
  });

  test("internalFailure names the noun and cuts the error's message at 200 characters", () => {
    const f = internalFailure("widget", new Error("y".repeat(300)));
    expect(f).toMatchObject({ path: "", code: "internal", value: undefined });
    expect(f.message).toBe(`widget: could not be read (${"y".repeat(200)})`);
  });
});
