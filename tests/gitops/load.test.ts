/**
 * provider/gitops/load.ts: folders of YAML definitions -> validated specs, or every problem at once, each
 * with its file, line and field. Test data: the docs' sample request bodies, as YAML in temp folders.
 */
import * as fs from "fs";
import * as path from "path";
import { loadDefinitions, type LoadResult, type Problem } from "../../provider/gitops";
import { validateCampaign } from "../../provider/resources/campaign/schema";
import { agentless, lineOf, preview, progressive, removeTrees, toYaml, writeTree } from "./helpers";

afterAll(removeTrees);

/** Loads one file (as `campaign.yaml` in a temp folder) and returns its problems. */
function problemsOf(text: string, name = "campaign.yaml"): Problem[] {
  return loadDefinitions(writeTree({ [name]: text })).problems;
}

/** The one problem at `field` (and that there is exactly one there). */
function problemAt(result: LoadResult | Problem[], field: string | undefined): Problem {
  const problems = Array.isArray(result) ? result : result.problems;
  const here = problems.filter((p) => p.path === field);
  if (here.length !== 1) throw new Error(`expected one problem at ${field}, got:\n${JSON.stringify(problems, null, 2)}`);
  return here[0];
}

describe("a valid tree", () => {
  test("one definition per file, named by the file, with the spec validateCampaign gives", () => {
    const dir = writeTree({
      "service-renewals.yaml": toYaml({ ...progressive(), started: true }),
      "billing-reminders.yml": toYaml(preview()),
      "product-feedback.YAML": toYaml(agentless()),
    });
    const result = loadDefinitions(dir);
    expect(result.problems).toEqual([]);
    expect(result.files.map((f) => path.basename(f))).toEqual(["billing-reminders.yml", "product-feedback.YAML", "service-renewals.yaml"]);
    expect(result.definitions.map((d) => d.resourceName)).toEqual(["billing-reminders", "product-feedback", "service-renewals"]);
    const renewals = result.definitions[2];
    const expected = validateCampaign({ ...progressive(), started: true });
    expect(expected.ok && renewals.spec).toEqual(expected.ok && expected.value);
    expect(renewals).toMatchObject({ file: path.join(dir, "service-renewals.yaml"), renamedFrom: [] });
  });

  test("other files, hidden files and subfolders are not definitions", () => {
    const dir = writeTree({
      "a.yaml": toYaml(progressive()),
      "README.md": "# campaigns",
      ".draft.yaml": "not: [valid",
      "archive/old.yaml": "not: [valid",
    });
    const result = loadDefinitions(dir);
    expect(result.problems).toEqual([]);
    expect(result.files).toEqual([path.join(dir, "a.yaml")]);
  });

  test("renamedFrom becomes the definition's old names (an extension is dropped) and is not part of the spec", () => {
    const result = loadDefinitions(writeTree({ "renewals.yaml": toYaml({ ...progressive(), renamedFrom: ["service-renewals", "renewals-2024.yaml"] }) }));
    expect(result.problems).toEqual([]);
    expect(result.definitions[0].renamedFrom).toEqual(["service-renewals", "renewals-2024"]);
    expect(result.definitions[0].spec).not.toHaveProperty("renamedFrom");
  });

  test("files given by name are loaded as one set; an empty folder holds no definitions", () => {
    const dir = writeTree({ "a.yaml": toYaml(progressive()), "b.yaml": toYaml(agentless()) });
    const result = loadDefinitions([path.join(dir, "b.yaml"), path.join(dir, "a.yaml"), path.join(dir, "b.yaml")]);
    expect(result.definitions.map((d) => d.resourceName)).toEqual(["b", "a"]);
    expect(loadDefinitions(writeTree({}))).toEqual({ files: [], definitions: [], smsDefinitions: [], contactLists: [], problems: [], warnings: [] });
  });
});

