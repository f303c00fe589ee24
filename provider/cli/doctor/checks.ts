/**
 * The doctor's verdicts, as pure functions of what was seen: one row per check, each naming its cause in words a
 * person can act on. No I/O here: run.ts makes the calls and hands their outcomes in.
 */
import { KoreApiError } from "../../kore-api/errors";
import { plainText } from "../../kore-api/responses";
import { documentedShape, unknownFields } from "../../kore-api/shapes";
import type { CallOutcome, Exchange } from "./record";

export type { CallOutcome };

export type Result = "ok" | "warn" | "FAIL" | "skip";

export interface Row {
  check: string;
  result: Result;
  detail: string;
}

const row = (check: string, result: Result, detail: string): Row => ({ check, result, detail });

/** How long a JWT lives (auth.ts mints `exp = iat + 300`). */
export const TOKEN_TTL_SECONDS = 300;
/** A skew this large is shown as a warning: some servers refuse an `iat` in their future. */
const SKEW_WARN_SECONDS = 30;

function koreWords(err: unknown): string {
  if (err instanceof KoreApiError) {
    const words = [err.koreMessage && `"${plainText(err.koreMessage, 160)}"`, err.koreCode !== undefined && `code ${err.koreCode}`].filter(Boolean).join(", ");
    return words ? ` (${words})` : "";
  }
  return "";
}

const statusOf = (o: CallOutcome): number | undefined => o.exchange?.response?.status ?? (o.error instanceof KoreApiError ? o.error.status : undefined);

/**
 * The first answer that says something about the token: a 5xx, a 429 or a redirect may come before any check of
 * it (a gateway, a rate limiter), so only other answers count.
 */
export function firstConclusive(outcomes: readonly CallOutcome[]): CallOutcome | undefined {
  return outcomes.find((o) => {
    const s = statusOf(o);
    return s !== undefined && s !== 429 && s < 500 && !(s >= 300 && s < 400);
  });
}

/** What the doctor may say about the credentials (never the secret or the token). */
export interface CredentialsInfo {
  source: string;
  kind: "client" | "jwt";
  clientId?: string;
  /** A given JWT's `exp`, read without checking its signature. */
  jwtExpiresAt?: Date;
}

/** The verdict on the token: 401 explained, or accepted. */
export function credentialsRow(outcomes: readonly CallOutcome[], how: CredentialsInfo): Row {
  const check = "credentials (JWT)";
  const first = firstConclusive(outcomes);
  const status = first ? statusOf(first) : undefined;
  if (status === undefined) return row(check, "skip", "not known: no answer in which Kore.ai judged the token (see below)");
  const from = how.kind === "client" ? `minted from client id ${how.clientId} (${how.source})` : `the JWT given in ${how.source}`;
  if (status === 401) {
    const expired = how.kind === "jwt" && how.jwtExpiresAt !== undefined && how.jwtExpiresAt.getTime() <= Date.now() ? ` It expired at ${how.jwtExpiresAt.toISOString()} (its exp).` : "";
    const causes =
      how.kind === "client"
        ? 'the client secret is wrong, or the client id is not this JWT app\'s, or the JWT app lacks the "Campaign Management" API scope'
        : 'the given JWT is expired, or not signed with its JWT app\'s client secret, or its app lacks the "Campaign Management" API scope';
    return row(check, "FAIL", `Kore.ai refused the token: 401${koreWords(first!.error)}. Code 4002 means one of: ${causes}. Token ${from}.${expired}`);
  }
  return row(check, "ok", `accepted (${from})`);
}

/** The verdict on the app and account headers. */
export function tenantRow(outcomes: readonly CallOutcome[], target: { appId: string; accountId: string }): Row {
  const check = "iid and accountId";
  const first = firstConclusive(outcomes);
  const status = first ? statusOf(first) : undefined;
  if (status === undefined) return row(check, "skip", "not known: no answer in which Kore.ai judged them (see below)");
  if (status === 401) return row(check, "skip", "not known: the token was refused first");
  if (status === 403) {
    const message = first!.error instanceof KoreApiError ? (first!.error.koreMessage ?? "") : "";
    const which = /account/i.test(message) ? `accountId ${target.accountId} (kore:accountId, KORE_ACCOUNT_ID)` : `app id ${target.appId} (kore:appId, KORE_APP_ID: the path and the iid header), or accountId ${target.accountId}`;
    return row(check, "FAIL", `Kore.ai refused ${which}: 403${koreWords(first!.error)}. The credentials are valid but not for this app or account`);
  }
  return row(check, "ok", `app ${target.appId} and account ${target.accountId} accepted`);
}

