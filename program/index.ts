/**
 * The GitOps program (the root Pulumi project, `kore-campaigns`): one VoiceCampaign per YAML file in the
 * definitions folder, one SmsCampaign per file in the sms-campaigns folder beside it, and one ContactList per
 * file in the contact-lists folder beside it (files marked
 * `external: true` only declare a list that exists outside the stack: its resource finds it by name and never
 * writes or deletes it). Every file is validated first; if
 * anything is wrong, every problem is reported at once (file, line, field, rule, value) and the program
 * fails with one error, before anything reaches Kore.ai.
 *
 * Folders: stack config `<project>:definitionsDir` (here `kore-campaigns:definitionsDir`), else the
 * KORE_CAMPAIGNS_DIR environment variable, else `campaigns/`; contact lists: `<project>:contactListsDir`,
 * else KORE_CONTACT_LISTS_DIR, else the `contact-lists/` folder beside the campaigns folder, when there is
 * one. Relative to the project folder (where Pulumi.yaml is; Pulumi runs a `main` file in the file's own
 * folder, so not the working directory). Connection: stack config `kore:*` or KORE_* variables.
 *
 * A campaign that names a declared list gets the list's `name` output, so Pulumi creates the list first
 * and deletes it last. A name no file declares is a warning (the provider still checks the app before
 * the campaign's POST); `<project>:strictReferences: true` makes it an error.
 *
 * Stack outputs `campaigns`: { [resourceName]: { id, name, dialingMode, status, started } },
 * `smsCampaigns`: { [resourceName]: { id, name, format, status, started } } and
 * `contactLists`: { [resourceName]: { id, name, status } } for the lists the stack manages.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ContactList } from "../provider/pulumi/contact-list";
import { VoiceCampaign } from "../provider/pulumi/voice-campaign";
import { SmsCampaign } from "../provider/pulumi/sms-campaign";
import { asErrors, formatProblem, loadDefinitions, summarize, type CampaignDefinitionFile, type LoadResult, type Problem, type SmsCampaignDefinitionFile } from "../provider/gitops";

const DEFAULT_DEFINITIONS_DIR = "campaigns";

/** The project folder: where Pulumi.yaml is. */
const projectDir = pulumi.runtime.getRootDirectory() || process.cwd();

const config = new pulumi.Config();

/** The definitions folder: stack config, then environment, then the default; absolute. */
function definitionsDir(): string {
  const configured = config.get("definitionsDir") || process.env.KORE_CAMPAIGNS_DIR || DEFAULT_DEFINITIONS_DIR;
  return path.resolve(projectDir, configured);
}

/** The contact-lists folder when configured (then it must exist); otherwise the loader reads the one beside. */
function contactListsDir(): string | undefined {
  const configured = config.get("contactListsDir") || process.env.KORE_CONTACT_LISTS_DIR;
  return configured ? path.resolve(projectDir, configured) : undefined;
}

/**
 * The valid definitions, or a RunError listing every problem (shown by preview without a stack trace).
 * Warnings are logged on the stack's output, or are problems too under `strictReferences`.
 */
function loadOrFail(dir: string): LoadResult {
  const isReference = (p: Problem) => p.code === "undeclared_reference";
  const lists = contactListsDir();
  const result = loadDefinitions(dir, lists === undefined ? {} : { contactLists: lists });
  const strict = config.getBoolean("strictReferences") ?? false;
  const [references, others] = [result.warnings.filter(isReference), result.warnings.filter((w) => !isReference(w))];
  const problems = strict ? [...result.problems, ...asErrors(references)] : result.problems;
  if (problems.length === 0) {
    for (const warning of strict ? others : result.warnings) pulumi.log.warn(formatProblem(warning, { relativeTo: projectDir }));
    return result;
  }
  const lines = problems.map((p) => `  ${formatProblem(p, { relativeTo: projectDir })}`);
  throw new pulumi.RunError(`definitions in ${path.relative(projectDir, dir) || "."}: ${summarize(result.files.length, problems)}\n${lines.join("\n")}`);
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

/** Earlier file names (renamedFrom) become aliases so the state follows a rename. */
const aliasesOf = (renamedFrom: readonly string[]) => (renamedFrom.length > 0 ? { aliases: renamedFrom.map((name) => ({ name })) } : {});

/** One campaign; a list the stack manages is named by its output, so Pulumi orders the two. */
function declareCampaign(definition: CampaignDefinitionFile, managedLists: ReadonlyMap<string, ContactList>): VoiceCampaign {
  const contactLists = definition.spec.contactLists.map((name) => managedLists.get(name)?.name ?? name);
  return new VoiceCampaign(definition.resourceName, { ...definition.spec, contactLists }, aliasesOf(definition.renamedFrom));
}

const summaryOf = (c: VoiceCampaign) => ({ id: c.id, name: c.name, dialingMode: c.dialingMode, status: c.status, started: c.started });

/** One SMS campaign (a file in sms-campaigns/), its lists named like a voice campaign's. */
function declareSmsCampaign(definition: SmsCampaignDefinitionFile, managedLists: ReadonlyMap<string, ContactList>): SmsCampaign {
  const contactLists = definition.spec.contactLists.map((name) => managedLists.get(name)?.name ?? name);
  return new SmsCampaign(definition.resourceName, { ...definition.spec, contactLists }, aliasesOf(definition.renamedFrom));
}

const smsSummaryOf = (c: SmsCampaign) => ({ id: c.id, name: c.name, format: c.format, status: c.status, started: c.started });

ensureProviderCanLoadPackage();
const loaded = loadOrFail(definitionsDir());
// one ContactList per list the stack manages
const declaredLists = loaded.contactLists.flatMap((d) => (d.spec ? [{ definition: d, list: new ContactList(d.resourceName, d.spec, aliasesOf(d.renamedFrom)) }] : []));
const listsByName = new Map(declaredLists.map(({ definition, list }) => [definition.name, list]));
// An external list is a resource too, one that is only found by name: so a list that was managed and is
// marked `external: true` is forgotten by an update that the preview shows, never deleted by the engine
// (which is what dropping its resource would do). Campaigns keep naming it by its name.
for (const d of loaded.contactLists) if (!d.spec) new ContactList(d.resourceName, { name: d.name, external: true }, aliasesOf(d.renamedFrom));

export const contactLists = Object.fromEntries(declaredLists.map(({ definition, list }) => [definition.resourceName, { id: list.id, name: list.name, status: list.status }]));
export const campaigns = Object.fromEntries(loaded.definitions.map((d) => [d.resourceName, summaryOf(declareCampaign(d, listsByName))]));
export const smsCampaigns = Object.fromEntries(loaded.smsDefinitions.map((d) => [d.resourceName, smsSummaryOf(declareSmsCampaign(d, listsByName))]));