describe("field problems, at their lines", () => {
  test("a missing field is reported at its nearest existing parent", () => {
    const top = progressive();
    delete top.description;
    const nested = progressive();
    delete nested.dialingStrategy.maxRingTime;
    const text = toYaml(nested);

    expect(problemAt(problemsOf(toYaml(top)), "description")).toMatchObject({ line: 1, code: "required", message: expect.stringMatching(/^is required and must be text of 1 to 256 characters/) });
    expect(problemAt(problemsOf(text), "dialingStrategy.maxRingTime")).toMatchObject({ line: lineOf(text, /^dialingStrategy:/), code: "required" });
  });

  test("a wrong type is reported at the field, with the value", () => {
    const input = progressive();
    input.dialingStrategy.maxRingTime = "30";
    const text = toYaml(input);
    expect(problemAt(problemsOf(text), "dialingStrategy.maxRingTime")).toEqual({
      file: expect.any(String),
      line: lineOf(text, /^\s+maxRingTime:/),
      path: "dialingStrategy.maxRingTime",
      message: 'must be an integer from 5 to 120 seconds (got "30")',
      code: "type",
    });
  });

  test("nested failures point at their own lines (a calling window's field, an overlap)", () => {
    const input = progressive();
    input.dialingStrategy.callingHours.days[3].start = "25:00";
    input.dialingStrategy.callingHours.days[4] = { day: "WE", start: "5:00 PM", end: "7:00 PM" };
    const text = toYaml(input);
    const problems = problemsOf(text);
    expect(problemAt(problems, "dialingStrategy.callingHours.days[3].start")).toMatchObject({ line: lineOf(text, /^\s+start:/, 4), code: "format" });
    expect(problemAt(problems, "dialingStrategy.callingHours.days[4]")).toMatchObject({
      line: lineOf(text, /^\s+- day:/, 5),
      message: "overlaps days[2] on WE (9:00 AM-6:00 PM)",
      code: "overlap",
    });
  });

  test("an unknown field is reported at its key, with the closest known spelling", () => {
    const input = progressive();
    const { maxRingTime, ...strategy } = input.dialingStrategy;
    input.dialingStrategy = { ...strategy, maxRingtime: maxRingTime };
    const text = toYaml(input);
    const problems = problemsOf(text);
    expect(problemAt(problems, "dialingStrategy.maxRingtime")).toMatchObject({
      line: lineOf(text, /^\s+maxRingtime:/),
      message: "is not a known field; did you mean maxRingTime?",
      code: "unknown_field",
    });
    expect(problemAt(problems, "dialingStrategy.maxRingTime").code).toBe("required");
  });

  test("top-level suggestions include the file-only renamedFrom; a field in the wrong object says where it belongs", () => {
    const text = toYaml({ ...progressive(), renamedfrom: ["old"], maxRingTime: 30 });
    const problems = problemsOf(text);
    expect(problemAt(problems, "renamedfrom").message).toBe("is not a known field; did you mean renamedFrom?");
    expect(problemAt(problems, "maxRingTime")).toMatchObject({ line: lineOf(text, /^maxRingTime:/), message: "is not a field here; it belongs in dialingStrategy" });
  });

  test("an unknown field with nothing close lists the known fields, renamedFrom included", () => {
    const message = problemAt(problemsOf(toYaml({ ...progressive(), owner: "ops" })), "owner").message;
    expect(message).toMatch(/^is not a known field; known fields here: name, description, .*adoptExisting, restartedAt, recipients, renamedFrom$/);
  });

  test("mode-specific rules: queueName on Agentless, maxSkips missing on Preview", () => {
    const flow = toYaml({ ...agentless(), queueName: "Default Queue" });
    expect(problemAt(problemsOf(flow), "queueName")).toMatchObject({
      line: lineOf(flow, /^queueName:/),
      message: 'only allowed when dialingMode is Progressive or Preview (got "Default Queue")',
      code: "not_allowed",
    });
    const noSkips = preview();
    delete noSkips.maxSkips;
    expect(problemAt(problemsOf(toYaml(noSkips)), "maxSkips")).toMatchObject({ line: 1, message: "required when dialingMode is Preview", code: "required" });
  });

  test("an unquoted phone number (YAML reads a number) gets the fix: quotes", () => {
    const text = toYaml(progressive()).replace('phoneNumber: "+1812345678"', "phoneNumber: +1812345678");
    expect(problemAt(problemsOf(text), "dialingStrategy.callerId.phoneNumber").message).toMatch(
      /\(got 1812345678\); YAML reads the unquoted \+1812345678 as a number: write it in quotes, "\+1812345678"$/,
    );
    // no such hint where quoting would not help
    const ring = toYaml(progressive()).replace("maxRingTime: 30", "maxRingTime: true");
    expect(problemAt(problemsOf(ring), "dialingStrategy.maxRingTime").message).toBe("must be an integer from 5 to 120 seconds (got true)");
  });

  test("every problem of a file is reported at once, ordered by line", () => {
    const input = progressive();
    input.priority = 9;
    input.dialingStrategy.callerId.phoneNumber = "555-0100";
    input.dialingStrategy.dialingOrder = "RANDOM";
    const problems = problemsOf(toYaml(input));
    expect(problems.map((p) => p.path)).toEqual(["priority", "dialingStrategy.callerId.phoneNumber", "dialingStrategy.dialingOrder"]);
  });

  test("renamedFrom entries must be file names", () => {
    const text = toYaml({ ...progressive(), renamedFrom: ["old name"] });
    expect(problemAt(problemsOf(text), "renamedFrom[0]")).toMatchObject({ line: lineOf(text, /^\s+- old name/), message: expect.stringMatching(/\(got "old name"\)$/), code: "rename" });
    expect(problemAt(problemsOf(toYaml({ ...progressive(), renamedFrom: "old" })), "renamedFrom").message).toMatch(/^must be a list of earlier file names/);
  });
});

