/**
 * `kore-campaigns doctor` against the emulator: ready when nothing is wrong, and for each fault mode the emulator
 * has (wrong secret, wrong client id, wrong app, wrong account, slow, 5xx, 429, redirect, clock skew, a shape from
 * each erratum) the table names the right cause and the exit code is 1. The read-only run sends only reads.
 */
import { SignJWT } from "jose";
import { clientEnv, DEMO_CREDENTIALS, startEmulator, type Emulator, type FaultConfig } from "pulumi-kore-campaigns/emulator";
import { runCli } from "../../provider/cli/main";
import { SAMPLE_PROGRESSIVE } from "../fixtures/sample-bodies";

let emulator: Emulator;
let campaignId: string;

beforeAll(async () => {
  emulator = await startEmulator({ readyDelayMs: 0, contactLists: [...SAMPLE_PROGRESSIVE.contactLists] });
  // a campaign as the console would hold it: the docs' Progressive sample body
  campaignId = emulator.insert(structuredClone(SAMPLE_PROGRESSIVE) as Record<string, unknown>).id;
});
afterAll(() => emulator?.close());
beforeEach(() => {
  emulator.clearFaults();
  emulator.clearRequests();
});

/** Runs the command line as a user would; the table and last line as printed. */
async function doctor(args: string[] = [], env: Record<string, string> = {}): Promise<{ code: number; lines: string[]; last: string; row: (check: string) => string }> {
  const lines: string[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, clientEnv(emulator.url), env);
  try {
    const code = await runCli(["doctor", ...args], { out: (l) => lines.push(l), err: (l) => lines.push(`stderr: ${l}`) });
    const row = (check: string) => lines.find((l) => l.startsWith(`${check} `)) ?? `(no row ${check})`;
    return { code, lines, last: lines[lines.length - 1], row };
  } finally {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

test("against a healthy app: every check passes, the last line is ready, exit 0, and only reads reached the server", async () => {
  const r = await doctor();
  expect(r.last).toBe("ready");
  expect(r.code).toBe(0);
  expect(r.row("credentials (JWT)")).toMatch(/ok +accepted \(minted from client id cs-emulator-demo-client/);
  expect(r.row("listCampaigns (voice)")).toMatch(/ok +200 in \d+ ms; data\.results, records with _id \(get-all-voice-campaigns\), hasMore$/);
  expect(r.row("listCampaigns (sms)")).toMatch(/ok +200 .*no records/);
  expect(r.row("listContactLists")).toMatch(/ok +200 .*data as an array, records with _id \(get-all-contact-lists\)/);
  expect(r.row("getCampaign (first listed)")).toMatch(/ok +200 .*with data\._id \(get-voice-campaign-by-id\)/);
  expect(r.row("getCampaignStatus (same)")).toMatch(/ok +200 .*data\.status as text/);
  expect(r.row("answer time")).toMatch(/ok +median \d+ ms, slowest \d+ ms over 5 answers/);
  const seen = emulator.requests.map((q) => `${q.method} ${q.path.replace(`/agentassist/api/v1/public/${DEMO_CREDENTIALS.appId}`, "")}${q.query.view ? `?view=${q.query.view}` : ""}`);
  expect(seen).toEqual([
    "POST /campaign/getAllCampaignDetails",
    "POST /campaign/getAllCampaignDetails",
    "POST /campaign/contactList/getAllListDetails",
    `GET /campaign/${campaignId}`,
    `POST /campaign/${campaignId}/status?view=status`,
  ]);
  expect(emulator.requests.slice(0, 2).map((q) => (q.body as { type: string }).type)).toEqual(["voice", "sms"]);
});

const WRONG_SECRET = "not-the-demo-secret-7f3a9c";

test.each<[string, Record<string, string>, FaultConfig | undefined, RegExp]>([
  ["a wrong client secret", { KORE_CLIENT_SECRET: WRONG_SECRET }, undefined, /^not ready: fix first: credentials \(JWT\): Kore\.ai refused the token: 401 \("Invalid SDK credentials", code 4002\)\. Code 4002 means one of: the client secret is wrong, or the client id is not this JWT app's, or the JWT app lacks the "Campaign Management" API scope/],
  ["a client id of another JWT app", { KORE_CLIENT_ID: "cs-another-jwt-app" }, undefined, /^not ready: fix first: credentials \(JWT\): .*401.*code 4002.*client id cs-another-jwt-app/],
  ["a wrong app id", { KORE_APP_ID: "st-not-this-app" }, undefined, /^not ready: fix first: iid and accountId: Kore\.ai refused app id st-not-this-app .*: 403/],
  ["a wrong account id", { KORE_ACCOUNT_ID: "acct-not-this-one" }, undefined, /^not ready: fix first: iid and accountId: Kore\.ai refused accountId acct-not-this-one \(kore:accountId, KORE_ACCOUNT_ID\): 403/],
  ["a server clock 10 minutes ahead", {}, { clockSkewSeconds: 600 }, /^not ready: fix first: clock: the server's clock is 600 s ahead of this machine: a token lives 300 s/],
  ["a redirect", {}, { redirectTo: "https://kore-moved.example" }, /^not ready: fix first: redirect: listCampaigns \(voice\) answered 301 to https:\/\/kore-moved\.example\/agentassist\/.* Not followed.*set kore:host \(KORE_HOST\) to it/],
  ["every answer a 5xx", {}, { errorRate: 1 }, /^not ready: fix first: listCampaigns \(voice\): 50[023] in \d+ ms .*Kore\.ai is failing on its side/],
  ["429 with Retry-After", {}, { rateLimit429Rate: 1, retryAfterSeconds: 7 }, /^not ready: fix first: listCampaigns \(voice\): 429 rate limited in \d+ ms \(Retry-After 7\)/],
  ["list answers without paging fields (get-all-sms-campaigns' table)", {}, { shapes: { listPaging: false } }, /^not ready: fix first: listCampaigns \(voice\): 200 in \d+ ms, but the provider cannot read it: .*data\.hasMore.*seen: data\.results, records with _id \(get-all-voice-campaigns\), no paging fields/],
  ["a status answered as an array", {}, { shapes: { statusAsArray: true } }, /^not ready: fix first: getCampaignStatus \(same\): 200 in \d+ ms, but the provider cannot read it: .*data\.status: .*expected string, received array; none of the documented shapes/],
])("%s: exit 1 and the cause named first", async (_what, env, faults, cause) => {
  if (faults) emulator.setFaults(faults);
  const r = await doctor([], env);
  expect(r.code).toBe(1);
  expect(r.last).toMatch(cause);
});

test("a slow server: the answer time fails against --slow-ms and is the cause", async () => {
  emulator.setFaults({ latencyMs: 250 });
  const r = await doctor(["--slow-ms", "200"]);
  expect(r.code).toBe(1);
  expect(r.last).toMatch(/^not ready: fix first: answer time: median \d+ ms, slowest \d+ ms over 5 answers: slower than 200 ms \(--slow-ms\)/);
});

test("a redirect is not followed: one request reached the server and nothing else was tried", async () => {
  emulator.setFaults({ redirectTo: "https://kore-moved.example" });
  const r = await doctor();
  expect(emulator.requests).toHaveLength(1);
  expect(r.row("other endpoints")).toMatch(/skip +not tried/);
});

test("a 5xx says nothing about the token: the credentials are judged by the next answer that got through", async () => {
  emulator.failNext({ method: "POST", pathIncludes: "getAllCampaignDetails", status: 503, count: 2 });
  const r = await doctor();
  expect(r.row("credentials (JWT)")).toMatch(/ok +accepted/);
  emulator.clearFaults();
  emulator.setFaults({ errorRate: 1 });
  const all = await doctor();
  expect(all.row("credentials (JWT)")).toMatch(/skip +not known/);
});

test("the 429's Retry-After is reported under rate limits", async () => {
  emulator.setFaults({ rateLimit429Rate: 1, retryAfterSeconds: 7 });
  const r = await doctor();
  expect(r.row("rate limits")).toMatch(/headers seen: retry-after: 7/);
});

test.each<[string, FaultConfig["shapes"], string, RegExp]>([
  ["list records with id (get-all-campaigns)", { listRecordId: "id" }, "listCampaigns (voice)", /ok +200 .*records with id \(get-all-campaigns \/ get-all-sms-campaigns\), hasMore$/],
  ["a get record with data.id", { getRecordId: "id" }, "getCampaign (first listed)", /ok +200 .*the campaign under data, with data\.id/],
])("a documented variant, %s: recognised, named, and still ready", async (_what, shapes, check, expected) => {
  emulator.setFaults({ shapes });
  const r = await doctor();
  expect(r.row(check)).toMatch(expected);
  expect(r.last).toBe("ready");
});

test("undocumented fields: ready with a warning row per endpoint, and one warning naming each endpoint and field", async () => {
  emulator.setFaults({ shapes: { extraFields: { dialerRegion: "eu-1" } } });
  const r = await doctor();
  expect(r.code).toBe(0);
  expect(r.last).toBe("ready (4 warnings above)");
  expect(r.row("listCampaigns (voice)")).toMatch(/warn .*fields the docs do not show: data\.results\[\]\.dialerRegion/);
  expect(r.row("getCampaign (first listed)")).toMatch(/warn .*fields the docs do not show: data\.dialerRegion/);
  const warnings = r.lines.filter((l) => l.startsWith("warning: "));
  expect(warnings).toEqual([
    "warning: Kore.ai answered listCampaigns with a field the API docs do not show: data.results[].dialerRegion. They are kept as sent; please report them with a recording (kore-campaigns doctor --record FILE).",
    "warning: Kore.ai answered listContactLists with a field the API docs do not show: data[].dialerRegion. They are kept as sent; please report them with a recording (kore-campaigns doctor --record FILE).",
    "warning: Kore.ai answered getCampaign with a field the API docs do not show: data.dialerRegion. They are kept as sent; please report them with a recording (kore-campaigns doctor --record FILE).",
    "warning: Kore.ai answered getCampaignStatus with a field the API docs do not show: data.dialerRegion. They are kept as sent; please report them with a recording (kore-campaigns doctor --record FILE).",
  ]);
});

test("settings missing: the connection row fails naming them, before any call", async () => {
  const r = await doctor([], { KORE_APP_ID: "" });
  expect(r.code).toBe(1);
  expect(r.last).toMatch(/^not ready: fix first: connection: Kore\.ai connection settings are missing or conflicting: - appId \(stack config kore:appId, environment KORE_APP_ID\)/);
  expect(emulator.requests).toHaveLength(0);
});

test("a wrong secret never appears in the output", async () => {
  const r = await doctor([], { KORE_CLIENT_SECRET: WRONG_SECRET });
  expect(r.lines.join("\n")).not.toContain(WRONG_SECRET);
  expect(r.lines.join("\n")).not.toContain(DEMO_CREDENTIALS.clientSecret);
});

describe("--stack: the connection from a stack's config, read through the Pulumi CLI", () => {
  let bin: string;
  const fs = require("node:fs") as typeof import("node:fs");
  const os = require("node:os") as typeof import("node:os");
  const path = require("node:path") as typeof import("node:path");
  /** A stand-in `pulumi` on PATH that prints what `pulumi config --json --show-secrets --stack dev` prints. */
  const fakePulumi = (config: Record<string, unknown>) => {
    fs.writeFileSync(path.join(bin, "args.txt"), "");
    const script = `#!/bin/sh\necho "$@" >> "${path.join(bin, "args.txt")}"\n[ "$5" = "dev" ] || { echo "error: no stack named '$5' found" >&2; exit 255; }\ncat <<'JSON'\n${JSON.stringify(config)}\nJSON\n`;
    fs.writeFileSync(path.join(bin, "pulumi"), script, { mode: 0o755 });
  };
  beforeAll(() => {
    bin = fs.mkdtempSync(path.join(os.tmpdir(), "kore-doctor-pulumi-"));
  });
  afterAll(() => fs.rmSync(bin, { recursive: true, force: true }));
  const withPath = () => ({ PATH: `${bin}:${process.env.PATH}`, KORE_HOST: "", KORE_APP_ID: "", KORE_ACCOUNT_ID: "", KORE_CLIENT_ID: "", KORE_CLIENT_SECRET: "" });

  test("flat kore:* keys, the secret among them: ready, and the source named", async () => {
    const c = DEMO_CREDENTIALS;
    fakePulumi({
      "kore:host": { value: emulator.url, secret: false },
      "kore:appId": { value: c.appId, secret: false },
      "kore:accountId": { value: c.accountId, secret: false },
      "kore:clientId": { value: c.clientId, secret: false },
      "kore:clientSecret": { value: c.clientSecret, secret: true },
    });
    const r = await doctor(["--stack", "dev"], withPath());
    expect(r.last).toBe("ready");
    expect(r.row("connection")).toMatch(/from stack config kore:\*$/);
    expect(fs.readFileSync(path.join(bin, "args.txt"), "utf8").trim()).toBe("config --json --show-secrets --stack dev");
  });

  test("a named connection (kore:connections.NAME, an object value)", async () => {
    const c = DEMO_CREDENTIALS;
    const emea = { host: emulator.url, appId: c.appId, accountId: c.accountId, clientId: c.clientId, clientSecret: c.clientSecret };
    fakePulumi({ "kore:connections": { value: JSON.stringify({ emea }), objectValue: { emea }, secret: true } });
    const r = await doctor(["--stack", "dev", "--connection", "emea"], withPath());
    expect(r.last).toBe("ready");
    expect(r.row("connection")).toMatch(/from stack config kore:connections\.emea$/);
    const missing = await doctor(["--stack", "dev", "--connection", "apac"], withPath());
    expect(missing.last).toMatch(/^not ready: fix first: connection: connection "apac" is not defined: stack config kore:connections has only "emea"/);
  });

  test("a stack the CLI does not know: not ready, naming the stack, before any call", async () => {
    fakePulumi({});
    const r = await doctor(["--stack", "prod"], withPath());
    expect(r.code).toBe(1);
    expect(r.lines.join("\n")).toMatch(/could not read the config of stack prod with the Pulumi CLI: error: no stack named 'prod' found/);
    expect(emulator.requests).toHaveLength(0);
  });
});

test("a TLS handshake that fails (a self-signed certificate, as an intercepting proxy shows): the TLS row is the cause, nothing is sent", async () => {
  const { execFileSync } = require("node:child_process") as typeof import("node:child_process");
  const fs = require("node:fs") as typeof import("node:fs");
  const https = require("node:https") as typeof import("node:https");
  const os = require("node:os") as typeof import("node:os");
  const path = require("node:path") as typeof import("node:path");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kore-doctor-tls-"));
  const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=127.0.0.1"], { stdio: "ignore" });
  let requests = 0;
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(cert) }, (_req, res) => {
    requests += 1;
    res.end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as import("node:net").AddressInfo).port;
    const r = await doctor([], { KORE_HOST: `https://127.0.0.1:${port}` });
    expect(r.code).toBe(1);
    expect(r.last).toMatch(/^not ready: fix first: TLS: the TLS handshake with 127\.0\.0\.1:\d+ failed \(DEPTH_ZERO_SELF_SIGNED_CERT: self[- ]signed certificate\)/);
    expect(requests).toBe(0);
  } finally {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("a ready-made JWT (KORE_JWT) that has expired: the 401 is explained and the expiry named", async () => {
  const iat = Math.floor(Date.parse("2026-01-01T00:00:00Z") / 1000);
  const jwt = await new SignJWT({ appId: DEMO_CREDENTIALS.clientId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .sign(new TextEncoder().encode(DEMO_CREDENTIALS.clientSecret));
  const r = await doctor([], { KORE_CLIENT_ID: "", KORE_CLIENT_SECRET: "", KORE_JWT: jwt });
  expect(r.code).toBe(1);
  expect(r.last).toMatch(/^not ready: fix first: credentials \(JWT\): Kore\.ai refused the token: 401 .*the given JWT is expired, or not signed with its JWT app's client secret, or its app lacks the "Campaign Management" API scope\. Token the JWT given in environment KORE_\*\. It expired at 2026-01-01T00:05:00\.000Z \(its exp\)\.$/);
  expect(r.lines.join("\n")).not.toContain(jwt);
});

test("no answer within --timeout-seconds: the call is named with the timeout, and nothing else is tried", async () => {
  emulator.failNext({ method: "POST", pathIncludes: "getAllCampaignDetails", delayMs: 2500 });
  const r = await doctor(["--timeout-seconds", "1"]);
  expect(r.code).toBe(1);
  expect(r.last).toMatch(/^not ready: fix first: listCampaigns \(voice\): no answer in \d+ ms: .*timed out: no response within 1000 ms/);
  expect(r.row("other endpoints")).toMatch(/skip +not tried/);
});

test("bad flags are a usage error (exit 2) naming the flag, before anything is sent", async () => {
  const r = await doctor(["--slow-ms", "fast"]);
  expect(r.code).toBe(2);
  expect(r.lines[0]).toBe('stderr: kore-campaigns doctor: --slow-ms must be a whole number > 0 (got "fast")');
  const named = await doctor(["--connection", "emea"]);
  expect(named.code).toBe(2);
  expect(named.lines[0]).toBe("stderr: kore-campaigns doctor: --connection names an entry of a stack's config: give --stack too");
  expect(emulator.requests).toHaveLength(0);
});

test("nothing listens at the host: not ready, the first call named with 'connection refused'", async () => {
  const net = require("node:net") as typeof import("node:net");
  const port = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as import("node:net").AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
  const r = await doctor([], { KORE_HOST: `http://127.0.0.1:${port}` });
  expect(r.code).toBe(1);
  expect(r.last).toMatch(/^not ready: fix first: listCampaigns \(voice\): no answer in \d+ ms: .*connection refused \(ECONNREFUSED/);
});

test.each([
  ["plain http to another host", { KORE_HOST: "http://platform.kore.example" }, /host: must use https:\/\/ \(plain http is only allowed for loopback hosts\)/],
  ["an app id that is not a plain id", { KORE_APP_ID: "st-x/../../y" }, /appId: must be a plain id/],
])("%s: the connection row fails with the rule, nothing is sent", async (_what, env, rule) => {
  const r = await doctor([], env);
  expect(r.code).toBe(1);
  expect(r.last).toMatch(/^not ready: fix first: connection: /);
  expect(r.last).toMatch(rule);
  expect(emulator.requests).toHaveLength(0);
});
