/**
 * `KoreClient`: every HTTP call to Kore.ai's campaign API (voice campaigns and contact lists), and nothing else.
 *
 * How one call travels:
 *
 *   call()  ->  RetryAgent (undici's RetryHandler; our `retry` callback = decideRetry(policy))
 *           ->  attempt gate (per attempt: wait the backoff, take a scheduler slot, mint a fresh JWT)
 *           ->  the client's keep-alive Agent  ->  Kore.ai
 *
 * One RetryAgent, built once over the one Agent, serves every call: undici applies one set of retry
 * options per dispatcher, but our rules differ per call (the create POST is never repeated once it may
 * have reached Kore; the list/status/trigger POSTs are) and each call keeps its own bookkeeping (attempts
 * made, time waited). So each call's request options carry that call's name and state under a symbol key
 * (undici copies the options, symbols included, into every retry and into the retry callback's context),
 * and the retry callback and the attempt gate read them from there.
 *
 * Why the backoff is waited in the gate and not inside the `retry` callback: undici pauses the failed
 * response while the callback runs, so sleeping there would hold a socket (and a half-read 503) for
 * the whole delay. The callback decides and records the delay; the gate waits it before the next
 * attempt, which is also where a scheduler slot is taken and a new token (new `jti`) is minted.
 *
 * Every failed call rejects with a `KoreApiError` (client secret and JWTs scrubbed). Bad settings
 * are refused by the constructor (`ValidationError`, `RangeError`), bad ids by the call, before
 * anything is sent.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, RetryAgent, type Dispatcher, type RetryHandler } from "undici";
import { createTokenSource, type KoreCredentials, type TokenSource } from "./auth";
import { KoreApiError, ValidationError, type KoreApiErrorDetails, type KoreCall } from "./errors";
import {
  CAMPAIGN_ID_PATTERN,
  EXPECTED,
  contactListResponse,
  contactListsResponse,
  createResponse,
  deleteResponse,
  failureEnvelope,
  getResponse,
  listResponse,
  noteUnknownFields,
  parseErrorBody,
  parseWith,
  plainText,
  statusResponse,
  triggerResponse,
  scheduleResponse,
  updateResponse,
  type CampaignStatus,
  type CreateResult,
  type ListPage,
  type SkippedRecord,
  type Parsed,
  type TriggerResult,
  type ScheduleResult,
  type WireCampaign,
  type WireContactList,
} from "./responses";
import { decideRetry, parseRetryAfter, resolveRetryPolicy, type RetryDecision, type RetryPolicy } from "./retry-policy";
import { AdaptiveScheduler, type RequestScheduler } from "./scheduler";
import { parseKoreHost, type KoreTarget } from "./target";
import { messageOf } from "../util/values";

export type { WireCampaign, WireContactList, CampaignStatus, CreateResult, ListPage, SkippedRecord, TriggerResult, ScheduleResult } from "./responses";
export type { KoreCredentials } from "./auth";
export type { RequestScheduler } from "./scheduler";
export { isLoopbackHost, parseKoreHost, type KoreTarget } from "./target";

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

/** A create / update body: any JSON object (wire.ts's `toWireBody()` builds it; the client sends it as is). */
export type RequestBody = object;

export { CAMPAIGN_ID_PATTERN } from "./responses";

const CALLS_WITH_SUCCESS_ENVELOPE: ReadonlySet<KoreCall> = new Set([
  "createCampaign",
  "getCampaign",
  "listCampaigns",
  "updateCampaign",
  "deleteCampaign",
  "getCampaignStatus",
  "createContactList",
  "getContactList",
  "listContactLists",
  "deleteContactList",
  "enableCampaignSchedule",
  "disableCampaignSchedule",
]);
const READ_ONLY_CALLS: ReadonlySet<KoreCall> = new Set(["getCampaign", "listCampaigns", "getCampaignStatus", "getContactList", "listContactLists"]);
/** Creates: a 2xx whose body cannot be read leaves the outcome unknown (something was probably made). */
const CREATE_CALLS: ReadonlySet<KoreCall> = new Set(["createCampaign", "createContactList"]);

