/**
 * One HTTP transport for every Kore.ai call: send, retry, the call's deadline, the capped answer body, and
 * every failure turned into a scrubbed `KoreApiError` (failures.ts says what each one means).
 *
 * How one call travels:
 *
 *   send()  ->  RetryAgent (undici's RetryHandler; our `retry` callback = decideRetry(policy))
 *           ->  attempt gate (per attempt: wait the backoff, take a scheduler slot, mint a fresh JWT)
 *           ->  the keep-alive Agent  ->  Kore.ai
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
 */
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, RetryAgent, type Dispatcher, type RetryHandler } from "undici";
import type { TokenSource } from "./auth";
import { endpointOf, type HttpMethod, type KoreCall } from "./endpoints";
import { KoreApiError } from "./errors";
import {
  deadlineFailure,
  failureEnvelopeFailure,
  httpFailure,
  networkFailure,
  NotSentError,
  redirectFailure,
  tooLargeFailure,
  unreadableFailure,
  type Failure,
} from "./failures";
import { failureEnvelope, parseWith, plainText } from "./responses";
import { decideRetry, parseRetryAfter, type RetryDecision, type RetryPolicy } from "./retry-policy";
import type { RequestScheduler } from "./scheduler";
import { noteUnknownFields } from "./shapes";
import { messageOf } from "../util/values";

export interface TransportSettings {
  /** `https://host[:port]`, already checked (target.ts). */
  origin: string;
  /** Sent with every request (the token is added per attempt). */
  headers: Readonly<Record<string, string>>;
  tokens: TokenSource;
  policy: RetryPolicy;
  timeoutMs: number;
  connectTimeoutMs: number;
  deadlineMs: number;
  maxResponseBytes: number;
  scheduler?: RequestScheduler;
  random: () => number;
  beforeAttempt?: () => Promise<void>;
  interceptors: Dispatcher.DispatcherComposeInterceptor[];
}

/** One request, ready to send: the path and query already filled and encoded (endpoints.ts). */
export interface Request {
  call: KoreCall;
  method: HttpMethod;
  path: string;
  body?: unknown;
}

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

export class Transport {
  private readonly agent: Agent;
  /** The retrying dispatcher every call goes through (built once: see the top of this file). */
  private readonly dispatcher: Dispatcher;

  constructor(private readonly s: TransportSettings) {
    this.agent = new Agent({
      keepAliveTimeout: 10_000,
      connect: { timeout: s.connectTimeoutMs },
      headersTimeout: s.timeoutMs,
      bodyTimeout: s.timeoutMs,
    });
    this.dispatcher = new RetryAgent(this.agent.compose(...s.interceptors, this.attemptGate()), {
      // Our callback replaces undici's default decision (methods, codes, counts all come from the policy).
      retry: this.retryCallback(),
      // Hand the final failed response (with Kore's error body) to us instead of throwing it away.
      throwOnError: false,
    });
  }

  /** The secrets every error is scrubbed of (client secret, minted JWTs). */
  get secrets(): readonly string[] {
    return this.s.tokens.secrets;
  }

  /** Closes the keep-alive connections (waits for calls in flight). */
  close(): Promise<void> {
    return this.agent.close();
  }

