/**
 * The provider's tuning settings, beside the connection settings: one row each (stack config key,
 * environment variable, default, rule), read at run time. An invalid value is an error naming the
 * setting, the rule and the value; it never falls back to the default silently.
 */
import { parseSchedulerSetting } from "../kore-api/scheduler";
import type { SettingSource } from "./connection";

export interface ProviderSettings {
  /** how long create/update wait for a Preparing campaign to become Ready before play */
  readyTimeoutMs: number;
  /** after a trigger whose outcome is unknown, how long to wait before reading the status that decides */
  triggerSettleMs: number;
  /** the longest one API call may take, retries included */
  requestDeadlineMs: number;
  maxConcurrency?: number;
  maxRequestsPerSecond?: number;
  /** the old drift correction: a campaign stopped outside git shows as drift of `started`, and the next up plays it */
  restartStoppedCampaigns: boolean;
}

interface SecondsRow {
  configKey: string;
  envVar: string;
  defaultSeconds: number;
  /** the smallest value allowed (0 for "may be off") */
  min: number;
  /** what it means, for docs/installation-configuration.md (generated) */
  doc: string;
}

export const SECONDS_SETTINGS = {
  readyTimeoutMs: { configKey: "kore:readyTimeoutSeconds", envVar: "KORE_READY_TIMEOUT_SECONDS", defaultSeconds: 120, min: 1,
    doc: "How long to wait for a new campaign to leave Preparing before starting it." },
  triggerSettleMs: { configKey: "kore:triggerSettleSeconds", envVar: "KORE_TRIGGER_SETTLE_SECONDS", defaultSeconds: 2, min: 0,
    doc: "After a play or stop whose answer was lost, how long to wait before the status read that decides." },
  requestDeadlineMs: { configKey: "kore:requestDeadlineSeconds", envVar: "KORE_REQUEST_DEADLINE_SECONDS", defaultSeconds: 120, min: 1,
    doc: "The longest one API call may take, retries and their waits included." },
} as const satisfies Record<string, SecondsRow>;

export const SCHEDULER_SETTINGS = {
  maxConcurrency: { configKey: "kore:maxConcurrency", envVar: "KORE_MAX_CONCURRENCY", kind: "concurrency",
    doc: "Requests in flight at once, per Kore.ai app (the per-app request scheduler, shared by every resource of a provider process)." },
  maxRequestsPerSecond: { configKey: "kore:maxRequestsPerSecond", envVar: "KORE_MAX_REQUESTS_PER_SECOND", kind: "rate",
    doc: "Requests started per second, per Kore.ai app; on a 429 the app's requests pause for Retry-After and the rate halves, then recovers." },
} as const;

/** On/off settings. Off by default: each one gives back a safety the provider keeps otherwise. */
export const SWITCH_SETTINGS = {
  // A stop made outside git (a supervisor in the console) stands unless a team opts back into restarting it.
  restartStoppedCampaigns: {
    configKey: "kore:restartStoppedCampaigns",
    envVar: "KORE_RESTART_STOPPED_CAMPAIGNS",
    doc: "true: the old drift correction; a campaign stopped outside git (Stopped or Paused against started: true) is played by the next up.",
  },
} as const;

/** Every stack config key the provider reads besides the connection's. */
export const SETTING_CONFIG_KEYS: readonly string[] = [...Object.values(SECONDS_SETTINGS), ...Object.values(SCHEDULER_SETTINGS), ...Object.values(SWITCH_SETTINGS)].map(
  (s) => s.configKey,
);

export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingError";
  }
}

function raw(row: { configKey: string; envVar: string }, config: SettingSource, env: NodeJS.ProcessEnv): string | undefined {
  const value = config(row.configKey) ?? env[row.envVar];
  return value === undefined || String(value).trim() === "" ? undefined : String(value).trim();
}

function seconds(row: SecondsRow, config: SettingSource, env: NodeJS.ProcessEnv): number {
  const text = raw(row, config, env);
  if (text === undefined) return row.defaultSeconds * 1000;
  const n = Number(text);
  if (!Number.isFinite(n) || n < row.min || n > 86_400) {
    throw new SettingError(
      `${row.configKey} (${row.envVar}) must be a number of seconds from ${row.min} to 86400 (got ${JSON.stringify(text.slice(0, 40))})`,
    );
  }
  return Math.round(n * 1000);
}

function onOff(row: { configKey: string; envVar: string }, config: SettingSource, env: NodeJS.ProcessEnv): boolean {
  const text = raw(row, config, env);
  if (text === undefined || text === "false") return false;
  if (text === "true") return true;
  throw new SettingError(`${row.configKey} (${row.envVar}) must be true or false (got ${JSON.stringify(text.slice(0, 40))})`);
}

/** All settings, from stack config first, then the environment, then the defaults. */
export function readSettings(config: SettingSource, env: NodeJS.ProcessEnv = process.env): ProviderSettings {
  const limit = (name: keyof typeof SCHEDULER_SETTINGS) => {
    const row = SCHEDULER_SETTINGS[name];
    try {
      return parseSchedulerSetting(raw(row, config, env), `${row.configKey} (${row.envVar})`, row.kind);
    } catch (err) {
      throw new SettingError((err as Error).message);
    }
  };
  return {
    readyTimeoutMs: seconds(SECONDS_SETTINGS.readyTimeoutMs, config, env),
    triggerSettleMs: seconds(SECONDS_SETTINGS.triggerSettleMs, config, env),
    requestDeadlineMs: seconds(SECONDS_SETTINGS.requestDeadlineMs, config, env),
    maxConcurrency: limit("maxConcurrency"),
    maxRequestsPerSecond: limit("maxRequestsPerSecond"),
    restartStoppedCampaigns: onOff(SWITCH_SETTINGS.restartStoppedCampaigns, config, env),
  };
}