/** What a failed call contributes to its KoreApiError (the client adds call, method, path, attempts, secrets). */
type Failure = Omit<KoreApiErrorDetails, "call" | "method" | "path" | "secrets" | "attempts">;

/** Per-call bookkeeping shared by the retry callback and the attempt gate. */
interface CallState {
  call: KoreCall;
  attempts: number;
  waitedMs: number;
  pendingDelayMs: number;
  lastDecision?: RetryDecision;
}

/** Where a call's state travels in its undici request options (copied by undici into each retry, symbols included). */
const CALL_STATE = Symbol("kore-call-state");
type WithCallState = { [CALL_STATE]?: CallState };

interface CallSpec<T> {
  call: KoreCall;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path and query, segments already encoded. */
  path: string;
  body?: unknown;
  /** Parses the JSON of a 2xx answer (undefined for an empty body). */
  parse: (json: unknown) => Parsed<T>;
}

export class KoreClient {
  private readonly origin: string;
  private readonly appId: string;
  private readonly accountId: string;
  private readonly base: string;
  private readonly tokens: TokenSource;
  private readonly secrets: readonly string[];
  private readonly agent: Agent;
  /** The retrying dispatcher every call goes through (built once: see the top of this file). */
  private readonly dispatcher: Dispatcher;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly deadlineMs: number;
  private readonly maxResponseBytes: number;
  private readonly scheduler?: RequestScheduler;
  private readonly random: () => number;
  private readonly listPageSize: number;
  private readonly maxListPages: number;
  private readonly staticHeaders: Record<string, string>;
  private readonly beforeAttempt?: () => Promise<void>;

  constructor(target: KoreTarget, credentials: KoreCredentials, options: KoreClientOptions = {}) {
    this.origin = parseKoreHost(target?.host);
    const failures = (["appId", "accountId"] as const)
      .filter((k) => typeof target[k] !== "string" || !CAMPAIGN_ID_PATTERN.test(target[k]))
      .map((k) => ({ path: k, message: "must be a plain id (letters, digits, '_', '.', '-')" }));
    if (failures.length > 0) throw new ValidationError("Invalid Kore.ai target", failures);
    this.tokens = createTokenSource(credentials, { ttlSeconds: options.tokenTtlSeconds });
    this.secrets = this.tokens.secrets;
    this.policy = resolveRetryPolicy(options.retry);
    this.timeoutMs = positive(options.timeoutMs ?? 30_000, "timeoutMs");
    this.deadlineMs = positive(options.deadlineMs ?? 120_000, "deadlineMs");
    this.maxResponseBytes = positive(options.maxResponseBytes ?? 8 * 1024 * 1024, "maxResponseBytes");
    this.scheduler = schedulerFrom(options);
    this.random = options.random ?? Math.random;
    this.beforeAttempt = options.beforeAttempt;
    this.listPageSize = positive(options.listPageSize ?? 50, "listPageSize");
    this.maxListPages = positive(options.maxListPages ?? 200, "maxListPages");
    this.base = `/agentassist/api/v1/public/${encodeURIComponent(target.appId)}`;
    this.staticHeaders = {
      iid: target.appId,
      accountId: target.accountId,
      accept: "application/json",
      "user-agent": options.userAgent ?? "pulumi-kore-campaigns",
    };
    this.accountId = target.accountId;
    this.appId = target.appId;
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      connect: { timeout: positive(options.connectTimeoutMs ?? 10_000, "connectTimeoutMs") },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    this.dispatcher = new RetryAgent(this.agent.compose(...(options.interceptors ?? []), this.attemptGate()), {
      // Our callback replaces undici's default decision (methods, codes, counts all come from the policy).
      retry: this.retryCallback(),
      // Hand the final failed response (with Kore's error body) to us instead of throwing it away.
      throwOnError: false,
    });
  }

