/**
 * The JWT sent in Kore.ai's `auth` header (api-introduction: "Generating the JWT Token").
 *
 * Kore's recipe: HS256, signed with the JWT app's client secret, payload `{ sub, appId: <client id> }`
 * (the claim must be spelled exactly `appId`). We add `iat`, a short `exp` and a fresh `jti`, so apps
 * with "Enforce JTI" accept the calls.
 *
 * A fresh token is minted for every HTTP attempt (retries included), never cached: signing HS256 costs
 * microseconds, and a `jti` must not be replayed. It is signed with node:crypto's HMAC, synchronously, with the
 * key and the encoded header made once per credentials (a JWS compact serialization is three base64url parts;
 * jose's async SignJWT was about 6% of the provider's CPU per create, and loading it a few MB of memory). The
 * tests verify the tokens with jose, and the emulator checks them with it. (So the "re-mint when < 60 s are left" rule is
 * moot: a token is at most one attempt old, and attempts are bounded by the request timeout.)
 */
import { createHmac, createSecretKey, randomUUID, type KeyObject } from "node:crypto";
import { ValidationError } from "./errors";

/** The JWT app's client id and secret; a token is minted per request. */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** A ready-made JWT, sent as is on every request (its claims and expiry are the caller's business). */
export interface JwtCredentials {
  jwt: string;
}

export type KoreCredentials = ClientCredentials | JwtCredentials;

/** Every credential field a connection may hold; a resource's inputs hold none of them. */
export const CREDENTIAL_FIELDS = ["clientId", "clientSecret", "jwt"] as const;

export interface MintOptions {
  /** Token lifetime in seconds. Default 300. */
  ttlSeconds?: number;
  /** Clock, for tests. Default `Date.now`. */
  nowMs?: () => number;
  /** jti generator, for tests. Default `crypto.randomUUID`. */
  jti?: () => string;
}

export const DEFAULT_TOKEN_TTL_SECONDS = 300;

/** `{"alg":"HS256","typ":"JWT"}`, base64url: the same for every token. */
const HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url");

/** An HS256 signer for one client: the key made once. */
function signer(creds: ClientCredentials, opts: MintOptions): () => string {
  const key: KeyObject = createSecretKey(Buffer.from(creds.clientSecret, "utf8"));
  const ttl = opts.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const now = opts.nowMs ?? Date.now;
  const jti = opts.jti ?? randomUUID;
  return () => {
    const iat = Math.floor(now() / 1000);
    const payload = Buffer.from(JSON.stringify({ appId: creds.clientId, sub: creds.clientId, iat, exp: iat + ttl, jti: jti() })).toString("base64url");
    const signingInput = `${HEADER}.${payload}`;
    return `${signingInput}.${createHmac("sha256", key).update(signingInput).digest("base64url")}`;
  };
}

/** Mints one HS256 JWT: `{ appId: clientId, sub: clientId, iat, exp, jti }`. */
export async function mintJwt(creds: ClientCredentials, opts: MintOptions = {}): Promise<string> {
  return signer(creds, opts)();
}

/** Where the client gets the `auth` header value for each attempt, and which strings it must never leak. */
export interface TokenSource {
  token(): Promise<string>;
  /** The client secret or the ready-made JWT: to be redacted from every error. */
  readonly secrets: readonly string[];
}

/** Checks the credentials' shape (refusing before any request) and returns a token source. */
export function createTokenSource(creds: KoreCredentials, opts: MintOptions = {}): TokenSource {
  if (creds === null || typeof creds !== "object") {
    throw new ValidationError("Kore.ai credentials are missing", [{ path: "credentials", message: "expected { clientId, clientSecret } or { jwt }" }]);
  }
  if ("jwt" in creds && creds.jwt !== undefined) {
    const jwt = creds.jwt;
    if (typeof jwt !== "string" || !/^[\x21-\x7e]+$/.test(jwt)) {
      throw new ValidationError("Kore.ai credentials are invalid", [
        { path: "jwt", message: "must be a non-empty token without spaces or control characters" },
      ]);
    }
    return { token: async () => jwt, secrets: [jwt] };
  }
  const { clientId, clientSecret } = creds as Partial<ClientCredentials>;
  const failures = [];
  if (typeof clientId !== "string" || clientId.trim() === "") failures.push({ path: "clientId", message: "must be a non-empty string" });
  if (typeof clientSecret !== "string" || clientSecret === "") failures.push({ path: "clientSecret", message: "must be a non-empty string" });
  if (failures.length > 0) throw new ValidationError("Kore.ai credentials are invalid", failures);
  const client = { clientId: clientId as string, clientSecret: clientSecret as string };
  const sign = signer(client, opts);
  return { token: async () => sign(), secrets: [client.clientSecret] };
}
