/** The request log: what the server saw, with credentials redacted. */
import type { IncomingHttpHeaders } from "node:http";
import type { RequestLogEntry } from "./types";

export const REDACTED = "[redacted]";
const SECRET_HEADERS = new Set(["auth", "authorization", "cookie", "proxy-authorization"]);

/** Lower-cased names, multi-valued headers joined with ", ", secret ones replaced by "[redacted]". */
export function redactHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const key = name.toLowerCase();
    out[key] = SECRET_HEADERS.has(key) ? REDACTED : Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

export class RequestLog {
  /** The live array handed out as `emulator.requests`; only changed in place. */
  readonly entries: RequestLogEntry[] = [];

  constructor(private readonly maxEntries = 10_000) {}

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.maxEntries) this.entries.splice(0, this.entries.length - this.maxEntries);
  }

  clear(): void {
    this.entries.length = 0;
  }
}