  /** POST .../campaign?campaignType=voice. Never repeated once it may have reached Kore (see the retry policy). */
  async createCampaign(body: RequestBody): Promise<CreateResult> {
    return this.send({
      call: "createCampaign",
      method: "POST",
      path: `${this.base}/campaign?campaignType=voice`,
      body,
      parse: (json) => parseWith(createResponse, json),
    });
  }

  /** GET .../campaign/{id}. A missing campaign is a KoreApiError with status 404. */
  async getCampaign(id: string): Promise<WireCampaign> {
    return this.send({
      call: "getCampaign",
      method: "GET",
      path: this.campaignUrl("getCampaign", "GET", this.base, id, ""),
      parse: (json) => parseWith(getResponse, json),
    });
  }

  /** PUT .../campaign/{id}?campaignType=voice; returns the updated record. */
  async updateCampaign(id: string, body: RequestBody): Promise<WireCampaign> {
    return this.send({
      call: "updateCampaign",
      method: "PUT",
      path: this.campaignUrl("updateCampaign", "PUT", this.base, id, "?campaignType=voice"),
      body,
      parse: (json) => parseWith(updateResponse, json),
    });
  }

  /** DELETE .../campaign/{id}?campaignType=voice. */
  async deleteCampaign(id: string): Promise<void> {
    await this.send({
      call: "deleteCampaign",
      method: "DELETE",
      path: this.campaignUrl("deleteCampaign", "DELETE", this.base, id, "?campaignType=voice"),
      parse: (json) => parseWith(deleteResponse, json),
    });
  }

  /** POST .../campaign/getAllCampaignDetails?accountId=..., body `{limit, skip, page, type}` (`type` "voice" unless "sms"). */
  async listCampaignsPage(p: { limit: number; skip: number; page: number; type?: "voice" | "sms" }): Promise<ListPage> {
    for (const k of ["limit", "page"] as const) positive(p[k], k);
    if (!Number.isInteger(p.skip) || p.skip < 0) throw new RangeError("skip must be an integer >= 0");
    return this.send({
      call: "listCampaigns",
      method: "POST",
      path: `${this.base}/campaign/getAllCampaignDetails?accountId=${encodeURIComponent(this.accountId)}`,
      body: { limit: p.limit, skip: p.skip, page: p.page, type: p.type ?? "voice" },
      parse: (json) => parseWith(listResponse, json),
    });
  }

  /**
   * Every voice campaign, page by page until `hasMore` is false. The next `skip` is the records
   * received so far (not `page * limit`), so a server that caps `limit` below ours loses nothing.
   * Records seen twice (a campaign created between two pages shifts the window) are kept once.
   */
  async listAllCampaigns(opts: { pageSize?: number; maxPages?: number; onSkipped?: (record: SkippedRecord & { page: number }) => void } = {}): Promise<WireCampaign[]> {
    const limit = opts.pageSize ?? this.listPageSize;
    const maxPages = opts.maxPages ?? this.maxListPages;
    const byId = new Map<string, WireCampaign>();
    let skip = 0;
    let pages = 0;
    for (let page = 1; page <= maxPages; page++) {
      pages = page;
      const { records, hasMore, skipped, received } = await this.listCampaignsPage({ limit, skip, page });
      for (const r of records) if (!byId.has(r.id)) byId.set(r.id, r);
      for (const s of skipped) opts.onSkipped?.({ page, ...s }); // one bad record does not hide the others
      if (!hasMore) return [...byId.values()];
      if (received === 0) break; // "more" but nothing on this page: the server is looping
      skip += received;
    }
    throw new KoreApiError({
      call: "listCampaigns",
      method: "POST",
      path: `${this.base}/campaign/getAllCampaignDetails?accountId=${encodeURIComponent(this.accountId)}`,
      attempts: pages,
      detail: `the listing did not end: still "hasMore" after ${maxPages} pages of ${limit} (or an empty page that claimed more)`,
      secrets: this.secrets,
    });
  }

