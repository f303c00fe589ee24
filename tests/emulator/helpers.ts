/** Shared helpers for the emulator tests: start an emulator, mint tokens, call it over real HTTP. */
import { SignJWT } from "jose";
import { request } from "undici";
import { startEmulator, type Emulator, type EmulatorCredentials, type EmulatorOptions } from "pulumi-kore-campaigns/emulator";

export type Body = Record<string, unknown>;

export interface Reply {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

/** The contact list every sample campaign body of the docs names (create-voice-campaign-*.md, update-voice-campaign.md). */
export const SAMPLE_LIST = "Recent Buyers - Q2 2025";

/**
 * An emulator per test file with a short ready delay; closed after the file. It has the sample bodies' contact
 * list (campaigns may only name existing lists) unless `opts.contactLists` says otherwise.
 */
export function useEmulator(opts: EmulatorOptions = {}): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({ readyDelayMs: 50, contactLists: [SAMPLE_LIST], ...opts });
  });
  afterAll(async () => {
    await emulator?.close();
  });
  return () => {
    if (!emulator) throw new Error("emulator not started");
    return emulator;
  };
}

/** A token as Kore expects: HS256 with the client secret, claim appId = client id. */
export async function mintToken(
  creds: EmulatorCredentials,
  opts: { claims?: Record<string, unknown>; secret?: string; alg?: string; expiresIn?: string | number } = {},
): Promise<string> {
  const jwt = new SignJWT({ appId: creds.clientId, sub: "emulator-tests", ...opts.claims })
    .setProtectedHeader({ alg: opts.alg ?? "HS256", typ: "JWT" })
    .setIssuedAt();
  if (opts.expiresIn !== undefined) jwt.setExpirationTime(opts.expiresIn);
  return jwt.sign(new TextEncoder().encode(opts.secret ?? creds.clientSecret));
}

export async function standardHeaders(emu: Emulator, token?: string): Promise<Record<string, string>> {
  return {
    auth: token ?? (await mintToken(emu.credentials)),
    iid: emu.credentials.appId,
    accountId: emu.credentials.accountId,
  };
}

/** One HTTP call. `headers: null` sends no Kore headers at all; otherwise they are merged over the standard ones. */
export async function call(
  emu: Emulator,
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: string; headers?: Record<string, string | undefined> | null } = {},
): Promise<Reply> {
  const base = opts.headers === null ? {} : await standardHeaders(emu);
  const merged: Record<string, string> = { "content-type": "application/json" };
  for (const [k, v] of Object.entries({ ...base, ...(opts.headers ?? {}) })) if (v !== undefined) merged[k] = v;
  const payload = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const res = await request(`${emu.url}${path}`, { method: method as "GET", headers: merged, body: payload });
  const text = await res.body.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep the text */
  }
  return { status: res.statusCode, body, headers: res.headers };
}

/** The documented paths. */
export function paths(appId: string) {
  const base = `/agentassist/api/v1/public/${appId}/campaign`;
  return {
    create: `${base}?campaignType=voice`,
    list: `${base}/getAllCampaignDetails`,
    get: (id: string) => `${base}/${id}`,
    update: (id: string) => `${base}/${id}?campaignType=voice`,
    remove: (id: string) => `${base}/${id}?campaignType=voice`,
    status: (id: string) => `${base}/${id}/status?view=status`,
    play: (id: string) => `/campaign/api/v1/public/${appId}/campaign/${id}?campaignType=voice&trigger=play`,
    stop: (id: string) => `/campaign/api/v1/public/${appId}/campaign/${id}?campaignType=voice&trigger=stop`,
    createList: `${base}/contactList/createContactList`,
    allLists: `${base}/contactList/getAllListDetails?type=call`,
    contactList: (id: string) => `${base}/contactList/${id}`,
  };
}

/** A copy of a sample body with another name (names are unique per app). */
export function named(sample: Body, name: string): Body {
  return { ...structuredClone(sample), name };
}

/** Creates through the API and returns the id (any mode). */
export async function createCampaign(emu: Emulator, body: Body): Promise<string> {
  const reply = await call(emu, "POST", paths(emu.credentials.appId).create, { body });
  if (reply.status !== 200) throw new Error(`create failed: ${reply.status} ${JSON.stringify(reply.body)}`);
  return (reply.body.data?.id ?? reply.body.id) as string;
}

/** Polls the status endpoint until `status` or a generous deadline. */
export async function waitForStatus(emu: Emulator, id: string, status: string, deadlineMs = 10_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const reply = await call(emu, "POST", paths(emu.credentials.appId).status(id));
    if (reply.body?.data?.status === status) return;
    if (Date.now() > until) throw new Error(`campaign ${id} did not reach ${status} (last ${JSON.stringify(reply.body)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let counter = 0;
export const uniqueName = (prefix: string): string => `${prefix} ${++counter}`.slice(0, 48);
