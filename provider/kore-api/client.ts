/**
 * `KoreClient`: every HTTP call to Kore.ai's campaign API (voice campaigns and contact lists), and nothing else.
 * Each method is a thin call through the endpoint table (endpoints.ts: method, path, query, body and answer
 * schema per call); one transport (transport.ts) sends them all, with retries, the call's deadline and a capped
 * answer body; failures.ts says what each failure means.
 *
 * Every failed call rejects with a `KoreApiError` (client secret and JWTs scrubbed). Bad settings
 * are refused by the constructor (`ValidationError`, `RangeError`), bad ids by the call, before
 * anything is sent.
 */
import type { Dispatcher } from "undici";
import { createTokenSource, type KoreCredentials } from "./auth";
import { ENDPOINTS, endpointOf, pathOf, type ArgsOf, type CampaignType, type KoreCall, type RequestBody, type ResultOf } from "./endpoints";
import { KoreApiError, ValidationError } from "./errors";
import {
  CAMPAIGN_ID_PATTERN,
  type CampaignStatus,
  type CreateResult,
  type ListPage,
  type SkippedRecord,
  type TriggerResult,
  type ScheduleResult,
  type WireCampaign,
  type WireContactList,
} from "./responses";
import { resolveRetryPolicy, type RetryPolicy } from "./retry-policy";
import { AdaptiveScheduler, type RequestScheduler } from "./scheduler";
import { parseKoreHost, type KoreTarget } from "./target";
import { Transport } from "./transport";

export type { WireCampaign, WireContactList, CampaignStatus, CreateResult, ListPage, SkippedRecord, TriggerResult, ScheduleResult } from "./responses";
export type { KoreCredentials } from "./auth";
export type { RequestScheduler } from "./scheduler";
export type { CampaignType, RequestBody } from "./endpoints";
export { isLoopbackHost, parseKoreHost, type KoreTarget } from "./target";
export { CAMPAIGN_ID_PATTERN } from "./responses";

export interface KoreClientOptions {
  /** Per attempt: the longest wait for the response headers, and for each chunk of the body. Default 30 000. */
  timeoutMs?: number;
  /** Per attempt: the longest wait for the TCP/TLS connection. Default 10 000. */
  connectTimeoutMs?: number;
  /**
   * Per call, retries and their waits included: the longest a call may take before it is abandoned
   * (a server that sends headers and then trickles, or nothing). Default 120 000.
   */
  deadlineMs?: number;
  /** The largest answer body read; a longer one is abandoned, not buffered. Default 8 MiB. */
  maxResponseBytes?: number;
  /** Overrides of `DEFAULT_RETRY_POLICY` (tests use tiny delays). */
  retry?: Partial<RetryPolicy>;
  /** A scheduler shared with other clients (hooks.ts gives one per app). Default: none, unless a limit below is set. */
  scheduler?: RequestScheduler;
  /**
   * Limits for a scheduler of this client's own (an `AdaptiveScheduler`; for tests and benchmarks): attempts in
   * flight, and attempts started per second (adapting to 429). Not together with `scheduler`.
   */
  maxConcurrency?: number;
  maxRequestsPerSecond?: number;
  /** Lifetime of minted JWTs. Default 300 s. */
  tokenTtlSeconds?: number;
  /** `limit` of each list page. Default 50. */
  listPageSize?: number;
  /** `listAllCampaigns` gives up after this many pages (a server that always says `hasMore`). Default 200. */
  maxListPages?: number;
  userAgent?: string;
  /** Jitter source, for tests. Default `Math.random`. */
  random?: () => number;
  /**
   * Asked before every HTTP attempt; a rejection stops the call before anything is sent (the Pulumi
   * adapter refuses once the engine that started the provider is gone: engine-liveness.ts).
   */
  beforeAttempt?: () => Promise<void>;
  /**
   * undici interceptors run on every HTTP attempt as it is sent (after the token is added) and as it is answered;
   * `kore-campaigns doctor` records the exchanges with one. Default: none.
   */
  interceptors?: Dispatcher.DispatcherComposeInterceptor[];
}

export class KoreClient {
  private readonly appId: string;
  private readonly accountId: string;
  private readonly transport: Transport;
  private readonly listPageSize: number;
  private readonly maxListPages: number;

