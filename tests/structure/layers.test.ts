/**
 * The layout's rules, checked on the source: no import circles anywhere in provider/, and each layer
 * imports only from itself and the layers below it. A resource folder (provider/resources/NAME) imports
 * only from its own folder and the shared layers (kore-api, shared), never from another resource.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "../../provider");

/** Lower number = lower layer. A file may import from its own layer (same folder) or a lower one. */
const LAYERS: Array<{ prefix: string; rank: number }> = [
  { prefix: "util/", rank: -1 },
  { prefix: "kore-api/", rank: 0 },
  { prefix: "shared/", rank: 1 },
  { prefix: "resources/", rank: 2 },
  { prefix: "compliance/", rank: 2.5 },
  { prefix: "gitops/", rank: 3 },
  { prefix: "review/", rank: 3 },
  { prefix: "pulumi/", rank: 3 },
  { prefix: "cli/", rank: 4 },
  { prefix: "policy/", rank: 4 },
  { prefix: "index.ts", rank: 5 },
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

/** Relative imports of a file, resolved to files under provider/ (type-only imports included: they shape the design too). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s+["'](\.{1,2}\/[^"']+)["']|require\(["'](\.{1,2}\/[^"']+)["']\)/g)].map((m) => m[1] ?? m[2]);
  return specs.map((spec) => {
    const base = path.resolve(path.dirname(file), spec);
    for (const candidate of [`${base}.ts`, path.join(base, "index.ts")]) if (fs.existsSync(candidate)) return candidate;
    throw new Error(`${path.relative(ROOT, file)} imports ${spec}, which does not exist`);
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const layerOf = (file: string) => LAYERS.find((l) => rel(file).startsWith(l.prefix)) ?? fail(`${rel(file)} is in no layer; add its folder to LAYERS`);
const fail = (message: string): never => {
  throw new Error(message);
};
/** provider/resources/campaign/x.ts -> "resources/campaign"; other layers: the layer prefix. */
const unitOf = (file: string) => (rel(file).startsWith("resources/") ? rel(file).split("/").slice(0, 2).join("/") : layerOf(file).prefix);

const files = sourceFiles(ROOT);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

test("the layers exist as folders (a rename of one would make this check vacuous)", () => {
  for (const folder of ["util", "kore-api", "shared", "resources/campaign", "resources/contact-list", "compliance", "pulumi", "gitops", "review", "cli"]) {
    expect(fs.statSync(path.join(ROOT, folder)).isDirectory()).toBe(true);
  }
  expect(files.length).toBeGreaterThan(30);
});

test("no import circles in provider/", () => {
  const cycles: string[] = [];
  const state = new Map<string, "visiting" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "visiting");
    stack.push(file);
    for (const dep of graph.get(file) ?? []) {
      if (state.get(dep) === "visiting") cycles.push([...stack.slice(stack.indexOf(dep)), dep].map(rel).join(" -> "));
      else if (!state.has(dep)) visit(dep);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const f of files) if (!state.has(f)) visit(f);
  expect(cycles).toEqual([]);
});

test("each file imports only from its own unit and the layers below it; resources never from each other", () => {
  const wrong: string[] = [];
  for (const [file, deps] of graph) {
    for (const dep of deps) {
      if (unitOf(dep) === unitOf(file)) continue;
      const allowed = layerOf(dep).rank < layerOf(file).rank;
      if (!allowed) wrong.push(`${rel(file)} -> ${rel(dep)}`);
    }
  }
  expect(wrong).toEqual([]);
});

test("resource folders and the shared layers never load Pulumi (they are the core a native provider reuses)", () => {
  const loadsPulumi = files.filter((f) => /^(kore-api|shared|resources)\//.test(rel(f)) && /from\s+["']@pulumi\/pulumi|require\(["']@pulumi\/pulumi/.test(fs.readFileSync(f, "utf8")));
  expect(loadsPulumi.map(rel)).toEqual([]);
});
