/**
 * The JWT sent in Kore.ai's `auth` header (api-introduction: "Generating the JWT Token").
 *
 * Kore's recipe: HS256, signed with the JWT app's client secret, payload `{ sub, appId: <client id> }`
 * (the claim must be spelled exactly `appId`). We add `iat`, a short `exp` and a fresh `jti`, so apps
 * with "Enforce JTI" accept the calls.
 *
 * A fresh token is minted for every HTTP attempt (retries included), never cached: signing HS256 costs
 * microseconds, and a `jti` must not be replayed. (So the "re-mint when < 60 s are left" rule is
 * moot: a token is at most one attempt old, and attempts are bounded by the request timeout.)
 */
import { randomUUID } from "node:crypto";
// The signer alone (jose's documented `jose/jwt/sign` export): the package index loads all of jose, 84 modules
// and ~3 MB of a provider process's memory, for the one class used here. Required, as this project's
// `moduleResolution` does not read a package's `exports` for types; typed by the index's declaration.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SignJWT } = require("jose/jwt/sign") as Pick<typeof import("jose"), "SignJWT">;
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

/** Mints one HS256 JWT: `{ appId: clientId, sub: clientId, iat, exp, jti }`. */
export async function mintJwt(creds: ClientCredentials, opts: MintOptions = {}): Promise<string> {
  const ttl = opts.ttlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
  const iat = Math.floor((opts.nowMs ?? Date.now)() / 1000);
  return new SignJWT({ appId: creds.clientId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(creds.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + ttl)
    .setJti((opts.jti ?? randomUUID)())
    .sign(new TextEncoder().encode(creds.clientSecret));
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
  return { token: () => mintJwt(client, opts), secrets: [client.clientSecret] };
}
