/**
 * What a failed call means, in the words of its `KoreApiError`: was the request refused, lost, or possibly
 * applied (`outcomeUnknown`), and what the caller should know. Pure: the transport (transport.ts) hands in
 * what happened, the endpoint table (endpoints.ts) says whether the call reads only or creates.
 *
 * The rules: a read that failed changed nothing; a 4xx (429 included) and a failure before a byte was sent
 * mean refused; a 5xx, a lost or half-read answer, or a missed deadline on a call that changes things may
 * have been applied. A 2xx that cannot be read after a create most likely made something we lack the id of.
 */
import type { KoreApiErrorDetails } from "./errors";
import { endpointOf, type KoreCall } from "./endpoints";
import { parseErrorBody, plainText } from "./responses";
import type { RetryDecision } from "./retry-policy";
import { messageOf } from "../util/values";

/** What a failed call contributes to its KoreApiError (the transport adds call, method, path, attempts, secrets). */
export type Failure = Omit<KoreApiErrorDetails, "call" | "method" | "path" | "secrets" | "attempts">;

/** A failure before the attempt reached undici (minting the token, the scheduler): nothing was sent. */
export class NotSentError extends Error {
  readonly code = "KORE_NOT_SENT";
  constructor(cause: unknown) {
    super(`not sent: ${messageOf(cause)}`, { cause });
    this.name = "NotSentError";
  }
}

const readsOnly = (call: KoreCall): boolean => endpointOf(call).readOnly === true;

/** An error status: Kore's words, and whether the change may have happened (a 5xx on a call that changes things). */
export function httpFailure(call: KoreCall, status: number, text: string, lastDecision: RetryDecision | undefined): Failure {
  const kore = parseErrorBody(text);
  // A 5xx may come after the work was done (or half done); a 4xx (429 included) means it was refused.
  const unknown = status >= 500 && !readsOnly(call);
  const gaveUp = givenUp(lastDecision);
  return {
    status,
    koreMessage: kore.message,
    koreCode: kore.code,
    outcomeUnknown: unknown,
    detail: [gaveUp, unknown ? outcomeUnknownText(call) : status >= 400 ? definiteFailureText(call) : undefined].filter(Boolean).join("; ") || undefined,
  };
}

/** No answer, or half of one (`status` when the answer had started). `notSentCodes`: connect-phase failures. */
export function networkFailure(
  call: KoreCall,
  err: unknown,
  status: number | undefined,
  context: { lastDecision: RetryDecision | undefined; notSentCodes: readonly string[]; timeoutMs: number },
): Failure {
  const code = typeof (err as { code?: unknown })?.code === "string" ? (err as { code: string }).code : undefined;
  const notSent = status === undefined && (err instanceof NotSentError || (code !== undefined && context.notSentCodes.includes(code)));
  // No answer (or half an answer) to a request that changes things: it may have been applied.
  const unknown = !readsOnly(call) && !notSent && (status === undefined || status < 400 || status >= 500);
  const gaveUp = givenUp(context.lastDecision);
  const what = describeNetworkError(code, err, context.timeoutMs, status);
  return {
    status,
    code,
    outcomeUnknown: unknown,
    detail: [what, gaveUp, unknown ? outcomeUnknownText(call) : notSent ? definiteFailureText(call) : undefined].filter(Boolean).join("; "),
    cause: err,
  };
}

/** The call's deadline passed (retries included) before a complete answer. */
export function deadlineFailure(call: KoreCall, status: number | undefined, deadlineMs: number): Failure {
  const readOnly = readsOnly(call);
  return {
    status,
    code: "KORE_DEADLINE",
    outcomeUnknown: !readOnly,
    detail:
      `no complete answer within ${Math.round(deadlineMs / 1000)} s, the call's deadline (retries included; ` +
      `kore:requestDeadlineSeconds)${readOnly ? "" : `; ${outcomeUnknownText(call)}`}`,
  };
}

/** An answer longer than the client reads: after a 2xx to a call that changes things, it was probably applied. */
export function tooLargeFailure(call: KoreCall, status: number, detail: string): Failure {
  return { status, outcomeUnknown: !readsOnly(call) && status < 300, detail };
}

/** A 3xx: never followed (the token would go to another host); say where it pointed, briefly. */
export function redirectFailure(call: KoreCall, status: number, location: string | string[] | undefined): Failure {
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

/** A 2xx saying `{status: "failure"}`: refused. */
export function failureEnvelopeFailure(call: KoreCall, status: number, message: string | undefined): Failure {
  return { status, koreMessage: message ?? 'Kore answered {"status": "failure"}', detail: definiteFailureText(call) };
}

/** A 2xx we cannot read (`what` says how); after a create, Kore most likely created the object, but we lack its id. */
export function unreadableFailure(call: KoreCall, status: number, what: string): Failure {
  const creates = endpointOf(call).creates;
  return {
    status,
    koreMessage: `unexpected response to ${call}: expected ${endpointOf(call).expected}; ${what}`,
    outcomeUnknown: creates !== undefined,
    detail: creates?.outcomeUnknown,
  };
}

/** "gave up after 4 attempts" when retries ran out, else undefined. */
function givenUp(d: RetryDecision | undefined): string | undefined {
  return d && !d.retry && d.exhausted ? d.reason : undefined;
}

function outcomeUnknownText(call: KoreCall): string {
  return endpointOf(call).creates?.outcomeUnknown ?? "the outcome is unknown: the change may or may not have been applied";
}

function definiteFailureText(call: KoreCall): string | undefined {
  return endpointOf(call).creates?.refused;
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