  constructor(target: KoreTarget, credentials: KoreCredentials, options: KoreClientOptions = {}) {
    const origin = parseKoreHost(target?.host);
    const failures = (["appId", "accountId"] as const)
      .filter((k) => typeof target[k] !== "string" || !CAMPAIGN_ID_PATTERN.test(target[k]))
      .map((k) => ({ path: k, message: "must be a plain id (letters, digits, '_', '.', '-')" }));
    if (failures.length > 0) throw new ValidationError("Invalid Kore.ai target", failures);
    const tokens = createTokenSource(credentials, { ttlSeconds: options.tokenTtlSeconds });
    const policy = resolveRetryPolicy(options.retry);
    const timeoutMs = positive(options.timeoutMs ?? 30_000, "timeoutMs");
    const deadlineMs = positive(options.deadlineMs ?? 120_000, "deadlineMs");
    const maxResponseBytes = positive(options.maxResponseBytes ?? 8 * 1024 * 1024, "maxResponseBytes");
    const scheduler = schedulerFrom(options);
    this.listPageSize = positive(options.listPageSize ?? 50, "listPageSize");
    this.maxListPages = positive(options.maxListPages ?? 200, "maxListPages");
    this.accountId = target.accountId;
    this.appId = target.appId;
    this.transport = new Transport({
      origin,
      headers: { iid: target.appId, accountId: target.accountId, accept: "application/json", "user-agent": options.userAgent ?? "pulumi-kore-campaigns" },
      tokens,
      policy,
      timeoutMs,
      connectTimeoutMs: positive(options.connectTimeoutMs ?? 10_000, "connectTimeoutMs"),
      deadlineMs,
      maxResponseBytes,
      scheduler,
      random: options.random ?? Math.random,
      beforeAttempt: options.beforeAttempt,
      interceptors: options.interceptors ?? [],
    });
  }

  /** POST .../campaign?campaignType=voice|sms. Never repeated once it may have reached Kore (see the retry policy). */
  createCampaign(body: RequestBody, campaignType: CampaignType = "voice"): Promise<CreateResult> {
    return this.call("createCampaign", { body, campaignType });
  }

  /** GET .../campaign/{id}. A missing campaign is a KoreApiError with status 404. */
  getCampaign(id: string): Promise<WireCampaign> {
    return this.call("getCampaign", { campaignId: id });
  }

  /** PUT .../campaign/{id}?campaignType=voice|sms; returns the updated record. */
  updateCampaign(id: string, body: RequestBody, campaignType: CampaignType = "voice"): Promise<WireCampaign> {
    return this.call("updateCampaign", { campaignId: id, body, campaignType });
  }

  /** DELETE .../campaign/{id}?campaignType=voice|sms. */
  async deleteCampaign(id: string, campaignType: CampaignType = "voice"): Promise<void> {
    await this.call("deleteCampaign", { campaignId: id, campaignType });
  }

  /** POST .../campaign/getAllCampaignDetails?accountId=..., body `{limit, skip, page, type}` (`type` "voice" unless "sms"). */
  async listCampaignsPage(p: { limit: number; skip: number; page: number; type?: CampaignType }): Promise<ListPage> {
    for (const k of ["limit", "page"] as const) positive(p[k], k);
    if (!Number.isInteger(p.skip) || p.skip < 0) throw new RangeError("skip must be an integer >= 0");
    return this.call("listCampaigns", { limit: p.limit, skip: p.skip, page: p.page, type: p.type ?? "voice" });
  }

