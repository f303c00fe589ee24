/** Public types of the emulator (the contract in docs/ARCHITECTURE.md, plus a few additions). */

export interface EmulatorCredentials {
  /** The application (stream/bot) id: the `{appId}` in every path and the `iid` header, e.g. `st-...`. */
  appId: string;
  /** The account id: the `accountId` header (or `?accountId=` on the list call). */
  accountId: string;
  /** The JWT app's client id: the `appId` claim of the token, e.g. `cs-...`. */
  clientId: string;
  /** The JWT app's client secret: the HS256 signing key. */
  clientSecret: string;
}

import type { StoredSchedule } from "./schedule";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. The server binds 127.0.0.1 only. */
  port?: number;
  /** Absent = in-memory. Present = campaigns kept in `<dataDir>/campaigns.json`. */
  dataDir?: string;
  /** Defaults: DEMO_CREDENTIALS (main.ts overrides them from KORE_* env). */
  credentials?: Partial<EmulatorCredentials>;
  /** Preparing -> Ready after this many ms (default 1000). */
  readyDelayMs?: number;
  faults?: FaultConfig;
  /** Kore's "Enforce JTI" app setting: refuse tokens without `jti` and reused `jti`s. Default false. */
  enforceJti?: boolean;
  /** Keep at most this many request-log entries, dropping the oldest (default 10000). */
  maxLogEntries?: number;
  /**
   * Contact lists to have at start (a fresh emulator has none, like a new Kore app). Each is made unless a list of
   * that name (case-insensitive) is already there, e.g. loaded from `dataDir`. Campaigns may only name existing lists.
   */
  contactLists?: ContactListSeed[];
  /**
   * More Kore.ai apps served beside the first one (`credentials`), each with its own credentials, campaigns, contact
   * lists, faults (so its own `maxRequestsPerSecond`) and, with `dataDir`, its own data file under
   * `<dataDir>/apps/<appId>/`. A request goes to the app its path names; a token of one app is refused (401) on
   * another's paths. The request log is shared (each entry's path names its app).
   */
  apps?: EmulatorAppOptions[];
}

/** One more app served by the same emulator (see `EmulatorOptions.apps`). */
export interface EmulatorAppOptions {
  /** Complete: an extra app never falls back to the demo credentials. */
  credentials: EmulatorCredentials;
  faults?: FaultConfig;
  contactLists?: ContactListSeed[];
}

/** A contact list to start with: a name, or a name with the fields a create body (or the console) would set. */
export type ContactListSeed =
  | string
  | {
      name: string;
      /** Default "". */
      description?: string;
      /** Default false. */
      allowDuplicates?: boolean;
      /** How many contacts it holds (default 0; the API makes lists empty). */
      totalRecordCount?: number;
    };

/** Probabilistic faults. `setFaults` replaces the whole configuration; `{}` turns them off. */
export interface FaultConfig {
  /** Added delay before every request is handled. */
  latencyMs?: number;
  /** Share (0..1) of requests answered 500, 502 or 503. */
  errorRate?: number;
  /** Share (0..1) of requests answered 429 with Retry-After. */
  rateLimit429Rate?: number;
  /** Retry-After seconds sent with injected 429s (default 1). */
  retryAfterSeconds?: number;
  /** Share (0..1) of connections destroyed without an answer. */
  dropRate?: number;
  /** A real token bucket (burst = rate): requests beyond it are answered 429 + Retry-After. */
  maxRequestsPerSecond?: number;
  /** Share (0..1) of creates that succeed on the server but whose socket is destroyed before the answer. */
  ambiguousCreateRate?: number;
  /** PRNG seed (default 1) so runs repeat. */
  seed?: number;
  /**
   * Every API request is answered `301 Moved Permanently` with `Location: <redirectTo><path and query>` (a host that
   * moved, a proxy in front of it), before routing and auth. An origin such as `https://elsewhere.example`.
   */
  redirectTo?: string;
  /** The server's clock runs this far from real time: its `Date` header, and the JWT's `iat`/`exp` checks. */
  clockSkewSeconds?: number;
  /** Erratum modes: the other answer shapes the docs show for a call (shapes.ts). */
  shapes?: ShapeVariants;
}

