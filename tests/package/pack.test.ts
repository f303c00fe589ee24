/**
 * `npm pack` gives an installable package: unpacked into a folder outside the repository (as
 * `npm install` would leave it, with the dependencies beside it), its root export has VoiceCampaign,
 * the validation function and the zod schema, and the serialized provider's own require target
 * (`pulumi-kore-campaigns/internal/hooks`) resolves by package name.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");

let installDir: string;

beforeAll(() => {
  installDir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-pack-"));
  const packed = JSON.parse(
    execFileSync("npm", ["pack", "--json", "--pack-destination", installDir], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }),
  )[0];
  const modules = path.join(installDir, "node_modules");
  const target = path.join(modules, "pulumi-kore-campaigns");
  fs.mkdirSync(target, { recursive: true });
  execFileSync("tar", ["-xzf", path.join(installDir, packed.filename), "-C", target, "--strip-components=1"]);
  // the dependencies, as npm would install them beside the package
  for (const entry of fs.readdirSync(path.join(root, "node_modules"))) {
    if (entry.startsWith(".") || entry === "pulumi-kore-campaigns") continue;
    fs.symlinkSync(path.join(root, "node_modules", entry), path.join(modules, entry));
  }
}, 120000);

afterAll(() => fs.rmSync(installDir, { recursive: true, force: true }));

function inInstall(code: string): string {
  return execFileSync(process.execPath, ["-e", code], { cwd: installDir, encoding: "utf8" }).trim();
}

test("the tarball holds the built package, its types and the JSON schema, and no sources or tests", () => {
  const files = execFileSync("tar", ["-tzf", fs.readdirSync(installDir).filter((f) => f.endsWith(".tgz")).map((f) => path.join(installDir, f))[0]], {
    encoding: "utf8",
  }).split("\n");
  for (const f of ["package/dist/provider/index.js", "package/dist/provider/index.d.ts", "package/dist/provider/pulumi/campaign-hooks.js", "package/schema/campaign.schema.json", "package/dist/provider/compliance/rules.js", "package/dist/provider/compliance/index.d.ts"]) {
    expect(files).toContain(f);
  }
  expect(files.some((f) => f.startsWith("package/tests/") || f.endsWith(".test.ts") || f.startsWith("package/provider/"))).toBe(false);
});

test("the root export has VoiceCampaign, validateCampaign and the zod schema", () => {
  const out = inInstall(`
    const pkg = require("pulumi-kore-campaigns");
    const ok = pkg.validateCampaign({}).ok;
    console.log([typeof pkg.VoiceCampaign, typeof pkg.validateCampaign, typeof pkg.campaignSpecSchema.safeParse, ok].join(","));
  `);
  expect(out).toBe("function,function,function,false");
});

test("the provider's hooks resolve by package name from outside the repository", () => {
  const out = inInstall(`
    const hooks = require("pulumi-kore-campaigns/internal/hooks");
    console.log(["check", "diff", "create", "read", "update", "remove"].map((h) => typeof hooks[h]).join(","));
    console.log(require.resolve("pulumi-kore-campaigns/internal/hooks").startsWith(${JSON.stringify(installDir)}));
  `);
  expect(out).toBe("function,function,function,function,function,function\ntrue");
});

test("the declaration files type the public API", () => {
  const dts = fs.readFileSync(path.join(installDir, "node_modules", "pulumi-kore-campaigns", "dist", "provider", "index.d.ts"), "utf8");
  expect(dts).toMatch(/VoiceCampaign/);
  expect(dts).toMatch(/VoiceCampaignArgs/);
});

test("the policy pack ships in the tarball and finds its modules from outside the repository", () => {
  const packDir = path.join(installDir, "node_modules", "pulumi-kore-campaigns", "policy");
  for (const f of ["PulumiPolicy.yaml", "package.json", "index.js"]) expect(fs.existsSync(path.join(packDir, f))).toBe(true);
  // what the language host resolves from the pack's folder (the dependencies are links to this repo's), and what index.js loads
  const resolved = execFileSync(
    process.execPath,
    ["-e", `for (const m of ["@pulumi/pulumi/cmd/run-policy-pack", "@pulumi/policy", "../dist/provider/policy/pack"]) console.log(require.resolve(m, { paths: [process.cwd()] }));`],
    { cwd: packDir, encoding: "utf8" },
  ).trim().split("\n");
  expect(resolved).toHaveLength(3);
  expect(resolved[2]).toBe(path.join(installDir, "node_modules", "pulumi-kore-campaigns", "dist", "provider", "policy", "pack.js"));
  expect(fs.readFileSync(path.join(packDir, "index.js"), "utf8")).toContain('require("../dist/provider/policy/pack").servePolicyPack()');
});
