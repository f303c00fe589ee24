/**
 * The request pipeline: read the body, inject faults, route, authenticate, handle, answer, log.
 * Requests under /__emulator/ go to the admin surface instead (no faults, no auth, not logged).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { handleAdmin, ADMIN_PREFIX, type AdminDeps } from "./admin";
import type { Authenticator } from "./auth";
import type { Clock } from "./clock";
import type { ListOwner } from "./contactList";
import type { FaultDecision, FaultInjector } from "./faults";
import { HANDLERS } from "./handlers";
import { BodyTooLarge, HttpError, destroyConnection, parseJson, readBody, sendJson, sleep, type Answer } from "./http";
import { RequestLog, redactHeaders } from "./requestLog";
import { errorBody, errorsBody } from "./responses";
import { matchRoute, type RouteMatch, type RouteName } from "./routes";
import { reshape } from "./shapes";
import type { CampaignStore } from "./store";
import type { RequestLogEntry } from "./types";

/** One app's data, credentials and faults. */
export interface AppDeps {
  store: CampaignStore;
  /** Whose contact lists are made (from the credentials). */
  owner: ListOwner;
  auth: Authenticator;
  faults: FaultInjector;
}

/** The first app's deps (the app of any path that names no app served here), and the others by app id. */
export interface ServerDeps extends AppDeps {
  /** The app a path's `{appId}` names, when this server has it. */
  appFor?(appId: string): AppDeps | undefined;
  log: RequestLog;
  admin: AdminDeps;
  clock: Clock;
}

const RATE_LIMIT_MESSAGE = "You've exceeded the per-minute rate limit. Please wait for sometime before retrying";

/** The message of an injected error answer. */
function injectedMessage(status: number): string {
  if (status === 429) return RATE_LIMIT_MESSAGE;
  if (status === 401) return "Invalid SDK credentials";
  if (status === 502) return "Bad Gateway (emulator fault injection)";
  if (status === 503) return "Service Unavailable (emulator fault injection)";
  if (status >= 500) return "Internal Server Error (emulator fault injection)";
  return `Request failed with status ${status} (emulator fault injection)`;
}

function injectedAnswer(d: Extract<FaultDecision, { kind: "answer" }>): Answer {
  const code = d.status === 401 ? 4002 : d.status;
  const headers = d.retryAfterSeconds !== undefined ? { "retry-after": String(d.retryAfterSeconds) } : undefined;
  return { status: d.status, body: errorBody(injectedMessage(d.status), code), headers };
}

