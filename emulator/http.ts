/** Small HTTP helpers: read a body, parse JSON, send JSON, destroy a connection. */
import type { IncomingMessage, ServerResponse } from "node:http";

export const MAX_BODY_BYTES = 1024 * 1024;

export interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers for an error answer. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: number = status,
    readonly extraMessages: string[] = [],
  ) {
    super(message);
  }
}

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge(`request body is larger than ${MAX_BODY_BYTES} bytes`));
        req.removeAllListeners("data");
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; text: string };

/** Empty -> undefined; JSON -> the value; anything else -> the text (kept for the log). */
export function parseJson(raw: Buffer): ParsedBody {
  const text = raw.toString("utf8");
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, text };
  }
}

export function sendJson(res: ServerResponse, answer: Answer): void {
  const payload = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(payload),
    ...answer.headers,
  });
  res.end(payload);
}

/** Closes the connection without an answer: the client sees a reset / "other side closed". */
export function destroyConnection(req: IncomingMessage, res: ServerResponse): void {
  res.destroy();
  req.socket.destroy();
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