/** Which of the documented (or undocumented) answer shapes to give instead of the default ones (README "Erratum modes"). */
export interface ShapeVariants {
  /** List records carry `_id` (get-all-voice-campaigns, the default) or `id` (get-all-campaigns, get-all-sms-campaigns). */
  listRecordId?: "_id" | "id";
  /** `false`: list answers have no paging fields (get-all-sms-campaigns' response table). */
  listPaging?: false;
  /** Preview creates answer `{id, data: {campId}}` (v1, the default) or `{data: {id}}`, the id where the v2 page puts it. */
  previewCreate?: "campId" | "data.id";
  /** Update answers: `id` and `data.id` (update-voice-campaign, the default), `data._id` alone (update-sms-campaign), or `id` and `data._id` (v2). */
  update?: "id-and-data.id" | "data._id" | "id-and-data._id";
  /** The get answer's record carries `_id` (the default) or `id`. */
  getRecordId?: "_id" | "id";
  /** Undocumented: the status answer's `data.status` as a one-element array (the list filter's form). */
  statusAsArray?: boolean;
  /** Undocumented fields added to every answer's record(s), as a newer server might send. */
  extraFields?: Record<string, unknown>;
}

/** Deterministic fault for the next `count` requests matching `method` and `pathIncludes`. */
export interface ScriptedFault {
  /** HTTP method to match (any when absent). */
  method?: string;
  /** Substring of the request target (path + query string) to match (any when absent). */
  pathIncludes?: string;
  /** How many matching requests it applies to (default 1). */
  count?: number;
  /** Answer this status (with the standard error body) instead of handling the request. */
  status?: number;
  /** Retry-After header (seconds) for the injected answer; 429s get 1 when absent. */
  retryAfterSeconds?: number;
  /** Destroy the socket without answering (the request is not performed). */
  drop?: boolean;
  /** Perform the request, then destroy the socket before answering. */
  ambiguous?: boolean;
  /** Wait this long first (alone: a slow but otherwise normal answer). */
  delayMs?: number;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown;
  /** Lower-cased header names; `auth`, `authorization` and `cookie` are "[redacted]". */
  headers: Record<string, string>;
  /** Status answered; 0 when the socket was destroyed without an answer (drop or ambiguous). */
  status: number;
  /** When the request arrived (ISO 8601). */
  at: string;
  /** Addition: which fault was injected ("drop", "ambiguous", "error", "rate-limit", "throttle", "scripted-status", "delay"). */
  fault?: string;
  /** Addition: why an error was answered (e.g. which auth check failed). Never secret. */
  note?: string;
}

export type CampaignStatus = "Preparing" | "Ready" | "Active" | "Stopped" | "Completed";

export interface WireDay {
  start: string;
  end: string;
  day: string;
}

/** Voice campaigns carry every field; SMS campaigns only `callerId` and `callingHours` (the SMS pages send no dialing settings). */
export interface WireDialingStrategy {
  callerId: { phoneNumber: string };
  callingHours: { frequency: string; days: WireDay[]; timezone: string };
  /** Voice only. */
  dialingOrder?: string;
  /** Voice only. */
  maxAttemptsPerRecord?: number;
  /** Voice only. */
  defaultRetryPeriod?: number;
  /** Voice only. */
  maxRingTime?: number;
}

/** An SMS campaign's `message` as stored: the keys the request sent (README "SMS campaigns"). */
export interface StoredSmsMessage {
  /** The text, kept exactly as sent (plain, Base64 or Base64 + URL-encoded: the pages disagree). */
  message?: string;
  template_name?: string;
  templateId?: string;
}

/** What the server holds for one campaign, voice or SMS (wire field names, with `id`). */
export interface StoredCampaign {
  id: string;
  name: string;
  lname: string;
  description: string;
  priority: string;
  /** Voice only (SMS campaigns have `format` instead). */
  dialingMode?: string;
  dialingStrategy: WireDialingStrategy;
  contactLists: string[];
  /** Always false for SMS campaigns (their answers show it so). */
  enableMachineDetect: boolean;
  /** "voice" or "sms": which pages' rules and answer shapes apply. */
  campaignType: string;
  /** SMS only: `simple` (a `message`) or `advanced` (an experience flow). */
  format?: string;
  /** SMS only, simple format. */
  message?: StoredSmsMessage;
  schedule: { isSchedulingEnabled: boolean; isRecurrenceEnabled?: boolean };
  /** Progressive and Preview. */
  queue_name?: string;
  /** Preview only. */
  maxSkips?: number;
  /** Agentless voice and advanced SMS: the flow name the request sent (the voice list call reports it as `connection`). */
  experienceFlowName?: string;
  /** Agentless voice and advanced SMS: the `cf-` id Kore answers instead of the name. */
  experienceFlow?: string;
  status: string;
  campaignInstanceId?: string;
  campaignInstanceUpdatedAt?: string;
  createdAt: string;
  updatedAt: string;
  /** `mutate()` may add anything. */
  [extra: string]: unknown;
}