function errorAnswer(err: unknown): Answer & { note?: string } {
  if (err instanceof HttpError) {
    return { status: err.status, body: errorsBody([err.message, ...err.extraMessages], err.code) };
  }
  if (err instanceof BodyTooLarge) return { status: 413, body: errorBody(err.message, 413) };
  process.stderr.write(`emulator: internal error: ${(err as Error)?.stack ?? String(err)}\n`);
  return { status: 500, body: errorBody("Internal Server Error", 500), note: "internal error" };
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/** Auth then tenant checks; throws the error answer. */
async function authenticate(deps: ServerDeps, req: IncomingMessage, match: RouteMatch, query: URLSearchParams): Promise<void> {
  const token = await deps.auth.verifyToken(header(req, "auth"), serverNow(deps));
  const result = token.ok
    ? deps.auth.checkTenant({
        pathAppId: match.params.appId,
        iidHeader: header(req, "iid"),
        accountIdHeader: header(req, "accountid"),
        accountIdQuery: query.get("accountId") ?? undefined,
        isList: match.name === "list",
      })
    : token;
  if (!result.ok) throw Object.assign(new HttpError(result.status, result.msg, result.code), { note: result.reason });
}

/** Real time, moved by the app's `clockSkewSeconds` (the Date header and the token's iat/exp checks). */
function serverNow(app: AppDeps): number {
  return Date.now() + (app.faults.current.clockSkewSeconds ?? 0) * 1000;
}

/** The answer as sent: the erratum shapes applied, and a Date header from the skewed clock when one is set. */
function asSent<A extends Answer>(app: AppDeps, route: RouteName | undefined, answer: A): A {
  const { shapes, clockSkewSeconds } = app.faults.current;
  const body = route ? reshape(route, answer.body, shapes) : answer.body;
  const headers = clockSkewSeconds ? { ...answer.headers, date: new Date(serverNow(app)).toUTCString() } : answer.headers;
  return { ...answer, body, headers };
}

async function answerFor(deps: ServerDeps, req: IncomingMessage, url: URL, parsed: ReturnType<typeof parseJson>): Promise<Answer & { note?: string }> {
  const matched = matchRoute(req.method ?? "GET", url.pathname);
  if (matched.kind === "not-found") return { status: 404, body: errorBody(`Cannot ${req.method} ${url.pathname}`, 404) };
  if (matched.kind === "method-not-allowed") {
    return { status: 405, body: errorBody(`Method ${req.method} is not allowed on ${url.pathname}`, 405), headers: { allow: matched.allow.join(", ") } };
  }
  const match = matched.match;
  try {
    await authenticate(deps, req, match, url.searchParams);
    return await HANDLERS[match.name]({
      store: deps.store,
      owner: deps.owner,
      params: match.params,
      query: url.searchParams,
      body: parsed.ok ? parsed.value : undefined,
      bodyNotJson: !parsed.ok,
      now: () => deps.clock.iso(),
      nowMs: () => deps.clock.now(),
    });
  } catch (err) {
    const answer = errorAnswer(err);
    const note = (err as { note?: string }).note;
    return note ? { ...answer, note } : answer;
  }
}

async function handleApi(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const at = new Date().toISOString();
  const method = (req.method ?? "GET").toUpperCase();
  const entry: RequestLogEntry = {
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    body: undefined,
    headers: redactHeaders(req.headers),
    status: 0,
    at,
  };
  try {
    let parsed: ReturnType<typeof parseJson>;
    try {
      parsed = parseJson(await readBody(req));
    } catch (err) {
      const answer = errorAnswer(err);
      entry.status = answer.status;
      sendJson(res, answer);
      return;
    }
    entry.body = parsed.ok ? parsed.value : parsed.text;

    const route = matchRoute(method, url.pathname);
    // the app the path names decides the faults (its own rate limit), the credentials and the data
    const app = (route.kind === "route" && deps.appFor?.(route.match.params.appId)) || deps;
    const isCreate = route.kind === "route" && (route.match.name === "create" || route.match.name === "createContactList");
    const decision = app.faults.decide({ method, target: url.pathname + url.search, isCreate });
    if (decision.fault) entry.fault = decision.fault;
    if (decision.delayMs > 0) await sleep(decision.delayMs);

    if (decision.kind === "drop") {
      destroyConnection(req, res);
      return;
    }
    if (decision.kind === "answer") {
      const answer = asSent(app, undefined, injectedAnswer(decision));
      entry.status = answer.status;
      sendJson(res, answer);
      return;
    }
    const redirectTo = app.faults.current.redirectTo;
    if (redirectTo !== undefined) {
      const answer = asSent(app, undefined, { status: 301, body: errorBody("Moved Permanently", 301), headers: { location: `${redirectTo}${url.pathname}${url.search}` } });
      entry.status = answer.status;
      entry.fault = "redirect";
      sendJson(res, answer);
      return;
    }
    const answer = asSent(app, route.kind === "route" ? route.match.name : undefined, await answerFor({ ...deps, ...app }, req, url, parsed));
    if (answer.note) entry.note = answer.note;
    if (decision.ambiguous) {
      entry.note = `performed (would have answered ${answer.status}), then the connection was destroyed`;
      destroyConnection(req, res);
      return;
    }
    entry.status = answer.status;
    sendJson(res, answer);
  } finally {
    deps.log.add(entry);
  }
}

export function createEmulatorServer(deps: ServerDeps): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    const work = url.pathname.startsWith(ADMIN_PREFIX) ? handleAdmin(deps.admin, req, res, url) : handleApi(deps, req, res, url);
    work.catch((err: unknown) => {
      process.stderr.write(`emulator: ${(err as Error)?.stack ?? String(err)}\n`);
      if (!res.headersSent && !res.destroyed) sendJson(res, { status: 500, body: errorBody("Internal Server Error", 500) });
    });
  });
}
