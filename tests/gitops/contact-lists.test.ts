/**
 * provider/gitops/load.ts for contact-list files (contact-lists/ beside campaigns/): their own rules with
 * the same hardening as campaign files, the `external: true` marker, names unique across files, and the
 * check of every campaign's contactLists against the declared lists (a warning when undeclared, an error
 * when only the case differs). Expected lines are read from the YAML text, never from the code under test.
 */
import * as fs from "fs";
import * as path from "path";
import { formatGithubAnnotation, formatProblem, loadDefinitions, summarize } from "../../provider/gitops";
import { lineOf, preview, progressive, removeTrees, toYaml, writeTree } from "./helpers";

afterAll(removeTrees);

const JULY = "name: July Renewals\ndescription: Customers renewing in July\n";
const withLists = (lists: string[]) => toYaml({ ...progressive(), contactLists: lists });

describe("contact-list files", () => {
  test("a managed list gets its normalized spec; an external one only its name", () => {
    const dir = writeTree({
      "campaigns/renewals.yaml": withLists(["July Renewals", "Recent Buyers - Q2 2025"]),
      "contact-lists/july.yaml": `${JULY}allowDuplicates: true\nrenamedFrom: [july-2026]\n`,
      "contact-lists/recent.yml": "name: '  Recent Buyers - Q2 2025 '\nexternal: true\ndescription: made in the console\n",
    });
    const result = loadDefinitions(path.join(dir, "campaigns"));
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.files.map((f) => path.relative(dir, f))).toEqual(["campaigns/renewals.yaml", "contact-lists/july.yaml", "contact-lists/recent.yml"]);
    expect(result.contactLists).toEqual([
      {
        file: path.join(dir, "contact-lists", "july.yaml"),
        resourceName: "july",
        name: "July Renewals",
        external: false,
        renamedFrom: ["july-2026"],
        spec: { name: "July Renewals", description: "Customers renewing in July", allowDuplicates: true, adoptExisting: false, allowReplacement: false },
      },
      { file: path.join(dir, "contact-lists", "recent.yml"), resourceName: "recent", name: "Recent Buyers - Q2 2025", external: true, renamedFrom: [] },
    ]);
    expect(result.definitions.map((d) => d.resourceName)).toEqual(["renewals"]);
  });

  test("bad list files: every problem with its line, the rule and the value, and a hint where YAML misread it", () => {
    const typo = "name: Typo List\ndescripton: misspelt\n";
    const number = "name: 2025\ndescription: a year\nallowDuplicates: yes\n";
    const external = "name: Outside\nexternal: true\nallowDuplicates: true\n";
    const dir = writeTree({
      "contact-lists/typo.yaml": typo,
      "contact-lists/number.yaml": number,
      "contact-lists/external.yaml": external,
      "contact-lists/half.yaml": "name: Half\ndescription: x\nexternal: false\n",
      "contact-lists/empty.yaml": "",
    });
    const lines = loadDefinitions(path.join(dir, "contact-lists")).problems.map((p) => formatProblem(p, { relativeTo: dir }));
    expect(lines).toEqual([
      "contact-lists/empty.yaml:1: is empty: a contact list definition needs name and description (or name and external: true)",
      `contact-lists/external.yaml:${lineOf(external, /^allowDuplicates/)}: allowDuplicates: is not a known field; known fields here: name, description, recipients, external, renamedFrom`,
      `contact-lists/half.yaml:3: external: must be true (a list that exists in Kore.ai outside this stack) or left out (a list this stack manages) (got false)`,
      `contact-lists/number.yaml:1: name: must be text of 1 to 48 characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted) (got 2025); YAML reads the unquoted 2025 as a number: write it in quotes, "2025"`,
      `contact-lists/number.yaml:3: allowDuplicates: must be true or false (got "yes")`,
      "contact-lists/typo.yaml:1: description: is required and must be text of 1 to 256 characters (UTF-16 units: an emoji counts 2; leading and trailing spaces are not counted)",
      `contact-lists/typo.yaml:2: descripton: is not a known field; did you mean description?`,
    ]);
  });

  test("list names are unique across files ignoring case; a list and a campaign may share a file name", () => {
    const dir = writeTree({
      "campaigns/july.yaml": withLists(["July Renewals"]),
      "contact-lists/july.yaml": JULY,
      "contact-lists/july-copy.yaml": "name: JULY renewals\nexternal: true\n",
    });
    const { problems, contactLists } = loadDefinitions(path.join(dir, "campaigns"));
    expect(problems.map((p) => formatProblem(p, { relativeTo: dir }))).toEqual([
      // listed in name order: july-copy.yaml comes first, so july.yaml is the one that repeats it
      'contact-lists/july.yaml:1: name: "July Renewals" is also the name of the contact list in ' +
        `${path.join(dir, "contact-lists", "july-copy.yaml")}:1 (Kore.ai contact list names are unique, ignoring case)`,
    ]);
    expect(contactLists.map((l) => l.resourceName)).toEqual(["july-copy", "july"]); // each file is valid on its own
  });

  test("symbolic links and oversized files in contact-lists/ are refused like campaign files, quoting nothing", () => {
    const dir = writeTree({ "outside.txt": "LIST-SECRET-7731\n", "contact-lists/big.yaml": `description: ${"x".repeat(300 * 1024)}\n` });
    fs.symlinkSync(path.join(dir, "outside.txt"), path.join(dir, "contact-lists", "shadow.yaml"));
    const problems = loadDefinitions(path.join(dir, "contact-lists")).problems;
    expect(problems.map((p) => [path.basename(p.file), p.code, p.message])).toEqual([
      ["big.yaml", "too_large", expect.stringMatching(/^is \d+ bytes; a contact list definition file holds at most 262144 bytes$/)],
      ["shadow.yaml", "not_plain_file", "is a symbolic link; definition files must be plain files (links are never followed)"],
    ]);
    expect(JSON.stringify(problems)).not.toContain("LIST-SECRET-7731");
  });
});

