#!/usr/bin/env node
/**
 * The `kore-campaigns` command. Nothing here loads @pulumi/pulumi.
 *
 * `validate [paths...]`: checks voice campaign, SMS campaign and contact-list definition files offline, with
 * the same rules as the VoiceCampaign, SmsCampaign and ContactList resources; no credentials, no network. Output (stdout): one line
 * per problem, `file:line: field: problem` (warnings `file:line: warning: ...`), then a summary line
 * (`3 files valid` / `2 problems in 1 file`, `, 1 warning`).
 *
 * `export [--out DIR] [--name-filter TEXT] [--force]`: writes one definition file per campaign of an
 * existing app, voice campaigns in DIR and SMS campaigns in sms-campaigns/ beside it (export.ts); the
 * connection from KORE_* and the target flags.
 *
 * `review [--preview FILE] [--format markdown|json] [--fail-on FLAGS] [--quiet-hours START-END]`: a
 * `pulumi preview --json` (file or stdin) as a pull-request comment of what changes for the people
 * dialed (review.ts), with `--changed-files`, `--history`, `--record` and `--approved` for the example
 * workflow. Exit 0, or 2 when a flag named in --fail-on is raised, 3 when it differs from --approved, 1
 * for anything wrong.
 *
 * Usage errors go to stderr. Exit code: 0 all valid / all exported, 1 problems found / a campaign not
 * exported, 2 usage error.
 */
import * as fs from "fs";
import * as path from "path";
import { asErrors, CONTACT_LISTS_FOLDER, formatGithubAnnotation, formatProblem, loadDefinitions, SMS_CAMPAIGNS_FOLDER, summarize, type LoadResult, type Problem } from "../gitops";
import { readFlags } from "./flags";
import type { CliOutput } from "./output";
import { runReview, REVIEW_USAGE } from "./review";
import { complianceProblems } from "./compliance";
import { parsePolicies } from "../compliance";

// export (and with it the HTTP client: undici, jose, the scheduler) is loaded by its command only, so that
// validate, which makes no call, does not pay for it at start-up (~0.17 s of require on this machine).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exportModule = (): typeof import("./export") => require("./export");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const doctorModule = (): typeof import("./doctor/command") => require("./doctor/command");

export const DEFAULT_DEFINITIONS_DIR = "campaigns";

export const USAGE = `Usage: kore-campaigns validate [--format text|github] [--strict] [--contact-lists DIR] [--policy us,uk,in] [paths...]
       kore-campaigns export [--out DIR] [--name-filter TEXT] [--force] [--host URL] [--app-id ID] [--account-id ID]
       kore-campaigns review [--preview FILE] [--format markdown|json] [--fail-on FLAGS] [--quiet-hours START-END]
                             [--changed-files FILE] [--history FILE] [--record] [--approved FILE]
       kore-campaigns doctor [--stack NAME] [--connection NAME] [--write-probe] [--record FILE] (doctor --help)

validate: checks Kore.ai voice campaign definitions (one YAML file per campaign), SMS campaign definitions
(one per campaign, in ${SMS_CAMPAIGNS_FOLDER}/ beside the campaigns folder) and contact-list definitions (one
per list, in ${CONTACT_LISTS_FOLDER}/ beside them) without contacting Kore.ai.
paths     folders (their *.yaml and *.yml files) or files; default: ${DEFAULT_DEFINITIONS_DIR}/ (or ${SMS_CAMPAIGNS_FOLDER}/
          when there is no ${DEFAULT_DEFINITIONS_DIR}/)
          Each folder is checked as one stack's set (names unique within it, voice and SMS campaigns
          alike) with the ${SMS_CAMPAIGNS_FOLDER}/ and ${CONTACT_LISTS_FOLDER}/ folders beside it; files given by name
          are checked together as one set. A folder named ${SMS_CAMPAIGNS_FOLDER}, and the files in one, hold
          SMS campaigns; a folder named ${CONTACT_LISTS_FOLDER}, and the files in one, contact lists.
--contact-lists DIR  the contact-list definitions, instead of the ${CONTACT_LISTS_FOLDER}/ folder beside each set
--strict  a campaign naming a contact list that no file declares is an error (else a warning: the list
          may exist in Kore.ai outside the stack, which only pulumi up can check)
--policy  also check the compliance rules of these jurisdictions (us, uk, in, or a region such as us-fl)
          against each campaign's recipients: a violation is an error (docs/compliance.md; an aid, not legal advice)
--format  text (default): one line per problem, "file:line: field: problem", on stdout
          github: also a GitHub Actions annotation per problem (shown on the pull request's lines)
-h, --help

export: writes one definition file per voice and SMS campaign of an existing app (adoptExisting: true,
started from the campaign's status), so that the first pulumi up takes them over without a write. What
the API never shows (a schedule's dates, an SMS flow's name, a template's body) is left out with a
comment, and the file listed "to complete by hand": it does not validate until you write it.
--out          the voice campaigns' folder (default: ${DEFAULT_DEFINITIONS_DIR}/); SMS campaigns go to
               ${SMS_CAMPAIGNS_FOLDER}/ beside it; existing files are kept unless --force
--name-filter  only campaigns whose name contains TEXT (any case)
--host, --app-id, --account-id   the target, else KORE_HOST, KORE_APP_ID, KORE_ACCOUNT_ID
               credentials only from the environment: KORE_CLIENT_ID + KORE_CLIENT_SECRET, or KORE_JWT

${REVIEW_USAGE}

Exit code: 0 when every file is valid / every campaign was exported, 1 when there are problems / a
campaign could not be exported, 2 for a usage error.`;

