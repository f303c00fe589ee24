/**
 * A loopback HTTP proxy in front of the emulator that rewrites some answers, for server shapes the emulator never
 * makes (a list record with no id, or a bad one, as another client's data could leave): every request is passed
 * on as is; an answer whose path matches a rule is parsed as JSON, handed to the rule, and sent on rewritten.
 */
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface RewritingProxy {
  url: string;
  close(): Promise<void>;
}

/** `sent`: the request's body as JSON (undefined when it is none), for rules that depend on it (the listing's `type`). */
export type Rewrite = { pathIncludes: string; rewrite(body: any, sent?: any): unknown }; // eslint-disable-line @typescript-eslint/no-explicit-any

function jsonOrUndefined(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString());
  } catch {
    return undefined;
  }
}

export async function startRewritingProxy(upstream: string, rules: Rewrite[]): Promise<RewritingProxy> {
  const target = new URL(upstream);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const out = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
        const parts: Buffer[] = [];
        answer.on("data", (c: Buffer) => parts.push(c));
        answer.on("end", () => {
          let body = Buffer.concat(parts);
          const rule = rules.find((r) => (req.url ?? "").includes(r.pathIncludes));
          if (rule && (answer.statusCode ?? 500) < 300) body = Buffer.from(JSON.stringify(rule.rewrite(JSON.parse(body.toString()), jsonOrUndefined(Buffer.concat(chunks)))));
          const headers = { ...answer.headers, "content-length": String(body.length) };
          delete headers["transfer-encoding"];
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      });
      out.on("error", () => res.destroy());
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
