/** The code-changed flag: which changed paths are data (the definition folders) and which are code. */
import { codeChangedFlags, isDefinitionPath, parseChangedFiles } from "../../provider/review";

const FOLDERS = ["campaigns", "contact-lists"];

test("files inside campaigns/ and contact-lists/ are data; the program, package files, Pulumi.yaml and the workflow are code", () => {
  const changed = [
    "campaigns/billing.yaml",
    "contact-lists/renewals.yaml",
    "campaigns/nested/x.yml",
    "program/index.ts",
    "index.js",
    "package.json",
    "package-lock.json",
    "Pulumi.yaml",
    "Pulumi.prod.yaml",
    ".github/workflows/campaigns.yml",
    "ci/pull-request.sh",
  ];
  expect(codeChangedFlags(changed, FOLDERS).map((f) => f.resourceName)).toEqual([
    "program/index.ts",
    "index.js",
    "package.json",
    "package-lock.json",
    "Pulumi.yaml",
    "Pulumi.prod.yaml",
    ".github/workflows/campaigns.yml",
    "ci/pull-request.sh",
  ]);
  expect(codeChangedFlags(["campaigns/a.yaml", "contact-lists/b.yaml"], FOLDERS)).toEqual([]);
});

test("a path that only looks like it is inside a folder is code", () => {
  for (const p of ["campaigns/../program/index.ts", "campaigns", "campaigns/", "/campaigns/a.yaml", "./campaigns/a.yaml", "campaigns//a.yaml", "campaigns\\a.yaml", '"campaigns/\\303\\251.yaml"', "campaignsX/a.yaml", "Campaigns/a.yaml"]) {
    expect([p, isDefinitionPath(p, FOLDERS)]).toEqual([p, false]);
  }
});

test("the flag says why a maintainer must look; more than 20 paths: 20 named, one counting the rest", () => {
  const [flag] = codeChangedFlags(["program/index.ts"], FOLDERS);
  expect(flag).toEqual({
    id: "code-changed",
    resourceName: "program/index.ts",
    explanation: "changes a file outside campaigns/ and contact-lists/: the preview ran the base branch's code, so this change is not in it; a maintainer must review the code",
  });
  const many = Array.from({ length: 23 }, (_, i) => `src/f${i}.ts`);
  const flags = codeChangedFlags(many, FOLDERS);
  expect(flags).toHaveLength(21);
  expect(flags[20]).toEqual({ id: "code-changed", resourceName: "3 more files", explanation: "and 3 more changed files outside the definition folders" });
});

test("git's output: one path a line (CRLF too) or NUL-separated (-z); blank lines dropped", () => {
  expect(parseChangedFiles("campaigns/a.yaml\r\nprogram/index.ts\n\n")).toEqual(["campaigns/a.yaml", "program/index.ts"]);
  expect(parseChangedFiles("campaigns/a b.yaml\0program/new\nline.ts\0")).toEqual(["campaigns/a b.yaml", "program/new\nline.ts"]);
  expect(parseChangedFiles("")).toEqual([]);
});
