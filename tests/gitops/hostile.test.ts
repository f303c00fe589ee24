/**
 * What a hostile pull request can put in the definitions folder: links to secrets, things that are not
 * files, huge or oddly encoded files, names that inject CI commands, YAML that leaks the library. Each ends
 * in a named problem, exit 1, and nothing of a file's content beyond a short excerpt.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadDefinitions, formatProblem, MAX_DEFINITION_FILE_BYTES } from "../../provider/gitops";
import { runCli } from "../../provider/cli/main";
import { DECLARED_SAMPLE_LIST, progressive, removeTrees, toYaml, writeTree } from "./helpers";

afterEach(removeTrees);

const valid = (name: string) => toYaml({ ...progressive(), name });

function validateOutput(args: string[]): { code: number; out: string[] } {
  const out: string[] = [];
  const code = runCli(["validate", ...args], { out: (l) => out.push(l), err: (l) => out.push(l) }) as number;
  return { code, out };
}

function problemsOf(dir: string): Array<{ file: string; code?: string; message: string; line?: number }> {
  return loadDefinitions(dir).problems.map((p) => ({ file: path.basename(p.file), code: p.code, message: p.message, line: p.line }));
}

describe("entries that are not plain files of the folder", () => {
  test("a link to a secret file is refused and its content never printed", () => {
    const outside = writeTree({ "token.txt": "TOKEN-0123456789-abcdef-SECRET\n" });
    const dir = writeTree({ "ok.yaml": valid("Fine") });
    fs.symlinkSync(path.join(outside, "token.txt"), path.join(dir, "shadow.yaml"));
    fs.symlinkSync("/proc/self/environ", path.join(dir, "env.yaml"));
    const { code, out } = validateOutput([dir]);
    expect(code).toBe(1);
    expect(problemsOf(dir)).toEqual([
      { file: "env.yaml", code: "not_plain_file", message: "is a symbolic link; definition files must be plain files (links are never followed)" },
      { file: "shadow.yaml", code: "not_plain_file", message: "is a symbolic link; definition files must be plain files (links are never followed)" },
    ]);
    const printed = out.join("\n");
    expect(printed).not.toContain("TOKEN-0123456789");
    expect(printed).not.toMatch(/PATH=|HOME=/);
  });

  test("loops, dangling links, a link to a folder, a folder, a FIFO and a device are each a problem, never skipped", () => {
    const dir = writeTree({ "ok.yaml": valid("Fine"), "UP.YAML": valid("Upper Case") });
    fs.symlinkSync(path.join(dir, "loop-b.yaml"), path.join(dir, "loop-a.yaml"));
    fs.symlinkSync(path.join(dir, "loop-a.yaml"), path.join(dir, "loop-b.yaml"));
    fs.symlinkSync(path.join(dir, "missing.yaml"), path.join(dir, "dangling.yaml"));
    fs.symlinkSync(os.tmpdir(), path.join(dir, "to-folder.yaml"));
    fs.mkdirSync(path.join(dir, "folder.yaml"));
    execFileSync("mkfifo", [path.join(dir, "pipe.yaml")]);
    fs.symlinkSync("/dev/zero", path.join(dir, "zero.yaml"));
    const problems = problemsOf(dir);
    expect(problems.map((p) => [p.file, p.message])).toEqual([
      ["dangling.yaml", "is a symbolic link; definition files must be plain files (links are never followed)"],
      ["folder.yaml", "is a folder, not a plain file"],
      ["loop-a.yaml", "is a symbolic link; definition files must be plain files (links are never followed)"],
      ["loop-b.yaml", "is a symbolic link; definition files must be plain files (links are never followed)"],
      ["pipe.yaml", "is a named pipe (FIFO), not a plain file"],
      ["to-folder.yaml", "is a symbolic link; definition files must be plain files (links are never followed)"],
      ["zero.yaml", "is a symbolic link; definition files must be plain files (links are never followed)"],
    ]);
    expect(loadDefinitions(dir).definitions.map((d) => d.resourceName).sort()).toEqual(["UP", "ok"]);
    expect(validateOutput([dir]).code).toBe(1);
  });
});

describe("names that would inject into CI output", () => {
  test("a file name with a newline cannot start a workflow command, in either format", () => {
    // the list is declared, so that no warning of ours (a real ::warning annotation) is expected either
    const dir = path.join(writeTree({ "contact-lists/recent.yaml": DECLARED_SAMPLE_LIST, "campaigns/.keep": "" }), "campaigns");
    fs.writeFileSync(path.join(dir, "evil\n::warning file=x::pwned.yaml"), valid("Evil"));
    for (const format of ["text", "github"]) {
      const { code, out } = validateOutput(["--format", format, dir]);
      expect(code).toBe(1);
      const lines = out.join("\n").split("\n");
      expect(lines.filter((l) => l.startsWith("::warning"))).toEqual([]);
      expect(lines.filter((l) => l.startsWith("::") && !l.startsWith("::error "))).toEqual([]);
      expect(out.join("\n")).toContain("evil\\u000a::warning");
    }
  });
});

describe("size", () => {
  test("a file over the cap is refused by its size, without being parsed", () => {
    const dir = writeTree({ "big.yaml": `name: x\ndescription: ${"a".repeat(MAX_DEFINITION_FILE_BYTES)}\n` });
    expect(problemsOf(dir)).toEqual([
      { file: "big.yaml", code: "too_large", message: `is ${MAX_DEFINITION_FILE_BYTES + 22} bytes; a campaign definition file holds at most ${MAX_DEFINITION_FILE_BYTES} bytes`, line: undefined },
    ]);
  });

  test("at most 20 problems are listed per file, then one line counts the rest; the summary counts them all", () => {
    const lists = Array.from({ length: 60 }, () => "Same List");
    const root = writeTree({ "campaigns/dup.yaml": toYaml({ ...progressive(), name: "Dups", contactLists: lists }), "contact-lists/same.yaml": "name: Same List\nexternal: true\n" });
    const dir = path.join(root, "campaigns");
    const problems = loadDefinitions(dir).problems;
    expect(problems).toHaveLength(21);
    expect(problems[20].message).toMatch(/^and \d+ more problems in this file \(only the first 20 are listed\)$/);
    const { out } = validateOutput([dir]);
    const total = 20 + Number(/and (\d+) more/.exec(problems[20].message)![1]);
    expect(out[out.length - 1]).toBe(`${total} problems in 1 file`);
    expect(total).toBeGreaterThan(20);
  });
});

describe("encoding", () => {
  test("Latin-1, UTF-16 and control characters are refused with what is wrong and where", () => {
    const dir = writeTree({});
    const latin1 = Buffer.from(valid("Caf\u00e9 Campaign").replace("Caf\u00e9", "Caf__"), "utf8");
    latin1[latin1.indexOf("__")] = 0xe9;
    latin1[latin1.indexOf("_")] = 0x20;
    fs.writeFileSync(path.join(dir, "latin1.yaml"), latin1);
    fs.writeFileSync(path.join(dir, "utf16.yaml"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid("Wide"), "utf16le")]));
    const withNul = valid("Nul Campaign").replace(/queueName: .*/, "queueName: Default\u0000Queue");
    fs.writeFileSync(path.join(dir, "nul.yaml"), withNul);
    const problems = problemsOf(dir);
    expect(problems).toEqual([
      { file: "latin1.yaml", code: "encoding", line: 1, message: expect.stringMatching(/^is not valid UTF-8 \(byte \d+\); save it as UTF-8$/) },
      { file: "nul.yaml", code: "encoding", line: withNul.split("\n").findIndex((l) => l.includes("\u0000")) + 1, message: "contains the control character U+0000; definition files hold printable text only" },
      { file: "utf16.yaml", code: "encoding", line: 1, message: "is UTF-16 text; save it as UTF-8" },
    ]);
  });
});

