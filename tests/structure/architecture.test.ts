/**
 * docs/ARCHITECTURE.md's tables ("Where things live" and "Files") name every source folder, so a new folder
 * cannot arrive without a row saying what it holds. Folders: those under provider/, and emulator/, program/,
 * bench/ and policy/ (with theirs) when present; a folder counts when it holds a .ts file of its own.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../..");
const TOP_FOLDERS = ["provider", "emulator", "program", "bench", "policy"];

function sourceFolders(dir: string): string[] {
  const full = path.join(ROOT, dir);
  if (!fs.existsSync(full)) return [];
  const entries = fs.readdirSync(full, { withFileTypes: true });
  const own = entries.some((e) => e.isFile() && e.name.endsWith(".ts")) ? [dir] : [];
  const nested = entries.filter((e) => e.isDirectory() && e.name !== "node_modules" && !e.name.startsWith(".")).flatMap((e) => sourceFolders(`${dir}/${e.name}`));
  return [...own, ...nested];
}

/** The table rows of the page (lines starting with "|"). */
function tableRows(text: string): string {
  return text
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .join("\n");
}

/** A folder is named as `folder/` (or `folder/file.ts`), in backticks or not. */
const names = (rows: string, folder: string) => rows.includes(`${folder}/`);

const rows = tableRows(fs.readFileSync(path.join(ROOT, "docs/ARCHITECTURE.md"), "utf8"));

test("the folder walk finds the layers (a rename would make the check vacuous)", () => {
  const folders = sourceFolders("provider");
  for (const f of ["provider/kore-api", "provider/resources/campaign", "provider/resources/contact-list", "provider/pulumi/native", "provider/cli/doctor"]) {
    expect(folders).toContain(f);
  }
  expect(sourceFolders("emulator")).toContain("emulator");
});

test("docs/ARCHITECTURE.md has a row for every source folder", () => {
  const missing = TOP_FOLDERS.flatMap(sourceFolders).filter((folder) => !names(rows, folder));
  expect(missing).toEqual([]);
});

test("a folder named only in prose, not in a row, does not count", () => {
  const page = "Some text about `provider/new-layer/`.\n\n| what | where |\n|---|---|\n| the client | `provider/kore-api/` |\n";
  expect(names(tableRows(page), "provider/kore-api")).toBe(true);
  expect(names(tableRows(page), "provider/new-layer")).toBe(false);
});