  /** POST /campaign/api/v1/public/{appId}/campaign/{id}?campaignType=voice&trigger=play, body `{}`. */
  async startCampaign(id: string): Promise<TriggerResult> {
    return this.trigger("startCampaign", id, "play");
  }

  /** POST /campaign/api/v1/public/{appId}/campaign/{id}?campaignType=voice&trigger=stop, body `{}`. */
  async stopCampaign(id: string): Promise<TriggerResult> {
    return this.trigger("stopCampaign", id, "stop");
  }

  /**
   * The v2 schedule call, which addresses the campaign by its name:
   * POST /campaign/api/v2/public/{appId}/campaign/schedule?enableSchedule=true&campaignName={name} with the
   * schedule body, or `enableSchedule=false` with `{}` to disable it. Never repeated once it may have
   * reached Kore (like the triggers: whether a repeated enable could start a second run is not documented);
   * the lifecycle records an unconfirmed schedule as pending and the next up sends it again.
   */
  async setCampaignSchedule(campaignName: string, schedule: RequestBody | undefined): Promise<ScheduleResult> {
    const call: KoreCall = schedule === undefined ? "disableCampaignSchedule" : "enableCampaignSchedule";
    const query = `enableSchedule=${schedule !== undefined}&campaignName=${encodeURIComponent(campaignName)}`;
    return this.send({
      call,
      method: "POST",
      path: `/campaign/api/v2/public/${encodeURIComponent(this.appId)}/campaign/schedule?${query}`,
      body: schedule ?? {},
      parse: (json) => parseWith(scheduleResponse, json),
    });
  }

  /** POST .../campaign/{id}/status?view=status (no body). */
  async getCampaignStatus(id: string): Promise<CampaignStatus> {
    return this.send({
      call: "getCampaignStatus",
      method: "POST",
      path: this.campaignUrl("getCampaignStatus", "POST", this.base, id, "/status?view=status"),
      parse: (json) => parseWith(statusResponse, json),
    });
  }

  /**
   * POST .../campaign/contactList/createContactList, body `{name, description, source, allowDuplicates}`.
   * Never repeated once it may have reached Kore, like the campaign create.
   */
  async createContactList(body: RequestBody): Promise<WireContactList> {
    return this.send({
      call: "createContactList",
      method: "POST",
      path: `${this.base}/campaign/contactList/createContactList`,
      body,
      parse: (json) => parseWith(contactListResponse, json),
    });
  }

  /** GET .../campaign/contactList/{id}. A missing list is a KoreApiError with status 404. */
  async getContactList(id: string): Promise<WireContactList> {
    return this.send({
      call: "getContactList",
      method: "GET",
      path: this.contactListUrl("getContactList", "GET", id),
      parse: (json) => parseWith(contactListResponse, json),
    });
  }

  /**
   * Every contact list of the app: POST .../campaign/contactList/getAllListDetails?type=call. The method
   * table says POST (its curl would send a GET); we follow the table and send an empty JSON body. No
   * paging is documented, so one answer is the whole listing.
   */
  async listContactLists(): Promise<WireContactList[]> {
    return this.send({
      call: "listContactLists",
      method: "POST",
      path: `${this.base}/campaign/contactList/getAllListDetails?type=call`,
      body: {},
      parse: (json) => parseWith(contactListsResponse, json),
    });
  }

  /** DELETE .../campaign/contactList/{id}. */
  async deleteContactList(id: string): Promise<void> {
    await this.send({
      call: "deleteContactList",
      method: "DELETE",
      path: this.contactListUrl("deleteContactList", "DELETE", id),
      parse: (json) => parseWith(deleteResponse, json),
    });
  }

