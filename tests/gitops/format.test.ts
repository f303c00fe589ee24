/** provider/gitops/format.ts: `file:line: field: problem`, GitHub annotations, the summary line. */
import * as path from "path";
import { formatGithubAnnotation, formatProblem, summarize, type Problem } from "../../provider/gitops";

const problem: Problem = { file: "campaigns/a.yaml", line: 12, path: "dialingStrategy.maxRingTime", message: "must be an integer from 5 to 120 seconds (got 200)" };

test("file:line: field: problem, and the shorter forms", () => {
  expect(formatProblem(problem)).toBe("campaigns/a.yaml:12: dialingStrategy.maxRingTime: must be an integer from 5 to 120 seconds (got 200)");
  expect(formatProblem({ file: "a.yaml", line: 2, column: 7, message: "invalid YAML: x" })).toBe("a.yaml:2:7: invalid YAML: x");
  expect(formatProblem({ file: "a b.yaml", message: "bad name" })).toBe("a b.yaml: bad name");
  expect(formatProblem({ file: "a.yaml", path: "name", message: "m" })).toBe("a.yaml: name: m");
});

test("paths relative to a folder, when under it", () => {
  const root = path.resolve("/repo");
  expect(formatProblem({ ...problem, file: path.join(root, "campaigns/a.yaml") }, { relativeTo: root })).toMatch(/^campaigns[/\\]a\.yaml:12: /);
  expect(formatProblem({ ...problem, file: path.resolve("/elsewhere/a.yaml") }, { relativeTo: root })).toMatch(/elsewhere[/\\]a\.yaml:12: /);
});

test("a GitHub annotation, escaped", () => {
  expect(formatGithubAnnotation({ ...problem, message: "50% off\nnext, line: x" })).toBe(
    "::error file=campaigns/a.yaml,line=12,title=campaign definition%3A dialingStrategy.maxRingTime::50%25 off%0Anext, line: x",
  );
  expect(formatGithubAnnotation({ file: "a,b.yaml", message: "m" })).toBe("::error file=a%2Cb.yaml,title=campaign definition::m");
});

test("summary: N files valid, or N problems in M files", () => {
  expect(summarize(3, [])).toBe("3 files valid");
  expect(summarize(1, [])).toBe("1 file valid");
  expect(summarize(0, [])).toBe("0 files valid");
  expect(summarize(4, [problem])).toBe("1 problem in 1 file");
  expect(summarize(4, [problem, problem, { ...problem, file: "b.yaml" }])).toBe("3 problems in 2 files");
});
