/**
 * Property-based fuzzing of the definition loader (fast-check): generated trees of entries (random names,
 * with newlines and other control characters among them; UTF-8, Latin-1, UTF-16 and random bytes; YAML
 * pieces; oversize files; links to a secret outside the folder, dangling links, folders) never crash the
 * loader or the validate command, never hang, never quote the secret, and print only printable lines of
 * bounded length.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { formatGithubAnnotation, formatProblem, loadDefinitions, MAX_DEFINITION_FILE_BYTES } from "../../provider/gitops";
import { progressive, toYaml } from "./helpers";

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SECRET = "FUZZ-SECRET-7f3a9c1e5b";

const nameChars = fc.constantFrom(...Array.from("abcXYZ019-_. é😀\n\r\t:,%\u0001"), "\u2028", "::warning "); // a name cannot hold NUL
const entryName = fc
  .tuple(fc.array(nameChars, { minLength: 1, maxLength: 12 }), fc.constantFrom(".yaml", ".yml", ".YAML", ".txt", ""))
  .map(([chars, ext]) => `${chars.join("").replace(/[/]/g, "")}${ext}`)
  .filter((n) => n !== "" && n !== "." && n !== ".." && Buffer.byteLength(n) < 200);

const validYaml = fc.string({ maxLength: 20 }).map((name) => toYaml({ ...progressive(), name: name || "x" }));
const content = fc.oneof(
  validYaml.map((t) => Buffer.from(t, "utf8")),
  validYaml.map((t) => Buffer.from(t, "latin1")),
  validYaml.map((t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")])),
  fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  fc.string({ maxLength: 200 }).map((t) => Buffer.from(t, "utf8")),
  fc.constantFrom("---\na: 1\n---\nb: 2\n", "a: &x [1]\nb: [*x,*x]\n", `${"[".repeat(3000)}${"]".repeat(3000)}`, "").map((t) => Buffer.from(t)),
  fc.constant(Buffer.alloc(MAX_DEFINITION_FILE_BYTES + 10, 0x61)),
);

type Entry = { name: string; kind: "file"; bytes: Buffer } | { name: string; kind: "link-secret" | "link-dangling" | "folder" };
const entry: fc.Arbitrary<Entry> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ name: entryName, kind: fc.constant("file" as const), bytes: content }) },
  { weight: 1, arbitrary: fc.record({ name: entryName, kind: fc.constantFrom("link-secret" as const, "link-dangling" as const, "folder" as const) }) },
);

test("generated trees never crash, hang, leak the secret, or print an unprintable or unbounded line", () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), "kore-fuzz-secret-"));
  fs.writeFileSync(path.join(outside, "secret.txt"), `token: ${SECRET}\n`);
  try {
    fc.assert(
      fc.property(fc.uniqueArray(entry, { maxLength: 8, selector: (e) => e.name }), (entries) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-fuzz-tree-"));
        try {
          for (const e of entries) {
            const at = path.join(dir, e.name);
            if (e.kind === "file") fs.writeFileSync(at, e.bytes);
            else if (e.kind === "folder") fs.mkdirSync(at);
            else fs.symlinkSync(e.kind === "link-secret" ? path.join(outside, "secret.txt") : path.join(dir, "nowhere"), at);
          }
          const result = loadDefinitions(dir);
          const lines = result.problems.flatMap((p) => [formatProblem(p), formatGithubAnnotation(p)]);
          for (const line of lines) {
            expect(line).not.toContain(SECRET);
            expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
            expect(line.length).toBeLessThan(2000);
          }
          // every entry that looks like a definition is either loaded or named in a problem
          const named = new Set(result.problems.map((p) => p.file));
          const loaded = new Set(result.definitions.map((d) => d.file));
          for (const e of entries.filter((x) => /\.ya?ml$/i.test(x.name) && !x.name.startsWith("."))) {
            const file = path.join(dir, e.name);
            expect(named.has(file) || loaded.has(file)).toBe(true);
          }
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: RUNS },
    );
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
}, 120_000);