  /** Closes the keep-alive connections (waits for calls in flight). */
  close(): Promise<void> {
    return this.agent.close();
  }

  private async trigger(call: "startCampaign" | "stopCampaign", id: string, trigger: "play" | "stop"): Promise<TriggerResult> {
    const prefix = `/campaign/api/v1/public/${encodeURIComponent(this.appId)}`;
    return this.send({
      call,
      method: "POST",
      path: this.campaignUrl(call, "POST", prefix, id, `?campaignType=voice&trigger=${trigger}`),
      body: {},
      parse: (json) => parseWith(triggerResponse, json),
    });
  }

  /** `{prefix}/campaign/{id}{suffix}` with the id encoded, or a KoreApiError (attempts 0) before anything is sent. */
  private campaignUrl(call: KoreCall, method: string, prefix: string, id: string, suffix: string): string {
    if (typeof id === "string" && CAMPAIGN_ID_PATTERN.test(id)) return `${prefix}/campaign/${encodeURIComponent(id)}${suffix}`;
    const shown = describeId(id);
    throw new KoreApiError({
      call,
      method,
      path: `${prefix}/campaign/{campaignId}${suffix}`,
      detail: `refused before sending: campaign id ${shown} is not a plain id (${CAMPAIGN_ID_PATTERN.source})`,
      attempts: 0,
      secrets: this.secrets,
    });
  }

  private contactListUrl(call: KoreCall, method: string, id: string): string {
    const prefix = `${this.base}/campaign/contactList`;
    if (typeof id === "string" && CAMPAIGN_ID_PATTERN.test(id)) return `${prefix}/${encodeURIComponent(id)}`;
    throw new KoreApiError({
      call,
      method,
      path: `${prefix}/{contactListId}`,
      detail: `refused before sending: contact list id ${describeId(id)} is not a plain id (${CAMPAIGN_ID_PATTERN.source})`,
      attempts: 0,
      secrets: this.secrets,
    });
  }

  /** One call: retries, response parsing, and every failure turned into a scrubbed KoreApiError. */
  private async send<T>(spec: CallSpec<T>): Promise<T> {
    const state: CallState = { call: spec.call, attempts: 0, waitedMs: 0, pendingDelayMs: 0 };
    const fail = (d: Failure): KoreApiError =>
      new KoreApiError({ ...d, call: spec.call, method: spec.method, path: spec.path, attempts: state.attempts, secrets: this.secrets });
    try {
      const headers: Record<string, string> = { ...this.staticHeaders };
      if (spec.body !== undefined) headers["content-type"] = "application/json";
      const deadline = AbortSignal.timeout(this.deadlineMs);
      const pastDeadline = (status: number | undefined): Failure => ({
        status,
        code: "KORE_DEADLINE",
        outcomeUnknown: !READ_ONLY_CALLS.has(spec.call),
        detail:
          `no complete answer within ${Math.round(this.deadlineMs / 1000)} s, the call's deadline (retries included; ` +
          `kore:requestDeadlineSeconds)${READ_ONLY_CALLS.has(spec.call) ? "" : `; ${outcomeUnknownText(spec.call)}`}`,
      });
      let res: Dispatcher.ResponseData;
      try {
        const options: Dispatcher.RequestOptions & WithCallState = {
          origin: this.origin,
          path: spec.path,
          method: spec.method,
          headers,
          body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
          headersTimeout: this.timeoutMs,
          bodyTimeout: this.timeoutMs,
          signal: deadline,
          [CALL_STATE]: state,
        };
        res = await this.dispatcher.request(options);
      } catch (err) {
        throw fail(deadline.aborted ? pastDeadline(undefined) : this.networkFailure(spec.call, err, state, undefined));
      }
      let text: string;
      try {
        text = await readCapped(res.body, this.maxResponseBytes);
      } catch (err) {
        if (err instanceof TooLargeError) {
          throw fail({ status: res.statusCode, outcomeUnknown: !READ_ONLY_CALLS.has(spec.call) && res.statusCode < 300, detail: err.message });
        }
        throw fail(deadline.aborted ? pastDeadline(res.statusCode) : this.networkFailure(spec.call, err, state, res.statusCode));
      }
      if (res.statusCode >= 300 && res.statusCode < 400) throw fail(redirectFailure(spec.call, res.statusCode, res.headers.location));
      if (res.statusCode < 200 || res.statusCode > 299) {
        throw fail(this.httpFailure(spec.call, res.statusCode, text, state));
      }
      return this.parseSuccess(spec, res.statusCode, text, fail);
    } catch (err) {
      if (err instanceof KoreApiError) throw err;
      throw fail({ detail: `unexpected client failure: ${messageOf(err)}`, cause: err });
    }
  }