  /**
   * Every voice campaign (or, with `type: "sms"`, every SMS campaign), page by page until `hasMore` is false. The next `skip` is the records
   * received so far (not `page * limit`), so a server that caps `limit` below ours loses nothing.
   * Records seen twice (a campaign created between two pages shifts the window) are kept once.
   */
  async listAllCampaigns(opts: { type?: CampaignType; pageSize?: number; maxPages?: number; onSkipped?: (record: SkippedRecord & { page: number }) => void } = {}): Promise<WireCampaign[]> {
    const limit = opts.pageSize ?? this.listPageSize;
    const maxPages = opts.maxPages ?? this.maxListPages;
    const byId = new Map<string, WireCampaign>();
    let skip = 0;
    let pages = 0;
    for (let page = 1; page <= maxPages; page++) {
      pages = page;
      const { records, hasMore, skipped, received } = await this.listCampaignsPage({ limit, skip, page, type: opts.type });
      for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r);
      for (const s of skipped) opts.onSkipped?.({ page, ...s }); // one bad record does not hide the others
      if (!hasMore) return [...byId.values()];
      if (received === 0) break; // "more" but nothing on this page: the server is looping
      skip += received;
    }
    throw new KoreApiError({
      call: "listCampaigns",
      method: ENDPOINTS.listCampaigns.method,
      path: pathOf(endpointOf("listCampaigns"), this.placeholders()).path,
      attempts: pages,
      detail: `the listing did not end: still "hasMore" after ${maxPages} pages of ${limit} (or an empty page that claimed more)`,
      secrets: this.transport.secrets,
    });
  }

  /** POST /campaign/api/v1/public/{appId}/campaign/{id}?campaignType=voice|sms&trigger=play, body `{}`. */
  startCampaign(id: string, campaignType: CampaignType = "voice"): Promise<TriggerResult> {
    return this.call("startCampaign", { campaignId: id, campaignType });
  }

  /** POST /campaign/api/v1/public/{appId}/campaign/{id}?campaignType=voice|sms&trigger=stop, body `{}`. */
  stopCampaign(id: string, campaignType: CampaignType = "voice"): Promise<TriggerResult> {
    return this.call("stopCampaign", { campaignId: id, campaignType });
  }

  /**
   * The v2 schedule call, which addresses the campaign by its name:
   * POST /campaign/api/v2/public/{appId}/campaign/schedule?enableSchedule=true&campaignName={name} with the
   * schedule body, or `enableSchedule=false` with `{}` to disable it. Never repeated once it may have
   * reached Kore (like the triggers: whether a repeated enable could start a second run is not documented);
   * the lifecycle records an unconfirmed schedule as pending and the next up sends it again.
   */
  setCampaignSchedule(campaignName: string, schedule: RequestBody | undefined): Promise<ScheduleResult> {
    return schedule === undefined
      ? this.call("disableCampaignSchedule", { campaignName })
      : this.call("enableCampaignSchedule", { campaignName, schedule });
  }

  /** POST .../campaign/{id}/status?view=status (no body). */
  getCampaignStatus(id: string): Promise<CampaignStatus> {
    return this.call("getCampaignStatus", { campaignId: id });
  }

  /**
   * POST .../campaign/contactList/createContactList, body `{name, description, source, allowDuplicates}`.
   * Never repeated once it may have reached Kore, like the campaign create.
   */
  createContactList(body: RequestBody): Promise<WireContactList> {
    return this.call("createContactList", { body });
  }

  /** GET .../campaign/contactList/{id}. A missing list is a KoreApiError with status 404. */
  getContactList(id: string): Promise<WireContactList> {
    return this.call("getContactList", { contactListId: id });
  }

  /**
   * Every contact list of the app: POST .../campaign/contactList/getAllListDetails?type=call, body `{}`. No
   * paging is documented, so one answer is the whole listing.
   */
  listContactLists(): Promise<WireContactList[]> {
    return this.call("listContactLists", {});
  }

  /** DELETE .../campaign/contactList/{id}. */
  async deleteContactList(id: string): Promise<void> {
    await this.call("deleteContactList", { contactListId: id });
  }

  /** Closes the keep-alive connections (waits for calls in flight). */
  close(): Promise<void> {
    return this.transport.close();
  }

  /** One call through the table: its path filled (a bad id refused, attempts 0, before anything is sent), then sent. */
  private async call<C extends KoreCall>(call: C, args: ArgsOf<C>): Promise<ResultOf<C>> {
    const endpoint = endpointOf(call);
    const values = { ...(args as Record<string, unknown>), ...this.placeholders() };
    const built = pathOf(endpoint, values);
    if (!built.ok) {
      throw new KoreApiError({ call, method: endpoint.method, path: built.path, detail: built.detail, attempts: 0, secrets: this.transport.secrets });
    }
    const body = endpoint.body?.(args as Record<string, unknown>);
    return (await this.transport.send({ call, method: endpoint.method, path: built.path, body })) as ResultOf<C>;
  }

  /** The placeholders every path may use, from the target. */
  private placeholders(): Record<string, string> {
    return { appId: this.appId, accountId: this.accountId };
  }
}

function schedulerFrom(options: KoreClientOptions): RequestScheduler | undefined {
  const { scheduler, maxConcurrency, maxRequestsPerSecond } = options;
  if (maxConcurrency === undefined && maxRequestsPerSecond === undefined) return scheduler;
  if (scheduler) throw new RangeError("give either a scheduler or maxConcurrency / maxRequestsPerSecond, not both");
  return new AdaptiveScheduler({ maxConcurrency, maxRequestsPerSecond });
}

function positive(n: number, name: string): number {
  if (typeof n !== "number" || !Number.isInteger(n) || n <= 0) throw new RangeError(`${name} must be a positive integer`);
  return n;
}
