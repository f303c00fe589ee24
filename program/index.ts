/**
 * The GitOps program (the root Pulumi project, `kore-campaigns`): one VoiceCampaign per YAML file in the
 * definitions folder. Every file is validated first; if anything is wrong, every problem is reported at
 * once (file, line, field, rule, value) and the program fails with one error, before anything reaches Kore.ai.
 *
 * Folder: stack config `<project>:definitionsDir` (here `kore-campaigns:definitionsDir`), else the
 * KORE_CAMPAIGNS_DIR environment variable, else `campaigns/`; relative to the project folder (where
 * Pulumi.yaml is; Pulumi runs a `main` file in the file's own folder, so not the working directory).
 * Connection: stack config `kore:*` or KORE_* variables, as for any VoiceCampaign.
 *
 * Stack output `campaigns`: { [resourceName]: { id, name, dialingMode, status, started } }.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { VoiceCampaign } from "../provider/pulumi/voice-campaign";
import { formatProblem, loadDefinitions, summarize, type CampaignDefinitionFile } from "../provider/gitops";

const DEFAULT_DEFINITIONS_DIR = "campaigns";

/** The project folder: where Pulumi.yaml is. */
const projectDir = pulumi.runtime.getRootDirectory() || process.cwd();

/** The definitions folder: stack config, then environment, then the default; absolute. */
function definitionsDir(): string {
  const configured = new pulumi.Config().get("definitionsDir") || process.env.KORE_CAMPAIGNS_DIR || DEFAULT_DEFINITIONS_DIR;
  return path.resolve(projectDir, configured);
}

/** The valid definitions, or a RunError listing every problem (shown by preview without a stack trace). */
function loadOrFail(dir: string): CampaignDefinitionFile[] {
  const { files, definitions, problems } = loadDefinitions(dir);
  if (problems.length === 0) return definitions;
  const lines = problems.map((p) => `  ${formatProblem(p, { relativeTo: projectDir })}`);
  throw new pulumi.RunError(`campaign definitions in ${path.relative(projectDir, dir) || "."}: ${summarize(files.length, problems)}\n${lines.join("\n")}`);
}

/**
 * The VoiceCampaign provider runs in another process, in the program's folder (dist/program), and loads its
 * code with `require("pulumi-kore-campaigns/internal/hooks")`, looked up in node_modules folders from there
 * up. A project that depends on the package has it in node_modules; this project IS the package, so the
 * program links it beside itself, in the build output: dist/program/node_modules/pulumi-kore-campaigns -> ../../..
 */
function ensureProviderCanLoadPackage(): void {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "node_modules", "pulumi-kore-campaigns", "package.json"))) return;
    if (path.dirname(dir) === dir) break;
  }
  const packageRoot = path.resolve(__dirname, "../.."); // dist/program -> the package
  const nodeModules = path.join(__dirname, "node_modules");
  fs.mkdirSync(nodeModules, { recursive: true });
  try {
    fs.symlinkSync(path.relative(nodeModules, packageRoot), path.join(nodeModules, "pulumi-kore-campaigns"), "junction");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err; // another run made it meanwhile
  }
}

/** One campaign; earlier file names (renamedFrom) become aliases so the state follows a rename. */
function declareCampaign(definition: CampaignDefinitionFile): VoiceCampaign {
  const aliases = definition.renamedFrom.map((name) => ({ name }));
  return new VoiceCampaign(definition.resourceName, definition.spec, aliases.length > 0 ? { aliases } : {});
}

const summaryOf = (c: VoiceCampaign) => ({ id: c.id, name: c.name, dialingMode: c.dialingMode, status: c.status, started: c.started });

ensureProviderCanLoadPackage();
export const campaigns = Object.fromEntries(loadOrFail(definitionsDir()).map((d) => [d.resourceName, summaryOf(declareCampaign(d))]));
