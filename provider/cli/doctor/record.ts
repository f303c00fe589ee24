/**
 * Every HTTP exchange of a doctor run, as it went over the wire: an undici interceptor the client runs on each
 * attempt (after the token is added), and the recording written by `--record FILE`.
 *
 * In the recording, the `auth` header is replaced whole, and every string (header values, bodies, paths) passes
 * through `redactSecrets` with the client secret or given JWT and every token sent in this run, which removes
 * their plain, URL-, JSON-, base64- and base64url-encoded forms and anything shaped like a JWT. Ids are kept:
 * they are what makes a recording useful to compare with the emulator.
 */
import type { Dispatcher } from "undici";
import { REDACTED, redactSecrets, type KoreCall } from "../../kore-api/errors";

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  path: string;
  headers: Record<string, string>;
  /** The JSON sent (parsed back), or the text when it is not JSON. */
  body?: unknown;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  /** The JSON answered, or the text when it is not JSON; absent for an empty body. */
  body?: unknown;
}

export interface Exchange {
  /** Which step of the doctor made the call (`listCampaigns (voice)`, `write probe: createCampaign`, ...). */
  step?: string;
  /** The client call (`listCampaigns`, `createCampaign`, ...): which parser reads the answer. */
  call?: KoreCall;
  request: RecordedRequest;
  response?: RecordedResponse;
  /** No (complete) answer: the network error's code and words. */
  error?: string;
  startedAt: string;
  /** From sending to the end of the answer. */
  ms: number;
  /** When the answer's headers arrived (epoch ms): the clock-skew check compares the `Date` header with it. */
  receivedAtMs?: number;
}

/** One API call the doctor made, and what came of it. */
export interface CallOutcome<T = unknown> {
  step: string;
  call: KoreCall;
  /** The exchange on the wire (absent when nothing was sent). */
  exchange?: Exchange;
  value?: T;
  error?: unknown;
}

export interface Recording {
  recordedBy: "kore-campaigns doctor";
  formatVersion: 1;
  startedAt: string;
  target: { host: string; appId: string; accountId: string };
  exchanges: Exchange[];
}

const SECRET_HEADERS = new Set(["auth", "authorization", "cookie", "proxy-authorization", "set-cookie"]);

function headerRecord(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers === null || typeof headers !== "object") return out;
  const entries: Array<[string, unknown]> = Array.isArray(headers)
    ? (headers as unknown[]).reduce<Array<[string, unknown]>>((acc, v, i, arr) => (i % 2 === 0 ? [...acc, [String(v), arr[i + 1]]] : acc), [])
    : Object.entries(headers as Record<string, unknown>);
  for (const [name, value] of entries) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(", ") : String(value);
  }
  return out;
}

function parsed(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class ExchangeRecorder {
  readonly exchanges: Exchange[] = [];
  /** Every `auth` value sent: redacted from the recording in all its encoded forms. */
  private readonly tokens = new Set<string>();
  private step: string | undefined;
  private call: KoreCall | undefined;

  /** Runs one client call as step `step`: its answer or failure, and the exchange it made (no retries: one at most). */
  async observe<T>(step: string, call: KoreCall, fn: () => Promise<T>): Promise<CallOutcome<T>> {
    this.step = step;
    this.call = call;
    const from = this.exchanges.length;
    try {
      const value = await fn();
      return { step, call, exchange: this.exchanges.slice(from).at(-1), value };
    } catch (error) {
      return { step, call, exchange: this.exchanges.slice(from).at(-1), error };
    }
  }

  interceptor(): Dispatcher.DispatcherComposeInterceptor {
    return (dispatch) => (opts, handler) => {
      const headers = headerRecord(opts.headers);
      if (headers.auth) this.tokens.add(headers.auth);
      const start = Date.now();
      const exchange: Exchange = {
        step: this.step,
        call: this.call,
        request: { method: String(opts.method), path: String(opts.path), headers, body: typeof opts.body === "string" ? parsed(opts.body) : undefined },
        startedAt: new Date(start).toISOString(),
        ms: 0,
      };
      this.exchanges.push(exchange);
      const chunks: Buffer[] = [];
      const finish = () => {
        exchange.ms = Date.now() - start;
        if (exchange.response) exchange.response.body = parsed(Buffer.concat(chunks).toString("utf8"));
      };
      return dispatch(opts, {
        onRequestStart: (c, ctx) => handler.onRequestStart?.(c, ctx),
        onRequestUpgrade: (c, s, h, socket) => handler.onRequestUpgrade?.(c, s, h, socket),
        onResponseStart: (c, status, h, message) => {
          exchange.receivedAtMs = Date.now();
          exchange.response = { status, headers: headerRecord(h) };
          return handler.onResponseStart?.(c, status, h, message);
        },
        onResponseData: (c, chunk) => {
          chunks.push(Buffer.from(chunk));
          return handler.onResponseData?.(c, chunk);
        },
        onResponseEnd: (c, trailers) => {
          finish();
          return handler.onResponseEnd?.(c, trailers);
        },
        onResponseError: (c, err) => {
          const code = (err as { code?: unknown })?.code;
          exchange.error = `${typeof code === "string" ? `${code}: ` : ""}${err?.message ?? String(err)}`;
          finish();
          return handler.onResponseError?.(c, err);
        },
      });
    };
  }

  /** The recording, with every secret and token removed (see the top of this file). */
  recording(target: Recording["target"], startedAt: string, secrets: readonly string[]): Recording {
    const all = [...secrets, ...this.tokens];
    const scrub = (value: unknown): unknown => {
      if (typeof value === "string") return redactSecrets(value, all);
      if (Array.isArray(value)) return value.map(scrub);
      if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactSecrets(k, all), scrub(v)]));
      return value;
    };
    const headers = (h: Record<string, string>) =>
      Object.fromEntries(Object.entries(h).map(([k, v]) => [k, SECRET_HEADERS.has(k) ? REDACTED : (scrub(v) as string)]));
    return {
      recordedBy: "kore-campaigns doctor",
      formatVersion: 1,
      startedAt,
      target: scrub(target) as Recording["target"],
      exchanges: this.exchanges.map((e) => {
        const out = scrub(e) as Exchange;
        out.request.headers = headers(e.request.headers);
        if (e.response && out.response) out.response.headers = headers(e.response.headers);
        return out;
      }),
    };
  }
}