  private parseSuccess<T>(spec: CallSpec<T>, status: number, text: string, fail: (d: Failure) => KoreApiError): T {
    // A 2xx we cannot read after a create: Kore most likely created the campaign, but we lack its id.
    const unreadable = (what: string): KoreApiError =>
      fail({
        status,
        koreMessage: `unexpected response to ${spec.call}: expected ${EXPECTED[spec.call]}; ${what}`,
        outcomeUnknown: CREATE_CALLS.has(spec.call),
        detail: CREATE_CALLS.has(spec.call) ? outcomeUnknownText(spec.call) : undefined,
      });
    let json: unknown;
    if (text.trim() !== "") {
      try {
        json = JSON.parse(text);
      } catch {
        throw unreadable(`the body is not JSON: "${plainText(text, 120)}"`);
      }
    }
    if (CALLS_WITH_SUCCESS_ENVELOPE.has(spec.call)) {
      const failure = failureEnvelope.safeParse(json);
      if (failure.success) {
        throw fail({ status, koreMessage: failure.data.message ?? 'Kore answered {"status": "failure"}', detail: definiteFailureText(spec.call) });
      }
    }
    const parsed = spec.parse(json);
    if (!parsed.ok) throw unreadable(json === undefined ? "got an empty body" : `got ${parsed.problem}`);
    noteUnknownFields(spec.call, json);
    return parsed.value;
  }

  private httpFailure(call: KoreCall, status: number, text: string, state: CallState): Failure {
    const kore = parseErrorBody(text);
    // A 5xx may come after the work was done (or half done); a 4xx (429 included) means it was refused.
    const unknown = status >= 500 && !READ_ONLY_CALLS.has(call);
    const gaveUp = givenUp(state);
    return {
      status,
      koreMessage: kore.message,
      koreCode: kore.code,
      outcomeUnknown: unknown,
      detail: [gaveUp, unknown ? outcomeUnknownText(call) : status >= 400 ? definiteFailureText(call) : undefined].filter(Boolean).join("; ") || undefined,
    };
  }

  private networkFailure(call: KoreCall, err: unknown, state: CallState, status: number | undefined): Failure {
    const code = typeof (err as { code?: unknown })?.code === "string" ? (err as { code: string }).code : undefined;
    const notSent = status === undefined && (err instanceof NotSentError || (code !== undefined && this.policy.notSentErrorCodes.includes(code)));
    // No answer (or half an answer) to a request that changes things: it may have been applied.
    const unknown = !READ_ONLY_CALLS.has(call) && !notSent && (status === undefined || status < 400 || status >= 500);
    const gaveUp = givenUp(state);
    const what = describeNetworkError(code, err, this.timeoutMs, status);
    return {
      status,
      code,
      outcomeUnknown: unknown,
      detail: [what, gaveUp, unknown ? outcomeUnknownText(call) : notSent ? definiteFailureText(call) : undefined].filter(Boolean).join("; "),
      cause: err,
    };
  }

