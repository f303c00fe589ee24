/**
 * The built provider hooks (`dist/provider/pulumi/campaign-hooks.js`), loaded in this process the way the serialized
 * provider loads them: by the package's own name. Typed here by the few functions the bench calls.
 */
import { DEMO_CREDENTIALS } from "pulumi-kore-campaigns/emulator";

export interface Hooks {
  configure(req: unknown): Promise<void>;
  check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<{ inputs: Record<string, unknown>; failures?: Array<{ reason: string }> }>;
  create(inputs: Record<string, unknown>): Promise<{ id: string; outs: Record<string, unknown> }>;
  resetSessions(): void;
}

let loaded: Hooks | undefined;

/** The hooks, configured with an empty stack config (connection and limits come from KORE_* variables). */
export async function hooks(): Promise<Hooks> {
  if (!loaded) {
    loaded = require("pulumi-kore-campaigns/internal/hooks") as Hooks;
    await loaded.configure({ config: { get: () => undefined } });
  }
  return loaded;
}

/** A request-scheduler limit: a number, "unlimited", or undefined for the provider's default. */
export type Limit = number | "unlimited" | undefined;

/** Points the provider at an emulator and sets (or clears) the scheduler variables; forgets old clients and schedulers. */
export function useEmulator(h: Hooks, url: string, limits: { maxConcurrency?: Limit; maxRequestsPerSecond?: Limit } = {}): void {
  Object.assign(process.env, {
    KORE_HOST: url,
    KORE_APP_ID: DEMO_CREDENTIALS.appId,
    KORE_ACCOUNT_ID: DEMO_CREDENTIALS.accountId,
    KORE_CLIENT_ID: DEMO_CREDENTIALS.clientId,
    KORE_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
  });
  setOrDelete("KORE_MAX_CONCURRENCY", limits.maxConcurrency);
  setOrDelete("KORE_MAX_REQUESTS_PER_SECOND", limits.maxRequestsPerSecond);
  h.resetSessions();
}

function setOrDelete(name: string, value: Limit): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = String(value);
}

/** check + create, as the engine calls them for a new resource. */
export async function checkAndCreate(h: Hooks, args: Record<string, unknown>): Promise<string> {
  const checked = await h.check({}, args);
  if (checked.failures && checked.failures.length > 0) throw new Error(`check failed: ${checked.failures.map((f) => f.reason).join("; ")}`);
  return (await h.create(checked.inputs)).id;
}
