/**
 * A small control surface for tests that run the emulator as a separate process (main.ts):
 *   GET    /__emulator/health      -> {status:"ok"}
 *   GET    /__emulator/campaigns   -> what the server holds
 *   GET    /__emulator/contact-lists -> the contact lists, each with campaignInUse
 *   POST   /__emulator/contact-lists body ContactListSeed (a JSON string name, or {name, ...}) -> the new list
 *   GET    /__emulator/requests    -> the request log      DELETE -> clears it
 *   POST   /__emulator/faults      body FaultConfig        (replaces the probabilistic faults)
 *   POST   /__emulator/fail-next   body ScriptedFault
 *   GET    /__emulator/clock       -> {now, offsetSeconds}   (the whole server's clock)
 *   POST   /__emulator/clock       body {advanceSeconds} or {to: "YYYY-MM-DD HH:mm:ss" (UTC) or an ISO time} -> {now, offsetSeconds}
 *   POST   /__emulator/pause       body {id}: an Active campaign becomes Paused (a supervisor's pause in the console)
 *   GET    /__emulator/schedules   -> {campaignId: the schedule enabled for it}
 * With several apps (EmulatorOptions.apps), `?app=<appId>` selects the app of campaigns, contact-lists, faults and
 * fail-next (default: the first app; an unknown app is 404); the request log is the whole server's.
 * No auth, no faults, not logged. The server only listens on 127.0.0.1.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { parseJson, readBody, sendJson } from "./http";
import { errorBody } from "./responses";
import type { StoredSchedule } from "./schedule";
import type { ContactListInfo, ContactListSeed, FaultConfig, RequestLogEntry, ScriptedFault, StoredCampaign } from "./types";

export const ADMIN_PREFIX = "/__emulator/";

/** What the admin surface can do to one app. */
export interface AppAdmin {
  campaigns(): StoredCampaign[];
  contactLists(): ContactListInfo[];
  /** Throws (answered 400) on a bad seed or a name already taken. */
  addContactList(seed: ContactListSeed): ContactListInfo;
  setFaults(f: FaultConfig): void;
  failNext(rule: ScriptedFault): void;
  pause(id: string): StoredCampaign;
  schedules(): Record<string, StoredSchedule>;
}

export interface ClockReading {
  now: string;
  offsetSeconds: number;
}

export interface ClockMove {
  advanceSeconds?: number;
  to?: string;
}

export interface AdminDeps {
  /** The app `?app=` names (undefined: the first app); undefined when there is no such app. */
  app(appId: string | undefined): AppAdmin | undefined;
  requests(): RequestLogEntry[];
  clearRequests(): void;
  clock(): ClockReading;
  moveClock(move: ClockMove): ClockReading;
}

export async function handleAdmin(deps: AdminDeps, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const parsed = parseJson(await readBody(req));
  const what = `${req.method} ${url.pathname.slice(ADMIN_PREFIX.length).replace(/\/+$/, "")}`;
  const send = (status: number, body: unknown) => sendJson(res, { status, body });
  const appId = url.searchParams.get("app") ?? undefined;
  const app = deps.app(appId);
  if (!app) return send(404, errorBody(`no app ${appId} in this emulator`, 404));
  try {
    const body = parsed.ok && typeof parsed.value === "object" && parsed.value !== null ? parsed.value : {};
    switch (what) {
      case "GET health":
        return send(200, { status: "ok" });
      case "GET campaigns":
        return send(200, app.campaigns());
      case "GET contact-lists":
        return send(200, app.contactLists());
      case "POST contact-lists":
        if (!parsed.ok) throw new Error("request body is not valid JSON");
        return send(200, app.addContactList(parsed.value as ContactListSeed));
      case "GET requests":
        return send(200, deps.requests());
      case "DELETE requests":
        deps.clearRequests();
        return send(200, { status: "ok" });
      case "POST faults":
        app.setFaults(body as FaultConfig);
        return send(200, { status: "ok" });
      case "POST fail-next":
        app.failNext(body as ScriptedFault);
        return send(200, { status: "ok" });
      case "GET clock":
        return send(200, deps.clock());
      case "POST clock":
        return send(200, deps.moveClock(body as ClockMove));
      case "POST pause":
        return send(200, app.pause(String((body as { id?: unknown }).id)));
      case "GET schedules":
        return send(200, app.schedules());
      default:
        return send(404, errorBody(`Cannot ${req.method} ${url.pathname}`, 404));
    }
  } catch (err) {
    return send(400, errorBody((err as Error).message, 400));
  }
}
