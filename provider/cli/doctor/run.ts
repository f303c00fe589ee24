/**
 * `kore-campaigns doctor`: the first contact with a tenant. It resolves the connection as the provider does
 * (connection.ts), checks the host, TLS and clock, then makes read-only calls with the provider's own client
 * (the same paths, headers, token and parsers; no retries, so a 429 or a 5xx is reported, not waited out) and
 * prints a table of what it saw. `--write-probe` adds the probe of probe.ts; `--record FILE` writes every
 * exchange, secrets removed (record.ts).
 */
import * as dns from "node:dns/promises";
import * as fs from "node:fs";
import * as tls from "node:tls";
import { KoreClient } from "../../kore-api/client";
import { redactSecrets } from "../../kore-api/errors";
import { resetReportedFields, setWarningSink } from "../../kore-api/shapes";
import { isLoopbackHost, parseKoreHost, type KoreTarget } from "../../kore-api/target";
import { resolveConnection, secretsOf, type ResolvedConnection, type SettingSource } from "../../pulumi/connection";
import { clockRow, credentialsRow, endpointRow, formatTable, rateLimitRow, redirectRow, tenantRow, timingRow, verdict, type CallOutcome, type CredentialsInfo, type Row } from "./checks";
import { runWriteProbe, type ProbeOptions } from "./probe";
import { ExchangeRecorder } from "./record";

export interface DoctorOptions {
  env?: NodeJS.ProcessEnv;
  /** Stack config (`--stack`), as the engine hands it to the provider. Default: none (environment only). */
  config?: SettingSource;
  /** A named connection (`kore:connections.NAME`). */
  connection?: string;
  writeProbe?: boolean;
  probe?: ProbeOptions;
  recordFile?: string;
  /** An answer slower than this fails the "answer time" check. Default 5000. */
  slowMs?: number;
  /** Per call: the longest wait for an answer. Default 10 000. */
  timeoutMs?: number;
  out: (line: string) => void;
}

export interface DoctorResult {
  ready: boolean;
  rows: Row[];
  /** What the write probe could not delete, with ids. */
  leftovers: string[];
}

const DEFAULT_SLOW_MS = 5000;
const DEFAULT_TIMEOUT_MS = 10_000;
/** How many campaigns the list calls ask for: one is enough to find a campaign to read. */
const LIST_LIMIT = 5;