/** A 3xx anywhere: reported, never followed. */
export function redirectRow(outcomes: readonly CallOutcome[]): Row {
  const check = "redirect";
  const moved = outcomes.find((o) => o.exchange?.response && o.exchange.response.status >= 300 && o.exchange.response.status < 400);
  if (!moved) return row(check, "ok", "none: Kore.ai answered at the configured host");
  const res = moved.exchange!.response!;
  let where = "no Location header";
  let origin: string | undefined;
  if (res.headers.location) {
    try {
      const url = new URL(res.headers.location, "https://kore.invalid");
      origin = url.host === "kore.invalid" ? undefined : url.origin;
      where = `to ${origin ?? ""}${plainText(url.pathname, 80)}`;
    } catch {
      where = `to an unreadable Location (${plainText(res.headers.location, 60)})`;
    }
  }
  const advice = origin ? `; if ${origin} is your tenant's address, set kore:host (KORE_HOST) to it` : "; check kore:host (KORE_HOST)";
  return row(check, "FAIL", `${moved.step} answered ${res.status} ${where}. Not followed: the token would be sent to wherever it points${advice}`);
}

/** The server's `Date` against this machine's clock, and what it does to the token's iat/exp. */
export function clockRow(exchanges: readonly Exchange[]): Row {
  const check = "clock";
  const dated = exchanges.find((e) => e.response?.headers.date && e.receivedAtMs !== undefined);
  if (!dated) return row(check, exchanges.some((e) => e.response) ? "warn" : "skip", exchanges.some((e) => e.response) ? "Kore.ai sent no Date header: the skew cannot be measured" : "not measured: no answer");
  const serverMs = Date.parse(dated.response!.headers.date);
  if (Number.isNaN(serverMs)) return row(check, "warn", `unreadable Date header (${plainText(dated.response!.headers.date, 40)})`);
  // the Date header has whole seconds, cut down: the server's time was within the second after it (+500 ms: its middle)
  const skew = Math.round((serverMs + 500 - dated.receivedAtMs!) / 1000);
  const text = skew === 0 ? "in step with this machine (to the second)" : `${Math.abs(skew)} s ${skew > 0 ? "ahead of" : "behind"} this machine`;
  if (skew >= TOKEN_TTL_SECONDS) {
    return row(check, "FAIL", `the server's clock is ${text}: a token lives ${TOKEN_TTL_SECONDS} s (exp = iat + ${TOKEN_TTL_SECONDS}), so it has expired when it arrives. Set this machine's clock right (NTP)`);
  }
  if (Math.abs(skew) >= SKEW_WARN_SECONDS) {
    const effect = skew > 0 ? `tokens have ${TOKEN_TTL_SECONDS - skew} s of their ${TOKEN_TTL_SECONDS} s left on arrival` : "the token's iat is in the server's future, which a server checking iat refuses";
    return row(check, "warn", `the server's clock is ${text}: ${effect}. Set this machine's clock right (NTP)`);
  }
  return row(check, "ok", `the server's clock is ${text}`);
}

