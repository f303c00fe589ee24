/**
 * Examples and docs are code: every example program (and the root GitOps program) must type-check
 * against the package's public API, so none of them rots.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const root = path.resolve(__dirname, "..", "..");

function examplePrograms(): string[] {
  const dir = path.join(root, "examples");
  return fs
    .readdirSync(dir)
    .map((name) => path.join(dir, name, "index.ts"))
    .filter((file) => fs.existsSync(file));
}

test("there is an example per dialing mode", () => {
  const names = examplePrograms().map((f) => path.basename(path.dirname(f)));
  expect(names).toEqual(expect.arrayContaining(["progressive", "preview", "agentless"]));
});

test("every example type-checks against the package's public API", () => {
  const configFile = ts.readConfigFile(path.join(root, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const files = examplePrograms();
  const program = ts.createProgram(files, parsed.options);
  const diagnostics = ts.getPreEmitDiagnostics(program).filter((d) => !d.file || files.some((f) => path.resolve(d.file!.fileName) === f));
  const messages = diagnostics.map((d) => {
    const where = d.file ? `${path.relative(root, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
  expect(messages).toEqual([]);
  // and each example imports the package by its public name, as a user would
  for (const file of files) expect(fs.readFileSync(file, "utf8")).toMatch(/from "pulumi-kore-campaigns"/);
});