/** What the server holds for one contact list. `campaignInUse`/`isListInUse` are not stored: they are derived from the campaigns. */
export interface StoredContactList {
  id: string;
  name: string;
  lname: string;
  description: string;
  /** Shown on the wire only as `apiConfigurations.dataSyncMode` (and in the create answer). */
  allowDuplicates: boolean;
  totalRecordCount: number;
  status: string;
  orgId: string;
  /** The app (stream) id: `iid`. */
  iId: string;
  accountId: string;
  createdBy: string;
  updatedBy: string;
  createdAt: string;
  updatedAt: string;
}

/** A contact list as the test hooks return it: the stored record plus the ids of the campaigns naming it, oldest first. */
export interface ContactListInfo extends StoredContactList {
  campaignInUse: string[];
}

/** What one app of the emulator holds and how it misbehaves; the `Emulator` handle itself is its first app. */
export interface EmulatorApp {
  /** Forgets every fault of this app: pending failNext rules and the setFaults configuration. */
  clearFaults(): void;
  setFaults(f: FaultConfig): void;
  failNext(rule: ScriptedFault): void;
  /** Forgets every fault: pending failNext rules and the setFaults configuration. */
  clearFaults(): void;
  setFaults(f: FaultConfig): void;
  failNext(rule: ScriptedFault): void;
  /** Oldest first. Copies: changing them changes nothing on the server. */
  campaigns(): StoredCampaign[];
  campaign(id: string): StoredCampaign | undefined;
  /** Out-of-band change ("someone edited it in the console"). Keys set to undefined are removed. */
  mutate(id: string, patch: Record<string, unknown>): void;
  /**
   * Out-of-band create from a create-request body (validated; its contact lists must exist, as on the API);
   * `id`, `status`, `createdAt`... in it override.
   */
  insert(body: Record<string, unknown>): StoredCampaign;
  setStatus(id: string, status: string): void;
  /** Addition: out-of-band delete ("someone deleted it in the console"), whatever its status. */
  remove(id: string): void;
  /** Addition: the contact lists, oldest first, each with `campaignInUse` as it is now. Copies. */
  contactLists(): ContactListInfo[];
  contactList(id: string): ContactListInfo | undefined;
  /** Addition: out-of-band create of a contact list ("made in the console"); throws on a bad seed or a taken name. */
  addContactList(seed: ContactListSeed): ContactListInfo;
  /** Addition: out-of-band change of a contact list ("edited in the console"; the API has no update). */
  mutateContactList(id: string, patch: Record<string, unknown>): void;
  /** Addition: the credentials the server accepts. */
  credentials: EmulatorCredentials;
  /** Addition: the emulator's clock (schedules, Preparing -> Ready); tests move it instead of waiting. */
  clock: { now(): number; advance(ms: number): void; set(ms: number): void };
  /** Addition: a supervisor's pause in the console: an Active campaign becomes Paused (throws otherwise). */
  pause(id: string): StoredCampaign;
  /** Addition: the v2 schedule enabled for a campaign, as the server holds it (the API cannot read it back). */
  scheduleOf(id: string): StoredSchedule | undefined;
  /** Addition: wait until every change is on disk. */
  flush(): Promise<void>;
}

export interface Emulator extends EmulatorApp {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Live log, oldest first (every app's requests). */
  requests: RequestLogEntry[];
  clearRequests(): void;
  /** Addition: the app whose id (`appId`) is given: the first one or one of `EmulatorOptions.apps`; throws when unknown. */
  app(appId: string): EmulatorApp;
  /** Addition: the ids of the apps served, the first one first. */
  appIds(): string[];
  /** Stops the server (dropping open connections) and flushes data. */
  close(): Promise<void>;
}
