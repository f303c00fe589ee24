/**
 * provider/resources/contact-list/schema.ts: a contact list's failures read as a campaign's do (one mapping,
 * shared/schema-failures.ts): the code names the kind of rule, a missing list is "required", an odd key is
 * quoted in its path, a value unknown during preview passes. Test data: the docs' sample request body.
 */
import { validateContactList } from "../../../provider/resources/contact-list/schema";
import { SAMPLE_CREATE_CONTACT_LIST } from "../../fixtures/sample-bodies";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const TEXT_48 = "must be text of 1 to 48 characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted)";

/** The sample's body as a definition: its `name1` typo written `name`, its `source` (not a definition field) left out. */
const sample = () => ({ name: SAMPLE_CREATE_CONTACT_LIST.name1, description: SAMPLE_CREATE_CONTACT_LIST.description, allowDuplicates: SAMPLE_CREATE_CONTACT_LIST.allowDuplicates });

function failuresOf(input: unknown, options?: { unknownValue?: unknown }) {
  const result = validateContactList(input, options);
  if (result.ok) throw new Error(`expected failures, got ${JSON.stringify(result.value)}`);
  return result.failures;
}

test("the docs' sample body, its typo mended, is a valid list", () => {
  expect(validateContactList(sample())).toEqual({ ok: true, value: { ...sample(), adoptExisting: false, allowReplacement: false } });
});

test("the sample as sent (name1, source) names both keys and the missing name", () => {
  expect(failuresOf({ ...SAMPLE_CREATE_CONTACT_LIST }).map((f) => [f.path, f.code])).toEqual([
    ["name", "required"],
    ["name1", "unknown_field"],
    ["source", "unknown_field"],
  ]);
});

test("each failure's code names the kind of rule, as a campaign's does", () => {
  expect(failuresOf({ ...sample(), name: 48 })[0]).toMatchObject({ path: "name", code: "type", message: `name: ${TEXT_48} (got 48)` });
  expect(failuresOf({ ...sample(), name: "   " })[0]).toMatchObject({ path: "name", code: "length" });
  expect(failuresOf({ ...sample(), allowDuplicates: "yes" })[0]).toMatchObject({ path: "allowDuplicates", code: "type", message: 'allowDuplicates: must be true or false (got "yes")' });
});

test("no list at all is required, as no campaign at all is", () => {
  expect(failuresOf(undefined)).toEqual([
    {
      path: "",
      rule: "is required and must be an object describing a contact list (name, description, allowDuplicates)",
      value: undefined,
      message: "contact list: is required and must be an object describing a contact list (name, description, allowDuplicates)",
      code: "required",
    },
  ]);
});

test("an unknown key that is no identifier is quoted in its path (so the file layer can find its line)", () => {
  const [f] = failuresOf({ ...sample(), "allow duplicates": true });
  expect(f).toMatchObject({ path: '["allow duplicates"]', code: "unknown_field", unknownKey: "allow duplicates" });
});

test("during preview an unknown value passes, and a wrong known one beside it still fails with its rule", () => {
  expect(validateContactList({ ...sample(), name: UNKNOWN }, { unknownValue: UNKNOWN }).ok).toBe(true);
  expect(failuresOf({ ...sample(), name: UNKNOWN, description: "" }, { unknownValue: UNKNOWN })).toEqual([
    {
      path: "description",
      rule: "must be text of 1 to 256 characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted)",
      value: "",
      message: 'description: must be text of 1 to 256 characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted) (got "")',
      code: "length",
    },
  ]);
});