describe("file problems", () => {
  test("invalid YAML: the parser's message, line and column; the file is not validated further", () => {
    const text = "name: x\ncontactLists: [a, b\ndialingMode: Progressive\n";
    expect(problemsOf(text)).toEqual([
      { file: expect.any(String), line: 3, column: 1, message: expect.stringMatching(/^invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a \]$/), code: "yaml" },
    ]);
  });

  test("a key given twice is named, at the second one's line", () => {
    const text = toYaml(progressive()).replace(/^priority: .*$/m, (line) => `${line}\npriority: 4`);
    expect(problemsOf(text)).toEqual([
      { file: expect.any(String), line: lineOf(text, /^priority:/, 2), column: 1, message: 'invalid YAML: the field "priority" appears twice in the same mapping', code: "yaml" },
    ]);
  });

  test("a bare CR (a line break for some readers, none for git diff and grep) is an error at its line, whichever reader would read the file", () => {
    const text = `${toYaml(progressive())}name: X\rstarted: true\n`.replace(/^name: .*\n/m, "");
    const line = text.slice(0, text.indexOf("\r")).split("\n").length;
    expect(problemsOf(text)).toEqual([
      { file: expect.any(String), line, message: expect.stringMatching(/^invalid YAML: a carriage return \(CR\) not followed by a line feed; save the file with LF or CRLF line endings$/), code: "yaml" },
    ]);
    // inside quotes too: the full reader would keep it in the value
    expect(problemsOf(toYaml(progressive()).replace(/^description: .*$/m, 'description: "a\rb"'))).toEqual([expect.objectContaining({ code: "yaml", message: expect.stringMatching(/carriage return/) })]);
    // CRLF files are fine
    expect(problemsOf(toYaml(progressive()).replace(/\n/g, "\r\n"))).toEqual([]);
  });

  test("a byte-order mark (as some Windows editors write) changes nothing", () => {
    const text = toYaml(progressive()).replace(/^priority: .*$/m, (line) => `${line}\npriority: 4`);
    const withoutFile = (problems: Problem[]) => problems.map(({ file: _file, ...rest }) => rest);
    expect(withoutFile(problemsOf(`\uFEFF${text}`))).toEqual(withoutFile(problemsOf(text)));
    expect(loadDefinitions(writeTree({ "a.yaml": `\uFEFF${toYaml(progressive())}` })).problems).toEqual([]);
  });

  test.each([
    ["an empty file", "", /^is empty: a campaign definition needs name, /],
    ["only comments", "# nothing yet\n", /^is empty/],
    ["a list", "- name: x\n", /^must be a mapping of campaign fields \(name: \.\.\., dialingMode: \.\.\.\), not a list$/],
    ["a single value", "hello\n", /^must be a mapping of campaign fields .*not a single value \("hello"\)$/],
    ["an alias to nothing", "name: *nowhere\n", /^invalid YAML: /],
  ])("%s", (_name, text, message) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 1, message: expect.stringMatching(message) });
  });

  test("a file name that is not a valid resource name", () => {
    const problems = problemsOf(toYaml(progressive()), "service renewals.yaml");
    expect(problems).toEqual([
      { file: expect.stringMatching(/service renewals\.yaml$/), message: expect.stringMatching(/^the file name "service renewals" is not a valid resource name: it must start with a letter or digit/), code: "file_name" },
    ]);
  });

  test("paths that do not exist, or are not YAML files, are problems", () => {
    const dir = writeTree({ "notes.txt": "x" });
    const missing = path.join(dir, "nope");
    const result = loadDefinitions([missing, path.join(dir, "notes.txt")]);
    expect(result.problems).toEqual([
      { file: missing, message: "no such file or folder", code: "not_found" },
      { file: path.join(dir, "notes.txt"), message: "is not a campaign definition (a .yaml or .yml file) or a folder", code: "not_yaml" },
    ]);
  });
});

