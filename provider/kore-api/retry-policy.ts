/**
 * Retry as data: which calls may be repeated, after which failures, how often and how long, read by
 * one small pure function (`decideRetry`). The client plugs it into undici's `RetryHandler` as its
 * `retry` callback.
 *
 * The create POST and the play/stop triggers are not in `retryCalls`: a repeated create could make a
 * duplicate campaign that dials customers twice, and a repeated play a second start. It is retried only after failures that prove Kore did not process it:
 * `notProcessedStatusCodes` (429: the rate limiter refused it before any work was done) and
 * `notSentErrorCodes` (failures while connecting, before a byte of the request left us). The same holds
 * for the triggers.
 */
import type { KoreCall } from "./endpoints";

export interface RetryPolicy {
  /** Calls that may be repeated after any failure in `statusCodes` / `errorCodes`. */
  retryCalls: readonly KoreCall[];
  /** Statuses worth another try for `retryCalls`. */
  statusCodes: readonly number[];
  /** Network / undici error codes worth another try for `retryCalls`. */
  errorCodes: readonly string[];
  /** Statuses meaning "not processed": retried for every call, create included. */
  notProcessedStatusCodes: readonly number[];
  /** Error codes meaning "never sent" (connect-phase failures): retried for every call, create included. */
  notSentErrorCodes: readonly string[];
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Backoff before retry n (n = 1, 2, ...) is `min(maxDelayMs, minDelayMs * factor^(n-1))`, then jittered. */
  minDelayMs: number;
  maxDelayMs: number;
  factor: number;
  /** Wait at least what the server's `Retry-After` says (seconds or an HTTP date). */
  honourRetryAfter: boolean;
  /** Give up rather than let the waits of one call add up to more than this. */
  maxTotalWaitMs: number;
}

/** Connect-phase failures: the request never left this process. */
export const NOT_SENT_ERROR_CODES = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"] as const;

export const DEFAULT_RETRY_POLICY: RetryPolicy = Object.freeze({
  // Not the triggers: whether a lost play took effect is decided by the campaign's status (lifecycle.ts),
  // never by resending blindly; Kore does not document that a second play on an Active campaign is refused.
  // Nor the contact-list create, for the same reason as the campaign create: a second list of one name.
  retryCalls: ["getCampaign", "listCampaigns", "updateCampaign", "deleteCampaign", "getCampaignStatus", "getContactList", "listContactLists", "deleteContactList"],
  statusCodes: [429, 500, 502, 503, 504],
  errorCodes: [
    ...NOT_SENT_ERROR_CODES,
    "ECONNRESET",
    "EPIPE",
    "ETIMEDOUT",
    "ENETUNREACH",
    "EHOSTUNREACH",
    "ENETDOWN",
    "EHOSTDOWN",
    "UND_ERR_SOCKET",
    "UND_ERR_CLOSED",
    "UND_ERR_HEADERS_TIMEOUT",
    "UND_ERR_BODY_TIMEOUT",
  ],
  notProcessedStatusCodes: [429],
  notSentErrorCodes: [...NOT_SENT_ERROR_CODES],
  maxRetries: 4,
  minDelayMs: 500,
  maxDelayMs: 10_000,
  factor: 2,
  honourRetryAfter: true,
  maxTotalWaitMs: 60_000,
} satisfies RetryPolicy);

/** The default policy with `overrides` applied (e.g. tiny delays in tests). */
export function resolveRetryPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const p = { ...DEFAULT_RETRY_POLICY, ...overrides };
  const bad = (["maxRetries", "minDelayMs", "maxDelayMs", "factor", "maxTotalWaitMs"] as const).filter(
    (k) => typeof p[k] !== "number" || !Number.isFinite(p[k]) || p[k] < 0,
  );
  if (bad.length > 0) throw new RangeError(`retry policy: ${bad.join(", ")} must be finite numbers >= 0`);
  return p;
}

/** One failed attempt, as the retry decision sees it. */
export interface AttemptFailure {
  status?: number;
  code?: string;
  /** From `Retry-After`, already parsed (see `parseRetryAfter`). */
  retryAfterMs?: number;
}

export interface RetryState {
  /** Attempts made so far, the failed one included (1 after the first attempt). */
  attempts: number;
  /** Sum of the delays already waited for this call. */
  waitedMs: number;
}

/** `exhausted`: the failure was retryable but the attempts or the wait budget ran out (`reason` says which). */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; exhausted: boolean; reason: string };

/** Should this call be tried again after this failure, and after how long? Pure (randomness injected). */
export function decideRetry(
  policy: RetryPolicy,
  call: KoreCall,
  failure: AttemptFailure,
  state: RetryState,
  random: () => number = Math.random,
): RetryDecision {
  const { status, code } = failure;
  const notProcessed =
    (status !== undefined && policy.notProcessedStatusCodes.includes(status)) ||
    (code !== undefined && policy.notSentErrorCodes.includes(code));
  const retryableCall =
    policy.retryCalls.includes(call) &&
    ((status !== undefined && policy.statusCodes.includes(status)) || (code !== undefined && policy.errorCodes.includes(code)));
  if (!notProcessed && !retryableCall) {
    return { retry: false, exhausted: false, reason: "not retryable" };
  }
  if (state.attempts > policy.maxRetries) {
    return { retry: false, exhausted: true, reason: `gave up after ${state.attempts} attempts` };
  }
  const backoff = Math.min(policy.maxDelayMs, policy.minDelayMs * policy.factor ** (state.attempts - 1));
  // "Equal jitter": somewhere in [backoff/2, backoff), so concurrent clients spread out but never hammer.
  const jittered = Math.round(backoff / 2 + (random() * backoff) / 2);
  const serverSays = policy.honourRetryAfter ? failure.retryAfterMs : undefined;
  const delayMs = serverSays !== undefined ? Math.max(serverSays, jittered) : jittered;
  if (state.waitedMs + delayMs > policy.maxTotalWaitMs) {
    return {
      retry: false,
      exhausted: true,
      reason: `gave up after ${state.attempts} attempts: waiting ${delayMs} ms more would exceed the retry budget of ${policy.maxTotalWaitMs} ms`,
    };
  }
  return { retry: true, delayMs };
}

/**
 * `Retry-After` in milliseconds: delta-seconds (`"120"`) or an HTTP date (a past date gives 0).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | string[] | undefined, nowMs: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined) return undefined;
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  if (!/[a-z]/i.test(text)) return undefined; // "-5", "" and the like: not a date either
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