  /** One call: retries, the answer parsed with the call's schema, every failure a scrubbed KoreApiError. */
  async send(req: Request): Promise<unknown> {
    const { call } = req;
    const state: CallState = { call, attempts: 0, waitedMs: 0, pendingDelayMs: 0 };
    const fail = (d: Failure): KoreApiError =>
      new KoreApiError({ ...d, call, method: req.method, path: req.path, attempts: state.attempts, secrets: this.secrets });
    const lost = (err: unknown, status: number | undefined): Failure =>
      networkFailure(call, err, status, { lastDecision: state.lastDecision, notSentCodes: this.s.policy.notSentErrorCodes, timeoutMs: this.s.timeoutMs });
    try {
      const headers: Record<string, string> = { ...this.s.headers };
      if (req.body !== undefined) headers["content-type"] = "application/json";
      const deadline = AbortSignal.timeout(this.s.deadlineMs);
      let res: Dispatcher.ResponseData;
      try {
        const options: Dispatcher.RequestOptions & WithCallState = {
          origin: this.s.origin,
          path: req.path,
          method: req.method,
          headers,
          body: req.body === undefined ? undefined : JSON.stringify(req.body),
          headersTimeout: this.s.timeoutMs,
          bodyTimeout: this.s.timeoutMs,
          signal: deadline,
          [CALL_STATE]: state,
        };
        res = await this.dispatcher.request(options);
      } catch (err) {
        throw fail(deadline.aborted ? deadlineFailure(call, undefined, this.s.deadlineMs) : lost(err, undefined));
      }
      let text: string;
      try {
        text = await readCapped(res.body, this.s.maxResponseBytes);
      } catch (err) {
        if (err instanceof TooLargeError) throw fail(tooLargeFailure(call, res.statusCode, err.message));
        throw fail(deadline.aborted ? deadlineFailure(call, res.statusCode, this.s.deadlineMs) : lost(err, res.statusCode));
      }
      if (res.statusCode >= 300 && res.statusCode < 400) throw fail(redirectFailure(call, res.statusCode, res.headers.location));
      if (res.statusCode < 200 || res.statusCode > 299) throw fail(httpFailure(call, res.statusCode, text, state.lastDecision));
      return parseSuccess(call, res.statusCode, text, fail);
    } catch (err) {
      if (err instanceof KoreApiError) throw err;
      throw fail({ detail: `unexpected client failure: ${messageOf(err)}`, cause: err });
    }
  }

  /** undici's `retry` callback: classify the failure, ask the policy, record the delay for the gate. */
  private retryCallback(): RetryHandler.RetryCallback {
    return (err, context, callback) => {
      const state = (context.opts as WithCallState)[CALL_STATE];
      if (!state) return callback(err); // not one of ours: never retried
      const e = err as Error & { statusCode?: unknown; code?: unknown; headers?: Record<string, string | string[] | undefined> };
      const status = typeof e.statusCode === "number" ? e.statusCode : undefined;
      const code = status === undefined && typeof e.code === "string" ? e.code : undefined;
      const retryAfterMs = status !== undefined ? parseRetryAfter(e.headers?.["retry-after"]) : undefined;
      const decision = decideRetry(this.s.policy, state.call, { status, code, retryAfterMs }, { attempts: state.attempts, waitedMs: state.waitedMs }, this.s.random);
      state.lastDecision = decision;
      if (status === 429) this.s.scheduler?.onRateLimited?.(retryAfterMs ?? (decision.retry ? decision.delayMs : 0));
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
            await this.s.beforeAttempt?.();
            const auth = await this.s.tokens.token();
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
          await (this.s.scheduler ? this.s.scheduler.run(attempt) : attempt());
        } catch (err) {
          // Failed before reaching undici (token, scheduler): this attempt was never sent.
          if (!dispatched) handler.onResponseError?.(ABORTED_CONTROLLER, new NotSentError(err));
        }
      })();
      return true;
    };
  }
}

/** A 2xx answer: JSON (or nothing), not a `{status: "failure"}` envelope where the call has one, and the call's schema. */
function parseSuccess(call: KoreCall, status: number, text: string, fail: (d: Failure) => KoreApiError): unknown {
  const endpoint = endpointOf(call);
  let json: unknown;
  if (text.trim() !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      throw fail(unreadableFailure(call, status, `the body is not JSON: "${plainText(text, 120)}"`));
    }
  }
  if (endpoint.failureEnvelope !== false) {
    const failure = failureEnvelope.safeParse(json);
    if (failure.success) throw fail(failureEnvelopeFailure(call, status, failure.data.message));
  }
  const parsed = parseWith(endpoint.response, json);
  if (!parsed.ok) throw fail(unreadableFailure(call, status, json === undefined ? "got an empty body" : `got ${parsed.problem}`));
  noteUnknownFields(call, json);
  return parsed.value;
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