/** One endpoint's row: the status, the documented shape recognised, the fields no page shows. */
export function endpointRow(o: CallOutcome): Row {
  const res = o.exchange?.response;
  const ms = o.exchange ? ` in ${o.exchange.ms} ms` : "";
  if (!res) {
    const why = o.error instanceof Error ? plainText(o.error.message, 240) : "nothing was sent";
    return row(o.step, "FAIL", `no answer${ms}: ${why}`);
  }
  const shape = documentedShape(o.call, res.body);
  if (res.status >= 300 && res.status < 400) return row(o.step, "FAIL", `${res.status}${ms}: a redirect (see "redirect")`);
  if (res.status === 429) {
    const after = res.headers["retry-after"];
    return row(o.step, "FAIL", `429 rate limited${ms}${after ? ` (Retry-After ${after})` : ""}${koreWords(o.error)}: this app's request limit is used up, by this or another client; wait and run again`);
  }
  if (res.status >= 500) return row(o.step, "FAIL", `${res.status}${ms}${koreWords(o.error)}: Kore.ai is failing on its side; run again later, and if it stays, send the recording (--record)`);
  if (res.status === 401 || res.status === 403) return row(o.step, "FAIL", `${res.status}${ms} (see "credentials" and "iid and accountId")`);
  if (res.status >= 400) return row(o.step, "FAIL", `${res.status}${ms}${koreWords(o.error)}`);
  if (o.error) {
    const problem = o.error instanceof KoreApiError ? plainText(o.error.koreMessage ?? o.error.message, 300) : String(o.error);
    return row(o.step, "FAIL", `${res.status}${ms}, but the provider cannot read it: ${problem}${shape ? `; seen: ${shape}` : "; none of the documented shapes"}. Send the recording (--record)`);
  }
  const unknown = unknownFields(o.call, res.body);
  const shown = shape ?? "readable, though none of the documented shapes";
  if (unknown.length > 0) return row(o.step, "warn", `${res.status}${ms}; ${shown}; fields the docs do not show: ${unknown.slice(0, 8).join(", ")}${unknown.length > 8 ? ", ..." : ""} (send the recording)`);
  return row(o.step, "ok", `${res.status}${ms}; ${shown}`);
}

const RATE_LIMIT_HEADER = /^(x-)?(rate-?limit|ratelimit)(-|$)|^retry-after$|^x-rate-limit/i;

/** Rate-limit headers seen in any answer (none is documented for the campaign API: rate-limits.md lists only XO APIs). */
export function rateLimitRow(exchanges: readonly Exchange[]): Row {
  const seen = new Map<string, string>();
  for (const e of exchanges) for (const [k, v] of Object.entries(e.response?.headers ?? {})) if (RATE_LIMIT_HEADER.test(k) && !seen.has(k)) seen.set(k, `${k}: ${plainText(v, 40)}`);
  if (seen.size === 0) return row("rate limits", "ok", "no rate-limit headers seen (none is documented for the campaign API)");
  return row("rate limits", "ok", `headers seen: ${[...seen.values()].join("; ")}`);
}

/** Median and slowest answer; slower than `slowMs` fails (the provider's calls would crawl or time out). */
export function timingRow(exchanges: readonly Exchange[], slowMs: number): Row {
  const times = exchanges.filter((e) => e.response).map((e) => e.ms).sort((a, b) => a - b);
  if (times.length === 0) return row("answer time", "skip", "no answer to time");
  const median = times.length % 2 === 1 ? times[(times.length - 1) / 2] : Math.round((times[times.length / 2 - 1] + times[times.length / 2]) / 2);
  const slowest = times[times.length - 1];
  const text = `median ${median} ms, slowest ${slowest} ms over ${times.length} answers`;
  if (slowest > slowMs) return row("answer time", "FAIL", `${text}: slower than ${slowMs} ms (--slow-ms). A pulumi up makes several calls per campaign; look at the network path to Kore.ai`);
  return row("answer time", "ok", text);
}

/** The final line: "ready", or the first thing to fix (rows are in the order their causes should be fixed). */
export function verdict(rows: readonly Row[]): { ready: boolean; line: string } {
  const first = rows.find((r) => r.result === "FAIL");
  if (!first) {
    const warnings = rows.filter((r) => r.result === "warn").length;
    return { ready: true, line: `ready${warnings ? ` (${warnings} warning${warnings === 1 ? "" : "s"} above)` : ""}` };
  }
  return { ready: false, line: `not ready: fix first: ${first.check}: ${first.detail}` };
}

/** The rows as a plain-text table (no colour: it goes to CI logs and bug reports). */
export function formatTable(rows: readonly Row[]): string[] {
  const w = Math.max(...rows.map((r) => r.check.length), 5);
  return rows.map((r) => `${r.check.padEnd(w)}  ${r.result.padEnd(4)}  ${r.detail}`);
}
