/**
 * `kore-campaigns doctor --record FILE`: every request and answer as JSON, with no secret and no JWT in it in any
 * encoded form (plain, URL-, base64-, base64url-encoded), even when the server echoes them back, and with the ids
 * kept. The server here is the emulator behind a loopback proxy that echoes each request's token, and the client
 * secret, in every one of those forms into the answer's headers and body (as a misconfigured gateway might).
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { clientEnv, DEMO_CREDENTIALS, startEmulator, type Emulator } from "pulumi-kore-campaigns/emulator";
import { runCli } from "../../provider/cli/main";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

let emulator: Emulator;
let proxy: http.Server;
let proxyUrl: string;
let dir: string;
/** Every token the proxy saw in an `auth` header. */
const tokensSeen = new Set<string>();

const forms = (s: string) => {
  const b64 = Buffer.from(s).toString("base64");
  const b64url = Buffer.from(s).toString("base64url");
  return { plain: s, url: encodeURIComponent(s), base64: b64, base64Unpadded: b64.replace(/=+$/, ""), base64url: b64url };
};

beforeAll(async () => {
  emulator = await startEmulator({ readyDelayMs: 0, contactLists: [...SAMPLE_PROGRESSIVE.contactLists] });
  emulator.insert(structuredClone(SAMPLE_PROGRESSIVE) as Record<string, unknown>);
  proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const auth = String(req.headers.auth ?? "");
      tokensSeen.add(auth);
      const headers = { ...req.headers, host: new URL(emulator.url).host };
      const upstream = http.request(`${emulator.url}${req.url}`, { method: req.method, headers }, (up) => {
        const body: Buffer[] = [];
        up.on("data", (c: Buffer) => body.push(c));
        up.on("end", () => {
          const echo = { token: forms(auth), secret: forms(DEMO_CREDENTIALS.clientSecret) };
          let text = Buffer.concat(body).toString("utf8");
          try {
            text = JSON.stringify({ ...JSON.parse(text), echo });
          } catch {
            /* not JSON: left as is */
          }
          const out: http.OutgoingHttpHeaders = { ...up.headers, "content-length": Buffer.byteLength(text) };
          for (const [form, value] of Object.entries(echo.token)) out[`x-echo-token-${form.toLowerCase()}`] = value;
          for (const [form, value] of Object.entries(echo.secret)) out[`x-echo-secret-${form.toLowerCase()}`] = value;
          res.writeHead(up.statusCode ?? 502, out);
          res.end(text);
        });
      });
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-doctor-record-"));
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await emulator.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test("no secret and no token in the recording, in any encoded form; ids kept", async () => {
  const file = path.join(dir, "run.json");
  const saved = { ...process.env };
  Object.assign(process.env, clientEnv(proxyUrl));
  const lines: string[] = [];
  try {
    await runCli(["doctor", "--write-probe", "--record", file], { out: (l) => lines.push(l), err: (l) => lines.push(l) });
  } finally {
    Object.assign(process.env, saved);
  }
  const text = fs.readFileSync(file, "utf8");
  expect(tokensSeen.size).toBeGreaterThanOrEqual(10); // one fresh token per request: 5 reads and the probe's 9 calls
  const leaks: string[] = [];
  for (const token of tokensSeen) for (const [form, value] of Object.entries(forms(token))) if (text.includes(value)) leaks.push(`token ${form}`);
  for (const [form, value] of Object.entries(forms(DEMO_CREDENTIALS.clientSecret))) if (text.includes(value)) leaks.push(`secret ${form}`);
  expect(leaks).toEqual([]);
  expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]+\./); // nothing shaped like a JWT either
  const recording = JSON.parse(text);
  expect(recording.exchanges).toHaveLength(14);
  expect(recording.exchanges.every((e: { request: { headers: Record<string, string> } }) => e.request.headers.auth === "[REDACTED]")).toBe(true);
  // the ids stay: the app, the campaign listed, the probe's campaign and list
  const campaign = emulator.campaigns()[0];
  expect(text).toContain(campaign.id);
  expect(text).toContain(DEMO_CREDENTIALS.appId);
  const created = recording.exchanges.find((e: { step: string }) => e.step === "write probe: createCampaign");
  expect(created.response.body.data.id).toMatch(/^cd-[0-9a-f-]{35}$/);
  expect(text.split(created.response.body.data.id).length - 1).toBeGreaterThanOrEqual(6); // in the create answer, then in the paths of the get, put, get, delete, get
  // the echoed fields were recorded, as redacted text, not dropped
  expect(created.response.body.echo.token.plain).toBe("[REDACTED]");
  expect(lines.at(-1)).toMatch(/^ready/);
});