export async function runDoctor(options: DoctorOptions): Promise<DoctorResult> {
  const { out } = options;
  const startedAt = new Date().toISOString();
  let conn: ResolvedConnection;
  try {
    conn = resolveConnection(options.connection, options.config ?? (() => undefined), options.env ?? process.env);
  } catch (err) {
    const rows = [{ check: "connection", result: "FAIL" as const, detail: (err as Error).message.replace(/\n\s*/g, " ") }];
    return finish(out, rows, []);
  }
  const secrets = secretsOf(conn);
  const scrub = (text: string) => redactSecrets(text, secrets);
  const recorder = new ExchangeRecorder();
  let origin: string;
  let client: KoreClient;
  try {
    origin = parseKoreHost(conn.target.host);
    client = new KoreClient(conn.target, conn.credentials, {
      retry: { maxRetries: 0 },
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      connectTimeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      deadlineMs: (options.timeoutMs ?? DEFAULT_TIMEOUT_MS) * 2,
      userAgent: "pulumi-kore-campaigns doctor",
      interceptors: [recorder.interceptor()],
    });
  } catch (err) {
    // the host rule (https://, a bare origin), a plain app or account id, the credentials' form: refused before any call
    return finish(out, [{ check: "connection", result: "FAIL", detail: scrub((err as Error).message.replace(/\n\s*/g, " ")) }], []);
  }
  const rows: Row[] = [connectionRow(conn)];

  rows.push(await hostRow(origin));
  rows.push(await tlsRow(origin));
  if (rows.some((r) => r.result === "FAIL")) {
    await client.close();
    return finish(out, scrubbed(rows, scrub), []);
  }

  const warnings: string[] = [];
  const previousSink = setWarningSink((w) => warnings.push(w));
  resetReportedFields(); // every unknown field of this run is reported, whatever an earlier run in this process saw
  const call = <T>(step: string, kind: CallOutcome["call"], fn: () => Promise<T>) => recorder.observe(step, kind, fn);
  let leftovers: string[] = [];
  try {
    const voice = await call("listCampaigns (voice)", "listCampaigns", () => client.listCampaignsPage({ limit: LIST_LIMIT, skip: 0, page: 1, type: "voice" }));
    const outcomes: CallOutcome[] = [voice];
    // a token or tenant refused, a redirect or no answer at all: every other call would end the same way
    const status = voice.exchange?.response?.status;
    const blocked = status === undefined || status === 401 || status === 403 || (status >= 300 && status < 400);
    if (!blocked) {
      outcomes.push(await call("listCampaigns (sms)", "listCampaigns", () => client.listCampaignsPage({ limit: LIST_LIMIT, skip: 0, page: 1, type: "sms" })));
      outcomes.push(await call("listContactLists", "listContactLists", () => client.listContactLists()));
      const first = voice.value?.records[0];
      if (first) {
        outcomes.push(await call("getCampaign (first listed)", "getCampaign", () => client.getCampaign(first.id)));
        outcomes.push(await call("getCampaignStatus (same)", "getCampaignStatus", () => client.getCampaignStatus(first.id)));
      }
    }
    rows.push(redirectRow(outcomes));
    rows.push(clockRow(recorder.exchanges));
    rows.push(credentialsRow(outcomes, credentialKind(conn)));
    rows.push(tenantRow(outcomes, conn.target));
    if (blocked) {
      rows.push(endpointRow(voice)); // never "ok": no answer, a redirect, a 401 or a 403
      rows.push({ check: "other endpoints", result: "skip", detail: "not tried: the first call did not get through (see above)" });
    } else {
      for (const o of outcomes) rows.push(endpointRow(o));
      if (!voice.value?.records[0]) {
        const why = voice.value ? "no voice campaign in the app to read (run again once one exists, or use --write-probe)" : "not tried: the voice listing gave no campaign to read";
        rows.push({ check: "getCampaign, getCampaignStatus", result: "skip", detail: why });
      }
    }
    rows.push(rateLimitRow(recorder.exchanges));
    rows.push(timingRow(recorder.exchanges, options.slowMs ?? DEFAULT_SLOW_MS));
    out("read-only checks:");
    for (const line of formatTable(scrubbed(rows, scrub))) out(line);

    const readOnly = verdict(rows);
    if (options.writeProbe) {
      if (!readOnly.ready) {
        const skipped: Row = { check: "write probe", result: "skip", detail: "not run: fix the read-only checks first" };
        out(formatTable([skipped])[0]);
        rows.push(skipped);
      } else {
        const probe = await runWriteProbe(client, recorder, { ...options.probe, target: conn.target, announce: (line) => out(scrub(line)) });
        leftovers = probe.leftovers;
        out("write probe:");
        for (const line of formatTable(scrubbed(probe.rows, scrub))) out(line);
        rows.push(...probe.rows);
      }
    }
    for (const w of warnings) out(`warning: ${scrub(w)}`);
  } finally {
    setWarningSink(previousSink);
    await client.close();
    if (options.recordFile) {
      const recording = recorder.recording(conn.target, startedAt, secrets);
      fs.writeFileSync(options.recordFile, `${JSON.stringify(recording, null, 2)}\n`, { mode: 0o600 });
      out(`recorded ${recording.exchanges.length} exchanges to ${options.recordFile} (secrets and tokens removed; ids kept)`);
    }
  }
  return finish(out, rows, leftovers, true);
}