export type { CliOutput };

const EXIT = { valid: 0, problems: 1, usage: 2 } as const;

/** The validate command's flags: every option of validate is read here, and only here. */
const VALIDATE_FLAGS = {
  format: { type: "string", default: "text" },
  strict: { type: "boolean", default: false },
  "contact-lists": { type: "string" },
  policy: { type: "string" },
} as const;

const EXPORT_FLAGS = {
  out: { type: "string", default: DEFAULT_DEFINITIONS_DIR },
  "name-filter": { type: "string" },
  force: { type: "boolean", default: false },
  host: { type: "string" },
  "app-id": { type: "string" },
  "account-id": { type: "string" },
} as const;

/** Runs the command line `argv` (without node and the script); resolves with the exit code. */
export function runCli(argv: readonly string[], io: CliOutput): number | Promise<number> {
  if (argv[0] === "export") return runExport(argv.slice(1), io);
  if (argv[0] === "review") return runReview(argv.slice(1), io);
  if (argv[0] === "doctor") return doctorModule().runDoctorCommand(argv.slice(1), io);
  const flags = readFlags(argv, io, { options: VALIDATE_FLAGS, positionals: true, help: USAGE, usageError: (message) => usageError(io, message) });
  if (typeof flags === "number") return flags;
  const { values, positionals } = flags;
  const [command, ...paths] = positionals;
  if (command === undefined) return usageError(io, "missing command");
  if (command !== "validate") return usageError(io, `unknown command ${JSON.stringify(command)}`);
  if (values.format !== "text" && values.format !== "github") return usageError(io, `unknown format ${JSON.stringify(values.format)} (text or github)`);
  const policy = values.policy === undefined ? undefined : parsePolicies(values.policy);
  if (policy && "error" in policy) return usageError(io, policy.error);
  const options = { format: values.format, strict: values.strict ?? false, contactLists: values["contact-lists"], policies: policy?.policies } as const;
  return validate(paths.length > 0 ? paths : defaultPaths(), options, io);
}

async function runExport(argv: readonly string[], io: CliOutput): Promise<number> {
  const flags = readFlags(argv, io, { options: EXPORT_FLAGS, help: USAGE, usageError: (message) => usageError(io, message) });
  if (typeof flags === "number") return flags;
  const { values } = flags;
  const target = { host: values.host, appId: values["app-id"], accountId: values["account-id"] };
  let result;
  try {
    result = await exportModule().exportCampaigns({ outDir: values.out!, nameFilter: values["name-filter"], force: values.force, target, progress: io.err });
  } catch (err) {
    io.err(`kore-campaigns export: ${(err as Error).message}`);
    return EXIT.problems;
  }
  for (const file of result.written) io.out(`wrote ${file}`);
  for (const s of result.skipped) io.out(`skipped ${s.file}: ${s.reason}`);
  for (const f of result.failed) io.out(`not exported: ${f.campaign}: ${f.reason}`);
  for (const i of result.incomplete) io.out(`to complete by hand: ${i.file}: ${i.reason}`);
  io.out(`${result.written.length} written, ${result.skipped.length} skipped, ${result.failed.length} not exported`);
  return result.failed.length === 0 ? EXIT.valid : EXIT.problems;
}