describe("across files", () => {
  test("two files with the same campaign name (ignoring case) are one problem naming both files", () => {
    const second = { ...agentless(), name: "  service renewal OUTREACH campaign " };
    const dir = writeTree({ "a.yaml": toYaml(progressive()), "b.yaml": toYaml(second) });
    const { problems, definitions } = loadDefinitions(dir);
    expect(definitions).toHaveLength(2);
    expect(problems).toEqual([
      {
        file: path.join(dir, "b.yaml"),
        line: 1,
        path: "name",
        message: `"service renewal OUTREACH campaign" is also the name of the campaign in ${path.join(dir, "a.yaml")}:1 (Kore.ai campaign names are unique, ignoring case)`,
        code: "duplicate_name",
      },
    ]);
  });

  test("the same name is found even when the file has other problems", () => {
    const second = { ...progressive(), priority: 0 };
    const dir = writeTree({ "a.yaml": toYaml(progressive()), "b.yaml": toYaml(second) });
    expect(loadDefinitions(dir).problems.map((p) => p.code).sort()).toEqual(["duplicate_name", "enum"]);
  });

  test("two files with the same resource name (a.yaml and A.yml)", () => {
    const dir = writeTree({ "renewals.yaml": toYaml(progressive()), "Renewals.yml": toYaml(agentless()) });
    expect(loadDefinitions(dir).problems).toEqual([
      {
        file: path.join(dir, "renewals.yaml"),
        message: `the resource name "renewals" is also the name of ${path.join(dir, "Renewals.yml")} (file names must differ by more than case or .yaml/.yml)`,
        code: "duplicate_file",
      },
    ]);
  });

  test("renamedFrom may not name a file that still exists, the file itself, or a name another file claims", () => {
    const dir = writeTree({
      "a.yaml": toYaml({ ...progressive(), renamedFrom: ["b", "a", "old"] }),
      "b.yaml": toYaml({ ...agentless(), renamedFrom: ["old"] }),
    });
    const messages = loadDefinitions(dir).problems.map((p) => `${path.basename(p.file)} ${p.path}: ${p.message}`);
    expect(messages).toEqual([
      `a.yaml renamedFrom[0]: "b" is still the name of ${path.join(dir, "b.yaml")}; list an old name only once that file is renamed or removed`,
      `a.yaml renamedFrom[1]: "a" is this file's own name`,
      expect.stringMatching(/^b\.yaml renamedFrom\[0\]: "old" is also listed at .*a\.yaml:\d+; only one file can take over a campaign$/),
    ]);
  });

  test("problems are ordered by file, then line", () => {
    const bad = progressive();
    bad.priority = 9;
    delete bad.description;
    const dir = writeTree({ "b.yaml": toYaml(bad), "a.yaml": "x: [", "c.yaml": toYaml(agentless()) });
    const problems = loadDefinitions(dir).problems;
    expect(problems.map((p) => [path.basename(p.file), p.line])).toEqual([
      ["a.yaml", 1],
      ["b.yaml", 1],
      ["b.yaml", expect.any(Number)],
    ]);
    expect(problems[2].line).toBeGreaterThan(1);
  });

  test("a folder named like a definition is a problem, not skipped (a skipped file would delete its campaign)", () => {
    const dir = writeTree({ "a.yaml": toYaml(progressive()) });
    fs.mkdirSync(path.join(dir, "folder.yaml"));
    const result = loadDefinitions(dir);
    expect(result.definitions.map((d) => d.resourceName)).toEqual(["a"]);
    expect(result.problems).toEqual([{ file: path.join(dir, "folder.yaml"), message: "is a folder, not a plain file", code: "not_plain_file" }]);
  });
});