function finish(out: (line: string) => void, rows: Row[], leftovers: string[], printed = false): DoctorResult {
  if (!printed) for (const line of formatTable(rows)) out(line);
  for (const l of leftovers) out(`left on the server: ${l}`);
  const v = verdict(rows);
  out(leftovers.length > 0 && v.ready ? `not ready: the write probe left ${leftovers.length} thing(s) on the server (above): delete them by hand` : v.line);
  return { ready: v.ready && leftovers.length === 0, rows, leftovers };
}

function scrubbed(rows: Row[], scrub: (t: string) => string): Row[] {
  return rows.map((r) => ({ ...r, detail: scrub(r.detail) }));
}

function credentialKind(conn: ResolvedConnection): CredentialsInfo {
  if (!("jwt" in conn.credentials)) return { source: conn.source, kind: "client", clientId: conn.credentials.clientId };
  return { source: conn.source, kind: "jwt", jwtExpiresAt: expiryOf(conn.credentials.jwt) };
}

/** A JWT's `exp` claim (its payload is base64url JSON), or undefined when it has none or cannot be read. */
function expiryOf(jwt: string): Date | undefined {
  try {
    const exp = (JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown }).exp;
    return typeof exp === "number" ? new Date(exp * 1000) : undefined;
  } catch {
    return undefined;
  }
}

function connectionRow(conn: ResolvedConnection): Row {
  const t: KoreTarget = conn.target;
  const creds = "jwt" in conn.credentials ? "a ready-made JWT" : `client id ${conn.credentials.clientId} and its secret`;
  return { check: "connection", result: "ok", detail: `${t.host}, app ${t.appId}, account ${t.accountId}; ${creds}, from ${conn.source}` };
}

async function hostRow(origin: string): Promise<Row> {
  const { hostname } = new URL(origin);
  const name = hostname.replace(/^\[|\]$/g, "");
  try {
    const found = await dns.lookup(name, { all: true });
    return { check: "host", result: "ok", detail: `${hostname} resolves to ${found.map((a) => a.address).slice(0, 3).join(", ")}` };
  } catch (err) {
    const code = (err as { code?: string }).code ?? "error";
    return { check: "host", result: "FAIL", detail: `${hostname} does not resolve (${code}): check kore:host (KORE_HOST), e.g. https://platform.kore.ai` };
  }
}

/** A TLS handshake with certificate checks, as the client makes it; plain http only on loopback (target.ts). */
async function tlsRow(origin: string): Promise<Row> {
  const url = new URL(origin);
  if (url.protocol === "http:") {
    return { check: "TLS", result: isLoopbackHost(url.hostname) ? "ok" : "FAIL", detail: "plain http, allowed for loopback hosts only (the emulator)" };
  }
  const port = Number(url.port || 443);
  const servername = /^[\d.]+$|^\[/.test(url.hostname) ? undefined : url.hostname;
  return new Promise<Row>((resolve) => {
    const socket = tls.connect({ host: url.hostname.replace(/^\[|\]$/g, ""), port, servername, timeout: DEFAULT_TIMEOUT_MS }, () => {
      const cert = socket.getPeerCertificate();
      const until = cert?.valid_to ? `, certificate valid until ${new Date(cert.valid_to).toISOString().slice(0, 10)}` : "";
      resolve({ check: "TLS", result: "ok", detail: `${socket.getProtocol() ?? "TLS"}${until}` });
      socket.end();
    });
    socket.on("timeout", () => {
      resolve({ check: "TLS", result: "FAIL", detail: `no TLS handshake within ${DEFAULT_TIMEOUT_MS / 1000} s at ${url.host}` });
      socket.destroy();
    });
    socket.on("error", (err) => {
      const code = (err as { code?: string }).code;
      resolve({ check: "TLS", result: "FAIL", detail: `the TLS handshake with ${url.host} failed (${code ?? "error"}: ${err.message}): a proxy that intercepts TLS, a wrong port, or a bad certificate` });
    });
  });
}
