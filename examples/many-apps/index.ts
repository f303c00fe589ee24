// Many Kore.ai apps, one stack each, deployed in parallel with Pulumi's Automation API.
//
// Each app (bot/stream) has its own credentials, its own rate limit and its own campaigns, so each gets a
// stack of its own: the stack's config points the provider at that app (kore:host, kore:appId,
// kore:accountId, kore:clientId, kore:clientSecret as a secret, kore:maxRequestsPerSecond), and one
// provider process per stack paces that app's requests by that app's limit alone. The program is inline:
// one ContactList and the app's campaigns, which name the list by its `name` output (list first).
//
//   npm install && npx tsc && node index.js apps.json
//
// apps.json: [{ "stack": "emea", "host": "https://platform.kore.ai", "appId": "st-...", "accountId": "...",
//   "clientId": "cs-...", "clientSecret": "...", "maxRequestsPerSecond": 10, "contactList": "...",
//   "campaigns": { "renewals": { ...VoiceCampaignArgs without contactLists } } }, ...]
// Secrets are read from the file and set as secret stack config; nothing printed holds them.
// The Pulumi CLI must be on PATH. State goes to $PULUMI_BACKEND_URL (default: ./.pulumi-state, a file backend).
import * as fs from "node:fs";
import * as path from "node:path";
import { LocalWorkspace, type ConfigMap, type Stack } from "@pulumi/pulumi/automation";
import { ContactList, VoiceCampaign, type VoiceCampaignArgs } from "pulumi-kore-campaigns";

/** One Kore.ai app and what it should hold. */
export interface AppSpec {
  /** The stack's name (one stack per app). */
  stack: string;
  host: string;
  appId: string;
  accountId: string;
  clientId: string;
  clientSecret: string;
  /** The app's request rate limit (requests per second, or "unlimited"); the provider's default is 10. */
  maxRequestsPerSecond?: number | "unlimited";
  /** The contact list the app's campaigns dial, made by the stack. */
  contactList: string;
  /** Resource name -> campaign (its contactLists are the stack's list). */
  campaigns: Record<string, Omit<VoiceCampaignArgs, "contactLists">>;
}

export interface DeployOptions {
  /** Where the workspace lives: it must resolve `pulumi-kore-campaigns` (the provider host loads it from here). */
  workDir: string;
  /** How many stacks run at once (default: all). */
  parallel?: number;
  /** Environment for the Pulumi CLI (backend, passphrase, PULUMI_HOME...). */
  envVars?: Record<string, string>;
  /** "up" (then a preview that must show no changes), "preview" or "destroy". */
  action?: "up" | "preview" | "destroy";
}

export interface AppResult {
  stack: string;
  appId: string;
  /** Operation -> count, as the engine summarised it (`up`/`destroy`). */
  changes?: Record<string, number>;
  /** The preview's change summary (after an up: must be only "same"). */
  preview?: Record<string, number>;
  campaignIds?: Record<string, string>;
  startedAt: string;
  finishedAt: string;
}

const PROJECT = "kore-many-apps";

/** The inline program of one app's stack. */
function programFor(app: AppSpec) {
  return async () => {
    const list = new ContactList(`${app.stack}-list`, { name: app.contactList, description: `Contacts of ${app.stack}` });
    const ids: Record<string, unknown> = {};
    for (const [resourceName, args] of Object.entries(app.campaigns)) {
      ids[resourceName] = new VoiceCampaign(resourceName, { ...args, contactLists: [list.name] }).id;
    }
    return { campaignIds: ids };
  };
}

/** The stack config that points the provider at `app`. */
function configFor(app: AppSpec): ConfigMap {
  const config: ConfigMap = {
    "kore:host": { value: app.host },
    "kore:appId": { value: app.appId },
    "kore:accountId": { value: app.accountId },
    "kore:clientId": { value: app.clientId },
    "kore:clientSecret": { value: app.clientSecret, secret: true },
  };
  if (app.maxRequestsPerSecond !== undefined) config["kore:maxRequestsPerSecond"] = { value: String(app.maxRequestsPerSecond) };
  return config;
}

/** Runs `fn` over `items`, at most `limit` at a time, keeping the order of the results. */
async function inParallel<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Selects (or creates) and configures every app's stack, one after the other (they share the workspace files). */
async function stacksFor(apps: AppSpec[], options: DeployOptions): Promise<Stack[]> {
  const stacks: Stack[] = [];
  for (const app of apps) {
    const stack = await LocalWorkspace.createOrSelectStack(
      { stackName: app.stack, projectName: PROJECT, program: programFor(app) },
      { workDir: options.workDir, envVars: options.envVars, projectSettings: { name: PROJECT, runtime: "nodejs" } },
    );
    await stack.setAllConfig(configFor(app));
    stacks.push(stack);
  }
  return stacks;
}

const counts = (m: Record<string, number | undefined> | undefined): Record<string, number> =>
  Object.fromEntries(Object.entries(m ?? {}).filter((e): e is [string, number] => typeof e[1] === "number"));

/** Deploys (or previews, or destroys) every app's stack, `parallel` at a time. */
export async function deployApps(apps: AppSpec[], options: DeployOptions): Promise<AppResult[]> {
  const names = new Set(apps.map((a) => a.stack));
  if (names.size !== apps.length) throw new Error("each app needs a stack name of its own");
  const stacks = await stacksFor(apps, options);
  const action = options.action ?? "up";
  return inParallel(
    apps.map((app, i) => ({ app, stack: stacks[i] })),
    options.parallel ?? apps.length,
    async ({ app, stack }): Promise<AppResult> => {
      const startedAt = new Date().toISOString();
      const result: AppResult = { stack: app.stack, appId: app.appId, startedAt, finishedAt: startedAt };
      if (action === "destroy") {
        result.changes = counts((await stack.destroy()).summary.resourceChanges);
      } else {
        if (action === "up") {
          const up = await stack.up();
          result.changes = counts(up.summary.resourceChanges);
          result.campaignIds = up.outputs.campaignIds?.value as Record<string, string>;
        }
        // after an up this must be a no-op: the engine fails the preview otherwise
        const preview = await stack.preview({ expectNoChanges: action === "up" });
        result.preview = counts(preview.changeSummary);
      }
      result.finishedAt = new Date().toISOString();
      return result;
    },
  );
}

async function main(argv: string[]): Promise<void> {
  const [file, action = "up"] = argv;
  if (!file || !["up", "preview", "destroy"].includes(action)) {
    process.stderr.write("usage: node index.js APPS.json [up|preview|destroy]\n");
    process.exit(2);
  }
  const apps = JSON.parse(fs.readFileSync(file, "utf8")) as AppSpec[];
  const workDir = path.resolve(__dirname);
  const envVars: Record<string, string> = {
    PULUMI_BACKEND_URL: process.env.PULUMI_BACKEND_URL ?? `file://${path.join(workDir, ".pulumi-state")}`,
  };
  if (envVars.PULUMI_BACKEND_URL.startsWith("file://")) fs.mkdirSync(envVars.PULUMI_BACKEND_URL.slice("file://".length), { recursive: true });
  const results = await deployApps(apps, { workDir, envVars, action: action as DeployOptions["action"] });
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`many-apps: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  });
}