describe("a schedule whose end has passed", () => {
  const ended = { enabled: true, start: "2026-01-05 09:00:00", end: "2026-01-30 18:00:00", repeat: { every: 1, unit: "week", days: ["MO", "FR"] } };

  test("is a warning at the end's line, not an error: up refuses to send it, an unchanged one makes no call", () => {
    const text = toYaml({ ...progressive(), schedule: ended });
    const result = loadDefinitions(writeTree({ "renewals.yaml": text }), { now: () => Date.UTC(2026, 11, 2, 12) });
    expect(result.problems).toEqual([]);
    expect(result.definitions).toHaveLength(1);
    expect(result.warnings.filter((w) => w.path?.startsWith("schedule"))).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "schedule_ended",
        path: "schedule.end",
        line: lineOf(text, /end: .*2026-01-30/),
        message:
          "is already in the past (2026-01-30 18:00:00 UTC; now 2026-12-02 12:00:00 UTC): Kore refuses an end that is not after the current time; move the end, or disable the schedule " +
          "(up refuses to send a new or changed schedule like this; an unchanged one makes no call)",
      }),
    ]);
  });

  test("a start already past, the end ahead: a warning at the start's line (the schedule call at apply dials at once, started: false or not)", () => {
    const text = toYaml({ ...progressive(), schedule: ended });
    const result = loadDefinitions(writeTree({ "renewals.yaml": text }), { now: () => Date.UTC(2026, 0, 6, 12) });
    expect(result.problems).toEqual([]);
    expect(result.warnings.filter((w) => w.path?.startsWith("schedule"))).toEqual([
      expect.objectContaining({
        severity: "warning",
        code: "schedule_started",
        path: "schedule.start",
        line: lineOf(text, /start: .*2026-01-05/),
        message:
          "is already past (2026-01-05 09:00:00 UTC; now 2026-01-06 12:00:00 UTC): Kore starts dialing as soon as the schedule is sent, at apply, although started is false; " +
          "move the start ahead if it must not dial yet (only a new or changed schedule is sent; an unchanged one makes no call)",
      }),
    ]);
  });

  test("no warning while the end is ahead", () => {
    const result = loadDefinitions(writeTree({ "renewals.yaml": toYaml({ ...progressive(), schedule: ended }) }), { now: () => Date.UTC(2026, 0, 30, 17) });
    // the list, and the start that has passed (item 6), not the end
    expect(result.warnings.map((w) => w.code).sort()).toEqual(["schedule_started", "undeclared_reference"]);
  });
});