describe("YAML that would leak the library's words", () => {
  test("several documents, alias bombs and deep nesting are each one problem in the user's terms", () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]", "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]"].join("\n");
    const dir = writeTree({
      "multi.yaml": `${valid("One")}---\n${valid("Two")}`,
      "bomb.yaml": `name: x\n${bomb}\n`,
      "deep.yaml": `${"[".repeat(10_000)}${"]".repeat(10_000)}\n`,
    });
    const problems = problemsOf(dir);
    const text = problems.map((p) => p.message).join("\n");
    expect(text).not.toMatch(/parseAllDocuments|Maximum call stack|Excessive alias count/);
    expect(problems.find((p) => p.file === "multi.yaml")?.message).toBe(
      'invalid YAML: holds more than one document (a line "---" starts another); a definition file holds one campaign',
    );
    expect(problems.find((p) => p.file === "bomb.yaml")).toMatchObject({
      line: 3,
      message: "invalid YAML: uses aliases (*a) that expand to too much (over 100 copies); write the values out",
    });
    expect(problems.find((p) => p.file === "deep.yaml")).toMatchObject({ line: 1, message: "invalid YAML: is nested too deeply to be a campaign definition" });
  });
});

describe("values quoted in messages", () => {
  test("a credential put in a field is never quoted back", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJhcHBJZCI6ImNzLTEifQ.c2lnbmF0dXJlLXZhbHVl";
    const dir = writeTree({ "leak.yaml": toYaml({ ...progressive(), name: "Leak", priority: jwt }) });
    const lines = loadDefinitions(dir).problems.map((p) => formatProblem(p));
    expect(lines.join("\n")).toMatch(/priority: must be one of 1, 2, 3, 4, 5.*\(got \(a value that looks like a credential, not shown\)\)/);
    expect(lines.join("\n")).not.toContain("eyJhbGciOiJIUzI1NiJ9");
  });
});