  /** undici's `retry` callback: classify the failure, ask the policy, record the delay for the gate. */
  private retryCallback(): RetryHandler.RetryCallback {
    return (err, context, callback) => {
      const state = (context.opts as WithCallState)[CALL_STATE];
      if (!state) return callback(err); // not one of ours: never retried
      const call = state.call;
      const e = err as Error & { statusCode?: unknown; code?: unknown; headers?: Record<string, string | string[] | undefined> };
      const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
      const code = status === undefined && typeof e.code === "string" ? e.code : undefined;
      const retryAfterMs = status !== undefined ? parseRetryAfter(e.headers?.["retry-after"]) : undefined;
      const decision = decideRetry(this.policy, call, { status, code, retryAfterMs }, { attempts: state.attempts, waitedMs: state.waitedMs }, this.random);
      state.lastDecision = decision;
      if (status === 429) this.scheduler?.onRateLimited?.(retryAfterMs ?? (decision.retry ? decision.delayMs : 0));
      if (decision.retry) {
        state.pendingDelayMs = decision.delayMs;
        callback(null);
      } else {
        callback(err);
      }
    };
  }

  /**
   * An undici interceptor run once per HTTP attempt: wait the backoff the retry callback asked for,
   * take a scheduler slot (held until the attempt's response ends), ask `beforeAttempt` (at the last
   * moment, after any wait), and send a freshly minted JWT.
   */
  private attemptGate(): Dispatcher.DispatcherComposeInterceptor {
    return (dispatch) => (opts, handler) => {
      // every call sets its state (send()); a bare dispatch still gets a token and a slot, with throwaway bookkeeping
      const state = (opts as WithCallState)[CALL_STATE] ?? { call: "getCampaign", attempts: 0, waitedMs: 0, pendingDelayMs: 0 };
      state.attempts += 1;
      void (async () => {
        let dispatched = false;
        try {
          const delay = state.pendingDelayMs;
          state.pendingDelayMs = 0;
          if (delay > 0) {
            await sleep(delay);
            state.waitedMs += delay;
          }
          const attempt = async (): Promise<void> => {
            await this.beforeAttempt?.();
            const auth = await this.tokens.token();
            const headers = { ...(opts.headers as Record<string, string>), auth };
            await new Promise<void>((resolve) => {
              dispatched = true; // from here on undici reports to `handler`, even synchronously
              try {
                dispatch({ ...opts, headers }, whenSettled(handler, resolve));
              } catch (err) {
                dispatched = false; // threw without telling the handler: report it below
                throw err;
              }
            });
          };
          await (this.scheduler ? this.scheduler.run(attempt) : attempt());
        } catch (err) {
          // Failed before reaching undici (token, scheduler): this attempt was never sent.
          if (!dispatched) handler.onResponseError?.(ABORTED_CONTROLLER, new NotSentError(err));
        }
      })();
      return true;
    };
  }
}

/** Forwards everything to `handler` and calls `done` once the attempt has ended, either way. */
function whenSettled(handler: Dispatcher.DispatchHandler, done: () => void): Dispatcher.DispatchHandler {
  return {
    onRequestStart: (c, ctx) => handler.onRequestStart?.(c, ctx),
    onRequestUpgrade: (c, s, h, socket) => handler.onRequestUpgrade?.(c, s, h, socket),
    onResponseStart: (c, s, h, m) => handler.onResponseStart?.(c, s, h, m),
    onResponseData: (c, chunk) => handler.onResponseData?.(c, chunk),
    onResponseEnd: (c, trailers) => {
      try {
        handler.onResponseEnd?.(c, trailers);
      } finally {
        done();
      }
    },
    onResponseError: (c, err) => {
      try {
        handler.onResponseError?.(c, err);
      } finally {
        done();
      }
    },
  };
}

