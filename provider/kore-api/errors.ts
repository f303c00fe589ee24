/**
 * Errors a caller can test for (`instanceof`), and secret redaction.
 *
 * Every message, field and `cause` of a `KoreApiError` passes through `redactSecrets` before it is
 * stored, so a client secret or a JWT never reaches a log, `String(err)`, `err.stack`,
 * `JSON.stringify(err)` or `util.inspect(err)`. What each failure means is failures.ts's.
 */
import type { KoreCall } from "./endpoints";

/** What a redacted secret is replaced with. */
export const REDACTED = "[REDACTED]";

/** A JWT in compact form: three base64url parts, the first one a JSON header (`{"` -> `eyJ`). */
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g;
/**
 * An `auth:` / `authorization:` header or field written out in text (`auth: x`, `"auth":"x"`,
 * `auth=x`) whose value looks like a credential (16+ characters, so "auth: failed" stays readable).
 */
const AUTH_FIELD_PATTERN = /\b(auth|authorization)("?\s*[:=]\s*"?)(?:Bearer\s+)?[^\s",;}]{16,}/gi;

/**
 * Replaces every occurrence of each secret (and of its URL-, JSON-, base64- and base64url-encoded forms), every
 * JWT-looking string and every written-out `auth` header value in `text` with `[REDACTED]`.
 * Empty secrets are ignored; longer secrets are replaced first so one secret containing another
 * is removed whole.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret) continue;
    forms.add(secret);
    forms.add(encodeURIComponent(secret));
    forms.add(JSON.stringify(secret).slice(1, -1));
    // a server or proxy that echoes what it got may encode it: base64 (padded or not) and base64url too
    for (const encoded of [Buffer.from(secret).toString("base64"), Buffer.from(secret).toString("base64url")]) {
      forms.add(encoded);
      forms.add(encoded.replace(/=+$/, ""));
    }
  }
  let out = String(text);
  for (const form of [...forms].sort((a, b) => b.length - a.length)) {
    out = out.split(form).join(REDACTED);
  }
  return out
    .replace(JWT_PATTERN, REDACTED)
    .replace(AUTH_FIELD_PATTERN, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`);
}

/**
 * A copy of an error (and of its `cause` chain, a few levels deep) that keeps only what helps
 * diagnose it (name, message, `code`, stack) with secrets redacted. Other properties of the
 * original (undici attaches response headers, sockets, request options) are dropped.
 */
export function sanitizeError(err: unknown, secrets: readonly (string | undefined)[] = [], depth = 0): Error {
  if (!(err instanceof Error)) {
    return new Error(redactSecrets(typeof err === "string" ? err : safeString(err), secrets));
  }
  const cause =
    depth < 4 && (err as { cause?: unknown }).cause !== undefined
      ? sanitizeError((err as { cause?: unknown }).cause, secrets, depth + 1)
      : undefined;
  const copy = new Error(redactSecrets(err.message, secrets), cause ? { cause } : undefined);
  copy.name = err.name;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") {
    Object.defineProperty(copy, "code", { value: code, enumerable: true, writable: true, configurable: true });
  }
  copy.stack = err.stack === undefined ? undefined : redactSecrets(err.stack, secrets);
  return copy;
}

function safeString(value: unknown): string {
  try {
    return typeof value === "object" ? JSON.stringify(value) : String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The Kore.ai calls the client makes (the endpoint table's names). */
export type { KoreCall };

export interface KoreApiErrorDetails {
  /** Which client call failed. */
  call?: KoreCall;
  method: string;
  /** Path and query, never the host: `/agentassist/api/v1/public/st-x/campaign/cd-1?campaignType=voice`. */
  path: string;
  /** HTTP status; undefined when no response arrived (network error, timeout, refused before sending). */
  status?: number;
  /** Kore's own words (`errors[].msg`, `message`, or the body text), or ours when Kore said nothing. */
  koreMessage?: string;
  /** Kore's `errors[].code`. */
  koreCode?: string | number;
  /** True when the request may have changed state on the server and nobody can tell whether it did. */
  outcomeUnknown?: boolean;
  /** HTTP attempts made (0 = refused before any request was sent). */
  attempts?: number;
  /** Network or undici error code (`ECONNRESET`, `UND_ERR_HEADERS_TIMEOUT`, ...). */
  code?: string;
  /** What the caller should know beyond Kore's message (appended to the message). */
  detail?: string;
  cause?: unknown;
  /** Secrets to scrub from every field and from the cause chain. */
  secrets?: readonly (string | undefined)[];
}

/**
 * One error for every failed Kore.ai call.
 *
 * Message: `Kore.ai API PUT /agentassist/.../campaign/cd-1?campaignType=voice failed: 400 <Kore's msg> (code 400)`,
 * then `; <detail>` when there is one (or the detail alone when no response arrived).
 */
export class KoreApiError extends Error {
  readonly call?: KoreCall;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly koreMessage: string | undefined;
  readonly koreCode: string | number | undefined;
  readonly outcomeUnknown: boolean;
  readonly attempts: number;
  readonly code: string | undefined;

  constructor(d: KoreApiErrorDetails) {
    const secrets = d.secrets ?? [];
    const path = redactSecrets(d.path, secrets);
    const koreMessage = d.koreMessage === undefined ? undefined : redactSecrets(d.koreMessage, secrets);
    const answer = [d.status, koreMessage].filter((x) => x !== undefined && x !== "").join(" ");
    const headline = answer && d.koreCode !== undefined ? `${answer} (code ${d.koreCode})` : answer;
    const detail = d.detail ? redactSecrets(d.detail, secrets) : "";
    const message = `Kore.ai API ${d.method} ${path} failed: ${[headline, detail].filter(Boolean).join("; ") || "no response"}`;
    super(message, d.cause === undefined ? undefined : { cause: sanitizeError(d.cause, secrets) });
    this.name = "KoreApiError";
    this.call = d.call;
    this.method = d.method;
    this.path = path;
    this.status = d.status;
    this.koreMessage = koreMessage;
    this.koreCode = d.koreCode;
    this.outcomeUnknown = d.outcomeUnknown ?? false;
    this.attempts = d.attempts ?? 0;
    this.code = d.code;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      call: this.call,
      method: this.method,
      path: this.path,
      status: this.status,
      koreMessage: this.koreMessage,
      koreCode: this.koreCode,
      outcomeUnknown: this.outcomeUnknown,
      attempts: this.attempts,
      code: this.code,
    };
  }
}

/** One broken rule: where (`dialingStrategy.maxRingTime`, `host`) and what is wrong. */
export interface ValidationFailure {
  path: string;
  message: string;
}

/** Input refused before anything was sent (a campaign definition, connection settings, an id). */
export class ValidationError extends Error {
  readonly failures: ValidationFailure[];

  constructor(message: string, failures: ValidationFailure[] = []) {
    const list = failures.map((f) => `  - ${f.path ? `${f.path}: ` : ""}${f.message}`).join("\n");
    super(list ? `${message}\n${list}` : message);
    this.name = "ValidationError";
    this.failures = failures;
  }
}
