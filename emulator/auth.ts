/**
 * Kore's authentication: header `auth: <JWT>` signed HS256 with the client secret, whose `appId` claim is the
 * client id; then the tenant headers `iid` (the app id) and `accountId`.
 */
import { jwtVerify } from "jose";
import type { EmulatorCredentials } from "./types";

export type AuthResult = { ok: true } | { ok: false; status: number; code: number; msg: string; reason: string };

/** Kore's answer to any token problem. */
export const INVALID_CREDENTIALS = "Invalid SDK credentials";
const INVALID_CREDENTIALS_CODE = 4002;

const refuseToken = (reason: string): AuthResult => ({ ok: false, status: 401, code: INVALID_CREDENTIALS_CODE, msg: INVALID_CREDENTIALS, reason });
const forbid = (msg: string): AuthResult => ({ ok: false, status: 403, code: 403, msg, reason: msg });

/** How many used `jti`s to remember at most (oldest forgotten first). */
const MAX_SEEN_JTIS = 100_000;

export interface TenantInput {
  pathAppId: string;
  iidHeader?: string;
  accountIdHeader?: string;
  accountIdQuery?: string;
  /** The list call: Kore's own curl sends neither `iid` nor `accountId` headers, only `?accountId=`. */
  isList: boolean;
}

export class Authenticator {
  private readonly key: Uint8Array;
  /** jti -> the token's exp (epoch seconds) or Infinity. */
  private readonly seenJtis = new Map<string, number>();

  constructor(
    private readonly creds: EmulatorCredentials,
    private readonly opts: { enforceJti: boolean },
  ) {
    this.key = new TextEncoder().encode(creds.clientSecret);
  }

  /** Verifies signature (HS256 only), expiry (at `nowMs`, the server's clock) and the `appId` claim; with enforceJti, a fresh `jti`. */
  async verifyToken(token: string | undefined, nowMs: number = Date.now()): Promise<AuthResult> {
    if (!token) return refuseToken("no auth header");
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, { algorithms: ["HS256"], currentDate: new Date(nowMs) }));
    } catch (err) {
      return refuseToken(`token rejected: ${(err as { code?: string }).code ?? "invalid"}`);
    }
    if (payload.appId !== this.creds.clientId) return refuseToken("appId claim is not the client id");
    if (this.opts.enforceJti) {
      const jti = payload.jti;
      if (typeof jti !== "string" || jti.length === 0) return refuseToken("jti claim missing (Enforce JTI)");
      if (this.seenJtis.has(jti)) return refuseToken("jti already used (Enforce JTI)");
      this.remember(jti, typeof payload.exp === "number" ? payload.exp : Infinity);
    }
    return { ok: true };
  }

  private remember(jti: string, exp: number): void {
    const nowSeconds = Date.now() / 1000;
    if (this.seenJtis.size >= MAX_SEEN_JTIS) {
      for (const [k, e] of this.seenJtis) if (e < nowSeconds) this.seenJtis.delete(k);
      if (this.seenJtis.size >= MAX_SEEN_JTIS) this.seenJtis.delete(this.seenJtis.keys().next().value as string);
    }
    this.seenJtis.set(jti, exp);
  }

  /** The `iid` header and the path must name this app; the `accountId` (header, or query on the list call) this account. */
  checkTenant(t: TenantInput): AuthResult {
    const { appId, accountId } = this.creds;
    if (t.iidHeader === undefined && !t.isList) return forbid("iid header is required (the application id)");
    if (t.iidHeader !== undefined && t.iidHeader !== appId) return forbid(`iid header "${t.iidHeader}" is not an application these credentials can access`);
    if (t.pathAppId !== appId) return forbid(`application "${t.pathAppId}" in the path is not an application these credentials can access`);
    const account = t.accountIdHeader ?? (t.isList ? t.accountIdQuery : undefined);
    if (account === undefined) {
      return forbid(t.isList ? "accountId is required (header or ?accountId= query)" : "accountId header is required");
    }
    if (account !== accountId) return forbid(`accountId "${account}" does not match the application's account`);
    return { ok: true };
  }
}