/** A failure before the attempt reached undici (minting the token, the scheduler): nothing was sent. */
class NotSentError extends Error {
  readonly code = "KORE_NOT_SENT";
  constructor(cause: unknown) {
    super(`not sent: ${messageOf(cause)}`, { cause });
    this.name = "NotSentError";
  }
}

/** Stand-in controller for failures raised before undici ever saw the attempt. */
const ABORTED_CONTROLLER: Dispatcher.DispatchController = {
  aborted: false,
  paused: false,
  reason: null,
  abort: () => undefined,
  pause: () => undefined,
  resume: () => undefined,
};

/** An answer body longer than the client reads. */
class TooLargeError extends Error {}

/** The body as text, abandoning (not buffering) one longer than `max` bytes. */
async function readCapped(body: Dispatcher.ResponseData["body"], max: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      throw new TooLargeError(`the answer is larger than ${max} bytes, the most the client reads; it was abandoned`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** A 3xx: never followed (the token would go to another host); say where it pointed, briefly. */
function redirectFailure(call: KoreCall, status: number, location: string | string[] | undefined): Failure {
  const raw = Array.isArray(location) ? location[0] : location;
  let where = "no Location given";
  if (raw) {
    try {
      const url = new URL(raw, "https://kore.invalid");
      where = `to ${url.host === "kore.invalid" ? "" : url.origin}${plainText(url.pathname, 60)}`;
    } catch {
      where = `to an unreadable location (${plainText(raw, 40)})`;
    }
  }
  return {
    status,
    koreMessage: `the server redirected (${status}) ${where}`,
    outcomeUnknown: false,
    detail: `redirects are not followed, so the credentials are never sent elsewhere; check kore:host${call === "createCampaign" ? "; the campaign was not created" : ""}`,
  };
}

/** "gave up after 4 attempts" when retries ran out, else undefined. */
function givenUp(state: CallState): string | undefined {
  const d = state.lastDecision;
  return d && !d.retry && d.exhausted ? d.reason : undefined;
}

function outcomeUnknownText(call: KoreCall): string {
  if (call === "createCampaign") {
    return "the outcome is unknown: Kore may or may not have created the campaign. The request was not retried, so a duplicate campaign cannot dial anyone twice; look the campaign up by name before creating it again";
  }
  if (call === "createContactList") {
    return "the outcome is unknown: Kore may or may not have created the contact list. The request was not retried; look the list up by name before creating it again";
  }
  return "the outcome is unknown: the change may or may not have been applied";
}

function definiteFailureText(call: KoreCall): string | undefined {
  if (call === "createCampaign") return "the campaign was not created";
  if (call === "createContactList") return "the contact list was not created";
  return undefined;
}

function describeId(id: unknown): string {
  return typeof id === "string" ? JSON.stringify(id.length > 64 ? `${id.slice(0, 64)}...` : id) : String(id);
}

function describeNetworkError(code: string | undefined, err: unknown, timeoutMs: number, status: number | undefined): string {
  const raw = messageOf(err);
  const tag = code ? ` (${code}: ${raw})` : ` (${raw})`;
  const phase = status === undefined ? "" : ` after a ${status} answer had started`;
  switch (code) {
    case "UND_ERR_HEADERS_TIMEOUT":
      return `timed out: no response within ${timeoutMs} ms${tag}`;
    case "UND_ERR_BODY_TIMEOUT":
      return `timed out: the response body stalled for ${timeoutMs} ms${phase}${tag}`;
    case "UND_ERR_CONNECT_TIMEOUT":
      return `timed out while connecting${tag}`;
    case "ECONNREFUSED":
      return `connection refused${tag}`;
    case "KORE_NOT_SENT":
      return raw;
    case "ECONNRESET":
    case "EPIPE":
    case "UND_ERR_SOCKET":
    case "UND_ERR_CLOSED":
      return `the connection closed before a complete response arrived${phase}${tag}`;
    default:
      return `network error${phase}${tag}`;
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