describe("where the lists are", () => {
  test("the contact-lists/ folder beside the campaigns folder is read; none is fine", () => {
    const withFolder = writeTree({ "stack/campaigns/a.yaml": toYaml(preview()), "stack/contact-lists/recent.yaml": "name: Recent Buyers - Q2 2025\nexternal: true\n" });
    expect(loadDefinitions(path.join(withFolder, "stack", "campaigns")).contactLists.map((l) => l.name)).toEqual(["Recent Buyers - Q2 2025"]);
    const without = writeTree({ "campaigns/a.yaml": toYaml(preview()) });
    const result = loadDefinitions(path.join(without, "campaigns"));
    expect(result.problems).toEqual([]);
    expect(result.contactLists).toEqual([]);
  });

  test("an explicit contactLists folder replaces the one beside; a missing one is a problem", () => {
    const dir = writeTree({
      "campaigns/a.yaml": toYaml(preview()),
      "contact-lists/ignored.yaml": "name: Ignored\nexternal: true\n",
      "shared-lists/recent.yaml": "name: Recent Buyers - Q2 2025\nexternal: true\n",
    });
    const result = loadDefinitions(path.join(dir, "campaigns"), { contactLists: path.join(dir, "shared-lists") });
    expect(result.contactLists.map((l) => l.resourceName)).toEqual(["recent"]);
    expect(result.warnings).toEqual([]);
    const missing = loadDefinitions(path.join(dir, "campaigns"), { contactLists: path.join(dir, "nope") });
    expect(missing.problems.map((p) => [p.file, p.code])).toEqual([[path.join(dir, "nope"), "not_found"]]);
  });
});

describe("the lists campaigns name", () => {
  test("a list no file declares: a warning at the entry's line, with the closest declared names", () => {
    const text = withLists(["July Renewals", "Juli Renewals"]);
    const dir = writeTree({ "campaigns/renewals.yaml": text, "contact-lists/july.yaml": JULY });
    const { problems, warnings } = loadDefinitions(path.join(dir, "campaigns"));
    expect(problems).toEqual([]);
    const line = lineOf(text, /^\s+- Juli Renewals$/);
    expect(warnings.map((w) => formatProblem(w, { relativeTo: dir }))).toEqual([
      `campaigns/renewals.yaml:${line}: warning: contactLists[1]: names the contact list "Juli Renewals", which no file in contact-lists/ declares ` +
        '(did you mean "July Renewals"?). If it exists in Kore.ai outside this stack, declare it there in a file with its name and external: true',
    ]);
    expect(formatGithubAnnotation(warnings[0], { relativeTo: dir })).toMatch(
      new RegExp(`^::warning file=campaigns/renewals\\.yaml,line=${line},title=campaign definition%3A contactLists\\[1\\]::names the contact list "Juli Renewals"`),
    );
    expect(summarize(2, problems, warnings)).toBe("2 files valid, 1 warning");
  });

  test("without any contact-lists folder, every named list is a warning (nothing declares it), with no suggestion", () => {
    const dir = writeTree({ "campaigns/a.yaml": toYaml(preview()) });
    const { warnings } = loadDefinitions(path.join(dir, "campaigns"));
    expect(warnings.map((w) => [w.code, w.path, w.message.includes("did you mean")])).toEqual([["undeclared_reference", "contactLists[0]", false]]);
  });

  test("a name that differs only in case from a declared list is an error: Kore matches list names exactly", () => {
    const dir = writeTree({ "campaigns/renewals.yaml": withLists(["july renewals"]), "contact-lists/july.yaml": JULY });
    const { problems, warnings } = loadDefinitions(path.join(dir, "campaigns"));
    expect(warnings).toEqual([]);
    expect(problems.map((p) => [p.code, p.path, p.message])).toEqual([
      [
        "reference_case",
        "contactLists[0]",
        `"july renewals" differs only in case from the contact list "July Renewals" declared in ${path.join(dir, "contact-lists", "july.yaml")}:1; Kore.ai matches list names exactly: write "July Renewals"`,
      ],
    ]);
  });

  test("an invalid campaign's list names are still checked; an invalid list file still declares its name", () => {
    const dir = writeTree({
      "campaigns/broken.yaml": toYaml({ ...progressive(), priority: 9, contactLists: ["July Renewals", "Nowhere"] }),
      "contact-lists/july.yaml": "name: July Renewals\n", // no description: invalid, but the name is declared
    });
    const { problems, warnings } = loadDefinitions(path.join(dir, "campaigns"));
    expect(problems.map((p) => [path.basename(p.file), p.path])).toEqual([
      ["broken.yaml", "priority"],
      ["july.yaml", "description"],
    ]);
    expect(warnings.map((w) => [path.basename(w.file), w.path])).toEqual([["broken.yaml", "contactLists[1]"]]);
  });
});

describe("an unknown key that is no identifier", () => {
  test("is reported at its own line, its path quoted as in a campaign file", () => {
    const july = `${JULY}"allow duplicates": true\n`;
    const dir = writeTree({ "campaigns/.keep": "", "contact-lists/july.yaml": july });
    const { problems } = loadDefinitions([path.join(dir, "campaigns"), path.join(dir, "contact-lists")]);
    expect(problems.map((p) => [path.basename(p.file), p.line, p.path, p.code])).toEqual([["july.yaml", lineOf(july, /^"allow duplicates"/), '["allow duplicates"]', "unknown_field"]]);
  });
});