function usageError(io: CliOutput, message: string): number {
  io.err(`kore-campaigns: ${message}`);
  io.err(`${USAGE.split("\n")[0]} (kore-campaigns --help for more)`);
  return EXIT.usage;
}

interface ValidateOptions {
  format: "text" | "github";
  /** Warnings count as problems. */
  strict: boolean;
  contactLists?: string;
  /** --policy: the compliance rules to check (cli/compliance.ts) */
  policies?: readonly string[];
}

function validate(paths: readonly string[], options: ValidateOptions, io: CliOutput): number {
  const given = withoutImpliedFolders(paths, options.contactLists !== undefined);
  const results = setsOf(given).map((set) => loadDefinitions(set, options.contactLists === undefined ? {} : { contactLists: options.contactLists }));
  const { problems, warnings } = checked(results, options);
  for (const problem of [...problems, ...warnings]) {
    io.out(formatProblem(problem));
    if (options.format === "github") io.out(formatGithubAnnotation(problem));
  }
  io.out(summarize(results.reduce((n, r) => n + r.files.length, 0), problems, warnings));
  return problems.length === 0 ? EXIT.valid : EXIT.problems;
}

/** The one place the loaded sets are judged: their problems, and their warnings (errors under --strict). */
function checked(results: readonly LoadResult[], options: ValidateOptions): { problems: Problem[]; warnings: Problem[] } {
  const compliance = options.policies ? complianceProblems(results, options.policies, Date.now()) : { problems: [], warnings: [] };
  const warnings = [...results.flatMap((r) => r.warnings), ...compliance.warnings];
  const problems = [...results.flatMap((r) => r.problems), ...compliance.problems];
  return options.strict ? { problems: [...problems, ...asErrors(warnings)], warnings: [] } : { problems, warnings };
}

/** campaigns/; a folder of SMS campaigns only when there is no campaigns/ (its siblings are read either way). */
function defaultPaths(): string[] {
  return !isFolder(DEFAULT_DEFINITIONS_DIR) && isFolder(SMS_CAMPAIGNS_FOLDER) ? [SMS_CAMPAIGNS_FOLDER] : [DEFAULT_DEFINITIONS_DIR];
}

/**
 * A folder the loader reads beside one that is given too is read with it, not as a set of its own: the
 * contact-lists/ beside a campaigns or SMS folder, the sms-campaigns/ beside a (voice) campaigns folder.
 */
function withoutImpliedFolders(paths: readonly string[], contactListsGiven: boolean): string[] {
  const folders = [...new Set(paths.filter(isFolder).map((p) => path.resolve(p)))];
  const beside = (f: string, name: string) => path.join(path.dirname(f), name);
  const lists = contactListsGiven ? [] : folders.filter((f) => path.basename(f) !== CONTACT_LISTS_FOLDER).map((f) => beside(f, CONTACT_LISTS_FOLDER));
  const sms = folders.filter((f) => ![CONTACT_LISTS_FOLDER, SMS_CAMPAIGNS_FOLDER].includes(path.basename(f))).map((f) => beside(f, SMS_CAMPAIGNS_FOLDER));
  const implied = new Set([...lists, ...sms]);
  return paths.filter((p) => !(isFolder(p) && implied.has(path.resolve(p))));
}

/** Each folder is a set of its own; everything else (files, missing paths) forms one set, in argument order. */
function setsOf(paths: readonly string[]): string[][] {
  const sets: string[][] = [];
  let files: string[] | undefined;
  for (const p of paths) {
    if (isFolder(p)) sets.push([p]);
    else if (files) files.push(p);
    else sets.push((files = [p]));
  }
  return sets;
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

if (require.main === module) {
  const write = (stream: NodeJS.WriteStream) => (line: string) => void stream.write(`${line}\n`);
  process.stdout.on("error", () => undefined); // a closed pipe (| head) is not an error of ours
  void Promise.resolve(runCli(process.argv.slice(2), { out: write(process.stdout), err: write(process.stderr) })).then((code) => {
    process.exitCode = code;
  });
}
